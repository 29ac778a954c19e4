/**
 * Hostile PDFs, written byte by byte here, read through the import worker as the app reads them: each ends
 * with a clear Chinese message — refused by the page limit, by pdf.js's own failure on absurd nesting, by the
 * worker's time limit, or by its memory limit (the compression bomb: the decoded streams live outside the V8
 * heap, and the host watches them) — the process's memory stays bounded, and reports.import stores nothing.
 * No timing is asserted; the limits in play are the ones the test names.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { IMPORT_OFF_HEAP_MB, ImportWorkers } from '../../src/main/import/worker/host';
import { AppError } from '../../src/shared/errors';
import { testCore } from '../storage/helpers';
import { loadExchange } from './helpers';
import { encryptedCopy, pdfViaLibreOffice, PDFTOPPM, QPDF, scannedCopy, SOFFICE } from './pdfSamples';

const enc = new TextEncoder();
const MB = 1024 * 1024;

/** A PDF of the given objects (object n is objects[n - 1]; 1 is the catalog), with a correct xref table. */
function pdfOf(objects: (string | Uint8Array)[][]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Uint8Array | string) => {
    const bytes = typeof b === 'string' ? enc.encode(b) : b;
    chunks.push(bytes);
    length += bytes.length;
  };
  push('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n');
  objects.forEach((body, i) => {
    offsets[i + 1] = length;
    push(`${i + 1} 0 obj\n`);
    for (const b of body) push(b);
    push('\nendobj\n');
  });
  const xref = length;
  const count = objects.length + 1;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}

const TEXT = 'BT /F1 12 Tf 72 720 Td (Annual report on government information disclosure) Tj ET';
const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
const stream = (body: string) => `<< /Length ${body.length} >>\nstream\n${body}\nendstream`;
/** One page (object 3) whose content is object 4; `pageExtra` goes into the page dictionary. */
const onePage = (content: (string | Uint8Array)[], pageExtra = '', more: string[][] = []) =>
  pdfOf([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ${pageExtra} >>`],
    content,
    [FONT],
    ...more,
  ]);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return e;
  }
  assert.fail('the hostile PDF was imported');
}

/** The process's peak resident memory while `fn` runs, over what it was before (sampled every 10 ms). */
async function peakGrowth<T>(fn: () => Promise<T>): Promise<{ value: T; growthMb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    return { value: await fn(), growthMb: (peak - before) / MB };
  } finally {
    clearInterval(timer);
  }
}

/** 100 000 pages, all the same page object (600 KB). */
function manyPages(n = 100_000): Uint8Array {
  return pdfOf([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    [`<< /Type /Pages /Kids [${'3 0 R '.repeat(n)}] /Count ${n} >>`],
    ['<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'],
    [stream(TEXT)],
    [FONT],
  ]);
}

test('a PDF of 100 000 pages is refused by the page limit before any page is read', async () => {
  const pdf = manyPages();
  const workers = new ImportWorkers();
  try {
    const e = await refusal(workers.parse('万页.pdf', pdf));
    assert.equal(e.code, 'too_large');
    assert.equal(e.message, '该 PDF 有 100000 页（上限 300 页），不像一份年度报告，已拒绝导入。');
  } finally {
    await workers.close();
  }
});

test('objects nested 200 000 levels deep (arrays, dictionaries) are a damaged PDF, not a scan', async () => {
  const depth = 200_000;
  const arrays = '['.repeat(depth) + ']'.repeat(depth);
  const dicts = '<< /A '.repeat(depth) + '1' + ' >>'.repeat(depth);
  const workers = new ImportWorkers();
  try {
    for (const pdf of [onePage([stream(TEXT)], `/Deep ${arrays}`), onePage([stream(TEXT)], `/Deep ${dicts}`)]) {
      const e = await refusal(workers.parse('嵌套.pdf', pdf));
      assert.equal(e.code, 'unsupported_file');
      assert.match(e.message, /^该 PDF 文件已损坏或不完整（页面内容无法解析），无法读取，未导入。/);
      assert.doesNotMatch(e.message, /扫描件|OCR/);
    }
  } finally {
    await workers.close();
  }
});

test('operators nested 20 000 levels deep in a page keep pdf.js busy: the time limit ends it', async () => {
  const content = `${'q '.repeat(20_000)}${TEXT} ${'['.repeat(20_000)}${']'.repeat(20_000)} TJ`;
  const workers = new ImportWorkers();
  try {
    const e = await refusal(workers.parse('嵌套.pdf', onePage([stream(content)]), { timeLimitMs: 5_000 }));
    assert.equal(e.code, 'too_large');
    assert.equal(e.message, '读取“嵌套.pdf”超过 5 秒仍未完成，文件过大或过于复杂，已停止读取，未导入任何内容。');
  } finally {
    await workers.close();
  }
});

test('a compression bomb (66 KB inflating to 64 MB, drawn 50 times) stops at the memory limit', { timeout: 180_000 }, async () => {
  const bomb = deflateSync(Buffer.alloc(64 * MB, 0x20), { level: 9 });
  const refs = Array.from({ length: 50 }, () => '4 0 R').join(' ');
  const pdf = pdfOf([
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [${refs}] /Resources << /Font << /F1 5 0 R >> >> >>`],
    [`<< /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n`, bomb, '\nendstream'],
    [FONT],
  ]);
  assert.ok(pdf.length < 100 * 1024);
  const workers = new ImportWorkers();
  const memoryLimitMb = 256;
  try {
    const { value: e, growthMb } = await peakGrowth(() => refusal(workers.parse('炸弹.pdf', pdf, { memoryLimitMb })));
    assert.equal(e.code, 'too_large');
    assert.equal(e.message, `读取“炸弹.pdf”需要的内存超过上限（${memoryLimitMb + IMPORT_OFF_HEAP_MB} MB），文件过大或过于复杂，已停止读取，未导入任何内容。`);
    // unwatched, the same file took 9 GB; the watch samples every 50 ms, so a little overshoot is allowed
    assert.ok(growthMb < memoryLimitMb + IMPORT_OFF_HEAP_MB + 512, `the process grew by ${Math.round(growthMb)} MB`);
  } finally {
    await workers.close();
  }
});

test('hostile, encrypted, truncated and scanned PDFs through reports.import: a Chinese message each, nothing stored', { timeout: 300_000 }, async (t) => {
  const c = testCore(t);
  const files: [string, Uint8Array, RegExp][] = [
    ['万页.pdf', manyPages(), /上限 300 页/],
    ['嵌套.pdf', onePage([stream(TEXT)], `/Deep ${'['.repeat(200_000)}${']'.repeat(200_000)}`), /损坏或不完整/],
  ];
  if (SOFFICE) {
    const clean = loadExchange('2025-clean.json');
    const pdf = await pdfViaLibreOffice(clean);
    files.push(['截断.pdf', pdf.subarray(0, Math.floor(pdf.length * 0.6)), /损坏或不完整/]);
    if (QPDF) files.push(['加密.pdf', await encryptedCopy(pdf, clean), /设置了打开密码/]);
    if (PDFTOPPM) files.push(['扫描.pdf', await scannedCopy(pdf, clean), /没有文字层.*OCR/]);
  }
  for (const [fileName, bytes, message] of files) {
    const e = await c.fail('reports.import', { fileName, data: Buffer.from(bytes).toString('base64') });
    assert.match(e.message, message, fileName);
    assert.match(e.message, /[\u4e00-\u9fff]/);
  }
  assert.deepEqual(await c.call('reports.list', {}), []);
  assert.deepEqual(await c.call('agencies.list', {}), []);
});
