/**
 * Tables drawn with rules: the rules that touch each other form a table; their x and y positions form a
 * grid; a grid line missing between two slots merges them (the printed 合并单元格). Every text run is
 * placed in the slot holding its middle, so a value can only land in the column whose borders enclose it.
 */
import { cell, type SourceRow } from '../model';
import { cluster, isHorizontal, joinPieces, type Rule, type TextRun } from './geometry';

/** Rules this close count as touching, and grid lines this close as one. */
const TOUCH = 2.5;
const SAME_LINE = 3;

export interface RuledTable {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  rows: SourceRow[];
}

function touches(h: Rule, v: Rule): boolean {
  return v.x0 >= h.x0 - TOUCH && v.x0 <= h.x1 + TOUCH && h.y0 >= v.y0 - TOUCH && h.y0 <= v.y1 + TOUCH;
}

/** Two pieces of one line: producers draw a border cell by cell. */
function extends_(a: Rule, b: Rule): boolean {
  return isHorizontal(a)
    ? Math.abs(a.y0 - b.y0) <= SAME_LINE && b.x0 <= a.x1 + TOUCH && a.x0 <= b.x1 + TOUCH
    : Math.abs(a.x0 - b.x0) <= SAME_LINE && b.y0 <= a.y1 + TOUCH && a.y0 <= b.y1 + TOUCH;
}

/** A page drawing more rules than this is a drawing or a chart, not a report table. */
export const MAX_PAGE_RULES = 6000;

/** Groups of rules that touch (union–find over horizontal × vertical pairs). */
function components(rules: readonly Rule[]): Rule[][] {
  const parent = rules.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const hs = rules.map((r, i) => [r, i] as const).filter(([r]) => isHorizontal(r));
  const vs = rules.map((r, i) => [r, i] as const).filter(([r]) => !isHorizontal(r));
  for (const [h, i] of hs) for (const [v, j] of vs) if (touches(h, v)) parent[find(i)] = find(j);
  for (const list of [hs, vs])
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) if (extends_(list[a]![0], list[b]![0])) parent[find(list[a]![1])] = find(list[b]![1]);
  const groups = new Map<number, Rule[]>();
  rules.forEach((r, i) => {
    const k = find(i);
    const g = groups.get(k) ?? [];
    g.push(r);
    groups.set(k, g);
  });
  return [...groups.values()];
}

/** Is there a rule along `at` (x of a vertical / y of a horizontal) covering the span [from, to]? */
function covered(lines: readonly Rule[], vertical: boolean, at: number, from: number, to: number): boolean {
  const mid = (from + to) / 2;
  return lines.some((r) =>
    vertical
      ? Math.abs(r.x0 - at) <= SAME_LINE && r.y0 <= mid && r.y1 >= mid
      : Math.abs(r.y0 - at) <= SAME_LINE && r.x0 <= mid && r.x1 >= mid,
  );
}

/** Split a run at the grid's column lines: a producer may write two cells' text as one run. */
function splitAt(run: TextRun, xs: readonly number[]): TextRun[] {
  const inner = xs.filter((x) => x > run.x + 1 && x < run.x + run.width - 1);
  if (!inner.length || run.text.length < 2) return [run];
  const per = run.width / run.text.length;
  const out: TextRun[] = [];
  let from = 0;
  for (const x of [...inner, Infinity]) {
    const to = x === Infinity ? run.text.length : Math.max(from, Math.min(run.text.length, Math.round((x - run.x) / per)));
    if (to > from) out.push({ ...run, text: run.text.slice(from, to), x: run.x + from * per, width: (to - from) * per });
    from = to;
  }
  return out;
}

/** The text of one grid cell: its runs as lines top to bottom, each line left to right. */
function cellText(runs: readonly TextRun[]): string {
  const lines: TextRun[][] = [];
  for (const r of [...runs].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l[0]!.y - r.y) <= Math.max(1.5, l[0]!.size * 0.35));
    if (line) line.push(r);
    else lines.push([r]);
  }
  return lines.map((l) => joinPieces(l.sort((a, b) => a.x - b.x))).join('\n');
}

/**
 * The ruled tables of a page and the runs they hold. `runs` left over (outside every table) are returned
 * for the page's paragraphs.
 */
export function ruledTables(rules: readonly Rule[], runs: readonly TextRun[]): { tables: RuledTable[]; rest: TextRun[] } {
  const tables: RuledTable[] = [];
  let rest = [...runs];
  if (rules.length > MAX_PAGE_RULES) return { tables, rest };
  for (const group of components(rules)) {
    const hs = group.filter(isHorizontal);
    const vs = group.filter((r) => !isHorizontal(r));
    const ys = cluster(hs.map((r) => r.y0), SAME_LINE).reverse(); // top to bottom
    const xs = cluster(vs.map((r) => r.x0), SAME_LINE);
    if (ys.length < 2 || xs.length < 2) continue;
    const x0 = xs[0]!;
    const x1 = xs[xs.length - 1]!;
    const y1 = ys[0]!;
    const y0 = ys[ys.length - 1]!;
    const inside = (r: TextRun) => {
      const cx = r.x + r.width / 2;
      const cy = r.y + r.size * 0.35;
      return cx > x0 && cx < x1 && cy < y1 && cy > y0;
    };
    const mine = rest.filter(inside).flatMap((r) => splitAt(r, xs));
    rest = rest.filter((r) => !inside(r));
    const nRows = ys.length - 1;
    const nCols = xs.length - 1;
    // slot → the runs whose middle it holds
    const slotRuns: TextRun[][][] = Array.from({ length: nRows }, () => Array.from({ length: nCols }, () => []));
    for (const r of mine) {
      const cx = r.x + r.width / 2;
      const cy = r.y + r.size * 0.35;
      const col = xs.findIndex((x, j) => j < nCols && cx >= x && cx < xs[j + 1]!);
      const row = ys.findIndex((y, i) => i < nRows && cy <= y && cy > ys[i + 1]!);
      if (row >= 0 && col >= 0) slotRuns[row]![col]!.push(r);
    }
    const vBorder = (i: number, j: number) => covered(vs, true, xs[j]!, ys[i + 1]!, ys[i]!); // left border of slot (i, j)
    const hBorder = (i: number, j: number) => covered(hs, false, ys[i]!, xs[j]!, xs[j + 1]!); // top border of slot (i, j)
    const owner: (number | null)[][] = Array.from({ length: nRows }, () => Array<number | null>(nCols).fill(null));
    const cells: { row: number; col: number; colSpan: number; rowSpan: number }[] = [];
    for (let i = 0; i < nRows; i++)
      for (let j = 0; j < nCols; j++) {
        if (owner[i]![j] !== null) continue;
        let w = 1;
        while (j + w < nCols && !vBorder(i, j + w) && owner[i]![j + w] === null) w++;
        let h = 1;
        const canGrow = (k: number) => {
          for (let c = j; c < j + w; c++) if (hBorder(k, c) || owner[k]![c] !== null) return false;
          for (let c = j + 1; c < j + w; c++) if (vBorder(k, c)) return false;
          return true;
        };
        while (i + h < nRows && canGrow(i + h)) h++;
        const id = cells.length;
        cells.push({ row: i, col: j, colSpan: w, rowSpan: h });
        for (let a = i; a < i + h; a++) for (let b = j; b < j + w; b++) owner[a]![b] = id;
      }
    const rows: SourceRow[] = [];
    for (let i = 0; i < nRows; i++) {
      const row: SourceRow = [];
      for (let j = 0; j < nCols; ) {
        const c = cells[owner[i]![j]!]!;
        if (c.row === i) {
          const runsIn: TextRun[] = [];
          for (let a = c.row; a < c.row + c.rowSpan; a++) for (let b = c.col; b < c.col + c.colSpan; b++) runsIn.push(...slotRuns[a]![b]!);
          row.push(cell(cellText(runsIn), c.colSpan, c.rowSpan));
        } else row.push(cell('', c.colSpan, 1, true));
        j += c.colSpan;
      }
      rows.push(row);
    }
    tables.push({ x0, y0, x1, y1, rows });
  }
  return { tables, rest };
}
