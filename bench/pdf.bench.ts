/**
 * PDF import speed, through the import worker as the app imports (src/main/import/worker/host.ts): a 6-page
 * report (the app's .docx through LibreOffice, as Word "另存为 PDF") and a 40-page one (the same report with a
 * long narrative), median ms with the worker warm, and the first import with its start (worker and pdf.js
 * loaded); the process's peak memory while importing (the worker is a thread of this process). Then the save
 * answered during the largest accepted import: reports.updateCells every 25 ms while reports.import reads a
 * 29 MB text file (the text limit is 30 MB) and the 40-page PDF.
 * The PDFs are made on the first run and cached in the temp folder (tests/import/pdfSamples.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImportWorkers } from '../src/main/import/worker/host';
import { MAX_TEXT_BYTES } from '../src/main/import/limits';
import { openCore } from '../src/main/services/core';
import { ExchangeFile, type ReportDoc } from '../src/shared/report';
import { pdfViaLibreOffice, SOFFICE } from '../tests/import/pdfSamples';
import { row, timeIt, type BenchRow } from './lib';

const root = new URL('..', import.meta.url).pathname;
const MB = 1024 * 1024;

function longReport(doc: ReportDoc, paragraphs: number): ReportDoc {
  const filler = Array.from(
    { length: paragraphs },
    (_, i) => `（${i + 1}）本年度围绕重点领域信息公开，持续完善主动公开目录，规范依申请公开办理流程，加强政策解读和回应关切，按季度开展网站内容检查，及时更新机构职能、权责清单、行政执法等信息，确保公开内容准确、完整、及时。`,
  );
  return { ...doc, narrative: { ...doc.narrative, s1: [doc.narrative.s1 ?? '', ...filler].filter(Boolean).join('\n\n') } };
}

/** A report text just under the text limit: the largest file the importers accept and read line by line. */
function largestText(): Uint8Array {
  // paragraphs of 600 characters: the paragraph limit (MAX_BLOCKS) is not what stops it
  const line = '本机关坚持以习近平新时代中国特色社会主义思想为指导认真贯彻落实政府信息公开条例要求进一步加强'.repeat(13) + '。';
  const lines = ['某某市人民政府2023年政府信息公开工作年度报告', '一、总体情况'];
  for (let bytes = 0; bytes < MAX_TEXT_BYTES - MB; bytes += Buffer.byteLength(line) + 1) lines.push(line);
  return new TextEncoder().encode(lines.join('\n'));
}

async function call(core: ReturnType<typeof openCore>, name: string, input: unknown): Promise<unknown> {
  const r = await core.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

/** Save latencies (ms) while `fileName` is imported; the import's own duration last. */
async function savesDuringImport(fileName: string, bytes: Uint8Array): Promise<{ saves: number[]; importMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-save-'));
  const core = openCore({ dbPath: join(dir, 'bench.sqlite'), mode: 'cli', autoBackup: false });
  try {
    const agency = (await call(core, 'agencies.create', { name: '某某县教育局', level: 'county-department' })) as { id: number };
    const report = (await call(core, 'reports.create', { agencyId: agency.id, year: 2025 })) as { id: number };
    await call(core, 'reports.import', { fileName: 'warm.txt', data: Buffer.from('某某市人民政府2023年政府信息公开工作年度报告\n一、总体情况').toString('base64'), dryRun: true });
    const data = Buffer.from(bytes).toString('base64');
    let done = false;
    const t0 = performance.now();
    const importing = call(core, 'reports.import', { fileName, data, dryRun: true }).finally(() => (done = true));
    importing.catch(() => undefined); // awaited below; a refusal must not count as unhandled meanwhile
    const saves: number[] = [];
    for (let value = 1; !done; value++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      if (done) break;
      const s0 = performance.now();
      await call(core, 'reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value }] });
      saves.push(performance.now() - s0);
    }
    await importing;
    return { saves: saves.sort((a, b) => a - b), importMs: performance.now() - t0 };
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function (): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const text = largestText();
  const during = await savesDuringImport('largest.txt', text);
  rows.push(row(`save answered during the largest accepted import (${Math.round(text.length / MB)} MB text, ${Math.round(during.importMs)} ms)`, during.saves, 'ms', '< 100 ms'));
  if (!SOFFICE) return rows;
  const doc = ExchangeFile.parse(JSON.parse(readFileSync(join(root, 'tests/fixtures/2025-clean.json'), 'utf8')));
  const six = await pdfViaLibreOffice(doc);
  const forty = await pdfViaLibreOffice(longReport(doc, 300));
  const duringPdf = await savesDuringImport('long.pdf', forty);
  rows.push(row(`save answered during a 40-page PDF import (${Math.round(duringPdf.importMs)} ms)`, duringPdf.saves, 'ms', '< 100 ms'));

  // the first import of a fresh set: the worker thread starts and loads the importers and pdf.js
  const cold = await timeIt(
    async () => {
      const fresh = new ImportWorkers();
      await fresh.parse('report.pdf', six);
      await fresh.close();
    },
    3,
    0,
  );
  // the same with the Electron build's bundle (dist/electron/import-worker.cjs): no TypeScript to compile
  const out = mkdtempSync(join(tmpdir(), 'bench-import-worker-'));
  let coldBundled: number[];
  try {
    const { buildElectron } = (await import(pathToFileURL(join(root, 'scripts/build-electron.mjs')).href)) as {
      buildElectron(o: { outDir: string; sourcemap: boolean }): Promise<{ importWorker: string }>;
    };
    const { importWorker } = await buildElectron({ outDir: out, sourcemap: false });
    coldBundled = await timeIt(
      async () => {
        const fresh = new ImportWorkers(pathToFileURL(importWorker));
        await fresh.parse('report.pdf', six);
        await fresh.close();
      },
      3,
      0,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const workers = new ImportWorkers();
  let peak = process.memoryUsage().rss;
  const sample = () => void (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 5);
  const before = process.memoryUsage().rss;
  try {
    rows.push(row('first PDF import: worker start, pdf.js load, 6-page report (sources through tsx)', cold, 'ms'));
    rows.push(row('first PDF import: the same with the Electron build\'s bundled worker', coldBundled, 'ms'));
    rows.push(row('import a 6-page PDF report (LibreOffice export), in the worker', await timeIt(() => workers.parse('report.pdf', six), 20, 3), 'ms', '< 300 ms'));
    rows.push(row('import a 40-page PDF report, in the worker', await timeIt(() => workers.parse('long.pdf', forty), 8, 2), 'ms', '< 1.5 s'));
  } finally {
    clearInterval(timer);
    await workers.close();
  }
  sample();
  rows.push({ name: 'PDF import: peak process memory (RSS, worker included; growth over the start)', median: Math.round(peak / MB), unit: 'MB', target: `+${Math.round((peak - before) / MB)} MB`, n: 1 });
  return rows;
}
