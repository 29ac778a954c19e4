/** reports.export: .docx, HTML page or fragment, exchange file — refused over error-level findings unless forced. */
import type { ExportKind } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Finding } from '../../shared/findings';
import { getFormat } from '../../shared/format/index';
import type { TypographySettings } from '../../shared/document/typography';
import { toExchange, type ReportDoc } from '../../shared/report';
import { exportHtmlFragment, exportHtmlPage } from '../export/html/index';
import { exportXlsx } from '../export/xlsx/index';
import { runChecks } from '../../shared/checks/index';
import type { Handlers } from './context';
import { checkReport, docOf } from './documents';
import { savedExportSettings } from './settings';

/**
 * The Word writer and the docx library under it (some 700 KB of code) are loaded by the first .docx
 * export, not at start-up: the desktop app, browser mode and every CLI command start without them. In
 * the desktop bundle the library is a file of its own (dist/electron/vendor/docx.cjs).
 */
let docxWriter: Promise<typeof import('../export/docx/index')> | null = null;
const loadDocxWriter = () => (docxWriter ??= import('../export/docx/index'));

const MIME: Record<ExportKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  'html-fragment': 'text/html; charset=utf-8',
  exchange: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** 某某县教育局2025年政府信息公开工作年度报告.docx — characters no file system accepts become "_". */
export function exportFileName(doc: Pick<ReportDoc, 'agency' | 'year' | 'format'>, kind: ExportKind): string {
  const base = `${doc.agency.name}${doc.year}年${getFormat(doc.format).title}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  const ext = { docx: '.docx', html: '.html', 'html-fragment': '（网页片段）.html', exchange: '.json', xlsx: '（统计表）.xlsx' }[kind];
  return base + ext;
}

/**
 * The file content of a report in one of the export kinds, with the fonts and sizes of `settings`. The
 * workbook lists the report's findings: the caller's (checked with the previous year), else the report's own.
 */
export async function renderExport(doc: ReportDoc, kind: ExportKind, settings: TypographySettings = {}, findings?: readonly Finding[]): Promise<Buffer> {
  switch (kind) {
    case 'docx':
      return (await loadDocxWriter()).exportDocx(doc, settings);
    case 'html':
      return Buffer.from(exportHtmlPage(doc, settings), 'utf8');
    case 'html-fragment':
      return Buffer.from(exportHtmlFragment(doc, settings), 'utf8');
    case 'exchange':
      return Buffer.from(JSON.stringify(toExchange(doc), null, 2) + '\n', 'utf8');
    case 'xlsx':
      return exportXlsx(doc, findings ?? runChecks(doc, { forExport: true }));
  }
}

/** The has_errors refusal, listing the findings (the first ones in the message, all in details). */
export function hasErrorsError(errors: readonly Finding[]): AppError {
  const lines = errors.slice(0, 10).map((f, i) => `${i + 1}. ${f.message}`);
  const more = errors.length > 10 ? `\n……另有 ${errors.length - 10} 处` : '';
  return new AppError('has_errors', `报告还有 ${errors.length} 处错误，未导出。请先改正，或确认后强制导出：\n${lines.join('\n')}${more}`, {
    findings: errors,
  });
}

/** Documents for publication wait for a clean report; the exchange file carries drafts too, and the workbook lists the findings. */
export const GATED_KINDS: readonly ExportKind[] = ['docx', 'html', 'html-fragment'];

export const exportHandlers: Handlers<'reports.export'> = {
  'reports.export': async ({ id, kind, force }, { store }) => {
    const r = store.liveReport(id);
    const findings = GATED_KINDS.includes(kind) || kind === 'xlsx' ? checkReport(store, r, true) : [];
    const errors = GATED_KINDS.includes(kind) ? findings.filter((f) => f.severity === 'error') : [];
    if (errors.length > 0 && !force) throw hasErrorsError(errors);
    // The exchange format (shared spec) carries no import bookkeeping: the unread tables stay in the database.
    const { unread: _unread, ...doc } = docOf(r);
    const data = await renderExport(kind === 'exchange' ? doc : docOf(r), kind, savedExportSettings(store), findings);
    const fileName = exportFileName(r, kind);
    store.logExport({ reportId: id, revision: r.revision, kind, fileName, forcedOver: errors.map((f) => f.rule) });
    return { fileName, mimeType: MIME[kind], data: data.toString('base64'), forcedOver: errors };
  },
};
