/**
 * Cell values: what each value kind accepts, and reading what a person types or a published report
 * prints ("　12", "１２", "减4", "+2", "25.1万元") into a number.
 */
import type { ValueKind } from './format/index';

/** Largest count we accept: far above any real count, well inside exact integers. */
export const MAX_COUNT = 1_000_000_000;
/** Largest amount (元 or 万元). */
export const MAX_AMOUNT = 1_000_000_000_000;

const DECIMALS: Record<ValueKind, number> = { count: 0, signedCount: 0, amountWanYuan: 6, amountYuan: 2 };

export const KIND_DESCRIPTION: Readonly<Record<ValueKind, string>> = {
  count: '不小于 0 的整数',
  signedCount: '整数（可为负数）',
  amountWanYuan: '不小于 0 的金额（万元，最多 6 位小数）',
  amountYuan: '不小于 0 的金额（元，最多 2 位小数）',
};

function decimalsOf(v: number): number {
  if (Number.isInteger(v)) return 0;
  const s = String(v);
  if (s.includes('e')) return 99;
  return s.split('.')[1]?.length ?? 0;
}

/** Why `value` is not a valid value of `kind`, in Chinese; null when it is valid. */
export function valueProblem(kind: ValueKind, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number') return `应为${KIND_DESCRIPTION[kind]}，而不是文字“${String(value).slice(0, 20)}”`;
  if (!Number.isFinite(value)) return `应为${KIND_DESCRIPTION[kind]}`;
  const max = kind === 'count' || kind === 'signedCount' ? MAX_COUNT : MAX_AMOUNT;
  if (Math.abs(value) > max) return `数值 ${value} 过大，应为${KIND_DESCRIPTION[kind]}`;
  if (kind !== 'signedCount' && value < 0) return `不能为负数（${value}），应为${KIND_DESCRIPTION[kind]}`;
  if (decimalsOf(value) > DECIMALS[kind])
    return DECIMALS[kind] === 0 ? `应为整数，而不是 ${value}` : `小数位过多（${value}），应为${KIND_DESCRIPTION[kind]}`;
  return null;
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0B\uFF0D\uFF0C]/g;
const SPACES = /[\s\u00A0\u3000\u2002-\u200B\uFEFF]/g;

/** Normalize full-width digits and signs and drop every kind of space. */
export function normalizeNumberText(text: string): string {
  return text
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[−–—]/g, (ch) => (ch === '−' ? '-' : ch))
    .replace(SPACES, '');
}

/** Text that a report uses for "nothing here": blank, slash, dash, 无. */
export function isBlankMarker(text: string): boolean {
  return /^(|\/|／|—+|-+|–|无|空)$/.test(normalizeNumberText(text));
}

export type ParsedValue =
  | { ok: true; value: number | null; note?: string }
  | { ok: false; error: string };

/**
 * Read a typed or printed cell into a value of `kind`. Blank markers give null. Amounts accept a unit
 * suffix: 元 or 万元; `amountYuan` stores 元 and `amountWanYuan` stores 万元, converting when needed.
 */
export function parseCellText(kind: ValueKind, raw: string): ParsedValue {
  let text = normalizeNumberText(raw);
  if (isBlankMarker(text)) return { ok: true, value: null };
  let sign = 1;
  if (kind === 'signedCount') {
    const m = /^(减少?|增加?)(.*)$/.exec(text);
    if (m) {
      sign = m[1]!.startsWith('减') ? -1 : 1;
      text = m[2]!;
    }
  }
  let factor = 1;
  let note: string | undefined;
  if (kind === 'amountYuan' || kind === 'amountWanYuan') {
    const m = /^(.*?)(万元|元|万)$/.exec(text);
    if (m) {
      text = m[1]!;
      const unitIsWan = m[2] !== '元';
      if (kind === 'amountYuan' && unitIsWan) {
        factor = 10000;
        note = '已由万元换算为元';
      } else if (kind === 'amountWanYuan' && !unitIsWan) {
        factor = 1 / 10000;
        note = '已由元换算为万元';
      }
    }
  }
  text = text.replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    return { ok: false, error: `“${raw.trim().slice(0, 20)}”不是数字，应为${KIND_DESCRIPTION[kind]}` };
  }
  let value = sign * Number(text);
  if (factor !== 1) value = Number((value * factor).toFixed(DECIMALS[kind]));
  if (Object.is(value, -0)) value = 0;
  const problem = valueProblem(kind, value);
  if (problem) return { ok: false, error: problem };
  return note ? { ok: true, value, note } : { ok: true, value };
}

/** How a value is printed in the report: 0 for blank, signed counts with their sign. */
export function formatValue(kind: ValueKind, value: number | null | undefined): string {
  const v = value ?? 0;
  if (kind === 'amountWanYuan' || kind === 'amountYuan') return String(Number(v.toFixed(DECIMALS[kind])));
  return String(v);
}

/**
 * A value as the exported report prints it: formatValue, and the 2019 采购总金额 with its unit 元 — the
 * format prints no unit in the header, so a bare "251000" would leave the reader guessing 元 or 万元.
 */
export function printedValue(kind: ValueKind, value: number | null | undefined): string {
  const text = formatValue(kind, value);
  return kind === 'amountYuan' ? `${text}元` : text;
}
