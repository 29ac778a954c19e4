/** reports.import and the file reading the CLI, 汇总 and audit share: any report file, parsed in a worker. */
import { IMPORT_SOURCE_NAMES, type ImportReport } from '../../shared/api';
import { checkAsPublished } from '../../shared/checks/index';
import { AppError } from '../../shared/errors';
import { formatIndex } from '../../shared/format/index';
import { toExchange, type ReportDoc } from '../../shared/report';
import { applyComputedTotals } from '../../shared/totals';
import { parseInWorker, type ParseOptions } from '../import/worker/host';
import type { ReportState } from '../storage/index';
import type { Handlers } from './context';
import { assertEditable, createReport, withTotals } from './reports';
import { toDetail } from './documents';

export { isExchangeFileName, MAX_EXCHANGE_BYTES, parseExchange } from '../import/exchange';

/**
 * Read any supported report file into a report document and an import report. The parsing runs in a worker
 * thread with a time and a memory limit (import/worker/host.ts): a save issued meanwhile is answered at once.
 */
export function readReportFile(fileName: string, bytes: Uint8Array, options: ParseOptions = {}): Promise<{ doc: ReportDoc; report: ImportReport }> {
  return parseInWorker(fileName, bytes, options);
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
        assertEditable(store.report(existing));
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
