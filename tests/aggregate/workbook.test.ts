/**
 * The 汇总 workbook: the sum sheet's values are formulas over the same cell of each summed unit's sheet,
 * cached with the sum; the status sheet says why a unit was left out; the trace sheet lists each cell's units.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { aggregateFiles } from '../../src/main/aggregate/files';
import { aggregateWorkbook } from '../../src/main/export/xlsx/aggregateWorkbook';
import { tempDir } from '../storage/helpers';
import { unitReport, writeExchangeFiles } from './generate';

test('汇总 workbook: sum cells trace to the unit sheets, status and reasons, a trace sheet', async (t) => {
  const dir = tempDir(t, 'gov-agg-xlsx-');
  const docs = [1, 2, 3].map((seed) => unitReport(seed));
  const withError = unitReport(4);
  withError.cells['t3.new.total'] = (withError.cells['t3.new.total'] ?? 0) + 7; // a 总计 that does not add up
  writeExchangeFiles(dir, [...docs, withError]);
  writeFileSync(join(dir, 'zz-broken.docx'), 'junk');
  const result = await aggregateFiles([dir]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await aggregateWorkbook(result, '某某县人民政府')) as never);
  assert.deepEqual(wb.worksheets.slice(0, 3).map((s) => s.name), ['汇总', '各单位状态', '单元格来源']);
  assert.equal(wb.worksheets.length, 3 + 4, 'one sheet per readable unit');

  const sum = wb.getWorksheet('汇总')!;
  let checked = 0;
  sum.eachRow((row) =>
    row.eachCell((c) => {
      if (!c.formula) return;
      const refs = c.formula.split('+');
      assert.equal(refs.length, 3, `${c.address}: the three units without errors`);
      const total = refs.reduce((s, ref) => {
        const [sheet, at] = ref.replace(/'/g, '').split('!') as [string, string];
        const v = wb.getWorksheet(sheet)!.getCell(at).value;
        // a formula's cached 0 comes back from exceljs without its result
        const n = typeof v === 'object' && v !== null ? Number((v as { result?: number }).result ?? 0) : Number(v ?? 0);
        return s + n;
      }, 0);
      assert.equal(Number(c.result ?? 0), total, c.address);
      checked++;
    }),
  );
  assert.ok(checked > 150, `every value cell is a formula (${checked})`);

  const status = wb.getWorksheet('各单位状态')!;
  const texts = status.getSheetValues().flat().map(String).join('\n');
  assert.match(texts, /有 \d+ 处错误，未计入汇总/);
  assert.match(texts, /无法读取/);
  const trace = wb.getWorksheet('单元格来源')!;
  assert.ok(trace.actualRowCount > 10);
  assert.match(String(trace.getRow(2).getCell(3).value), /某某县第\d单位 \d/);
});
