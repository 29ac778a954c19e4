/**
 * Label normalization: the same label is printed with half- or full-width brackets and punctuation,
 * stray spaces and line breaks, "1．" or "1、" for "1.", and notes in brackets that some reports drop or
 * add ("规章(县级无此项)"). Matching compares normalized keys, never raw text.
 */
const HALF_TO_FULL: Record<string, string> = {
  '(': '（',
  ')': '）',
  ':': '：',
  ',': '，',
  ';': '；',
  '?': '？',
  '!': '！',
  '"': '“',
  '[': '【',
  ']': '】',
};

const SPACES = /[\s\u00A0\u3000\u2002-\u200B\uFEFF]+/g;

/** Normalized forms are asked for over and over (every source cell against every label): remember them. */
function memo(fn: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let out = cache.get(text);
    if (out === undefined) {
      if (cache.size > 50_000) cache.clear();
      out = fn(text);
      cache.set(text, out);
    }
    return out;
  };
}

/** Whitespace-free, full-width-punctuation form of a label. */
export const normalizeLabel = memo((text: string): string => {
  let s = text.replace(SPACES, '');
  // full-width letters/digits → ASCII, so "１．" and "1." meet
  s = s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  s = s.replace(/[():,;?!"[\]]/g, (ch) => HALF_TO_FULL[ch] ?? ch);
  s = s.replace(/[”"]/g, '“').replace(/[’']/g, '‘');
  s = s.replace(/[／]/g, '/');
  // enumeration "1．" "1、" "1," → "1."
  s = s.replace(/^(\d+)[．、，.]/, '$1.');
  // level-1 numbering "一．" "一." "一," → "一、"
  s = s.replace(/^([一二三四五六七八九十]+)[．.，,]/, '$1、');
  return s;
});

/** The label without bracketed notes: "规章（县级无此项）" → "规章". */
export const coreLabel = memo((text: string): string => {
  const n = normalizeLabel(text);
  // enumerations like （五） are part of the label (第二十条第（五）项); notes are longer
  return n.replace(/（([^（）]*)）|【[^【】]*】/g, (all, inner: string | undefined) => (inner !== undefined && /^[一二三四五六七八九十]+$/.test(inner) ? all : ''));
});

/** Does `found` (text in the source) name `expected` (a label of the format)? */
export function labelMatches(found: string, expected: string): boolean {
  const f = normalizeLabel(found);
  const e = normalizeLabel(expected);
  if (!f) return false;
  if (f === e) return true;
  const fc = coreLabel(found);
  const ec = coreLabel(expected);
  return fc.length > 0 && fc === ec;
}

/**
 * A looser match for label variants (规范性文件 / 行政规范性文件): one core label ends with the other
 * and the shorter keeps most of the longer. Callers use it only when no exact match exists, and only
 * when it picks a single candidate.
 */
export function labelResembles(found: string, expected: string): boolean {
  const f = coreLabel(found);
  const e = coreLabel(expected);
  if (f.length < 2 || e.length < 2) return false;
  const [short, long] = f.length <= e.length ? [f, e] : [e, f];
  return (long.endsWith(short) || long.startsWith(short)) && short.length / long.length >= 0.6;
}

const CN_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  Ｏ: '0',
  O: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** A year written in digits or in Chinese numerals (二〇二〇), or null. */
export function yearIn(text: string): number | null {
  const s = text.replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  const m = /(20\d\d)\s*年/.exec(s) ?? /([二][〇零ＯO一二三四五六七八九]{3})\s*年/.exec(s);
  if (!m) return null;
  const digits = [...m[1]!].map((ch) => CN_DIGITS[ch] ?? ch).join('');
  const year = Number(digits);
  return year >= 2008 && year <= 2100 ? year : null;
}
