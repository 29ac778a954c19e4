/**
 * The editor's findings: runChecks (the one producer the report list and the export gate use too) over the
 * cells on screen (and the text in them that is not a value), with last year's report and the units' sums the server sent with the report. A check that
 * throws is a failure to show, never "no problems".
 */
import { blankFindings, foldBlanks, runChecks, type InvalidEntry } from '../../shared/checks/index';
import type { Finding } from '../../shared/findings';
import type { ReportDetail } from '../../shared/api';
import type { Cells } from '../../shared/report';

/**
 * `blanks`: the cells a published report may not leave blank (cell.missing, as `gov-report check` and the
 * import dialog list them), folded into one line per table — 检查 shows them beside the findings; the
 * header counts them as 格未填, not as errors.
 */
export type LiveChecks = { ok: true; findings: Finding[]; blanks: Finding[] } | { ok: false; findings: []; blanks: []; failure: string };

export function liveChecks(detail: Pick<ReportDetail, 'format' | 'year' | 'agency' | 'narrative' | 'acknowledged' | 'previous' | 'unitSums' | 'unread'>, cells: Cells, invalid: readonly InvalidEntry[] = []): LiveChecks {
  const doc = { format: detail.format, year: detail.year, agency: detail.agency, narrative: detail.narrative, cells, acknowledged: detail.acknowledged, ...(detail.unread?.length ? { unread: detail.unread } : {}) };
  const previous = detail.previous ? { year: detail.previous.year, format: detail.previous.format, cells: detail.previous.cells, narrative: detail.previous.narrative } : null;
  try {
    const findings = runChecks(doc, { previous, unitSums: detail.unitSums, invalid });
    return { ok: true, findings, blanks: foldBlanks(blankFindings(doc)) };
  } catch (e) {
    const detailText = e instanceof Error ? e.message : String(e);
    return { ok: false, findings: [], blanks: [], failure: `检查没有完成（${detailText}），以下结果不可信。请保存后重新打开报告；如果仍然出现，请联系技术人员。` };
  }
}
