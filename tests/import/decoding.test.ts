/**
 * Decoding and the cost of reading text: one decoder for exchange files, pages and text (UTF-8 with a
 * damaged byte, UTF-16 with or without BOM, GBK), and wrapped lines joined in linear time.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeText } from '../../src/main/import/encoding';
import { importFile } from '../../src/main/import/index';
import { joinWrappedLines } from '../../src/main/import/structure';
import { readReportFile } from '../../src/main/services/import';
import { cellDiffs, encodeGb18030, fixtureText, loadExchange, ROOT } from './helpers';

const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => utf16le(s).map((_, i, a) => a[i ^ 1]!);
const withBom = (bom: number[], bytes: Uint8Array) => new Uint8Array([...bom, ...bytes]);

test('8 MB of wrapped lines import in well under 2 s (one pass, not a regex over the growing paragraph)', async () => {
  const line = '本机关坚持以习近平新时代中国特色社会主义思想为指导认真贯彻落实政府信息公开条例要求进一步加强';
  const lines = ['某某市人民政府2023年政府信息公开工作年度报告', '一、总体情况'];
  let bytes = 0;
  while (bytes < 8 * 1024 * 1024) {
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
  }
  const bytesIn = new TextEncoder().encode(lines.join('\n'));
  // CPU time of this process, not the wall clock: the bound is about the work, on a machine shared by others
  const started = process.cpuUsage();
  const wallStart = performance.now();
  const { report, doc } = await importFile('wrapped.txt', bytesIn);
  const cpu = process.cpuUsage(started);
  const ms = (cpu.user + cpu.system) / 1000;
  assert.ok(ms < 2000, `took ${Math.round(ms)} ms of CPU (${Math.round(performance.now() - wallStart)} ms wall)`);
  assert.equal(report.source, 'text');
  assert.ok((doc.narrative.s1 ?? '').startsWith(line + line), 'the wrapped lines are one paragraph');
});

test('joinWrappedLines keeps its rules: a sentence end, a heading or a short line ends the paragraph', () => {
  const long = '这一行足够长并且没有在句子的结尾处结束因此会和下一行';
  assert.deepEqual(joinWrappedLines([long, '接上。', '下一段。']), [`${long}接上。`, '下一段。']);
  assert.deepEqual(joinWrappedLines([long, '（一）标题']), [long, '（一）标题']);
  assert.deepEqual(joinWrappedLines(['短行', '另一行']), ['短行', '另一行']);
  assert.deepEqual(joinWrappedLines([long, '', '后面']), [long, '后面']);
  assert.deepEqual(joinWrappedLines([long, long, '完。']), [`${long}${long}完。`]);
});

test('a UTF-8 page with one bad byte imports; the byte is U+FFFD and counted in the report', async () => {
  const clean = loadExchange('2025-clean.json');
  const text = fixtureText(clean);
  const good = new TextEncoder().encode(text);
  // a stray 0xFF in the middle of the overview
  const at = good.indexOf(0x0a, Math.floor(good.length / 3));
  const bad = new Uint8Array([...good.subarray(0, at), 0xff, ...good.subarray(at)]);
  const { doc, report } = await importFile('report.txt', bad);
  assert.deepEqual(cellDiffs(clean.cells, doc.cells), []);
  const note = report.messages.find((m) => m.where === '文件' && m.message.includes('无法按 UTF-8'));
  assert.ok(note && note.level === 'warning' && note.message.includes(' 1 处'), JSON.stringify(report.messages.slice(0, 3)));
  const page = `<html><head><meta charset="utf-8"><title>t</title></head><body>${text
    .split('\n')
    .map((l) => `<p>${l.replace(/\t/g, ' ')}</p>`)
    .join('')}</body></html>`;
  const pageBytes = new TextEncoder().encode(page);
  const mid = pageBytes.indexOf(0x3c, Math.floor(pageBytes.length / 2));
  const damaged = new Uint8Array([...pageBytes.subarray(0, mid), 0xc3, ...pageBytes.subarray(mid)]);
  const fromPage = await importFile('report.html', damaged);
  assert.ok(fromPage.report.messages.some((m) => m.message.includes('1 处无法按 UTF-8')), JSON.stringify(fromPage.report.messages.slice(0, 3)));
});

test('UTF-16 text, with and without a BOM, little and big endian', async () => {
  const clean = loadExchange('2025-clean.json');
  const text = fixtureText(clean);
  for (const [what, bytes] of [
    ['LE+BOM', withBom([0xff, 0xfe], utf16le(text))],
    ['BE+BOM', withBom([0xfe, 0xff], utf16be(text))],
    ['LE', utf16le(text)],
    ['BE', utf16be(text)],
  ] as const) {
    const { doc, report } = await importFile('report.txt', bytes);
    assert.deepEqual(cellDiffs(clean.cells, doc.cells), [], what);
    assert.ok(!report.messages.some((m) => m.message.includes('无法按')), what);
  }
  assert.equal(decodeText(utf16be('{"a":1}')).encoding, 'utf-16be');
});

test('an exchange .json in UTF-16 (with/without BOM) or GBK reads like the UTF-8 one', async () => {
  const json = readFileSync(`${ROOT}/tests/fixtures/2025-clean.json`, 'utf8');
  const expected = (await readReportFile('a.json', new TextEncoder().encode(json))).doc;
  const gbk = encodeGb18030(json);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk), 'the fixture has Chinese text');
  for (const [what, bytes] of [
    ['UTF-16LE+BOM', withBom([0xff, 0xfe], utf16le(json))],
    ['UTF-16LE', utf16le(json)],
    ['UTF-16BE', utf16be(json)],
    ['GBK', gbk],
  ] as const) {
    const { doc, report } = await readReportFile('a.json', bytes);
    assert.deepEqual(doc, expected, what);
    assert.deepEqual(report.messages, [], what);
  }
});

test('GBK text is still GBK: damage that is the whole file is an encoding, not bad bytes', () => {
  const gbk = encodeGb18030('政府信息公开工作年度报告，本机关认真贯彻落实条例。');
  const d = decodeText(gbk);
  assert.equal(d.encoding, 'gb18030');
  assert.equal(d.replaced, 0);
  assert.equal(d.text, '政府信息公开工作年度报告，本机关认真贯彻落实条例。');
});

test('a "__proto__" cell key is refused by name, not dropped', async () => {
  const json = readFileSync(`${ROOT}/tests/fixtures/2025-clean.json`, 'utf8').replace('"cells": {', '"cells": { "__proto__": 5,');
  assert.ok(json.includes('__proto__'));
  await assert.rejects(readReportFile('a.json', new TextEncoder().encode(json)), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'invalid_input');
    assert.match(e.message, /__proto__/);
    return true;
  });
});

test('an exchange file with 200 000 unknown cells: refused with a bounded reply', async () => {
  const doc = JSON.parse(readFileSync(`${ROOT}/tests/fixtures/2025-clean.json`, 'utf8')) as { cells: Record<string, unknown> };
  for (let i = 0; i < 200_000; i++) doc.cells[`t9.bogus${i}`] = i;
  await assert.rejects(readReportFile('a.json', new TextEncoder().encode(JSON.stringify(doc))), (e: Error & { code?: string; toJSON(): unknown }) => {
    assert.equal(e.code, 'invalid_input');
    const reply = JSON.stringify(e.toJSON());
    assert.ok(reply.length < 64 * 1024, `${reply.length} bytes`);
    assert.match(reply, /另有 199990 处错误/);
    return true;
  });
});
