/**
 * Text runs outside tables → lines → paragraphs, and the page furniture dropped: page numbers ("— 2 —",
 * "第 2 页") and running headers/footers repeated at the top or bottom of several pages. A line continues
 * the paragraph above when the line above runs to the right margin and this one is not indented — across
 * a page break too — so a paragraph comes out whole, without spaces between Chinese characters.
 */
import { canonicalGlyphs, CJK, joinPieces, type PageContent, type TextRun } from './geometry';

export interface Line {
  text: string;
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  size: number;
  page: number;
  /**
   * The line as `pdftotext -layout` prints it: pieces set far apart stand at their x position in columns of
   * LAYOUT_UNIT points, so a table drawn without rules still shows its columns to the text-table reader.
   * Equal to `text` when the line has no wide gap (a paragraph, a heading).
   */
  layout: string;
}

/** Points per layout column (about half a 小四 glyph). */
const LAYOUT_UNIT = 3;

function layoutOf(pieces: readonly TextRun[], text: string): string {
  const visible = pieces.filter((p) => p.text.trim() !== '');
  let out = '';
  let end = -Infinity;
  let wide = false;
  for (const p of visible) {
    const gap = p.x - end;
    if (out && gap > p.size * 0.6) {
      wide = true;
      out += ' '.repeat(Math.max(2, Math.round(p.x / LAYOUT_UNIT) - out.length));
    } else if (out && gap > p.size * 0.25 && !CJK.test(out.slice(-1)) && !CJK.test(p.text[0] ?? '')) out += ' ';
    else if (!out) out = ' '.repeat(Math.round(p.x / LAYOUT_UNIT));
    out += canonicalGlyphs(p.text.trim());
    end = Math.max(end, p.x + p.width);
  }
  return wide ? out.trimEnd() : text;
}

/** Runs on one baseline (within a third of the font size) form a line. */
export function linesOf(runs: readonly TextRun[], page: number): Line[] {
  const sorted = runs.filter((r) => r.text.trim() !== '' || r.width > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const r of sorted) {
    const g = groups[groups.length - 1];
    const ref = g?.find((x) => x.text.trim() !== '') ?? g?.[0];
    if (g && ref && Math.abs(ref.y - r.y) <= Math.max(1.5, Math.max(ref.size, r.size) * 0.35)) g.push(r);
    else groups.push([r]);
  }
  const lines: Line[] = [];
  for (const g of groups) {
    const pieces = g.sort((a, b) => a.x - b.x);
    const text = joinPieces(pieces);
    if (!text) continue;
    const visible = pieces.filter((p) => p.text.trim() !== '');
    const size = Math.max(...visible.map((p) => p.size));
    lines.push({
      text,
      x0: Math.min(...visible.map((p) => p.x)),
      x1: Math.max(...visible.map((p) => p.x + p.width)),
      y: visible[0]!.y,
      size,
      page,
      layout: layoutOf(pieces, text),
    });
  }
  return lines;
}

/** A page number as printed in a footer or header. */
export const PAGE_NUMBER = /^([—–\-－~～]?\s*\d{1,4}\s*[—–\-－~～]?|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|[Pp]age\s*\d+(\s*of\s*\d+)?)$/;
/** The top and bottom of a page where headers and footers sit, as a share of its height. */
const MARGIN_ZONE = 0.1;

/** Lines that are page furniture, by identity. */
export function furniture(pages: readonly { page: PageContent; lines: Line[] }[]): Set<Line> {
  const out = new Set<Line>();
  const zoneOf = (p: PageContent, l: Line): 'top' | 'bottom' | null => {
    const h = p.box.y1 - p.box.y0;
    if (l.y > p.box.y1 - h * MARGIN_ZONE) return 'top';
    if (l.y < p.box.y0 + h * MARGIN_ZONE) return 'bottom';
    return null;
  };
  const repeats = new Map<string, Line[]>();
  for (const { page, lines } of pages)
    for (const l of lines) {
      const zone = zoneOf(page, l);
      if (!zone) continue;
      if (PAGE_NUMBER.test(l.text.replace(/\s+/g, ''))) {
        out.add(l);
        continue;
      }
      const key = `${zone}|${l.text.replace(/\d+/g, '#')}`;
      const list = repeats.get(key) ?? [];
      list.push(l);
      repeats.set(key, list);
    }
  const min = Math.max(2, Math.ceil(pages.length / 2));
  for (const list of repeats.values()) if (new Set(list.map((l) => l.page)).size >= min) for (const l of list) out.add(l);
  return out;
}

const STARTS_ITEM = /^([（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、．.]|\d{1,2}[.．、](?!\d)|第[一二三四五六七八九十]+[条章节部分]|[#＃]|[-*•·]\s)/;

function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/** The body's left margin and right edge, from the lines of running text. */
export function margins(lines: readonly Line[]): { left: number; right: number } {
  const body = lines.filter((l) => l.text.length >= 8);
  if (!body.length) return { left: 0, right: Infinity };
  const left = mode(body.map((l) => l.x0));
  const rights = body.map((l) => l.x1).sort((a, b) => a - b);
  const right = rights[Math.floor(rights.length * 0.9)] ?? rights[rights.length - 1]!;
  return { left, right };
}

/** Does `next` carry on the paragraph that `prev` ends, in the flow where nothing came between them? */
export function continues(prev: Line, next: Line, m: { left: number; right: number }): boolean {
  if (Math.abs(prev.size - next.size) > 1) return false;
  // the line above ended short: a paragraph's end — unless the word this line starts with would not have
  // fitted there (a number or a Latin word is not broken; Chinese breaks anywhere)
  const unbreakable = /^[A-Za-z0-9.,%‰\-+/:_@]*/.exec(next.text)![0].length;
  if (prev.x1 < m.right - prev.size * (1.5 + unbreakable * 0.9)) return false;
  if (next.x0 > m.left + next.size * 0.8) return false; // indented: a new paragraph
  if (STARTS_ITEM.test(next.text)) return false;
  if (prev.page === next.page && prev.y - next.y > prev.size * 2.6) return false;
  return true;
}

/** Join two wrapped pieces of a paragraph: a space only between two Latin words. */
export function joinWrapped(a: string, b: string): string {
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}
