import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { METHOD_NAMES } from '../../src/shared/api';
import { AppError } from '../../src/shared/errors';
import { parseShellArgs } from '../../src/main/electron/args';
import { readPickedFiles, saveFilters, writeExportFile } from '../../src/main/electron/bridge-files';
import { CHANNELS, MENU_COMMANDS, isMenuCommand } from '../../src/main/electron/channels';
import {
  MAX_OPEN_FILE_BYTES,
  OpenFilesRequest,
  RpcRequest,
  SaveFileRequest,
  ShowInFolderRequest,
  canReveal,
  checkOpenSizes,
  parseIpc,
  safeFileName,
} from '../../src/main/electron/ipc-schemas';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'electron-ipc-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function refused(fn: () => unknown, code = 'invalid_input'): AppError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, /[\u4e00-\u9fff]/, 'the message is Chinese');
    assert.doesNotMatch(e.message, /\n\s+at /, 'no stack trace in the message');
    return e;
  }
  assert.fail('expected a refusal');
}

test('rpc: only known method names, any input (the core validates it)', () => {
  assert.deepEqual(parseIpc(RpcRequest, ['reports.list', { agencyId: 1 }], '请求'), ['reports.list', { agencyId: 1 }]);
  for (const name of METHOD_NAMES) assert.equal(parseIpc(RpcRequest, [name, {}], '请求')[0], name);
  for (const args of [[], ['constructor', {}], ['__proto__', {}], ['reports.drop', {}], [42, {}], [null], [{ name: 'reports.list' }], ['reports.list', {}, 'extra']]) {
    refused(() => parseIpc(RpcRequest, args, '请求'));
  }
});

test('saveFile: a name and base64, nothing else', () => {
  assert.deepEqual(parseIpc(SaveFileRequest, ['报告.docx', 'UEsDBA=='], '保存请求'), ['报告.docx', 'UEsDBA==']);
  for (const args of [[], ['', 'UEsDBA=='], ['a.docx', 'not base64!'], ['a.docx', 42], ['a.docx'], [{}, 'UEsDBA=='], ['x'.repeat(300), 'UEsDBA==']]) {
    refused(() => parseIpc(SaveFileRequest, args, '保存请求'));
  }
});

test('openFiles: bounded filters of plain extensions', () => {
  const ok = [[{ name: 'Word 文档', extensions: ['docx'] }, { name: '所有文件', extensions: ['*'] }], true];
  assert.deepEqual(parseIpc(OpenFilesRequest, ok, '打开请求'), ok);
  for (const args of [
    [[{ name: 'x', extensions: ['../../etc'] }], false],
    [[{ name: 'x', extensions: ['docx;rm -rf'] }], false],
    [[{ name: '', extensions: ['docx'] }], false],
    [[{ name: 'x', extensions: [] }], false],
    [Array.from({ length: 11 }, () => ({ name: 'x', extensions: ['a'] })), false],
    [[], 'yes'],
    [{}, true],
  ]) {
    refused(() => parseIpc(OpenFilesRequest, args, '打开请求'));
  }
});

test('showInFolder: one path string', () => {
  assert.deepEqual(parseIpc(ShowInFolderRequest, ['/home/u/a.docx'], '路径'), ['/home/u/a.docx']);
  for (const args of [[], [''], [42], ['x'.repeat(5000)], ['/a', '/b']]) refused(() => parseIpc(ShowInFolderRequest, args, '路径'));
});

test('menu commands: the runtime list matches the bridge and rejects anything else', () => {
  assert.deepEqual([...MENU_COMMANDS].sort(), ['about', 'backup', 'dataFolder', 'export', 'import', 'new', 'open', 'settings']);
  for (const c of MENU_COMMANDS) assert.equal(isMenuCommand(c), true);
  for (const c of ['quit', '', 'NEW', null, 1, {}, 'toString']) assert.equal(isMenuCommand(c), false, String(c));
  assert.equal(new Set(Object.values(CHANNELS)).size, Object.values(CHANNELS).length, 'channel names are distinct');
});

test('suggested file names are reduced to a bare, portable name', () => {
  assert.equal(safeFileName('抚顺市教育局2025年政府信息公开工作年度报告.docx'), '抚顺市教育局2025年政府信息公开工作年度报告.docx');
  assert.equal(safeFileName('../../etc/passwd'), 'passwd');
  assert.equal(safeFileName('C:\\Windows\\System32\\evil.dll'), 'evil.dll');
  assert.equal(safeFileName('a<b>c:d"e|f?g*h.docx'), 'a_b_c_d_e_f_g_h.docx');
  assert.equal(safeFileName('报告\u0000.docx'), '报告_.docx');
  assert.equal(safeFileName('...'), '年度报告.docx');
  assert.equal(safeFileName('  .hidden.docx '), 'hidden.docx');
  assert.equal(safeFileName('CON.docx'), '年度报告.docx');
  assert.equal(safeFileName('/'), '年度报告.docx');
  assert.ok(safeFileName('长'.repeat(500)).length <= 200);
});

test('only files the app wrote, or its data folder, can be revealed', () => {
  const dataDir = join(dir, 'data');
  const saved = new Set([join(dir, 'exports', '报告.docx')]);
  assert.equal(canReveal(join(dir, 'exports', '报告.docx'), saved, [dataDir]), true);
  assert.equal(canReveal(join(dataDir, 'reports.sqlite'), saved, [dataDir]), true);
  assert.equal(canReveal(join(dataDir, 'backups', 'b.sqlite'), saved, [dataDir]), true);
  assert.equal(canReveal(join(dataDir, '..', 'other.txt'), saved, [dataDir]), false);
  assert.equal(canReveal(`${dataDir}-evil/x`, saved, [dataDir]), false);
  assert.equal(canReveal(dataDir, saved, [dataDir]), false);
  assert.equal(canReveal('/etc/passwd', saved, [dataDir]), false);
  assert.equal(canReveal('relative/path.docx', saved, [dataDir]), false);
  assert.equal(canReveal(`${join(dataDir, 'a')}\0`, saved, [dataDir]), false);
  assert.equal(canReveal(join(dir, 'elsewhere', 'db.sqlite'), saved, [dataDir, join(dir, 'elsewhere')]), true, 'a --db folder');
  assert.equal(canReveal(join(dir, 'elsewhere', 'db.sqlite'), saved, []), false);
});

test('open: oversized picks are refused before reading, with sizes in Chinese', () => {
  const e = refused(() => checkOpenSizes([{ name: '大文件.docx', bytes: MAX_OPEN_FILE_BYTES + 1 }]), 'too_large');
  assert.match(e.message, /大文件\.docx.*50\.0 MB/);
  refused(() => checkOpenSizes(Array.from({ length: 5 }, (_, i) => ({ name: `${i}.docx`, bytes: 45 * 1024 * 1024 }))), 'too_large');
  refused(() => checkOpenSizes(Array.from({ length: 201 }, (_, i) => ({ name: `${i}.docx`, bytes: 1 }))), 'too_large');
  checkOpenSizes([{ name: 'a.docx', bytes: MAX_OPEN_FILE_BYTES }]);
});

test('open: real files come back as name + base64', async () => {
  const a = join(dir, '2024年报.txt');
  writeFileSync(a, '一、总体情况\n');
  const files = await readPickedFiles([a]);
  assert.equal(files.length, 1);
  assert.equal(files[0]!.fileName, '2024年报.txt');
  assert.equal(Buffer.from(files[0]!.data, 'base64').toString('utf8'), '一、总体情况\n');
});

test('open: a sparse 60 MB file is refused by size; a missing file is named', async () => {
  const big = join(dir, 'big.docx');
  writeFileSync(big, '');
  truncateSync(big, 60 * 1024 * 1024);
  await assert.rejects(readPickedFiles([big]), (e: unknown) => e instanceof AppError && e.code === 'too_large' && /big\.docx/.test(e.message));
  await assert.rejects(readPickedFiles([join(dir, 'gone.docx')]), (e: unknown) => e instanceof AppError && /找不到“gone\.docx”/.test(e.message));
  await assert.rejects(readPickedFiles([dir]), (e: unknown) => e instanceof AppError && /文件夹/.test(e.message));
});

test('save: writes the bytes, replaces an old file whole, leaves no temporary file', async () => {
  const target = join(dir, 'out', '报告.docx');
  await assert.rejects(writeExportFile(target, Buffer.from('x').toString('base64')), (e: unknown) => e instanceof AppError && /无法保存“报告\.docx”：目标文件夹不存在/.test(e.message));
  const ok = join(dir, '报告.docx');
  writeFileSync(ok, 'old content that is longer than the new one');
  await writeExportFile(ok, Buffer.from('PK\u0003\u0004新').toString('base64'));
  assert.equal(readFileSync(ok, 'utf8'), 'PK\u0003\u0004新');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('save dialog filters follow the extension', () => {
  assert.deepEqual(saveFilters('a.docx')[0], { name: 'Word 文档', extensions: ['docx'] });
  assert.deepEqual(saveFilters('a.JSON')[0], { name: '年报交换文件', extensions: ['json'] });
  // the 统计表 export and the 批量检查 workbook
  assert.deepEqual(saveFilters('结果.xlsx')[0], { name: 'Excel 工作簿', extensions: ['xlsx'] });
  assert.deepEqual(saveFilters('noext'), [{ name: '所有文件', extensions: ['*'] }]);
});

test('--db passes through from npm start; Chromium switches and a missing value are ignored', () => {
  assert.deepEqual(parseShellArgs(['--db', 'data/a.sqlite'], '/home/u'), { dbPath: '/home/u/data/a.sqlite' });
  assert.deepEqual(parseShellArgs(['--no-sandbox', '--db=/srv/b.sqlite'], '/home/u'), { dbPath: '/srv/b.sqlite' });
  assert.deepEqual(parseShellArgs(['--db'], '/home/u'), {});
  assert.deepEqual(parseShellArgs(['--db', '--inspect'], '/home/u'), {});
  assert.deepEqual(parseShellArgs(['--lang=zh-CN', 'x'], '/home/u'), {});
});
