import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../src/main/cli/main';
import { parseAgencyLevel } from '../../src/shared/agency';
import { toExchange, type ReportDoc } from '../../src/shared/report';
import { unitReport } from '../aggregate/generate';

// The small faults of issue 10, through the real command line (main with captured output, or a child process).

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cli-faults-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function saveExchange(doc: ReportDoc, path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(toExchange(doc)));
  return path;
}

test('aggregate --out into a folder that does not exist: the folder is made; an unwritable path is a Chinese input error', async () => {
  const units = join(dir, 'units');
  saveExchange(unitReport(31, 2025, '某某县教育局'), join(units, 'a.json'));
  saveExchange(unitReport(32, 2025, '某某县民政局'), join(units, 'b.json'));
  const out = join(dir, '新建文件夹', '二级', '汇总.json');
  const ok = await cli('aggregate', units, '--year', '2025', '--out', out, '--agency', '某某县人民政府', '--level', '县级');
  assert.equal(ok.code, 0, ok.err);
  assert.ok(existsSync(out));
  assert.equal((JSON.parse(readFileSync(out, 'utf8')) as { agency: { level: string } }).agency.level, 'county', '--level 县级');

  writeFileSync(join(dir, '一个文件'), 'x');
  const bad = await cli('aggregate', units, '--year', '2025', '--out', join(dir, '一个文件', '汇总.json'));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^错误：无法写入文件“.+汇总\.json”：路径中有一段是文件而不是文件夹。/);
  assert.doesNotMatch(bad.err, /ENOTDIR|EEXIST|at /);
});

test('--level takes the codes, the Chinese names and the short names people type', async () => {
  const cases: [string, string][] = [
    ['county-department', 'county-department'],
    ['县级', 'county'],
    ['县级部门', 'county-department'],
    ['县级政府部门', 'county-department'],
    ['乡镇', 'township'],
    ['乡镇（街道）', 'township'],
    ['街道', 'township'],
    ['市级部门', 'city-department'],
    ['省级人民政府', 'province'],
    ['其他', 'other'],
  ];
  for (const [text, level] of cases) {
    assert.equal(parseAgencyLevel(text), level, text);
    const r = await cli('new', '--year', '2025', '--agency', '某某镇人民政府', '--level', text);
    assert.equal(r.code, 0, `${text}: ${r.err}`);
    assert.equal((JSON.parse(r.out) as { agency: { level: string } }).agency.level, level, text);
  }
  const bad = await cli('new', '--year', '2025', '--agency', '某局', '--level', '村级');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /“村级”不是可用的机关级别，应为 省级人民政府（province）、.*乡镇（街道）（township）/);
});

test('check --previous with another agency’s or another year’s report says so instead of skipping silently', async () => {
  const current = unitReport(41, 2025, '某某县教育局');
  const file = saveExchange(current, join(dir, 'check', '2025.json'));
  const lastYear = saveExchange(unitReport(42, 2024, '某某县教育局'), join(dir, 'check', '2024.json'));
  const otherAgency = saveExchange(unitReport(43, 2024, '某某县民政局'), join(dir, 'check', 'other.json'));
  const twoYears = saveExchange(unitReport(44, 2023, '某某县教育局'), join(dir, 'check', '2023.json'));

  const fine = await cli('check', file, '--previous', lastYear);
  assert.doesNotMatch(fine.err, /注意：--previous/);
  assert.match(fine.out, /对照 2024 年度报告/);

  const agency = await cli('check', file, '--previous', otherAgency);
  assert.match(agency.err, /注意：--previous 指定的报告是“某某县民政局”的报告，不是“某某县教育局”的，未做跨年度核对/);
  assert.doesNotMatch(agency.out, /对照/);

  const year = await cli('check', file, '--previous', twoYears, '--json');
  assert.match(year.err, /是 2023 年度的报告，不是上一年度（2024 年）的，未做跨年度核对/);
  const findings = (JSON.parse(year.out) as { findings: { rule: string }[] }).findings;
  assert.ok(!findings.some((f) => f.rule.startsWith('xyear.') || f.rule === 'text.repetition'), 'no cross-year findings against the wrong report');
});

test('a busy --port: a Chinese message, exit code 2, no stack trace', { timeout: 60_000 }, async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as AddressInfo).port;
  const ui = join(dir, 'ui');
  mkdirSync(ui, { recursive: true });
  writeFileSync(join(ui, 'index.html'), '<!doctype html>');
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main/server/main.ts'), '--port', String(port), '--no-open', '--db', join(dir, 'port.sqlite'), '--root', ui], {
      cwd: root,
      env: { ...process.env, GOV_REPORT_DATA_DIR: dir },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 2, err);
    assert.match(err, new RegExp(`端口 ${port} 已被其他程序占用。请换一个端口（--port <端口>），或不加 --port 由系统自动选择。`));
    assert.doesNotMatch(err, /EADDRINUSE|\n\s+at /);
  } finally {
    blocker.close();
  }
});
