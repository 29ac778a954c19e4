/**
 * One statistical table on a sheet, laid out as printed from the grid model (src/shared/grid.ts): the same
 * origin cells and merges as the .docx and the HTML, labels exact, values as numbers, each 总计 a SUM
 * formula over its parts with the report's value cached — unless the report's 总计 differs from its parts
 * (totals typed by hand), which is then written as the number it is, so a re-import reads the same cells.
 */
import type { Workbook, Worksheet, Cell, Borders } from 'exceljs';
import { formatIndex, type FormatDefinition, type TableId, type ValueKind } from '../../../shared/format/index';
import { gridFor, scaleWidths, type Grid, type GridCell } from '../../../shared/grid';
import type { Cells } from '../../../shared/report';
import { sumOfParts } from '../../../shared/totals';
import { address, sumFormula, type Position } from './addresses';
import { tableSheetName } from './sheetNames';

/** Width of the printed table in Excel character units (A4 portrait, 2 cm margins, 11 pt). */
const TABLE_WIDTH_CHARS = 92;
const MIN_COLUMN_CHARS = 5;
const A4 = 9;

export const THIN: Partial<Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
export const FONT = { name: '宋体', size: 10 };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF2F2F2' } };

/** Excel number format per value kind: counts as integers, amounts as typed. */
const NUM_FMT: Readonly<Record<ValueKind, string>> = { count: '0', signedCount: '0', amountWanYuan: 'General', amountYuan: '0.00' };

export interface PlacedTable {
  sheet: Worksheet;
  /** Sheet position of every value cell of the table. */
  positions: Map<string, Position>;
  /** First and last sheet row of the grid's header rows (repeated on every printed page). */
  headerRows: [number, number] | null;
}

export interface TableSheetOptions {
  /** Lines above the table (the report's title on the first sheet, then the part's heading). */
  lines: readonly string[];
  /** Printed in the page header of every page. */
  pageHeader: string;
}

export function addTableSheet(wb: Workbook, format: FormatDefinition, table: TableId, cells: Cells, options: TableSheetOptions): PlacedTable {
  const sheet = newTableSheet(wb, tableSheetName(format, table), gridFor(format, table).columnWeights.length, options.pageHeader);
  const placed = placeTable(sheet, format, table, cells, 1, options.lines);
  if (placed.headerRows) sheet.pageSetup.printTitlesRow = `${placed.headerRows[0]}:${placed.headerRows[1]}`;
  return { sheet, ...placed };
}

/** A sheet for tables `columns` grid columns wide: A4, fitted to the page width, page header and number. */
export function newTableSheet(wb: Workbook, name: string, columns: number, pageHeader: string): Worksheet {
  const landscape = columns > 8;
  return wb.addWorksheet(name, {
    pageSetup: {
      paperSize: A4 as never,
      orientation: landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.4, footer: 0.4 },
    },
    headerFooter: { oddHeader: `&C${escapeHeader(pageHeader)}`, oddFooter: '&C— &P —' },
  });
}

/** A total written as a formula: over the parts on this sheet (SUM), or as the caller builds it (汇总 over units). */
export type TotalFormula = (cellId: string, positions: ReadonlyMap<string, Position>) => { formula: string; value: number | null } | null;

/**
 * One table placed on `sheet` from row `startRow`, with `lines` of text above it. Column widths are set
 * from the grid the first time (a sheet holding several tables keeps those of the first).
 */
export function placeTable(
  sheet: Worksheet,
  format: FormatDefinition,
  table: TableId,
  cells: Cells,
  startRow: number,
  lines: readonly string[],
  formulaOf: TotalFormula = sumOverParts(format, cells),
): Omit<PlacedTable, 'sheet'> & { nextRow: number } {
  const grid = gridFor(format, table);
  const index = formatIndex(format.id);
  const columns = grid.columnWeights.length;
  if (startRow === 1) {
    const widthChars = columns > 8 ? TABLE_WIDTH_CHARS * 1.45 : TABLE_WIDTH_CHARS;
    scaleWidths(grid.columnWeights, widthChars).forEach((w, i) => (sheet.getColumn(i + 1).width = Math.max(MIN_COLUMN_CHARS, w)));
  }
  let row = startRow;
  for (const [k, text] of lines.entries()) {
    const c = sheet.getCell(row, 1);
    c.value = text;
    c.font = { ...FONT, size: k === 0 && lines.length > 1 ? 14 : 12, bold: true };
    c.alignment = { horizontal: k === 0 && lines.length > 1 ? 'center' : 'left', vertical: 'middle' };
    sheet.mergeCells(row, 1, row, columns);
    row++;
  }
  const top = row;
  const positions = new Map<string, Position>();
  for (const gridRow of grid.rows)
    for (const cell of gridRow.cells)
      if (cell.cellId) positions.set(cell.cellId, { row: top + cell.row, col: 1 + cell.col });

  for (const gridRow of grid.rows) {
    for (const cell of gridRow.cells) {
      const r = top + cell.row;
      const c = 1 + cell.col;
      if (cell.rowSpan > 1 || cell.colSpan > 1) sheet.mergeCells(r, c, r + cell.rowSpan - 1, c + cell.colSpan - 1);
      const target = sheet.getCell(r, c);
      if (cell.kind === 'value') {
        const info = index.cellById.get(cell.cellId!)!;
        const formula = formulaOf(info.id, positions);
        const value = cells[info.id];
        target.value = formula ? { formula: formula.formula, result: formula.value ?? undefined } : typeof value === 'number' ? value : null;
        target.numFmt = NUM_FMT[info.kind];
        target.alignment = { horizontal: 'center', vertical: 'middle' };
      } else {
        target.value = cell.text ?? '';
        target.alignment = { horizontal: cell.kind === 'label' ? 'left' : 'center', vertical: 'middle', wrapText: true };
        if (cell.kind !== 'label') target.fill = HEADER_FILL;
        if (cell.kind === 'header' || cell.kind === 'corner' || cell.kind === 'blockTitle') target.font = { ...FONT, bold: cell.kind !== 'corner' };
      }
      target.font ??= FONT;
      // a merged range shows the borders of each of its cells
      for (let rr = r; rr < r + cell.rowSpan; rr++) for (let cc = c; cc < c + cell.colSpan; cc++) sheet.getCell(rr, cc).border = THIN;
    }
  }
  fitRowHeights(sheet, grid, top);
  const headers = grid.rows.map((g, i) => (g.header ? i : -1)).filter((i) => i >= 0);
  const headerRows: [number, number] | null = headers.length ? [top + headers[0]!, top + headers[headers.length - 1]!] : null;
  return { positions, headerRows, nextRow: top + grid.rows.length + 1 };
}

/** 总计 as SUM over its parts when the report's value is that sum; a total typed by hand stays a number. */
function sumOverParts(format: FormatDefinition, cells: Cells): TotalFormula {
  const index = formatIndex(format.id);
  return (id, positions) => {
    if (!index.totalCells.has(id)) return null;
    const stored = cells[id] ?? null;
    for (const s of index.sums) {
      if (s.total !== id) continue;
      const sum = sumOfParts(cells, s.parts);
      if (sum !== null && stored !== null && Math.abs(sum - stored) < 1e-9) return { formula: sumFormula(s.parts.map((p) => positions.get(p)!)), value: stored };
    }
    return null;
  };
}

/** Width of text in Excel's character units: a CJK character is about two digits wide. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFEF]/.test(ch) ? 1.8 : 1;
  return w;
}

const LINE_POINTS = 13.5;
const PADDING_POINTS = 4;

/**
 * Row heights for the wrapped labels. Neither Excel nor Calc grows a row for the text of a merged cell, so
 * the lines each label needs are estimated from its width; a label spanning rows spreads over them.
 */
function fitRowHeights(sheet: Worksheet, grid: Grid, top: number): void {
  const widthOf = (col: number, span: number) => {
    let w = 0;
    for (let c = col; c < col + span; c++) w += sheet.getColumn(c + 1).width ?? 8;
    return Math.max(1, w - 1);
  };
  const heights = grid.rows.map(() => LINE_POINTS + PADDING_POINTS);
  const need = (cell: GridCell) => Math.ceil(textWidth(cell.text ?? '') / widthOf(cell.col, cell.colSpan)) * LINE_POINTS + PADDING_POINTS;
  const labelled = grid.rows.flatMap((r) => r.cells.filter((c) => c.text));
  for (const cell of labelled) if (cell.rowSpan === 1) heights[cell.row] = Math.max(heights[cell.row]!, need(cell));
  for (const cell of labelled) {
    if (cell.rowSpan === 1) continue;
    const rows = heights.slice(cell.row, cell.row + cell.rowSpan);
    const short = need(cell) - rows.reduce((a, b) => a + b, 0);
    if (short > 0) for (let r = cell.row; r < cell.row + cell.rowSpan; r++) heights[r]! += short / cell.rowSpan;
  }
  heights.forEach((h, i) => (sheet.getRow(top + i).height = Math.round(h * 10) / 10));
}

/** `&` starts a code in Excel's page header. */
const escapeHeader = (s: string) => s.replace(/&/g, '&&');

export function styleAsText(c: Cell): void {
  c.font = FONT;
  c.alignment = { vertical: 'top', wrapText: true };
  c.border = THIN;
}
