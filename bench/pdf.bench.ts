/**
 * PDF import speed: a 6-page report (the app's .docx through LibreOffice, as Word "另存为 PDF") and a 40-page
 * one (the same report with a long narrative), median ms; and the process's peak memory while importing.
 * The PDFs are made on the first run and cached in the temp folder (tests/import/pdfSamples.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../src/main/import/index';
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

export default async function (): Promise<BenchRow[]> {
  if (!SOFFICE) return [];
  const doc = ExchangeFile.parse(JSON.parse(readFileSync(join(root, 'tests/fixtures/2025-clean.json'), 'utf8')));
  const six = await pdfViaLibreOffice(doc);
  const forty = await pdfViaLibreOffice(longReport(doc, 300));
  let peak = process.memoryUsage().rss;
  const sample = () => void (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 5);
  const before = process.memoryUsage().rss;
  const rows = [
    row('import a 6-page PDF report (LibreOffice export)', await timeIt(() => importFile('report.pdf', six), 20, 3), 'ms', '< 300 ms'),
    row('import a 40-page PDF report', await timeIt(() => importFile('long.pdf', forty), 8, 2), 'ms', '< 1.5 s'),
  ];
  clearInterval(timer);
  sample();
  rows.push({ name: 'PDF import: peak process memory (RSS; growth over the start)', median: Math.round(peak / MB), unit: 'MB', target: `+${Math.round((peak - before) / MB)} MB`, n: 1 });
  return rows;
}
