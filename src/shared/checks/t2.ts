/** Plausibility of table 二: 规章 where the body has no power to make them, 万元 that look like 元. */
import { AGENCY_LEVEL_NAMES, type AgencyLevel } from '../agency-levels';
import { num, type CheckContext } from './context';
import { RULES } from './types';

/** The T2 row of 规章 (row id shared by both formats). */
const REGULATIONS_ROW = 'regulations';
const NORMATIVE_DOCS_ROW = 'normativeDocs';

/**
 * Who cannot make 规章 (立法法 art. 93: only provincial governments and 设区的市 governments).
 * Townships and county-level bodies never can; city departments draft them for their government, so
 * for them the warning asks instead of asserting.
 */
const NO_REGULATION_POWER: Partial<Record<AgencyLevel, 'never' | 'ask'>> = {
  township: 'never',
  county: 'never',
  'county-department': 'never',
  'city-department': 'ask',
};

/** At or above this, an amount in 万元 (1 亿元) is more likely 元 typed into the 万元 column. */
export const FEE_UNIT_THRESHOLD = 10_000;

function regulationPower(ctx: CheckContext): void {
  const level = ctx.doc.agency?.level;
  const power = level ? NO_REGULATION_POWER[level] : undefined;
  if (!power || !level) return;
  const cells = ctx.index.cells.filter((c) => c.table === 't2' && c.row === REGULATIONS_ROW);
  const filled = cells.filter((c) => (ctx.value(c.id) ?? 0) > 0);
  if (filled.length === 0) return;
  const counts = filled.map((c) => `${ctx.names.column('t2', c.column)} ${num(ctx.value(c.id)!)}`).join('、');
  const rowName = ctx.names.row('t2', REGULATIONS_ROW);
  const documents = ctx.names.row('t2', NORMATIVE_DOCS_ROW);
  const levelName = AGENCY_LEVEL_NAMES[level];
  ctx.push({
    rule: 't2.regulationPower',
    severity: RULES['t2.regulationPower'],
    cells: filled.map((c) => c.id),
    message:
      power === 'never'
        ? `${levelName}没有规章制定权，但“${rowName}”一行填有数字（${counts}）；本机关制发的文件应填入“${documents}”一行，“${rowName}”一行填 0`
        : `多数${levelName}没有规章制定权（规章由省级和设区的市人民政府制定），“${rowName}”一行填有数字（${counts}）：请核实这些是否确为本机关制定的规章，而非代政府起草的规章或${documents}`,
    actual: ctx.value(filled[0]!.id)!,
  });
}

function feeUnit(ctx: CheckContext): void {
  for (const c of ctx.index.cells) {
    if (c.kind !== 'amountWanYuan') continue;
    const v = ctx.value(c.id);
    if (v === null || v < FEE_UNIT_THRESHOLD) continue;
    const asWan = v / 10_000;
    ctx.push({
      rule: 't2.feeUnit',
      severity: RULES['t2.feeUnit'],
      cells: [c.id],
      message: `${c.name}为 ${num(v)} 万元（即 ${num(asWan)} 亿元），金额异常偏大：是否误按“元”填写？如原数单位为元，应填 ${num(asWan)}（万元）`,
      expected: Number(asWan.toFixed(6)),
      actual: v,
    });
  }
}

export function t2Checks(ctx: CheckContext): void {
  regulationPower(ctx);
  feeUnit(ctx);
}
