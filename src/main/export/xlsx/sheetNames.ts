/**
 * Names of the sheets this app writes, shared by the exporter and the importer: a table sheet is named
 * after the part that prints the table (“三、依申请公开”), and the findings sheet is skipped on import.
 */
import type { FormatDefinition, TableId } from '../../../shared/format/index';

export const FINDINGS_SHEET = '检查结果';
/** Sheets of the app's own workbooks that hold no report content (audit, 汇总 trace). */
export const NON_REPORT_SHEETS: ReadonlySet<string> = new Set([FINDINGS_SHEET, '单元格来源', '各单位情况', '全部问题', '问题统计', '汇总说明', '各单位状态']);

/** Excel refuses these characters in a sheet name, and names longer than 31 characters. */
export function safeSheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || '_';
}

export function tableSheetName(format: FormatDefinition, table: TableId): string {
  const section = format.sections.find((s) => s.table === table)!;
  const number = section.heading.split('、')[0];
  return safeSheetName(`${number}、${section.shortName}`);
}
