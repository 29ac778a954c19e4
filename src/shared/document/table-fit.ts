/**
 * Column widths and type size of one statistical table such that no number is split over two lines
 * (typography.md): the columns holding values are made as wide as their widest printed value, the width
 * comes out of the label columns first (labels may wrap), then out of value columns wider than they need;
 * where that is not enough the cell padding tightens and then the table's type steps down to 小五.
 * Shared by the .docx, the HTML export and the preview, so the three break lines alike.
 */
import { formatIndex, type FormatDefinition, type TableId } from '../format/index';
import { gridFor, scaleWidths, type Grid, type GridCell } from '../grid';
import type { Cells } from '../report';
import { printedValue } from '../values';
import { PAGE_TWIPS, ptToTwips, TABLE_FIT } from './typography';

export interface TableFit {
  /** Type size of the table, in points. */
  sizePt: number;
  /** Grid column widths in twips, adding up to the total exactly. */
  widths: number[];
  /** Cell padding left and right, in points. */
  paddingPt: number;
  /** False when even 小五 with tight padding leaves a value wider than its column. */
  fits: boolean;
}

/** Width of a printed value in ems: Times New Roman digits are half an em, CJK characters (元) one. */
export function textEms(text: string): number {
  let ems = 0;
  for (const ch of text) {
    if (/[0-9+\-]/.test(ch)) ems += 0.5;
    else if (/[.,]/.test(ch)) ems += 0.25;
    else if (ch.charCodeAt(0) < 0x2e80) ems += 0.56;
    else ems += 1;
  }
  return ems;
}

/**
 * Room a value needs in its cell, in twips: its text (2 % over the nominal advance widths, for fonts that
 * round them up), the padding, and a point for the rules.
 */
function neededTwips(text: string, sizePt: number, paddingPt: number): number {
  return ptToTwips(textEms(text) * sizePt * 1.02 + 2 * paddingPt + 1);
}

/** Label columns keep room for three characters a line. */
const MIN_LABEL_EMS = 3;

function tryFit(grid: Grid, valueText: (cell: GridCell) => string, total: number, sizePt: number, paddingPt: number): number[] | null {
  const base = scaleWidths(grid.columnWeights, total);
  const n = base.length;
  const need = new Array<number>(n).fill(0);
  const isValueCol = new Array<boolean>(n).fill(false);
  for (const cell of grid.rows.flatMap((r) => r.cells)) {
    if (cell.kind !== 'value') continue;
    const want = neededTwips(valueText(cell), sizePt, paddingPt);
    for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
      isValueCol[c] = true;
      // a value spanning columns shares its need among them
      need[c] = Math.max(need[c]!, Math.ceil(want / cell.colSpan));
    }
  }
  const minLabel = ptToTwips(MIN_LABEL_EMS * sizePt + 2 * paddingPt);
  const widths = [...base];
  let deficit = 0;
  for (let c = 0; c < n; c++) {
    if (isValueCol[c] && widths[c]! < need[c]!) {
      deficit += need[c]! - widths[c]!;
      widths[c] = need[c]!;
    }
  }
  if (deficit === 0) return widths;
  // label columns first, then value columns wider than they need, each in proportion to its spare room
  const floors = widths.map((w, c) => (isValueCol[c] ? need[c]! : Math.min(w, minLabel)));
  for (const group of [(c: number) => !isValueCol[c], (c: number) => isValueCol[c]!]) {
    const cols = widths.map((_, c) => c).filter((c) => group(c) && widths[c]! > floors[c]!);
    const spare = cols.reduce((s, c) => s + widths[c]! - floors[c]!, 0);
    if (spare <= 0) continue;
    const take = Math.min(deficit, spare);
    let taken = 0;
    cols.forEach((c, i) => {
      const share = i === cols.length - 1 ? take - taken : Math.floor(((widths[c]! - floors[c]!) / spare) * take);
      widths[c]! -= share;
      taken += share;
    });
    deficit -= take;
    if (deficit === 0) return widths;
  }
  return null;
}

/**
 * The widths and size for `grid` with the values `valueText` prints, on a table `total` twips wide, starting
 * from the user's size `sizePt`: the first of (size, padding) — padding before size — at which every value
 * fits its column.
 */
export function fitTable(grid: Grid, valueText: (cell: GridCell) => string, total: number, sizePt: number): TableFit {
  for (let size = sizePt; size >= TABLE_FIT.minSizePt; size -= TABLE_FIT.stepPt) {
    for (const paddingPt of [TABLE_FIT.paddingPt, TABLE_FIT.tightPaddingPt]) {
      const widths = tryFit(grid, valueText, total, size, paddingPt);
      if (widths) return { sizePt: size, widths, paddingPt, fits: true };
    }
  }
  const sizePtMin = Math.min(sizePt, TABLE_FIT.minSizePt);
  return { sizePt: sizePtMin, widths: scaleWidths(grid.columnWeights, total), paddingPt: TABLE_FIT.tightPaddingPt, fits: false };
}

/** What a table cell prints: its label, or its value as the report prints it. */
export function tableCellText(format: FormatDefinition, cells: Cells): (cell: GridCell) => string {
  const index = formatIndex(format.id);
  return (cell) => (cell.kind === 'value' ? printedValue(index.cellById.get(cell.cellId!)?.kind ?? 'count', cells[cell.cellId!]) : (cell.text ?? ''));
}

/** The fit of one of the report's tables on the text width (or `total` twips), from the user's table size. */
export function fitFormatTable(format: FormatDefinition, table: TableId, cells: Cells, sizePt: number, total: number = PAGE_TWIPS.textWidth): TableFit {
  return fitTable(gridFor(format, table), tableCellText(format, cells), total, sizePt);
}
