/**
 * The import worker (src/main/import/worker/host.ts): the same result as parsing in-process, for every kind of
 * file and also from the Electron build's bundled worker; the time limit, the memory limit and cancel each end
 * the worker with a Chinese message and the next import gets a fresh one; a worker that crashes or answers
 * nonsense gives a Chinese message and reports.import stores nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { exportDocx } from '../../src/main/export/docx/index';
import { exportHtmlPage } from '../../src/main/export/html/index';
import { parseReportFile } from '../../src/main/import/file';
import { ImportWorkers, parseInWorker, useImportWorkers } from '../../src/main/import/worker/host';
import { AffineMatrix } from '../../src/main/import/pdf/dommatrix';
import { toExchange } from '../../src/shared/report';
import { AppError } from '../../src/shared/errors';
import { testCore } from '../storage/helpers';
import { loadExchange, ROOT, SHARED_FIXTURE } from './helpers';
import { pdfViaLibreOffice, SOFFICE } from './pdfSamples';

const enc = new TextEncoder();
const clean = loadExchange('2025-clean.json');

/** Some 8 MB of report text: long enough to parse that a limit or a cancel lands while the worker is at it. */
function bigText(): Uint8Array {
  const line = '本机关坚持以习近平新时代中国特色社会主义思想为指导认真贯彻落实政府信息公开条例要求进一步加强';
  const lines = ['某某市人民政府2023年政府信息公开工作年度报告', '一、总体情况'];
  for (let bytes = 0; bytes < 8 * 1024 * 1024; bytes += Buffer.byteLength(line) + 1) lines.push(line);
  return enc.encode(lines.join('\n'));
}

/**
 * A 3 MB page with a table of 20 000 rows: some 200 000 small objects to build. (Not one huge allocation: a
 * single allocation larger than V8's 16 MB of leeway at the limit aborts the whole process, worker or not.)
 */
function bigTable(): Uint8Array {
  const rows: string[] = [];
  for (let r = 0; r < 20_000; r++) rows.push('<tr>' + Array.from({ length: 10 }, (_, c) => `<td>${r * 10 + c}</td>`).join('') + '</tr>');
  return enc.encode(`<html><body><h1>某某县教育局2025年政府信息公开工作年度报告</h1><p>一、总体情况</p><table>${rows.join('')}</table></body></html>`);
}

/**
 * One page of text in SimSun, not embedded, encoded as UCS-2 through the predefined CMap UniGB-UCS2-H (what
 * older Word/WPS "print to PDF" set-ups write).
 */
function notEmbeddedChinesePdf(lines: string[]): Uint8Array {
  const ucs2 = (s: string) => '<' + [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('') + '>';
  const body = lines.map((l, i) => `BT /F1 14 Tf 72 ${760 - i * 24} Td ${ucs2(l)} Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /SimSun /Flags 6 /FontBBox [0 -141 996 855] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>',
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((b, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${b}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return enc.encode(out);
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return e;
  }
  assert.fail('the import succeeded');
}

test('a file parsed in the worker gives exactly what parsing in-process gives (.txt, .json, .docx, .html)', async () => {
  const files: [string, Uint8Array][] = [
    ['fixture.txt', new Uint8Array(readFileSync(SHARED_FIXTURE))],
    ['2025-clean.json', new Uint8Array(readFileSync(join(ROOT, 'tests/fixtures/2025-clean.json')))],
    ['report.docx', await exportDocx(clean)],
    ['report.html', enc.encode(exportHtmlPage(clean))],
  ];
  for (const [name, bytes] of files) {
    const inProcess = await parseReportFile(name, bytes);
    const inWorker = await parseInWorker(name, bytes);
    assert.deepEqual(inWorker, inProcess, name);
    assert.ok(inWorker.report.matched > 100, `${name}: ${inWorker.report.matched} cells`);
  }
  // the caller's bytes are its own still (the worker got a copy)
  assert.ok(files[0]![1].byteLength > 0);
  // errors come back as they are thrown in-process: code, Chinese message, details
  const bad = enc.encode(JSON.stringify({ ...toExchange(clean), cells: { 't3.granted.natural': -3 } }));
  const inProcess = await rejection(parseReportFile('bad.json', bad));
  const inWorker = await rejection(parseInWorker('bad.json', bad));
  assert.deepEqual(inWorker.toJSON(), inProcess.toJSON());
  assert.match(inWorker.message, /t3\.granted\.natural/);
});

test('a worker is reused for the next file; one that failed is replaced', async () => {
  const workers = new ImportWorkers();
  try {
    const text = new Uint8Array(readFileSync(SHARED_FIXTURE));
    await workers.parse('a.txt', text);
    await workers.parse('b.txt', text);
    assert.equal(workers.workersStarted, 1);
    await rejection(workers.parse('slow.txt', bigText(), { timeLimitMs: 1 }));
    const again = await workers.parse('c.txt', text);
    assert.ok(again.report.matched > 100);
    assert.equal(workers.workersStarted, 2);
  } finally {
    await workers.close();
  }
});

test('the time limit ends the worker with a Chinese message', async () => {
  const workers = new ImportWorkers();
  try {
    await workers.parse('warm.txt', new Uint8Array(readFileSync(SHARED_FIXTURE)));
    const e = await rejection(workers.parse('大文件.txt', bigText(), { timeLimitMs: 20 }));
    assert.equal(e.code, 'too_large');
    assert.match(e.message, /读取“大文件\.txt”超过 0 秒仍未完成.*未导入任何内容/);
  } finally {
    await workers.close();
  }
});

test('the memory limit ends the worker, not the process: a 20 000-row table in 40 MB of heap', async () => {
  const workers = new ImportWorkers();
  try {
    const before = process.memoryUsage().heapUsed;
    const e = await rejection(workers.parse('大表.html', bigTable(), { memoryLimitMb: 40 }));
    assert.equal(e.code, 'too_large');
    assert.match(e.message, /读取“大表\.html”需要的内存超过上限（40 MB）.*未导入任何内容/);
    // the parsed object never reached this thread
    assert.ok(process.memoryUsage().heapUsed - before < 200 * 1024 * 1024);
    // the next file gets a fresh worker
    assert.ok((await workers.parse('next.txt', new Uint8Array(readFileSync(SHARED_FIXTURE)))).report.matched > 100);
  } finally {
    await workers.close();
  }
});

test('cancel ends the import at once, before or during the parse', async () => {
  const workers = new ImportWorkers();
  try {
    const early = new AbortController();
    early.abort();
    assert.equal((await rejection(workers.parse('a.txt', bigText(), { signal: early.signal }))).code, 'cancelled');
    const ctrl = new AbortController();
    const running = workers.parse('报告.txt', bigText(), { signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 30);
    const e = await rejection(running);
    assert.equal(e.code, 'cancelled');
    assert.equal(e.message, '已取消导入“报告.txt”，未导入任何内容。');
    assert.ok((await workers.parse('next.txt', new Uint8Array(readFileSync(SHARED_FIXTURE)))).report.matched > 100);
  } finally {
    await workers.close();
  }
});

test('a worker that crashes or answers nonsense: a Chinese message, and reports.import stores nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'import-worker-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const crash = join(dir, 'crash.cjs');
  writeFileSync(crash, "require('node:worker_threads').parentPort.on('message', () => process.exit(7));\n");
  const nonsense = join(dir, 'nonsense.cjs');
  writeFileSync(
    nonsense,
    "const { parentPort } = require('node:worker_threads');\n" +
      "parentPort.on('message', (job) => parentPort.postMessage({ id: job.id, ok: true, doc: { format: 'GOV-2021', year: 'soon' }, report: {} }));\n",
  );
  const text = new Uint8Array(readFileSync(SHARED_FIXTURE));
  for (const script of [crash, nonsense]) {
    const workers = new ImportWorkers(pathToFileURL(script));
    const previous = useImportWorkers(workers);
    try {
      const e = await rejection(workers.parse('单位.txt', text));
      assert.equal(e.code, 'internal');
      assert.match(e.message, /读取“单位\.txt”时导入程序意外退出，未导入任何内容。请重试/);

      const c = testCore(t);
      const failed = await c.fail('reports.import', { fileName: '单位.txt', data: Buffer.from(text).toString('base64') });
      assert.match(failed.message, /意外退出/);
      assert.deepEqual(await c.call('reports.list', {}), []);
      assert.deepEqual(await c.call('agencies.list', {}), []);
    } finally {
      useImportWorkers(previous);
      await workers.close();
    }
  }
});

test('DOMMatrix for pdf.js where no canvas package is loaded: the 2-D operations agree with the definition', () => {
  const m = new AffineMatrix().scaleSelf(1 / 4, -1 / 2).translateSelf(0, -2);
  assert.deepEqual([m.a, m.b, m.c, m.d, m.e, m.f], [0.25, 0, 0, -0.5, 0, 1]);
  const p = new AffineMatrix([2, 1, -1, 3, 5, 7]);
  const q = new AffineMatrix([2, 1, -1, 3, 5, 7]).invertSelf().multiplySelf(p);
  assert.ok(q.isIdentity || [q.a - 1, q.b, q.c, q.d - 1, q.e, q.f].every((v) => Math.abs(v) < 1e-12));
  assert.deepEqual(p.transformPoint({ x: 1, y: 1 }), { x: 6, y: 11, z: 0, w: 1 });
  assert.deepEqual(new AffineMatrix().preMultiplySelf(p).translateSelf(1, 0).transformPoint(), { x: 7, y: 8, z: 0, w: 1 });
});

test('the Electron build runs the bundled worker (pdf.js inside, its CMaps beside it) with the same result', { skip: !SOFFICE && 'LibreOffice is not installed', timeout: 300_000 }, async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'import-worker-build-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  const { buildElectron } = (await import(pathToFileURL(join(ROOT, 'scripts/build-electron.mjs')).href)) as {
    buildElectron(o: { outDir: string; sourcemap: boolean }): Promise<{ importWorker: string }>;
  };
  const { importWorker } = await buildElectron({ outDir: out, sourcemap: false });
  // main.cjs finds it beside itself
  assert.equal(importWorker, join(out, 'import-worker.cjs'));
  assert.doesNotMatch(readFileSync(join(out, 'main.cjs'), 'utf8'), /getDocument/, 'pdf.js is in the worker, not in main');
  const pdf = await pdfViaLibreOffice(clean);
  // as in the packaged app: no pdfjs-dist to be found from the bundle's folder, only what the build put there
  assert.throws(() => createRequire(importWorker).resolve('pdfjs-dist/package.json'));
  const workers = new ImportWorkers(pathToFileURL(importWorker));
  try {
    const bundled = await workers.parse('report.pdf', pdf);
    assert.deepEqual(bundled, await parseReportFile('report.pdf', pdf));
    assert.equal(bundled.report.source, 'pdf');
    assert.ok(bundled.report.matched > 100);
    // a Chinese font that is not embedded, UCS-2 encoded: readable only with pdf.js's CMap, copied by the build
    const simsun = notEmbeddedChinesePdf(['某某县教育局2025年政府信息公开工作年度报告', '一、总体情况', '本年度，我局认真贯彻落实政府信息公开条例。']);
    const read = await workers.parse('simsun.pdf', simsun);
    assert.deepEqual(read, await parseReportFile('simsun.pdf', simsun));
    assert.equal(read.doc.agency.name, '某某县教育局');
    assert.equal(read.doc.narrative.s1, '本年度，我局认真贯彻落实政府信息公开条例。');
  } finally {
    await workers.close();
  }
});
