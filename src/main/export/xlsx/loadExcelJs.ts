/**
 * exceljs takes about 0.3 s to load: the app, browser mode and every CLI command would pay it at start-up, so
 * it is loaded by the first workbook read or written, once.
 */
type ExcelJs = typeof import('exceljs');
let excelJs: Promise<ExcelJs> | null = null;

export function loadExcelJs(): Promise<ExcelJs> {
  return (excelJs ??= import('exceljs').then((m) => ((m as { default?: ExcelJs }).default ?? m) as ExcelJs));
}
