/**
 * Values one by one: what the user typed that is no value (cell.invalid), a value of the wrong kind (cell.type) and, before export, cells still blank
 * (cell.missing) — grouped by table row so a blank report gives a readable list, except a blank 总计
 * whose parts are known, which gets its own finding saying the value it should hold.
 */
import { MAX_COUNT, valueProblem } from '../values';
import { num, type CheckContext } from './context';
import { RULES } from './types';

function typeChecks(ctx: CheckContext): void {
  for (const info of ctx.index.cells) {
    const value = ctx.cells[info.id];
    if (value === null || value === undefined) continue;
    // the common case without building a message
    if (info.kind === 'count' && Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COUNT) continue;
    const id = info.id;
    const problem = valueProblem(info.kind, value);
    if (!problem) continue;
    ctx.push({ rule: 'cell.type', severity: RULES['cell.type'], cells: [id], message: `${info.name}：${problem}` });
  }
}

export function missingChecks(ctx: CheckContext): void {
  const byRow = new Map<string, string[]>();
  for (const c of ctx.index.cells) {
    if (ctx.value(c.id) !== null || (ctx.cells[c.id] !== null && ctx.cells[c.id] !== undefined)) continue;
    if (ctx.unread.has(c.id)) continue; // import.tableUnread names it
    const should = ctx.derived(c.id) ? ctx.effective(c.id) : null;
    if (should !== null) {
      ctx.push({
        rule: 'cell.missing',
        severity: RULES['cell.missing'],
        cells: [c.id],
        message: `${c.name} 为空，应为 ${num(should)}（各项之和）；导出的表格须填写数字，不能留空或写“/”`,
        expected: should,
      });
      continue;
    }
    // T4 has one row: group its blanks by 行政复议 / 未经复议直接起诉 / 复议后起诉 instead.
    const key = `${c.table}|${c.table === 't4' ? c.column.split('.')[0] : c.row}`;
    const list = byRow.get(key) ?? [];
    list.push(c.id);
    byRow.set(key, list);
  }
  for (const [key, ids] of byRow) {
    const [table, row] = key.split('|') as ['t2' | 't3' | 't4', string];
    const where = table === 't4' ? ctx.names.group(row) : ctx.names.row(table, row);
    const columns = ids.map((id) => ctx.names.column(table, ctx.index.cellById.get(id)!.column).split('·').pop()!);
    ctx.push({
      rule: 'cell.missing',
      severity: RULES['cell.missing'],
      cells: ids,
      message: `${where}：${columns.join('、')} 尚未填写（${ids.length} 个单元格）；导出的表格须填写数字，没有的填 0`,
    });
  }
}

/** The stored value stays what it was; the user must see both the text and the number the report still has. */
function invalidChecks(ctx: CheckContext): void {
  for (const entry of ctx.options.invalid ?? []) {
    const info = ctx.index.cellById.get(entry.cell);
    if (!info) continue;
    const stored = ctx.cells[entry.cell];
    const kept = stored === null || stored === undefined ? '仍为空白' : `仍为原值 ${num(stored)}`;
    ctx.push({
      rule: 'cell.invalid',
      severity: RULES['cell.invalid'],
      cells: [entry.cell],
      message: `${info.name}：${entry.error}（未保存，${kept}）；请改为数字，或按 Esc 撤回`,
    });
  }
}

export function cellChecks(ctx: CheckContext): void {
  invalidChecks(ctx);
  typeChecks(ctx);
  if (ctx.options.forExport) missingChecks(ctx);
}
