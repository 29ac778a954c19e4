/** reports.*: list, create, open, edit, status, acknowledgements, check, history, restore, trash. */
import { REPORT_STATUS_NAMES, type CellConflict } from '../../shared/api';
import { carriedInFrom, mapCells } from '../../shared/carryover';
import { ruleName } from '../../shared/checks/index';
import { AppError } from '../../shared/errors';
import { textHash } from '../../shared/textHash';
import { formatForYear, formatIndex, getFormat } from '../../shared/format/index';
import type { Cells, Narrative } from '../../shared/report';
import { computedTotalChanges } from '../../shared/totals';
import { valueProblem } from '../../shared/values';
import type { ReportState, Store, StoredReport } from '../storage/index';
import { BULK_EDIT_CELLS } from '../storage/index';
import type { Handlers } from './context';
import { checkReport, previousOf, refreshStaleCounts, toDetail } from './documents';

type ReportMethods =
  | 'reports.list'
  | 'reports.create'
  | 'reports.duplicate'
  | 'reports.open'
  | 'reports.updateCells'
  | 'reports.updateNarrative'
  | 'reports.setStatus'
  | 'reports.setOptions'
  | 'reports.acknowledge'
  | 'reports.unacknowledge'
  | 'reports.check'
  | 'reports.history'
  | 'reports.restore'
  | 'reports.delete'
  | 'reports.undelete';

/** The name of a narrative part in messages: the heading from the format definition. */
export function narrativeName(r: Pick<StoredReport, 'format'>, key: keyof Narrative): string {
  return getFormat(r.format).sections.find((s) => s.id === key)?.heading ?? '开头段落';
}

/** Another window or program changed the part since this editor loaded it: nothing saved, both versions returned. */
function staleEdit(r: Pick<StoredReport, 'format'>, key: keyof Narrative, theirs: string, yours: string): AppError {
  return new AppError(
    'stale_edit',
    `“${narrativeName(r, key)}”已在另一个窗口或程序中被修改，为免覆盖，本次修改未保存。请对比两个版本，选择保留哪一个。`,
    { key, theirs, yours },
  );
}

/** Cells with every 总计 computed (unless the report's totals are typed by hand). */
export function withTotals(format: StoredReport['format'], cells: Cells, manualTotals: boolean): Cells {
  if (manualTotals) return cells;
  const out = { ...cells };
  for (const c of computedTotalChanges(format, out)) out[c.cell] = c.value;
  return out;
}

/**
 * After a change: the cached counts of this report and of next year's (which compares itself with this
 * one) are marked stale and recounted after the reply (the core schedules it; listing recounts first),
 * so a keystroke's save does not wait for the checks.
 */
function afterChange(store: Store, id: number, nextYearToo: boolean): void {
  store.markCountsStale(id, nextYearToo);
}

/**
 * 已定稿 locks the report: every call that changes it (cells, text, options, acknowledgements, restore,
 * import over it, 汇总 written into it, deletion) is refused until it is unlocked with setStatus {unlock}.
 */
export function assertEditable(r: Pick<StoredReport, 'status' | 'agency' | 'year'>): void {
  if (r.status === 'final')
    throw new AppError('locked', `“${r.agency.name}”${r.year} 年度报告已定稿，内容已锁定，本次修改未保存。如确需修改，请先点击“解除定稿”（会记入历史）。`);
}

/** A live report that may be changed: not in the trash, not 已定稿. */
function editableReport(store: Store, id: number): StoredReport {
  const r = store.liveReport(id);
  assertEditable(r);
  return r;
}

/** Create a report row with its first revision and counts; the caller runs this in a transaction. */
export function createReport(
  store: Store,
  target: { agencyId: number; year: number; format: StoredReport['format'] },
  state: ReportState,
  summary: string,
  kind: 'create' | 'import' | 'duplicate',
): StoredReport {
  const { agencyId, year, format } = target;
  const id = store.insertReport(agencyId, year, format, state);
  store.recordRevision(id, kind, () => summary);
  afterChange(store, id, true);
  return store.report(id);
}

function blankState(format: StoredReport['format']): ReportState {
  const cells: Cells = {};
  for (const c of formatIndex(format).cells) cells[c.id] = null;
  return { status: 'draft', manualTotals: false, narrative: {}, cells, acknowledged: [] };
}

export const reportHandlers: Handlers<ReportMethods> = {
  'reports.list': ({ agencyId, trash }, { store }) => {
    // a read-only file is shown with the counts it has
    if (!store.db.readonly) refreshStaleCounts(store);
    return store.listReports({ agencyId, trash });
  },

  'reports.create': ({ agencyId, year, from }, { store }) =>
    store.transaction(() => {
      const agency = store.agency(agencyId);
      store.markAgencyOwn(agencyId); // a report made here: the user reports for this agency
      const format = formatForYear(year);
      const state = blankState(format);
      let summary = '新建（空白）';
      if (from === 'previous') {
        const prev = previousOf(store, { agencyId, year });
        if (!prev) {
          throw new AppError('not_found', `没有找到“${agency.name}”的 ${year - 1} 年度报告，无法结转。请选择“空白”新建，或先导入上年的报告。`);
        }
        Object.assign(state.cells, carriedInFrom(prev, format));
        state.cells = withTotals(format, state.cells, false);
        state.narrative = { ...prev.narrative };
        summary = `新建（由 ${year - 1} 年度报告结转）`;
      }
      const r = createReport(store, { agencyId, year, format }, state, summary, 'create');
      return toDetail(store, r);
    }),

  'reports.duplicate': ({ id, agencyId, year }, { store }) =>
    store.transaction(() => {
      const source = store.liveReport(id);
      const targetAgency = agencyId ?? source.agencyId;
      // Same agency: a copy for the following year; another agency: the same year.
      const targetYear = year ?? (targetAgency === source.agencyId ? source.year + 1 : source.year);
      store.agency(targetAgency);
      const format = formatForYear(targetYear);
      const sameFormat = format === source.format;
      const cells = { ...blankState(format).cells, ...mapCells(source, format) };
      const state: ReportState = {
        status: 'draft',
        manualTotals: source.manualTotals,
        narrative: { ...source.narrative },
        cells: withTotals(format, cells, source.manualTotals),
        acknowledged: sameFormat ? source.acknowledged : [],
      };
      const r = createReport(store, { agencyId: targetAgency, year: targetYear, format }, state, `复制自“${source.agency.name}”${source.year} 年度报告`, 'duplicate');
      return toDetail(store, r);
    }),

  'reports.open': ({ id }, { store }) => {
    const r = store.report(id);
    return toDetail(store, r);
  },

  'reports.updateCells': ({ id, changes }, { store }) =>
    store.transaction(() => {
      const r = editableReport(store, id);
      const index = formatIndex(r.format);
      const problems: string[] = [];
      changes.forEach((c, i) => {
        const info = index.cellById.get(c.cell);
        if (!info) problems.push(`字段 changes[${i}].cell：未知的单元格“${c.cell}”（${r.format} 格式中没有这一项）`);
        else {
          const p = valueProblem(info.kind, c.value);
          if (p) problems.push(`字段 changes[${i}].value：${info.name}：${p}`);
        }
      });
      if (problems.length) throw new AppError('invalid_input', `输入有误，未保存：\n${problems.slice(0, 10).join('\n')}`, { problems });
      // A cell another writer changed since this editor read it is not overwritten: both versions go back.
      // Computed 总计 follow their parts and are never a conflict of their own.
      const conflicts: CellConflict[] = [];
      const accepted = changes.filter((c) => {
        if (c.was === undefined || (!r.manualTotals && index.totalCells.has(c.cell))) return true;
        const stored = r.cells[c.cell] ?? null;
        if (stored === c.was || stored === c.value) return true;
        conflicts.push({ cell: c.cell, name: index.cellById.get(c.cell)!.name, theirs: stored, yours: c.value });
        return false;
      });
      const edits = r.manualTotals ? accepted : accepted.filter((c) => !index.totalCells.has(c.cell));
      if (conflicts.length > 0 && edits.length === 0) return { revision: r.revision, updatedAt: r.updatedAt, conflicts };
      const cells = { ...r.cells };
      for (const c of accepted) cells[c.cell] = c.value;
      // Computed totals win over a typed total (a pasted block may include the 总计 column).
      const next = withTotals(r.format, cells, r.manualTotals);
      const writes = index.cells.filter((c) => c.id in next && (r.cells[c.id] ?? null) !== next[c.id]).map((c) => ({ cell: c.id, value: next[c.id] ?? null }));
      store.writeCells(id, writes);
      // Cells the user changed: computed 总计 the editor sends along are its arithmetic, not edits.
      const entered = edits.length;
      const bulk = entered >= BULK_EDIT_CELLS;
      const saved = store.recordRevision(
        id,
        bulk ? 'cells:bulk' : 'cells',
        (n) => `${bulk ? '批量' : ''}修改单元格 ${n} 处`,
        Math.max(1, entered),
        { ...r, cells: { ...r.cells, ...next } },
      );
      afterChange(store, id, true);
      return { ...saved, conflicts };
    }),

  'reports.updateNarrative': ({ id, key, text, base }, { store }) =>
    store.transaction(() => {
      const r = editableReport(store, id);
      const stored = r.narrative[key] ?? '';
      if (base !== undefined && stored !== text && textHash(stored) !== base) throw staleEdit(r, key, stored, text);
      store.writeNarrative(id, key, text);
      const state = { ...r, narrative: { ...r.narrative, [key]: text } };
      const saved = store.recordRevision(id, `narrative:${key}`, () => `修改正文：${narrativeName(r, key)}`, 1, state);
      afterChange(store, id, true);
      return saved;
    }),

  'reports.setStatus': ({ id, status, unlock }, { store }) =>
    store.transaction(() => {
      const r = store.liveReport(id);
      if (r.status === status) return { revision: r.revision, updatedAt: r.updatedAt };
      const unlocking = r.status === 'final';
      if (unlocking && !unlock) assertEditable(r);
      store.setStatus(id, status);
      const to = `“${REPORT_STATUS_NAMES[status]}”`;
      return store.recordRevision(id, 'status', () => (unlocking ? `解除定稿，状态改为${to}` : `状态改为${to}`));
    }),

  'reports.setOptions': ({ id, manualTotals }, { store }) =>
    store.transaction(() => {
      const r = editableReport(store, id);
      store.setManualTotals(id, manualTotals);
      if (!manualTotals) store.writeCells(id, computedTotalChanges(r.format, r.cells));
      const saved = store.recordRevision(id, 'options', () => (manualTotals ? '总计改为手工填写' : '总计改为自动计算'));
      afterChange(store, id, !manualTotals);
      return saved;
    }),

  'reports.acknowledge': ({ id, ack }, { store }) =>
    store.transaction(() => {
      editableReport(store, id);
      store.setAck(id, ack);
      const saved = store.recordRevision(id, 'ack', (n) => (n === 1 ? `确认提醒（${ruleName(ack.rule)}）` : `确认或取消提醒 ${n} 次`));
      afterChange(store, id, false);
      return saved;
    }),

  'reports.unacknowledge': ({ id, rule, cells }, { store }) =>
    store.transaction(() => {
      editableReport(store, id);
      if (!store.removeAck(id, rule, cells)) throw new AppError('not_found', `没有找到对提醒“${ruleName(rule)}”的确认。`);
      const saved = store.recordRevision(id, 'ack', (n) => (n === 1 ? `取消确认提醒（${ruleName(rule)}）` : `确认或取消提醒 ${n} 次`));
      afterChange(store, id, false);
      return saved;
    }),

  'reports.check': ({ id, forExport }, { store }) => ({ findings: checkReport(store, store.report(id), forExport ?? false) }),

  'reports.history': ({ id }, { store }) => {
    store.report(id);
    // The time of a revision is when its state was last written (an edit revision spans a few minutes).
    return store.revisions(id).map((r) => ({ revision: r.revision, createdAt: r.updatedAt, summary: r.summary }));
  },

  'reports.restore': ({ id, revision }, { store }) =>
    store.transaction(() => {
      editableReport(store, id);
      const state = store.snapshot(id, revision);
      // The state being replaced is the newest revision already; restoring starts a new one, so it stays.
      store.writeState(id, state);
      store.recordRevision(id, 'restore', () => `恢复到版本 ${revision}`);
      afterChange(store, id, true);
      const r = store.report(id);
      return toDetail(store, r);
    }),

  'reports.delete': ({ id }, { store }) =>
    store.transaction(() => {
      assertEditable(store.report(id));
      store.softDelete(id);
      afterChange(store, id, true); // next year's report loses its comparison
      return { ok: true as const };
    }),

  'reports.undelete': ({ id }, { store }) =>
    store.transaction(() => {
      store.undelete(id);
      afterChange(store, id, true);
      return { ok: true as const };
    }),
};
