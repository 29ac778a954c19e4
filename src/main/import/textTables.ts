/**
 * A statistical table pasted as plain text without TABs, rebuilt in reading order: space-aligned columns
 * (`pdftotext -layout`, PDF viewers), one cell per line (a PDF viewer's or WPS's copy, `pdftotext` without
 * -layout), crawler text where a label is followed by its numbers — spaced or run together ("规章000").
 *
 * The table's value rows are the format's, in the printed order (the grid), so the numbers of the region are
 * read as a stream and laid onto those rows. A copy in reading order gives either one row after another
 * (row-major) or, where a viewer read a block of rows column by column, one column of that block after
 * another — which shows as runs of equal length between blank lines. Every layout the runs allow is tried;
 * a row is taken only when all plausible layouts agree on it. The format's arithmetic (a row's 总计 = the
 * sum of its parts, a 总计 row = the sum of the rows above) is used only to choose between layouts, and to
 * split run-together digits — only where exactly one split satisfies it. A row that stays uncertain is not
 * emitted: the matcher then reports its cells as not read (import.tableUnread), and a note says why.
 */
import { formatForYear, formatIndex, getFormat, TABLE_NAMES, type FormatId, type TableId } from '../../shared/format/index';
import { gridFor, type GridRow } from '../../shared/grid';
import { cell, type SourceRow } from './model';
import { coreLabel, normalizeLabel } from './normalize';

/** A value as printed in a cell: 12, 1,256, 0.5, 3.5万元, 增3, -2, or a blank marker ("/", "—", "无"). */
const NUMBER = /^([+\-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(万元|元|万)?|[减增][少加]?\d+|\/|／|—{1,2}|无)$/;
/** Digits glued to the end of a label ("行政规范性文件3112", "政府集中采购00元"); the label does not end in a digit or an enumerator. */
const GLUED = /^(.*[^\d.,．、\s])(\d+)(万元|元|万)?$/;
/** A number with its measure word inside a sentence ("48 件", "2025 年", "60.4%"): narrative, not a table. */
const COUNTED = /\d\s*(件|条|个|人次|人|次|年|月|日|项|家|场|期|篇|份|万|亿|%|％)/;
/** A page number as printed in a footer. */
const PAGE_NUMBER = /^([—–\-－~～]\s*\d{1,4}\s*[—–\-－~～]|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;
/** Longest run of glued digits that is tried (compositions grow fast). */
const MAX_GLUED_DIGITS = 40;
/** The longest line that can open a table (the corner note and a crawler's header row are about this long). */
const MAX_CUE_LINE_CHARS = 50;
/** Layouts kept at most: more means the runs say too little to choose. */
const MAX_LAYOUTS = 64;

interface Line {
  /** Text without its trailing numbers. */
  text: string;
  values: string[];
  /** The digits were glued to the label: one run to split. */
  glued: boolean;
  /** Prose: a sentence, or a number inside the text. */
  prose: boolean;
  /** Blank, a page number. */
  gap: boolean;
  /** Where each value sits on the line (the middle of its characters), for space-aligned text. */
  at?: number[];
}

function parseLine(raw: string): Line {
  const line = raw.trim();
  if (!line || PAGE_NUMBER.test(line.replace(/\s+/g, ''))) return { text: '', values: [], glued: false, prose: false, gap: true };
  const tokens = line.split(/\s+/);
  const values: string[] = [];
  while (tokens.length && NUMBER.test(tokens[tokens.length - 1]!)) values.unshift(tokens.pop()!);
  let glued = false;
  if (!values.length && tokens.length) {
    const m = GLUED.exec(tokens[tokens.length - 1]!);
    if (m && m[2]!.length <= MAX_GLUED_DIGITS && !/\d[.．、]$/.test(m[1]!)) {
      tokens[tokens.length - 1] = m[1]!;
      values.push(m[2]! + (m[3] ?? ''));
      glued = true;
    }
  }
  const text = tokens.join(' ');
  const at = !glued && values.length ? [...raw.matchAll(/\S+/g)].slice(-values.length).map((m) => m.index + m[0].length / 2) : undefined;
  const prose = /[。；！？]$/.test(text) || COUNTED.test(text);
  return { text, values, glued, prose, gap: false, ...(at ? { at } : {}) };
}

interface Chunk {
  values: string[];
  glued: boolean;
  /** Values from lines of their own, one under the other: a row, or a column of a block read column by column. */
  vertical: boolean;
  /** Where each value sits on its line, when the run is one line. */
  at?: number[];
  /** A line of text came between this run and the one before. */
  afterText: boolean;
  /** The value row the line's label names, when it names one and holds a whole row. */
  anchor?: number;
}

/** A row as laid out: its values, run-together digits still to split, or not read. */
type Laid = { values: string[] } | { digits: string } | { unknown: true };

/**
 * Every layout the runs allow, up to MAX_LAYOUTS. Row-major: a run holds part of one row, or whole rows and
 * the start of the next — a run that starts inside a row and crosses its end is no row-major reading.
 * Column-major: w runs of r values, one under the other, are a block of r rows of width w. A run on a line
 * whose label names a row (an anchor) is that row. Where no layout reaches the next anchor (a viewer mixed
 * two rows' numbers on one line), the rows up to it are left unknown and reading resumes there.
 */
function layouts(chunks: readonly Chunk[], widths: readonly number[], rowsHold: (first: number, rows: readonly string[][]) => boolean): Laid[][] {
  const memo = new Map<string, Laid[][]>();
  let capped = false;
  const free = (q: number) => chunks[q]!.anchor === undefined && !chunks[q]!.glued;
  /** Layouts from run j, row i, with k values of row i already placed (then the first entry is the rest of row i). */
  const from = (j: number, i: number, k: number): Laid[][] => {
    const key = `${j}|${i}|${k}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const out: Laid[][] = [];
    /** `head` rows, then `partial` values of the next row placed, from run j2. */
    const push = (head: Laid[], j2: number, i2: number, partial: string[] = []) => {
      for (const tail of from(j2, i2, partial.length)) {
        if (out.length >= MAX_LAYOUTS) {
          capped = true;
          return;
        }
        if (partial.length) {
          const rest = tail[0] as { values: string[] };
          out.push([...head, { values: [...partial, ...rest.values] }, ...tail.slice(1)]);
        } else out.push([...head, ...tail]);
      }
    };
    if (i === widths.length) {
      if (j === chunks.length && k === 0) out.push([]);
    } else if (j < chunks.length) {
      const c = chunks[j]!;
      const w = widths[i]!;
      if (k > 0) {
        // the rest of a row begun by the run before: this run stays inside the row, or completes it
        if (free(j) && !c.afterText && k + c.values.length <= w) {
          if (k + c.values.length === w) {
            for (const tail of from(j + 1, i + 1, 0)) if (out.length < MAX_LAYOUTS) out.push([{ values: c.values }, ...tail]);
            else capped = true;
          } else
            for (const tail of from(j + 1, i, k + c.values.length)) {
              if (out.length >= MAX_LAYOUTS) {
                capped = true;
                break;
              }
              const rest = tail[0] as { values: string[] };
              out.push([{ values: [...c.values, ...rest.values] }, ...tail.slice(1)]);
            }
        }
      } else if (c.anchor !== undefined) {
        if (c.anchor === i) push([c.glued ? { digits: c.values[0]! } : { values: c.values }], j + 1, i + 1);
      } else if (c.glued) push([{ digits: c.values[0]! }], j + 1, i + 1);
      else {
        // a line holding one long number where a row of several is due: its digits run together
        if (c.values.length === 1 && w > 1 && /^\d+$/.test(c.values[0]!) && c.values[0]!.length >= w) push([{ digits: c.values[0]! }], j + 1, i + 1);
        // row-major: whole rows, then the start of the next one
        let at = 0;
        const rows: Laid[] = [];
        for (let r = i; r <= widths.length && at <= c.values.length; r++) {
          const left = c.values.length - at;
          if (left === 0) {
            push([...rows], j + 1, r);
            break;
          }
          if (r === widths.length) break;
          if (left < widths[r]!) {
            push([...rows], j + 1, r, c.values.slice(at));
            break;
          }
          rows.push({ values: c.values.slice(at, at + widths[r]!) });
          at += widths[r]!;
        }
        // a row split around the next one (a viewer merged two baselines: "3.4.要求… 0 0 0 0", row 4, "0 0 0"):
        // its two runs put together by where their numbers stand under the columns of a whole row nearby
        const next = chunks[j + 1];
        const rest = chunks[j + 2];
        const nextWhole = next && !next.glued && (next.anchor === i + 1 || (next.anchor === undefined && next.values.length === widths[i + 1]));
        if (c.at && c.values.length < w && nextWhole && rest && free(j + 2) && rest.at && c.values.length + rest.values.length === w) {
          const ref = nearestWhole(chunks, j, w, new Set([j + 1]));
          const cols = ref && [...columnsOf(c.at, ref), ...columnsOf(rest.at, ref)];
          if (cols && cols.every((x) => x >= 0) && new Set(cols).size === w) {
            const row: string[] = [];
            [...c.values, ...rest.values].forEach((v, q) => (row[cols[q]!] = v));
            push([{ values: row }, { values: next.values }], j + 3, i + 2);
          }
        }
        // column-major: a block of r rows of the same width w read as w runs of r
        const r = c.values.length;
        if (r >= 2 && i + r <= widths.length && widths.slice(i, i + r).every((x) => x === w) && j + w <= chunks.length) {
          const cols = chunks.slice(j, j + w);
          const block = Array.from({ length: r }, (_, q) => cols.map((x) => x.values[q]!));
          // a guess about the viewer's reading order: taken only where each row's own sums confirm it
          if (cols.every((x, q) => free(j + q) && (q === 0 || !x.afterText) && x.vertical && x.values.length === r) && rowsHold(i, block))
            push(
              block.map((values) => ({ values })),
              j + w,
              i + r,
            );
        }
      }
    }
    if (!out.length && k === 0 && i < widths.length) {
      // nothing fits from here: skip to the next anchor ahead (or the end), its rows not read
      let q = j + (chunks[j]?.anchor === i ? 1 : 0);
      while (q < chunks.length && (chunks[q]!.anchor === undefined || chunks[q]!.anchor! < i)) q++;
      const to = q < chunks.length ? chunks[q]!.anchor! : widths.length;
      // numbers left over before the anchor (a row split around another on one line) go unused
      if (to > i || (q > j && q < chunks.length))
        for (const tail of from(q, to, 0)) out.push([...Array.from({ length: to - i }, () => ({ unknown: true as const })), ...tail]);
    }
    memo.set(key, out);
    return out;
  };
  const all = from(0, 0, 0);
  // more layouts than are weighed: agreement among some of them proves nothing
  return capped ? [] : all;
}

/** How far a number may stand from its column's place in a whole row (characters of space-aligned text). */
const COLUMN_SLACK = 1.5;

/** The nearest one-line run holding a whole row of width w (its numbers give the columns' places). */
function nearestWhole(chunks: readonly Chunk[], j: number, w: number, skip: ReadonlySet<number>): number[] | null {
  for (let d = 1; d < chunks.length; d++)
    for (const q of [j - d, j + d]) {
      const c = chunks[q];
      if (c && !skip.has(q) && c.at && c.values.length === w && !c.glued) return c.at;
    }
  return null;
}

/** The column each number stands under (-1 where none is near). */
function columnsOf(at: readonly number[], ref: readonly number[]): number[] {
  return at.map((x) => {
    const k = ref.findIndex((r) => Math.abs(r - x) <= COLUMN_SLACK);
    return k;
  });
}

/** A value for the sums: blank markers count as 0, a unit is dropped (the tables with sums hold counts). */
function num(text: string): number {
  const n = Number(text.replace(/,/g, '').replace(/(万元|元|万)$/, ''));
  return Number.isFinite(n) ? n : 0;
}

/** More ways to cut one run of digits than are weighed: the row is not read. */
const MAX_SPLITS = 5000;

/** Ways to cut `digits` into `n` numbers without leading zeros; none when there are more than MAX_SPLITS. */
function splits(digits: string, n: number): string[][] {
  const out: string[][] = [];
  let capped = false;
  const go = (at: number, parts: string[]) => {
    if (out.length > MAX_SPLITS) {
      capped = true;
      return;
    }
    if (parts.length === n) {
      if (at === digits.length) out.push(parts);
      return;
    }
    const left = n - parts.length;
    for (let len = 1; at + len <= digits.length - (left - 1); len++) {
      const p = digits.slice(at, at + len);
      if (p.length > 1 && p[0] === '0') break;
      go(at + len, [...parts, p]);
    }
  };
  go(0, []);
  return capped ? [] : out;
}

export interface RebuiltTable {
  /** Canonical rows (headers, block titles, labels) with the values read; uncertain rows left out. */
  rows: SourceRow[];
  /** Lines of the region the table took: from `first` to `last` inclusive. */
  first: number;
  last: number;
  notes: string[];
}

/**
 * The value row a line's label text names, or -1: it ends with the row's label, or holds its words (four
 * characters or more).
 */
function rowNamer(valueRows: readonly GridRow[]): (text: string) => number {
  const labels = valueRows.map((r) => {
    const full = normalizeLabel(r.cells.filter((c) => c.kind === 'label').pop()?.text ?? '');
    return { full, core: coreLabel(full).replace(LEADING_ENUMERATOR, '') };
  });
  return (text) => {
    const t = normalizeLabel(text);
    const ends = labels.flatMap((l, i) => (l.full && t.endsWith(l.full) ? [i] : []));
    if (ends.length === 1) return ends[0]!;
    if (ends.length > 1) return -1;
    // a piece of a wrapped label is no anchor: a viewer may print the numbers of the row above or below on it
    const hits = labels.flatMap((l, i) => (l.core.length >= 4 && t.includes(l.core) ? [i] : []));
    return hits.length === 1 ? hits[0]! : -1;
  };
}

const LEADING_ENUMERATOR = /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+\.)/;

/** Does the region name enough of the table's row labels to be that table? */
function namesRows(text: string, rows: readonly GridRow[]): boolean {
  const labels = rows.filter((r) => r.rowId !== undefined).map((r) => r.cells.filter((c) => c.kind === 'label').pop()?.text ?? '').filter(Boolean);
  const named = labels.filter((l) => {
    const core = coreLabel(l).replace(LEADING_ENUMERATOR, '');
    return core.length > 0 && text.includes(core.slice(0, 3));
  });
  return labels.length === 0 || named.length >= labels.length * 0.6;
}

/**
 * The table `table` of format `formatId` from the lines of its part (after the heading), or null when the
 * lines hold no table in any shape this reads.
 */
export function rebuildTable(lines: readonly string[], table: TableId, formatId: FormatId): RebuiltTable | null {
  const grid = gridFor(getFormat(formatId), table);
  const valueRows = grid.rows.filter((r) => r.cells.some((c) => c.kind === 'value'));
  const widths = valueRows.map((r) => r.cells.filter((c) => c.kind === 'value').length);
  const total = widths.reduce((a, b) => a + b, 0);
  const parsed = lines.map(parseLine);
  const rowNamed = rowNamer(valueRows);
  const cues = grid.rows.flatMap((r) => r.cells.filter((c) => c.kind !== 'value').map((c) => normalizeLabel(c.text ?? '').slice(0, 4))).filter((t) => t.length >= 2);
  // the table starts at its first header or label: numbers above it are another table's (a viewer's copy
  // can carry the end of 表二 past the next heading)
  // a header or label line is short; a longer one naming a label is narrative above the table, kept as text
  const first = parsed.findIndex(
    (l) => !l.gap && !l.prose && l.text !== '' && normalizeLabel(l.text).length <= MAX_CUE_LINE_CHARS && cues.some((c) => normalizeLabel(l.text).includes(c)),
  );
  if (first < 0) return null;
  // the runs of numbers, up to the first sentence after the table started
  const chunks: Chunk[] = [];
  let count = 0;
  let last = -1;
  let joinable = false;
  let afterText = false;
  for (let k = first; k < parsed.length && count < total; k++) {
    const l = parsed[k]!;
    if (l.prose) break;
    if (!l.values.length) {
      joinable = false;
      if (l.text) afterText = true;
      continue;
    }
    const bare = !l.text && l.values.length === 1 && !l.glued;
    if (bare && joinable) {
      const c = chunks[chunks.length - 1]!;
      c.values.push(l.values[0]!);
      delete c.at;
    }
    else {
      const anchor = l.text ? rowNamed(l.text) : -1;
      const whole = anchor >= 0 && (l.glued || l.values.length === widths[anchor]);
      chunks.push({ values: [...l.values], glued: l.glued, vertical: bare, afterText, ...(whole ? { anchor } : {}), ...(l.at ? { at: l.at } : {}) });
    }
    afterText = false;
    joinable = bare;
    count += l.glued ? widths[chunks.length - 1] ?? 1 : l.values.length;
    last = k;
  }
  if (last < 0) return null;
  const regionText = normalizeLabel(parsed.slice(first, last + 1).map((l) => l.text).join(''));
  if (!namesRows(regionText, grid.rows)) return null;

  const candidates = layouts(chunks, widths, arithmeticOf(valueRows, formatId, table).rowsHold);
  const notes: string[] = [];
  const name = TABLE_NAMES[table];
  if (!candidates.length || candidates.every((c) => c.every((r) => 'unknown' in r))) {
    notes.push(`${name}：原文的数值与标准格式的行列对不上（可能缺少或多出数值），该表未能读取`);
    return { rows: grid.rows.filter((r) => r.rowId === undefined).map((r) => canonical(r)), first, last, notes };
  }
  const decided = decide(candidates, valueRows, widths, formatId, table);
  const rows: SourceRow[] = [];
  const unsure: string[] = [];
  let v = 0;
  for (const r of grid.rows) {
    if (!r.cells.some((c) => c.kind === 'value')) {
      rows.push(canonical(r));
      continue;
    }
    const values = decided[v++];
    if (values) rows.push(canonical(r, values));
    else unsure.push(r.cells.filter((c) => c.kind === 'label').pop()?.text ?? name);
  }
  if (unsure.length)
    notes.push(`${name}：${unsure.slice(0, 3).map((u) => `“${u}”`).join('、')}${unsure.length > 3 ? ` 等 ${unsure.length} 行` : ''}的数值无法唯一确定（数字连写在一起或版式有多种读法，按统计表的计算关系也无法确定），未导入`);
  return { rows, first, last, notes };
}

/** The grid row as a source row, value cells filled from `values` in order. */
function canonical(r: GridRow, values?: readonly string[]): SourceRow {
  let v = 0;
  return r.cells.map((c) => (c.kind === 'value' ? cell(values?.[v++] ?? '', c.colSpan) : cell(c.text ?? '', c.colSpan, c.rowSpan)));
}

type Relation = { plus: string[]; minus: string[] };

/** The table's arithmetic over its value rows: every relation Σ plus = Σ minus, and how to test one. */
function arithmeticOf(valueRows: readonly GridRow[], formatId: FormatId, table: TableId) {
  const index = formatIndex(formatId);
  const ids = valueRows.map((r) => r.cells.filter((c) => c.kind === 'value').map((c) => c.cellId!));
  const rowOf = new Map<string, number>();
  ids.forEach((row, i) => row.forEach((id) => rowOf.set(id, i)));
  // Σ plus = Σ minus: every 总计 of the format, and T3's balance (一 + 二 = 三（七） + 四) per column
  const sums: Relation[] = index.sums
    .filter((s) => index.cellById.get(s.total)?.table === table)
    .map((s) => ({ plus: [s.total], minus: [...s.parts] }));
  if (table === 't3')
    for (const col of index.columnIds.t3) {
      const rel = { plus: [`t3.new.${col}`, `t3.carriedIn.${col}`], minus: [`t3.resultTotal.${col}`, `t3.carriedOut.${col}`] };
      if ([...rel.plus, ...rel.minus].every((id) => rowOf.has(id))) sums.push(rel);
    }
  const cellsOf = (s: Relation) => [...s.plus, ...s.minus];
  const holds = (get: (id: string) => number | undefined, s: Relation) => {
    const plus = s.plus.map(get);
    const minus = s.minus.map(get);
    if ([...plus, ...minus].some((p) => p === undefined)) return undefined;
    const total = (xs: (number | undefined)[]) => xs.reduce((a: number, b) => a + b!, 0);
    return Math.abs(total(plus) - total(minus)) < 1e-6;
  };
  /** Rows r.. read as `rows` keep every sum inside each of them, and each has one (a check that means something). */
  const rowsHold = (r: number, rows: readonly string[][]) =>
    rows.every((vals, k) => {
      const inRow = sums.filter((s) => cellsOf(s).every((id) => rowOf.get(id) === r + k));
      const get = (id: string) => num(vals[ids[r + k]!.indexOf(id)]!);
      return inRow.length > 0 && inRow.every((s) => holds(get, s) === true);
    });
  return { ids, rowOf, sums, cellsOf, holds, rowsHold };
}

/**
 * The rows every plausible layout agrees on (null where they do not). Layouts and splits that break the
 * table's sums give way to those that keep them — when at least one does; a report that does not add up
 * keeps what all its layouts agree on.
 */
function decide(candidates: Laid[][], valueRows: readonly GridRow[], widths: readonly number[], formatId: FormatId, table: TableId): (string[] | null)[] {
  const { ids, rowOf, sums, cellsOf, holds } = arithmeticOf(valueRows, formatId, table);
  // each layout: per row, the value lists still possible
  const options = candidates.map((layout) =>
    layout.map((laid, i) => {
      if ('unknown' in laid) return [];
      if ('values' in laid) return [laid.values];
      const unit = /\D*$/.exec(laid.digits)![0];
      const all = splits(laid.digits.slice(0, laid.digits.length - unit.length), widths[i]!).map((p) => (unit ? [...p.slice(0, -1), p[p.length - 1] + unit] : p));
      const inRow = sums.filter((s) => cellsOf(s).every((p) => rowOf.get(p) === i));
      const ok = all.filter((vals) => {
        const get = (id: string) => (rowOf.get(id) === i ? num(vals[ids[i]!.indexOf(id)]!) : undefined);
        return inRow.every((s) => holds(get, s) !== false);
      });
      return ok;
    }),
  );
  // column sums settle a row left with several splits when every other row of the sum is settled
  for (const opt of options) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of sums) {
        const rows = [...new Set(cellsOf(s).map((id) => rowOf.get(id)!))];
        const open = rows.filter((r) => opt[r]!.length !== 1);
        if (open.length !== 1 || opt[open[0]!]!.length === 0) continue;
        const r = open[0]!;
        const keep = opt[r]!.filter((vals) => {
          const get = (id: string) => {
            const q = rowOf.get(id)!;
            const row = q === r ? vals : opt[q]![0]!;
            return num(row[ids[q]!.indexOf(id)]!);
          };
          return holds(get, s) === true;
        });
        if (keep.length && keep.length < opt[r]!.length) {
          opt[r] = keep;
          changed = true;
        }
      }
    }
  }
  // between layouts: those whose settled rows keep every sum they fully determine
  const keeps = (opt: string[][][]) =>
    sums.every((s) => {
      const get = (id: string) => {
        const q = rowOf.get(id)!;
        return opt[q]!.length === 1 ? num(opt[q]![0]![ids[q]!.indexOf(id)]!) : undefined;
      };
      return holds(get, s) !== false;
    });
  const balanced = options.filter(keeps);
  const pool = balanced.length ? balanced : options;
  return widths.map((_, i) => {
    const first = pool[0]![i]!;
    if (first.length !== 1) return null;
    const key = first[0]!.join(',');
    return pool.every((opt) => opt[i]!.length === 1 && opt[i]![0]!.join(',') === key) ? first[0]! : null;
  });
}

/** The format a pasted text's tables are in: by the year near its top, the newer format without one. */
export function formatOfText(lines: readonly string[]): FormatId {
  for (const l of lines.slice(0, 12)) {
    const m = /(20\d\d)\s*年/.exec(l.replace(/[\uFF10-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
    if (m) return formatForYear(Number(m[1]));
  }
  return 'GOV-2021';
}
