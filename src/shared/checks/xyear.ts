/** Year to year (needs last year's report): 上年结转 vs last year's 结转下年度, 现行有效件数 carried forward. */
import { carriedInFrom, mapCells } from '../carryover';
import { num, type CheckContext } from './context';
import { RULES } from './types';

/** T2 column ids of the 2021 format's 第二十条第（一）项 block. */
const IN_FORCE = { inForce: 'inForce', issued: 'issued', repealed: 'repealed' } as const;

function carryOver(ctx: CheckContext): void {
  const previous = ctx.options.previous!;
  const expected = carriedInFrom(previous, ctx.doc.format);
  const columns = ctx.index.columnIds.t3;
  const differs = (id: string) => {
    const was = expected[id] ?? null;
    const now = ctx.effective(id);
    return was !== null && now !== null && was !== now;
  };
  const ids = Object.keys(expected);
  const anyPart = ids.some((id) => !id.endsWith('.total') && differs(id));
  for (const col of columns) {
    const id = `t3.carriedIn.${col}`;
    // The 总计 column follows its parts: report it only when the parts all agree.
    if (!differs(id) || (col === 'total' && anyPart)) continue;
    const was = expected[id]!;
    const now = ctx.effective(id)!;
    ctx.push({
      rule: 'xyear.carryOver',
      severity: RULES['xyear.carryOver'],
      cells: [id],
      message: `${ctx.names.row('t3', 'carriedIn')} = ${num(now)}，但 ${previous.year} 年报告的 ${ctx.names.row('t3', 'carriedOut')} = ${num(was)}（${ctx.names.column('t3', col)}列，差 ${num(Math.abs(now - was))}）；如因机构调整等原因确有不同，请确认并注明理由`,
      expected: was,
      actual: now,
    });
  }
}

function inForce(ctx: CheckContext): void {
  const previous = ctx.options.previous!;
  const last = previous.format === ctx.doc.format ? previous.cells : mapCells(previous, ctx.doc.format);
  for (const c of ctx.index.cells) {
    if (c.table !== 't2' || c.column !== IN_FORCE.inForce) continue;
    const id = (col: string) => `t2.${c.row}.${col}`;
    const before = last[c.id] ?? null;
    const now = ctx.value(c.id);
    const issued = ctx.value(id(IN_FORCE.issued));
    const repealed = ctx.value(id(IN_FORCE.repealed));
    if (before === null || now === null || issued === null || repealed === null) continue;
    const expected = before + issued - repealed;
    if (expected === now) continue;
    const col = (k: string) => ctx.names.column('t2', k);
    ctx.push({
      rule: 'xyear.inForce',
      severity: RULES['xyear.inForce'],
      cells: [c.id, id(IN_FORCE.issued), id(IN_FORCE.repealed)],
      message: `${ctx.names.row('t2', c.row)}：${col(IN_FORCE.inForce)} = ${num(now)}，但 ${previous.year} 年${col(IN_FORCE.inForce)} ${num(before)} + ${col(IN_FORCE.issued)} ${num(issued)} − ${col(IN_FORCE.repealed)} ${num(repealed)} = ${num(expected)}（差 ${num(Math.abs(expected - now))}）`,
      expected,
      actual: now,
    });
  }
}

/** Only against the report on the year just before; xyear.inForce needs 现行有效件数 in both (2021 format). */
export function xyearChecks(ctx: CheckContext): void {
  const previous = ctx.options.previous;
  if (!previous || previous.year !== ctx.doc.year - 1) return;
  carryOver(ctx);
  inForce(ctx);
}
