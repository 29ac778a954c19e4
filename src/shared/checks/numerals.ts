/** Numbers as narratives write them: 75, 十二, 二十三, 一百零五, 两千. */

/** Regex source of one count: digits or Chinese numerals (one capture group). */
export const NUM = '([0-9]+|[零〇一二两三四五六七八九十百千万]+)';

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Value of a Chinese numeral below 10^8; null when it is not one. */
export function parseChineseNumber(text: string): number | null {
  if (!text) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else if (ch in UNITS) {
      // 十二 = 12: a unit without a digit before it counts once
      section += (digit ?? 1) * UNITS[ch]!;
      digit = null;
    } else if (ch === '万') {
      total += (section + (digit ?? 0)) * 10_000;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

const DIGITS_ONLY = /^[0-9]+$/;

/** A count written with digits or Chinese numerals. */
export function parseCount(text: string): number | null {
  if (DIGITS_ONLY.test(text)) return Number(text);
  return parseChineseNumber(text);
}
