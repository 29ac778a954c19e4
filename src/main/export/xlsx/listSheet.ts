/** A plain list sheet (findings, audit rows, units): a bold header row repeated on print, wrapped text, a filter. */
import type { Workbook, Worksheet } from 'exceljs';
import { FONT, THIN } from './tableSheet';
import { safeSheetName } from './sheetNames';

export interface ListColumn {
  header: string;
  /** Width in characters. */
  width: number;
}

export type ListValue = string | number | null | { formula: string; result: number };

export function addListSheet(wb: Workbook, name: string, columns: readonly ListColumn[], rows: readonly (readonly ListValue[])[]): Worksheet {
  const sheet = wb.addWorksheet(safeSheetName(name), {
    pageSetup: { paperSize: 9 as never, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.pageSetup.printTitlesRow = '1:1';
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  const head = sheet.getRow(1);
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONT, bold: true };
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  });
  rows.forEach((values, r) => {
    const row = sheet.getRow(r + 2);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.font = FONT;
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: typeof v === 'string' };
    });
  });
  if (rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: columns.length } };
  return sheet;
}
