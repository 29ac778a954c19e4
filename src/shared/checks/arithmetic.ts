/**
 * The arithmetic the format itself imposes (errors): every 总计 of the definition's sum constraints
 * (t3.rowTotal, t3.resultTotal, t4.total), the balance printed in T3's corner (t3.balance), and the
 * group sums that narratives quote (t3.groupTotals, info).
 */
import type { SumConstraint } from '../format/index';
import { num, type CheckContext } from './context';
import { RULES, type RuleId } from './types';

/** The row ids the balance rule names: 第一项 + 第二项 = 第三项（七）总计 + 第四项. */
const BALANCE = { inputs: ['new', 'carriedIn'], outputs: ['resultTotal', 'carriedOut'] } as const;

const diff = (a: number, b: number) => num(Math.abs(a - b));

/** The whole, its parts and the common row/column of a sum, in the table's words. */
function describe(ctx: CheckContext, s: SumConstraint) {
  const info = (id: string) => ctx.index.cellById.get(id)!;
  const total = info(s.total);
  const leafColumn = (id: string) => ctx.names.column(total.table, info(id).column).split('·').pop()!;
  if (total.table === 't4') {
    const group = ctx.names.group(total.column.split('.')[0]!);
    return { whole: `${group}：${leafColumn(s.total)}`, parts: s.parts.map(leafColumn).join(' + '), where: '' };
  }
  if (s.axis === 'row') {
    return {
      whole: `${ctx.names.row(total.table, total.row)}（${leafColumn(s.total)}）`,
      parts: s.parts.map(leafColumn).join(' + '),
      where: '',
    };
  }
  const rows = s.parts.map((p) => ctx.names.localRow(total.table, info(p).row));
  const parts = rows.length > 3 ? `${rows[0]} 至 ${rows[rows.length - 1]} 共 ${rows.length} 项之和` : rows.join(' + ');
  return { whole: ctx.names.row(total.table, total.row), parts, where: `${leafColumn(s.total)}列，` };
}

function checkSum(ctx: CheckContext, s: SumConstraint): void {
  const rule = s.rule as RuleId;
  const severity = RULES[rule] ?? 'error';
  // a cell the import could not read is unknown, not blank: nothing to judge
  if (ctx.unread.has(s.total) || s.parts.some((p) => ctx.unread.has(p))) return;
  const total = ctx.value(s.total);
  let known = 0;
  let unknown = 0;
  for (const p of s.parts) {
    const v = ctx.effective(p);
    if (v === null) unknown++;
    else known += v;
  }
  if (total === null) {
    // A blank 总计 with every part filled: say what it should hold (at export cell.missing says it),
    // once — the corner cell (（七）总计 · 总计) is the total of two sums.
    if (unknown > 0 || ctx.options.forExport || ctx.partsOf.get(s.total) !== s.parts) return;
    const d = describe(ctx, s);
    ctx.push({
      rule,
      severity,
      cells: [s.total],
      message: `${d.whole}为空，应为 ${num(known)}（${d.parts}，${d.where}表中不能留空）`,
      expected: known,
    });
    return;
  }
  if (unknown === 0 && Math.abs(known - total) > 1e-9) {
    const d = describe(ctx, s);
    ctx.push({
      rule,
      severity,
      cells: [s.total, ...s.parts],
      message: `${d.whole} = ${num(total)}，但 ${d.parts} = ${num(known)}（${d.where}差 ${diff(total, known)}）`,
      expected: known,
      actual: total,
    });
  } else if (unknown > 0 && known > total + 1e-9) {
    const d = describe(ctx, s);
    ctx.push({
      rule,
      severity,
      cells: [s.total, ...s.parts.filter((p) => ctx.effective(p) !== null)],
      message: `${d.whole} = ${num(total)}，但已填写的各项之和已达 ${num(known)}（${d.where}超出 ${diff(total, known)}，另有 ${unknown} 项未填）`,
      expected: known,
      actual: total,
    });
  }
}

function checkBalance(ctx: CheckContext): void {
  const rowName = (r: string) => ctx.names.row('t3', r);
  for (const col of ctx.index.columnIds.t3) {
    const ids = [...BALANCE.inputs, ...BALANCE.outputs].map((r) => `t3.${r}.${col}`);
    const [a, b, r, o] = ids.map((id) => ctx.effective(id));
    if (a == null || b == null || r == null || o == null) continue;
    const input = a + b;
    const output = r + o;
    if (input === output) continue;
    const note = ids.filter((id) => ctx.derived(id)).map((id) => `${ctx.names.cell(id)}为空，按各项之和计`);
    ctx.push({
      rule: 't3.balance',
      severity: RULES['t3.balance'],
      cells: ids,
      message:
        `${BALANCE.outputs.map(rowName).join(' + ')} = ${output}，但 ${BALANCE.inputs.map(rowName).join(' + ')} = ${input}` +
        `（${ctx.names.column('t3', col)}列，差 ${diff(input, output)}${note.length ? '；' + note.join('；') : ''}）`,
      expected: input,
      actual: output,
    });
  }
}

/** 不予公开 / 无法提供 / 不予处理 / 其他处理 as the narrative quotes them: Σ of the group's rows. */
export function groupSum(ctx: CheckContext, groupId: string, column = 'total'): number | null {
  const cells = ctx.groupCells.get(groupId)?.get(column);
  return cells ? ctx.sum(cells) : null;
}

function groupTotals(ctx: CheckContext): void {
  for (const g of ctx.index.t3Groups) {
    if (g.rows.length < 2) continue;
    const total = groupSum(ctx, g.id);
    if (total === null) continue;
    const byColumn = ctx.index.columnIds.t3
      .filter((c) => c !== 'total')
      .map((c) => [c, groupSum(ctx, g.id, c)] as const)
      .filter(([, v]) => v !== null && v !== 0)
      .map(([c, v]) => `${ctx.names.column('t3', c)} ${num(v!)}`);
    ctx.push({
      rule: 't3.groupTotals',
      severity: RULES['t3.groupTotals'],
      cells: [...ctx.groupCells.get(g.id)!.get('total')!],
      message: `${g.label}合计 ${num(total)} 件${byColumn.length ? `（${byColumn.join('、')}）` : ''}；正文引用时应与此一致`,
      actual: total,
    });
  }
}

export function arithmeticChecks(ctx: CheckContext): void {
  for (const s of ctx.index.sums) checkSum(ctx, s);
  checkBalance(ctx);
  groupTotals(ctx);
}
