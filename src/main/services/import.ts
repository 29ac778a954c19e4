/** reports.import and the file reading the CLI shares: an exchange .json, or .docx/.html/.txt through the importers. */
import { IMPORT_SOURCE_NAMES, type ImportReport } from '../../shared/api';
import { checkAsPublished } from '../../shared/checks/index';
import { AppError, invalidInput } from '../../shared/errors';
import { formatIndex } from '../../shared/format/index';
import { ExchangeFile, toExchange, type ReportDoc } from '../../shared/report';
import { applyComputedTotals } from '../../shared/totals';
import { decodeText, replacedBytesNote, type DecodedText } from '../import/encoding';
import { importFile } from '../import/index';
import type { ReportState } from '../storage/index';
import type { Handlers } from './context';
import { createReport, withTotals } from './reports';
import { toDetail } from './documents';

/** A report is some 20 KB of JSON; anything far larger is not an exchange file. */
export const MAX_EXCHANGE_BYTES = 16 * 1024 * 1024;

export const isExchangeFileName = (fileName: string) => /\.json$/i.test(fileName);

/** Why JSON.parse failed, in Chinese, with the place as 第 N 行第 M 列 (V8 reports a character position). */
function jsonProblem(fileName: string, text: string, message: string): string {
  if (text.trim() === '') return `“${fileName}”是空文件，不是有效的 JSON 交换文件。`;
  const m = /position (\d+)/.exec(message);
  let place = '';
  if (m) {
    const before = text.slice(0, Number(m[1]));
    place = `第 ${before.split('\n').length} 行第 ${before.length - before.lastIndexOf('\n')} 列附近`;
  }
  return `“${fileName}”不是有效的 JSON 文件：${place}有语法错误。`;
}

/**
 * Parse an exchange file's bytes (UTF-8, UTF-16 with or without BOM, or GBK — the importers' decoder);
 * invalid JSON or a bad field gives invalid_input naming the field.
 */
export function parseExchange(bytes: Uint8Array, fileName = '交换文件'): ReportDoc {
  return parseExchangeText(bytes, fileName).doc;
}

function parseExchangeText(bytes: Uint8Array, fileName: string): { doc: ReportDoc; decoded: DecodedText } {
  if (bytes.length > MAX_EXCHANGE_BYTES) {
    throw new AppError('too_large', `“${fileName}”过大（${(bytes.length / 1048576).toFixed(1)} MB）：交换文件最大 ${MAX_EXCHANGE_BYTES / 1048576} MB，请确认选择的文件是否正确。`);
  }
  const decoded = decodeText(bytes);
  const text = decoded.text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AppError('invalid_input', jsonProblem(fileName, text, (e as Error).message));
  }
  const parsed = ExchangeFile.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error, `交换文件“${fileName}”`);
  return { doc: parsed.data, decoded };
}

/** Read any supported report file into a report document and an import report. */
export async function readReportFile(fileName: string, bytes: Uint8Array): Promise<{ doc: ReportDoc; report: ImportReport }> {
  if (isExchangeFileName(fileName)) {
    const { doc, decoded } = parseExchangeText(bytes, fileName);
    const matched = Object.values(doc.cells).filter((v) => v !== null).length;
    const note = replacedBytesNote(decoded);
    return { doc, report: { source: 'exchange', matched, messages: note ? [{ level: 'warning', where: '文件', message: note }] : [] } };
  }
  return importFile(fileName, bytes);
}

/**
 * Totals of an imported report: typed by hand when the file's 总计 cells disagree with the sum of their
 * parts (a transcribed paper report — the checks then show the difference), computed otherwise.
 */
export function importedState(doc: ReportDoc): ReportState {
  const computed = applyComputedTotals(doc.format, doc.cells);
  const { totalCells } = formatIndex(doc.format);
  const manualTotals = [...totalCells].some((id) => {
    const v = doc.cells[id];
    return typeof v === 'number' && v !== computed[id];
  });
  return {
    status: 'draft',
    manualTotals,
    narrative: { ...doc.narrative },
    cells: withTotals(doc.format, { ...doc.cells }, manualTotals),
    acknowledged: doc.acknowledged,
    ...(doc.unread?.length ? { unread: doc.unread } : {}),
  };
}

export const importHandlers: Handlers<'reports.import'> = {
  'reports.import': async ({ fileName, data, agencyId, agency: corrected, dryRun, replace }, { store }) => {
    const bytes = Buffer.from(data, 'base64');
    const read = await readReportFile(fileName, bytes);
    const importReport = read.report;
    const doc = corrected ? { ...read.doc, agency: corrected } : read.doc;
    // the one check path of a published file (gov-report check, 检查): the dialog shows what they show
    const findings = checkAsPublished(doc);
    if (dryRun) return { report: null, importReport, parsed: toExchange(doc), findings };
    return store.transaction(() => {
      const agency = agencyId !== undefined ? store.agency(agencyId) : (store.agencyByName(doc.agency.name) ?? store.createAgency(doc.agency, false));
      const state = importedState(doc);
      const source = IMPORT_SOURCE_NAMES[importReport.source];
      const existing = store.liveReportId(agency.id, doc.year);
      let id: number;
      if (existing === undefined) {
        id = createReport(store, { agencyId: agency.id, year: doc.year, format: doc.format }, state, `导入（${source}：${fileName}）`, 'import').id;
      } else if (replace) {
        // The replaced content stays restorable: it is the newest revision, and the import starts a new one.
        store.setFormat(existing, doc.format);
        store.writeState(existing, state);
        store.recordRevision(existing, 'import', () => `导入并替换（${source}：${fileName}）`);
        store.markCountsStale(existing, true);
        id = existing;
      } else {
        throw new AppError(
          'conflict',
          `“${agency.name}”的 ${doc.year} 年度报告已存在（编号 ${existing}）。如要用导入的文件替换它，请选择“替换”（原内容保留在历史版本中，可随时恢复）。`,
          { existingId: existing },
        );
      }
      const r = store.report(id);
      return { report: toDetail(store, r), importReport, parsed: toExchange(doc), findings };
    });
  },
};
