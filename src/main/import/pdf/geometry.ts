/**
 * What a PDF page holds for us, in page space (points, y growing upwards as PDF draws): runs of text with
 * their box, and the straight rules (table borders) the page draws.
 */
export interface TextRun {
  text: string;
  /** Left edge and baseline. */
  x: number;
  y: number;
  width: number;
  /** Font size (the glyph box height). */
  size: number;
}

/** A horizontal (y0 === y1) or vertical (x0 === x1) rule, x0 ≤ x1, y0 ≤ y1. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageContent {
  /** 1-based. */
  number: number;
  /** The page box (viewBox) in the same space as the runs and rules. */
  box: { x0: number; y0: number; x1: number; y1: number };
  runs: TextRun[];
  rules: Rule[];
}

export const isHorizontal = (r: Rule) => r.y0 === r.y1;

/** Values within `tol` of each other as one (their mean), sorted. */
export function cluster(values: readonly number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1]! <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

/** Chinese characters and full-width punctuation: no space belongs between or next to them. */
export const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u2014\u2026\u201C\u201D\u2018\u2019]/;

/**
 * Join the pieces of a line: a space only between two Latin/digit pieces that are set apart; none next to
 * a Chinese character (PDF producers space "自 2025 年" and some set every glyph apart: "总 体 情 况").
 */
export function joinPieces(pieces: readonly { text: string; x: number; width: number; size: number }[]): string {
  let out = '';
  let end = -Infinity;
  for (const p of pieces) {
    if (p.text.trim() === '') continue; // pdf.js's own gap markers: the gap is judged here
    const gap = p.x - end;
    if (out && gap > p.size * 0.25) out += ' ';
    out += p.text;
    end = Math.max(end, p.x + p.width);
  }
  return tidySpaces(unspace(canonicalGlyphs(out)));
}

/**
 * A line set with letter-spacing comes out one glyph per token ("2 0 2 5 年"): when most tokens are single
 * glyphs, the single spaces between glyphs are the spacing, not words.
 */
function unspace(text: string): string {
  const tokens = text.split(' ').filter(Boolean);
  if (tokens.length < 6 || tokens.filter((t) => [...t].length === 1).length < tokens.length * 0.6) return text;
  return text.replace(/(\S) (?=\S)/g, '$1');
}

/**
 * Fonts map some ideographs to the radical code points (Chromium's and WPS's subsets do: "⼈⺠" for 人民).
 * Kangxi radicals have compatibility forms (NFKC); the supplement's simplified forms are listed.
 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '⼾': '户',
  '⺁': '厂', '⺇': '几', '⺌': '小', '⺍': '小', '⺎': '兀', '⺏': '尣', '⺐': '尢', '⺓': '幺', '⺔': '彑', '⺕': '彐',
  '⺟': '母', '⺠': '民', '⺡': '氵', '⺢': '氺', '⺣': '灬', '⺤': '爫', '⺥': '爫', '⺦': '丬', '⺧': '牜', '⺩': '王',
  '⺪': '疋', '⺫': '目', '⺬': '示', '⺭': '礻', '⺮': '竹', '⺯': '糸', '⺰': '纟', '⺲': '罒', '⺳': '网', '⺴': '网',
  '⺶': '羊', '⺷': '羊', '⺸': '羊', '⺹': '耂', '⺺': '肀', '⺼': '月', '⺽': '臼', '⺾': '艹', '⺿': '艹', '⻀': '艹',
  '⻁': '虎', '⻂': '衤', '⻃': '覀', '⻄': '西', '⻅': '见', '⻆': '角', '⻇': '角', '⻈': '讠', '⻉': '贝', '⻋': '车',
  '⻌': '辶', '⻍': '辶', '⻎': '辶', '⻏': '阝', '⻐': '钅', '⻑': '長', '⻒': '镸', '⻓': '长', '⻔': '门', '⻖': '阝',
  '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻞': '飠', '⻟': '食', '⻠': '饣',
  '⻡': '首', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾',
  '⻫': '斉', '⻬': '齐', '⻭': '歯', '⻮': '齿', '⻯': '竜', '⻰': '龙', '⻱': '龜', '⻲': '亀', '⻳': '龟',
};
const RADICALS = /[\u2E80-\u2EF3\u2F00-\u2FD5]/g;

export function canonicalGlyphs(text: string): string {
  return text.replace(RADICALS, (ch) => RADICAL_SUPPLEMENT[ch] ?? ch.normalize('NFKC'));
}

/** Spaces collapsed, and removed where either neighbour is a Chinese character. */
export function tidySpaces(text: string): string {
  const s = text.replace(/[\s\u00A0\u3000]+/g, ' ').trim();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === ' ' && (CJK.test(s[i - 1] ?? '') || CJK.test(s[i + 1] ?? ''))) continue;
    out += ch;
  }
  return out;
}
