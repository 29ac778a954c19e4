/**
 * The 汇总 as a workbook: the sum sheet first, each summed value a formula over the same cell of every
 * summed unit's sheet (so Excel's trace precedents leads to the units) with the sum cached; the units'
 * status and why one was left out; a trace sheet listing each cell's contributions; then one sheet per unit
 * laid out as printed. Reads the results of `aggregateFiles`, nothing else.
 */
import { AGGREGATE_UNIT_STATUS_NAMES } from '../../../shared/api';
import { formatIndex, getFormat, TABLE_IDS, type FormatDefinition } from '../../../shared/format/index';
import { formatShortName } from '../../../shared/format/index';
import type { Cells } from '../../../shared/report';
import type { FilesAggregation } from '../../aggregate/files';
import { unitCellsIn } from '../../aggregate/sum';
import { address } from './addresses';
import { newWorkbook } from './index';
import { addListSheet } from './listSheet';
import { safeSheetName } from './sheetNames';
import { newTableSheet, placeTable, type TotalFormula } from './tableSheet';
import type { Worksheet } from 'exceljs';
import { basename } from 'node:path';

/** Excel's limit on a formula's length; beyond it the sum is written as a number (the trace sheet still lists the units). */
const MAX_FORMULA_CHARS = 8000;

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

function placeAll(sheet: Worksheet, format: FormatDefinition, cells: Cells, lines: readonly string[], formulaOf?: TotalFormula): Map<string, { row: number; col: number }> {
  const positions = new Map<string, { row: number; col: number }>();
  let row = 1;
  TABLE_IDS.forEach((table, i) => {
    const heading = format.sections.find((s) => s.table === table)!.heading;
    const placed = placeTable(sheet, format, table, cells, row, i === 0 ? [...lines, heading] : [heading], formulaOf);
    for (const [id, at] of placed.positions) positions.set(id, at);
    row = placed.nextRow;
  });
  return positions;
}

export async function aggregateWorkbook(result: FilesAggregation, parentName: string): Promise<Buffer> {
  const format = getFormat(result.format);
  const index = formatIndex(result.format);
  const title = `${parentName}${result.year}年政府信息公开工作年度报告统计表汇总`;
  const wb = await newWorkbook(title);
  const columns = Math.max(...TABLE_IDS.map((t) => (t === 't3' ? 10 : 6)));
  const sumSheet = newTableSheet(wb, '汇总', columns, title);

  const read = result.units.filter((u) => u.status !== 'unreadable' && u.cells);
  const names = new Map<(typeof read)[number], string>();
  read.forEach((u, i) => names.set(u, safeSheetName(`${i + 1} ${u.name ?? ''}`)));
  const summed = read.filter((u) => u.included);

  addListSheet(
    wb,
    '各单位状态',
    [
      { header: '序号', width: 6 },
      { header: '文件', width: 28 },
      { header: '单位', width: 26 },
      { header: '年度', width: 7 },
      { header: '格式', width: 11 },
      { header: '状态', width: 9 },
      { header: '错误', width: 6 },
      { header: '提醒', width: 6 },
      { header: '计入汇总', width: 9 },
      { header: '说明', width: 50 },
      { header: '工作表', width: 20 },
    ],
    result.units.map((u, i) => [
      i + 1,
      basename(u.file),
      u.name ?? '',
      u.year ?? null,
      u.format ? formatShortName(u.format) : '',
      u.status === 'unreadable' ? '无法读取' : AGGREGATE_UNIT_STATUS_NAMES[u.status],
      u.errors,
      u.warnings,
      u.included ? '是' : '否',
      u.status === 'unreadable'
        ? (u.message ?? '')
        : u.replacedBy
          ? `同一单位同一年度的后一文件“${basename(u.replacedBy)}”替换了此文件`
          : !u.included
            ? `有 ${u.errors} 处错误，未计入汇总（可在程序中确认后计入）`
            : u.format !== result.format
              ? `按${formatShortName(result.format)}换算后计入`
              : '',
      names.get(u as (typeof read)[number]) ?? '',
    ]),
  );

  const mapped = read.map((u) => ({ u, cells: unitCellsIn({ id: 0, name: u.name ?? '', format: u.format!, cells: u.cells! }, result.format).cells }));

  // one row per summed cell: its sum and every summed unit that contributes to it
  addListSheet(
    wb,
    '单元格来源',
    [
      { header: '单元格', width: 50 },
      { header: '汇总数', width: 10 },
      { header: '来源单位及数值', width: 80 },
    ],
    index.cells.flatMap((c) => {
      const parts = mapped.filter((m) => m.u.included && typeof m.cells[c.id] === 'number' && m.cells[c.id] !== 0).map((m) => `${m.u.name} ${m.cells[c.id]}`);
      return parts.length ? [[c.name, result.sum.cells[c.id] ?? null, parts.join('；')]] : [];
    }),
  );

  const unitSheets: { name: string; positions: Map<string, { row: number; col: number }> }[] = [];
  for (const { u, cells } of mapped) {
    const sheet = newTableSheet(wb, names.get(u)!, columns, `${u.name}${u.year}年`);
    const positions = placeAll(sheet, format, cells, [`${u.name}（${u.included ? '计入汇总' : '未计入汇总'}）`]);
    if (u.included) unitSheets.push({ name: names.get(u)!, positions });
  }

  const sumFormula: TotalFormula = (id) => {
    if (unitSheets.length === 0) return null;
    const formula = unitSheets.map((s) => `${quoteSheet(s.name)}!${address(s.positions.get(id)!.row, s.positions.get(id)!.col)}`).join('+');
    return formula.length <= MAX_FORMULA_CHARS ? { formula, value: result.sum.cells[id] ?? 0 } : null;
  };
  placeAll(sumSheet, format, result.sum.cells, [title, `计入汇总 ${summed.length} 个单位，共 ${result.units.length} 个文件`], sumFormula);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
