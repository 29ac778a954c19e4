/**
 * The report's tables as an Excel/WPS workbook: one sheet per table laid out as printed (tableSheet.ts)
 * and a sheet of the check's findings with the rules' Chinese names. The workbook re-imports to the same
 * cells (src/main/import/xlsx.ts reads it like any sheet with the format's labels).
 */
import type { Workbook } from 'exceljs';
import { loadExcelJs } from './loadExcelJs';
import { ruleName } from '../../../shared/checks/index';
import { SEVERITY_NAMES, type Finding } from '../../../shared/findings';
import { formatIndex, getFormat, TABLE_IDS } from '../../../shared/format/index';
import type { ReportDoc } from '../../../shared/report';
import { titleLines } from '../html/index';
import { address, type Position } from './addresses';
import { addListSheet } from './listSheet';
import { FINDINGS_SHEET } from './sheetNames';
import { addTableSheet } from './tableSheet';

export { FINDINGS_SHEET, NON_REPORT_SHEETS, tableSheetName } from './sheetNames';

const APP_NAME = '政府信息公开年报助手';

export async function newWorkbook(title: string): Promise<Workbook> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = APP_NAME;
  wb.title = title;
  // fixed dates keep the bytes of an export reproducible
  wb.created = wb.modified = new Date(Date.UTC(2000, 0, 1));
  wb.calcProperties = { fullCalcOnLoad: true };
  return wb;
}

/** Where each cell id sits: 三、依申请公开!D12. */
export type CellPlaces = Map<string, { sheet: string; at: Position }>;

/** The three tables on their sheets, the report's title above the first. */
export function addReportTables(wb: Workbook, doc: ReportDoc): CellPlaces {
  const format = getFormat(doc.format);
  const title = titleLines(doc);
  const places: CellPlaces = new Map();
  TABLE_IDS.forEach((table, i) => {
    const heading = format.sections.find((s) => s.table === table)!.heading;
    const placed = addTableSheet(wb, format, table, doc.cells, {
      lines: i === 0 ? [...title, heading] : [heading],
      pageHeader: title.join(''),
    });
    for (const [id, at] of placed.positions) places.set(id, { sheet: placed.sheet.name, at });
  });
  return places;
}

/** 三、本年度办理结果（一）予以公开 · 自然人（三、依申请公开!D12） */
export function cellNames(doc: Pick<ReportDoc, 'format'>, cells: readonly string[], places?: CellPlaces): string {
  const index = formatIndex(doc.format);
  return cells
    .map((id) => {
      const name = index.cellById.get(id)?.name ?? id;
      const place = places?.get(id);
      return place ? `${name}（${place.sheet}!${address(place.at.row, place.at.col)}）` : name;
    })
    .join('；');
}

export function findingRows(doc: Pick<ReportDoc, 'format'>, findings: readonly Finding[], places?: CellPlaces) {
  return findings.map((f, i) => [
    i + 1,
    SEVERITY_NAMES[f.severity],
    ruleName(f.rule),
    f.message,
    cellNames(doc, f.cells, places),
    f.acknowledged?.reason ?? '',
  ]);
}

export const FINDING_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '类别', width: 7 },
  { header: '检查项目', width: 20 },
  { header: '说明', width: 70 },
  { header: '涉及单元格', width: 45 },
  { header: '确认理由', width: 20 },
];

export async function exportXlsx(doc: ReportDoc, findings: readonly Finding[]): Promise<Buffer> {
  const [agency, name] = titleLines(doc);
  const wb = await newWorkbook(agency + name);
  const places = addReportTables(wb, doc);
  const sheet = addListSheet(wb, FINDINGS_SHEET, FINDING_COLUMNS, findingRows(doc, findings, places));
  if (findings.length === 0) sheet.getCell('D2').value = '没有发现问题。';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
