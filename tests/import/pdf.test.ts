/**
 * PDF import: reports published as PDF the ways agencies make them — Word/WPS "另存为 PDF" (the app's .docx
 * through LibreOffice), a browser's "打印为 PDF" (the HTML page through Chromium, also letter-spaced), a
 * table continued on the next page, a table printed without borders — import with every cell and the narrative exact; encrypted, broken and
 * scanned PDFs are refused, each with its own message, and nothing is stored.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportDocx } from '../../src/main/export/docx/index';
import { importFile } from '../../src/main/import/index';
import { readPdf } from '../../src/main/import/pdf/index';
import { checkAsPublished } from '../../src/shared/checks/index';
import type { Finding } from '../../src/shared/findings';
import { AppError } from '../../src/shared/errors';
import { NARRATIVE_KEYS, type ReportDoc } from '../../src/shared/report';
import { cellDiffs, loadExchange } from './helpers';
import { CHROMIUM_OK, encryptedCopy, pdfViaChromium, pdfViaLibreOffice, PDFTOPPM, QPDF, scannedCopy, SOFFICE } from './pdfSamples';

const FIXTURES = ['2025-clean.json', '2021-planted-errors.json', '2020-fushun-education-bureau.json'];
const noLo = !SOFFICE ? '没有安装 LibreOffice（soffice），跳过' : false;
const noChromium = !CHROMIUM_OK ? '没有 Chromium，跳过' : false;

/** The PDF imports to what the same .docx imports to: the exporter prints blanks as 0 and adds a default preamble. */
async function assertSameAsDocx(source: ReportDoc, pdf: Uint8Array, what: string): Promise<void> {
  const viaDocx = (await importFile('report.docx', new Uint8Array(await exportDocx(source)))).doc;
  const { doc, report } = await importFile('report.pdf', pdf);
  assert.equal(report.source, 'pdf');
  assert.equal(doc.year, source.year, what);
  assert.equal(doc.format, source.format, what);
  assert.deepEqual(doc.agency, viaDocx.agency, what);
  assert.deepEqual(cellDiffs(viaDocx.cells, doc.cells), [], `${what}: cells`);
  assert.equal(report.matched, Object.keys(source.cells).length, `${what}: every cell found`);
  for (const key of NARRATIVE_KEYS) assert.equal(doc.narrative[key] ?? '', viaDocx.narrative[key] ?? '', `${what}: ${key}`);
}

test('Word/WPS-style PDFs (the exported .docx through LibreOffice) import every cell and the narrative', { skip: noLo, timeout: 900_000 }, async () => {
  for (const name of FIXTURES) {
    const source = loadExchange(name);
    await assertSameAsDocx(source, await pdfViaLibreOffice(source), name);
  }
  // the clean report is exactly its source
  const clean = loadExchange('2025-clean.json');
  const { doc } = await importFile('x.pdf', await pdfViaLibreOffice(clean));
  assert.deepEqual(cellDiffs(clean.cells, doc.cells), []);
  for (const key of NARRATIVE_KEYS) assert.equal(doc.narrative[key] ?? '', clean.narrative[key] ?? '', key);
});

test('a browser-printed page imports exactly, also when every glyph is spaced out (总 体 情 况)', { skip: noChromium, timeout: 300_000 }, async () => {
  const clean = loadExchange('2025-clean.json');
  for (const css of ['', 'p, h1, h2, h3, td, th { letter-spacing: 0.4em; }']) {
    const { doc } = await importFile('page.pdf', await pdfViaChromium(clean, css));
    assert.deepEqual(cellDiffs(clean.cells, doc.cells), [], css);
    for (const key of NARRATIVE_KEYS) assert.equal(doc.narrative[key] ?? '', clean.narrative[key] ?? '', `${css} ${key}`);
    assert.doesNotMatch(JSON.stringify(doc.narrative), /[\u2E80-\u2FDF]/, 'no radical code points left (⼈⺠ → 人民)');
  }
});

test('a page printed without table borders: columns from where the numbers stand, every cell exact (both formats)', { skip: noChromium, timeout: 300_000 }, async () => {
  for (const name of FIXTURES) {
    const source = loadExchange(name);
    const pdf = await pdfViaChromium(source, 'table, tr, td, th { border: none !important; }');
    await assertSameAsDocx(source, pdf, `${name} borderless`);
    assert.equal((await importFile('borderless.pdf', pdf)).doc.unread, undefined, `${name}: nothing left unread`);
  }
});

test('check on a published PDF finds what it finds on the report\'s own values: no false error, none missed', { skip: noLo || noChromium, timeout: 900_000 }, async () => {
  const key = (f: Finding) => `${f.rule} ${[...f.cells].sort().join(',')}`;
  for (const name of FIXTURES) {
    const source = loadExchange(name);
    // the values as published: the exporter prints a blank as 0 and adds a default preamble
    const published = (await importFile('report.docx', new Uint8Array(await exportDocx(source)))).doc;
    const expected = checkAsPublished(published).filter((f) => f.severity === 'error').map(key).sort();
    if (name.includes('planted')) assert.ok(expected.length >= 5, `the planted errors are found on the values (${expected.length})`);
    for (const [how, pdf] of [
      ['LibreOffice', await pdfViaLibreOffice(source)],
      ['Chromium', await pdfViaChromium(source)],
      ['Chromium, no borders', await pdfViaChromium(source, 'table, tr, td, th { border: none !important; }')],
    ] as const) {
      const { doc } = await importFile('report.pdf', pdf);
      assert.deepEqual(checkAsPublished(doc).filter((f) => f.severity === 'error').map(key).sort(), expected, `${name} via ${how}`);
    }
  }
});

test('表三 continued on the next page, with page numbers between, is read as one table', { skip: noChromium, timeout: 300_000 }, async () => {
  const clean = loadExchange('2025-clean.json');
  const filler = Array.from({ length: 9 }, (_, i) => `第${i + 1}段补充说明：本年度依申请公开工作按照法定程序办理，答复文书统一规范，群众满意度持续提升，相关情况已在门户网站专栏公开。`);
  const long: ReportDoc = { ...clean, narrative: { ...clean.narrative, s2: [clean.narrative.s2 ?? '', ...filler].filter(Boolean).join('\n\n') } };
  const pdf = await pdfViaChromium(long, '', true);
  const source = await readPdf(pdf);
  const tables = source.blocks.filter((b) => b.kind === 'table').length;
  assert.ok(tables >= 4, `表三 should straddle a page break here (got ${tables} table blocks)`);
  assert.ok(!source.blocks.some((b) => b.kind === 'paragraph' && /^[—–-]\s*\d+\s*[—–-]$/.test(b.text)), 'page numbers dropped');
  const { doc, report } = await importFile('continued.pdf', pdf);
  assert.deepEqual(cellDiffs(long.cells, doc.cells), []);
  assert.equal(report.matched, 200);
  for (const key of NARRATIVE_KEYS) assert.equal(doc.narrative[key] ?? '', long.narrative[key] ?? '', key);
});

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await importFile('report.pdf', bytes);
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return e.message;
  }
  assert.fail('imported');
}

test('scanned, encrypted, truncated and fake PDFs are refused, each saying what to do instead', { skip: noLo, timeout: 300_000 }, async () => {
  const clean = loadExchange('2025-clean.json');
  const pdf = await pdfViaLibreOffice(clean);
  if (PDFTOPPM) {
    const scanned = await refusal(await scannedCopy(pdf, clean));
    assert.match(scanned, /没有文字层/);
    assert.match(scanned, /OCR/);
  }
  if (QPDF) {
    const encrypted = await refusal(await encryptedCopy(pdf, clean));
    assert.match(encrypted, /密码/);
  }
  const truncated = await refusal(pdf.subarray(0, Math.floor(pdf.length * 0.6)));
  assert.match(truncated, /损坏或不完整/);
  const fake = await refusal(new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(5000) + '\n%%EOF\n'));
  assert.match(fake, /损坏或不完整/);
  assert.notEqual(truncated, fake);
});
