/**
 * Hostile input is refused with a Chinese AppError ('unsupported_file' or 'too_large') within bounded
 * time: zip bombs (declared and lying sizes), entity expansion, 200 MB, junk renamed .docx, HTML nested
 * 100 000 levels. The files are built here, not committed.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { importFile } from '../../src/main/import/index';
import { AppError } from '../../src/shared/errors';
import { buildZip, CONTENT_TYPES } from './helpers';

/** Generous: the point is "bounded", not a benchmark. */
const BOUND_MS = 15_000;

async function refuses(fileName: string, bytes: Uint8Array, code: 'unsupported_file' | 'too_large', pattern?: RegExp): Promise<void> {
  const t0 = performance.now();
  await assert.rejects(importFile(fileName, bytes), (e: unknown) => {
    assert.ok(e instanceof AppError, `AppError expected, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, /[\u4e00-\u9fff]/, 'the message is Chinese');
    assert.doesNotMatch(e.message, /\bat \w+ \(|Error:/, 'no stack trace');
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
  assert.ok(performance.now() - t0 < BOUND_MS, `${fileName} took too long`);
}

const enc = (s: string) => new TextEncoder().encode(s);
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

test('a zip bomb declaring its real size is refused before inflating', async () => {
  const zip = buildZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'word/document.xml', data: new Uint8Array(1024), deflate: true, declaredSize: 3_000_000_000 },
  ]);
  await refuses('bomb.docx', zip, 'too_large', /压缩炸弹|超过上限/);
});

test('a zip bomb lying about its size stops at the declared size', async () => {
  const body = enc(`<w:document ${W}><w:body><w:p><w:r><w:t>`);
  const huge = new Uint8Array(40 * 1024 * 1024);
  huge.set(body);
  const zip = buildZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'word/document.xml', data: huge, deflate: true, declaredSize: 4096 },
  ]);
  assert.ok(zip.length < 1024 * 1024, 'the bomb is small on disk');
  const before = process.memoryUsage().rss;
  await refuses('lying.docx', zip, 'too_large', /压缩炸弹/);
  assert.ok(process.memoryUsage().rss - before < 150 * 1024 * 1024, 'memory stays bounded');
});

test('many zip entries are refused', async () => {
  const entries = Array.from({ length: 6000 }, (_, i) => ({ name: `x/${i}`, data: new Uint8Array(1) }));
  await refuses('many.docx', buildZip(entries), 'too_large');
});

test('XML entity expansion (billion laughs) is refused: no DOCTYPE is accepted', async () => {
  const lol = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE lolz [<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
    ']>',
    `<w:document ${W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`,
  ].join('\n');
  const zip = buildZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'word/document.xml', data: enc(lol), deflate: true },
  ]);
  await refuses('laughs.docx', zip, 'unsupported_file', /DOCTYPE/);
});

test('a 200 MB file is refused at once', async () => {
  const big = new Uint8Array(200 * 1024 * 1024);
  await refuses('big.docx', big, 'too_large', /文件过大/);
  await refuses('big.html', big, 'too_large', /文件过大/);
});

test('binary junk renamed .docx (or .txt, .html) is refused', async () => {
  const junk = randomBytes(64 * 1024);
  junk[0] = 0x13; // not "PK"
  await refuses('junk.docx', junk, 'unsupported_file', /不是有效的 \.docx/);
  const pk = Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(4096)]);
  await refuses('corrupt.docx', pk, 'unsupported_file');
  await refuses('junk.txt', randomBytes(64 * 1024), 'unsupported_file', /二进制/);
  await refuses('junk.html', randomBytes(64 * 1024), 'unsupported_file', /二进制/);
  const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(1024)]);
  await refuses('old.doc', ole, 'unsupported_file', /另存为/);
});

test('HTML nested 100 000 levels deep is refused', async () => {
  const deep = '<html><body>' + '<div>'.repeat(100_000) + '一、总体情况' + '</div>'.repeat(100_000) + '</body></html>';
  await refuses('deep.html', enc(deep), 'unsupported_file', /嵌套/);
  const deepTables = '<table><tr><td>'.repeat(50_000);
  await refuses('tables.html', enc(`<html><body>${deepTables}</body></html>`), 'unsupported_file', /嵌套/);
});

test('XML nested deeply inside document.xml is refused', async () => {
  const xml = `<w:document ${W}><w:body>${'<w:sdt>'.repeat(50_000)}${'</w:sdt>'.repeat(50_000)}</w:body></w:document>`;
  const zip = buildZip([{ name: 'word/document.xml', data: enc(xml), deflate: true }]);
  await refuses('deep.docx', zip, 'unsupported_file', /嵌套/);
});

test('an empty file and a zip without a Word body are refused', async () => {
  await refuses('empty.docx', new Uint8Array(0), 'unsupported_file');
  await refuses('other.docx', buildZip([{ name: 'a.txt', data: enc('hello') }]), 'unsupported_file', /word\/document\.xml/);
});

test('tables of absurd width are bounded (cells per row capped), in .docx and HTML', async () => {
  const wide = `<w:document ${W}><w:body><w:tbl><w:tr>${'<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>'.repeat(5000)}</w:tr></w:tbl></w:body></w:document>`;
  await refuses('wide.docx', buildZip([{ name: 'word/document.xml', data: enc(wide), deflate: true }]), 'unsupported_file', /单元格过多/);
  const t0 = performance.now();
  const page = `<html><body><h1>某局2025年政府信息公开工作年度报告</h1><p>一、总体情况</p><table><tr>${'<td>1</td>'.repeat(100_000)}</tr></table></body></html>`;
  const { report } = await importFile('wide.html', enc(page));
  assert.ok(performance.now() - t0 < BOUND_MS);
  assert.ok(report.messages.length > 0);
  const text = `某局2025年政府信息公开工作年度报告\n一、总体情况\n${'\t1\n'.repeat(100_000)}`;
  const r = await importFile('wide.txt', enc(text));
  assert.ok(r.report.messages.length > 0);
});
