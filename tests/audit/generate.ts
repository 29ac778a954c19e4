/**
 * A folder of published reports in every file kind for the audit tests and benchmark, generated from the
 * test fixtures: exchange .json, .docx, a web page (.html) and a single-file page (.mht) with a 发布日期,
 * text copied out of a page (.txt, tables as TAB-separated rows), the tables as an .xlsx, and the page
 * printed to PDF by Chromium (as a browser saves it; cached in the temp folder, where Chromium is absent
 * there is no PDF kind). Agencies come in pairs of years, so the cross-year checks have a previous report
 * to compare with.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { exportDocx } from '../../src/main/export/docx/index';
import { exportHtmlPage, titleLines } from '../../src/main/export/html/index';
import { exportXlsx } from '../../src/main/export/xlsx/index';
import { runChecks } from '../../src/shared/checks/index';
import { formatForYear, formatIndex, getFormat, TABLE_IDS } from '../../src/shared/format/index';
import { gridFor } from '../../src/shared/grid';
import { toExchange, type ReportDoc } from '../../src/shared/report';
import { formatValue } from '../../src/shared/values';
import { loadExchange } from '../import/helpers';
import { CHROMIUM, launchBrowser } from '../e2e/harness';

const ALL_KINDS = ['json', 'docx', 'html', 'mht', 'txt', 'xlsx', 'pdf'] as const;
export type AuditKind = (typeof ALL_KINDS)[number];
/** The kinds generated here: PDFs need Chromium to print them. */
export const AUDIT_KINDS: readonly AuditKind[] = existsSync(CHROMIUM) ? ALL_KINDS : ALL_KINDS.filter((k) => k !== 'pdf');

const PDF_CACHE = join(tmpdir(), 'gov-report-test-pdfs');

/** Prints report pages to PDF with one browser, launched on first use; `close` when done. */
export class PdfPrinter {
  private browser: Promise<Browser> | null = null;

  async print(doc: ReportDoc): Promise<Uint8Array> {
    const html = exportHtmlPage(doc);
    const file = join(PDF_CACHE, `audit-${createHash('sha256').update(html).digest('hex').slice(0, 20)}.pdf`);
    if (!existsSync(file)) {
      this.browser ??= launchBrowser();
      const page = await (await this.browser).newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        mkdirSync(PDF_CACHE, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, await page.pdf({ format: 'A4', printBackground: true }));
        renameSync(tmp, file);
      } finally {
        await page.close();
      }
    }
    return new Uint8Array(readFileSync(file));
  }

  async close(): Promise<void> {
    if (this.browser) await (await this.browser).close();
    this.browser = null;
  }
}

const CN = '〇一二三四五六七八九';
const cn = (n: number) => String(n).split('').map((d) => CN[Number(d)]).join('');

/** The report as text copied from a web page: title and parts as lines, each table row one TAB-separated line. */
export function reportText(doc: ReportDoc): string {
  const format = getFormat(doc.format);
  const index = formatIndex(doc.format);
  const lines = [...titleLines(doc), ''];
  if (doc.narrative.preamble) lines.push(doc.narrative.preamble, '');
  for (const s of format.sections) {
    lines.push(s.heading);
    if (s.table) {
      for (const row of gridFor(format, s.table).rows)
        lines.push(row.cells.map((c) => (c.kind === 'value' ? formatValue(index.cellById.get(c.cellId!)!.kind, doc.cells[c.cellId!]) : (c.text ?? ''))).join('\t'));
      lines.push('');
    }
    if (doc.narrative[s.id]) lines.push(doc.narrative[s.id]!, '');
  }
  return lines.join('\n');
}

const published = (doc: ReportDoc, day: number) => `${doc.year + 1}-${day > 31 ? '02' : '01'}-${String(((day - 1) % 28) + 1).padStart(2, '0')}`;

function withDate(html: string, date: string): string {
  return html.replace('<body>', `<body>\n<div class="info">发布日期：${date}　来源：本机关</div>`);
}

function mhtOf(html: string): string {
  const b64 = Buffer.from(html, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; boundary="----=_NextPart_000"',
    '',
    '------=_NextPart_000',
    'Content-Type: text/html; charset="utf-8"',
    'Content-Transfer-Encoding: base64',
    '',
    b64,
    '------=_NextPart_000--',
    '',
  ].join('\r\n');
}

export async function fileOf(doc: ReportDoc, kind: AuditKind, day: number, printer?: PdfPrinter): Promise<Uint8Array> {
  switch (kind) {
    case 'pdf': {
      const own = printer ? null : new PdfPrinter();
      try {
        return await (printer ?? own!).print(doc);
      } finally {
        await own?.close();
      }
    }
    case 'json':
      return Buffer.from(JSON.stringify(toExchange(doc), null, 2));
    case 'docx':
      return exportDocx(doc);
    case 'html':
      return Buffer.from(withDate(exportHtmlPage(doc), published(doc, day)));
    case 'mht':
      return Buffer.from(mhtOf(withDate(exportHtmlPage(doc), published(doc, day))));
    case 'txt':
      return Buffer.from(reportText(doc));
    case 'xlsx':
      return exportXlsx(doc, runChecks(doc, { forExport: true }));
  }
}

const SOURCES = ['2025-clean.json', '2021-planted-errors.json', '2020-fushun-education-bureau.json'];

/** The `i`-th generated report: a fixture under a new agency name, in year pairs (previous, current). */
export function generatedDoc(i: number): ReportDoc {
  const agencyNo = Math.floor(i / 2);
  const base = loadExchange(SOURCES[agencyNo % SOURCES.length]!);
  const current = base.year;
  const year = i % 2 === 0 ? current - 1 : current;
  const doc: ReportDoc = { ...base, year, format: formatForYear(year) === base.format ? base.format : base.format };
  if (formatForYear(year) !== base.format) doc.year = current; // a pair across the format change is not what a folder holds
  doc.agency = { ...base.agency, name: `云溪县第${cn(agencyNo + 1)}局` };
  return doc;
}

/** Write `n` generated reports into `dir`, the kinds in turn; returns the file names with their kind. */
export async function writeAuditFolder(dir: string, n: number): Promise<{ file: string; kind: AuditKind; doc: ReportDoc }[]> {
  const out = [];
  const printer = new PdfPrinter();
  try {
    for (let i = 0; i < n; i++) {
      const kind = AUDIT_KINDS[i % AUDIT_KINDS.length]!;
      const doc = generatedDoc(i);
      const file = `${String(i).padStart(4, '0')}-${doc.agency.name}-${doc.year}.${kind}`;
      writeFileSync(join(dir, file), await fileOf(doc, kind, (i % 40) + 1, printer));
      out.push({ file, kind, doc });
    }
  } finally {
    await printer.close();
  }
  return out;
}

export { TABLE_IDS };
