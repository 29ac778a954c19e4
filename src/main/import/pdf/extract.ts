/**
 * One PDF page → text runs and rules. Rules come from the operator list: stroked straight segments, and
 * thin filled rectangles (Word and Chromium draw borders as filled bars), in page space after the
 * current transformation matrix.
 */
import type { PageContent, Rule, TextRun } from './geometry';

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A bar this thin is a rule, not a shaded area. */
const MAX_RULE_THICKNESS = 3;
/** Rules shorter than this are glyph strokes, underlines of one character, dots. */
const MIN_RULE_LENGTH = 4;
/** Operators looked at per page: a page drawing more is not a report page (and would cost too much). */
export const MAX_PAGE_OPERATORS = 400_000;

/** The subset of pdf.js's page proxy we use. */
export interface PdfPage {
  getViewport(p: { scale: number }): { width: number; height: number; viewBox: number[] };
  getTextContent(): Promise<{ items: unknown[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  cleanup(): void;
}

export interface Ops {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  rectangle: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

function runsOf(items: readonly unknown[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const raw of items) {
    const it = raw as Partial<TextItem>;
    if (typeof it.str !== 'string' || !it.transform || it.str === '') continue;
    const [a, b, , d, e, f] = it.transform as number[];
    // rotated or vertical text (a stamp, a margin note) is not part of the flow
    if (Math.abs(b!) > Math.abs(a!) * 0.1) continue;
    const size = Math.abs(d!) || it.height || 0;
    if (size <= 0 && it.str.trim() !== '') continue;
    runs.push({ text: it.str, x: e!, y: f!, width: it.width ?? 0, size: size || 1 });
  }
  return runs;
}

/** Segments of a path (pdf.js 5: [moveTo x y | lineTo x y | curveTo … | closePath]) as straight pieces. */
function pathSegments(data: ArrayLike<number>, m: Matrix): { a: [number, number]; b: [number, number] }[] | null {
  const out: { a: [number, number]; b: [number, number] }[] = [];
  let start: [number, number] | null = null;
  let cur: [number, number] | null = null;
  for (let i = 0; i < data.length; ) {
    const op = data[i]!;
    if (op === 0) {
      cur = start = apply(m, data[i + 1]!, data[i + 2]!);
      i += 3;
    } else if (op === 1) {
      const p = apply(m, data[i + 1]!, data[i + 2]!);
      if (cur) out.push({ a: cur, b: p });
      cur = p;
      i += 3;
    } else if (op === 2) {
      return null; // curves: not a table border
    } else if (op === 3) {
      return null;
    } else if (op === 4) {
      if (cur && start) out.push({ a: cur, b: start });
      cur = start;
      i += 1;
    } else return null;
  }
  return out;
}

function ruleOf(a: [number, number], b: [number, number]): Rule | null {
  const [x0, x1] = a[0] <= b[0] ? [a[0], b[0]] : [b[0], a[0]];
  const [y0, y1] = a[1] <= b[1] ? [a[1], b[1]] : [b[1], a[1]];
  if (y1 - y0 < 0.5 && x1 - x0 >= MIN_RULE_LENGTH) return { x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 };
  if (x1 - x0 < 0.5 && y1 - y0 >= MIN_RULE_LENGTH) return { x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 };
  return null;
}

/** A filled path that is one thin axis-aligned rectangle is a rule. */
function barOf(segs: { a: [number, number]; b: [number, number] }[]): Rule | null {
  if (segs.length < 3 || segs.length > 5) return null;
  const xs = segs.flatMap((s) => [s.a[0], s.b[0]]);
  const ys = segs.flatMap((s) => [s.a[1], s.b[1]]);
  if (!segs.every((s) => Math.abs(s.a[0] - s.b[0]) < 0.01 || Math.abs(s.a[1] - s.b[1]) < 0.01)) return null;
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  if (y1 - y0 <= MAX_RULE_THICKNESS && x1 - x0 >= MIN_RULE_LENGTH) return { x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 };
  if (x1 - x0 <= MAX_RULE_THICKNESS && y1 - y0 >= MIN_RULE_LENGTH) return { x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 };
  return null;
}

function rulesOf(ops: Ops, fnArray: readonly number[], argsArray: readonly unknown[]): Rule[] {
  const rules: Rule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const strokes = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fills = new Set([ops.fill, ops.eoFill]);
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === ops.transform) ctm = multiply(ctm, argsArray[i] as Matrix);
    else if (fn === ops.constructPath) {
      const [paint, paths] = argsArray[i] as [number, ArrayLike<number>[] | ArrayLike<number>];
      const stroked = strokes.has(paint);
      if (!stroked && !fills.has(paint)) continue;
      const list = Array.isArray(paths) ? paths : [paths];
      for (const data of list) {
        if (!data) continue;
        const segs = pathSegments(data as ArrayLike<number>, ctm);
        if (!segs) continue;
        if (stroked) {
          for (const s of segs) {
            const r = ruleOf(s.a, s.b);
            if (r) rules.push(r);
          }
        } else {
          const r = barOf(segs);
          if (r) rules.push(r);
        }
      }
    }
  }
  return rules;
}

export async function readPage(page: PdfPage, number: number, ops: Ops, withRules: boolean): Promise<PageContent> {
  const vp = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const runs = runsOf(content.items);
  let rules: Rule[] = [];
  if (withRules && runs.length) {
    const list = await page.getOperatorList();
    if (list.fnArray.length <= MAX_PAGE_OPERATORS) rules = rulesOf(ops, list.fnArray, list.argsArray);
  }
  page.cleanup();
  const [x0, y0, x1, y1] = vp.viewBox as [number, number, number, number];
  return { number, box: { x0, y0, x1, y1 }, runs, rules };
}
