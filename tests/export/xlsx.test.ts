/**
 * The tables as an .xlsx: one sheet per table laid out from the grid model (same merges), labels exact,
 * numbers as numbers, 总计 as SUM formulas with the value cached, A4 with the header rows repeated, a
 * findings sheet with the rules' Chinese names. It re-imports to the same cells, and LibreOffice Calc
 * renders it to a PDF whose numbers read back in the order of the grid.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { exportXlsx, FINDINGS_SHEET, tableSheetName } from '../../src/main/export/xlsx/index';
import { importFile } from '../../src/main/import/index';
import { RULE_NAMES, runChecks } from '../../src/shared/checks/index';
import { formatIndex, getFormat, TABLE_IDS } from '../../src/shared/format/index';
import { gridFor } from '../../src/shared/grid';
import type { ReportDoc } from '../../src/shared/report';
import { applyComputedTotals } from '../../src/shared/totals';
import { renderOffice, renderSkipReason } from '../helpers/render';
import { cellDiffs, loadExchange } from '../import/helpers';

const FIXTURES = ['2025-clean.json', '2021-planted-errors.json', '2020-fushun-education-bureau.json'];

async function workbookOf(doc: ReportDoc): Promise<{ bytes: Buffer; wb: ExcelJS.Workbook }> {
  const bytes = await exportXlsx(doc, runChecks(doc, { forExport: true }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return { bytes, wb };
}

/** What a re-import must give: the same cells, a blank 总计 filled from its parts (as for every source). */
function expectedAfterImport(doc: ReportDoc) {
  const computed = applyComputedTotals(doc.format, doc.cells);
  const out = { ...doc.cells };
  for (const id of formatIndex(doc.format).totalCells) if (out[id] === null || out[id] === undefined) out[id] = computed[id] ?? null;
  return out;
}

for (const name of FIXTURES) {
  test(`${name}: re-importing the exported .xlsx gives the same cells, agency, year and format`, async () => {
    const doc = loadExchange(name);
    const { bytes } = await workbookOf(doc);
    const back = await importFile('tables.xlsx', bytes);
    assert.equal(back.report.source, 'xlsx');
    assert.deepEqual(cellDiffs(expectedAfterImport(doc), back.doc.cells), []);
    assert.equal(back.doc.agency.name, doc.agency.name);
    assert.equal(back.doc.year, doc.year);
    assert.equal(back.doc.format, doc.format);
    assert.ok(back.report.messages.some((m) => m.message.includes(FINDINGS_SHEET)), 'the findings sheet is said to be skipped');
    assert.ok(!back.report.messages.some((m) => /没有保存计算结果/.test(m.message)), 'every cached 总计 is read, 0 included');
  });
}

test('sheets follow the grid model: merges, exact labels, numbers, SUM formulas with cached values, print setup', async () => {
  const doc = loadExchange('2025-clean.json');
  const format = getFormat(doc.format);
  const index = formatIndex(doc.format);
  const { wb } = await workbookOf(doc);
  assert.deepEqual(wb.worksheets.map((s) => s.name), [...TABLE_IDS.map((t) => tableSheetName(format, t)), FINDINGS_SHEET]);
  for (const table of TABLE_IDS) {
    const sheet = wb.getWorksheet(tableSheetName(format, table))!;
    const grid = gridFor(format, table);
    const top = table === 't2' ? 4 : 2; // title (two lines) and heading above 表二, the heading above the others
    const expectedMerges = grid.rows.flatMap((r) => r.cells).filter((c) => c.rowSpan > 1 || c.colSpan > 1).length;
    const lineMerges = table === 't2' ? 3 : 1;
    assert.equal(sheet.model.merges.length, expectedMerges + lineMerges, `${table}: one merge per spanning grid cell`);
    let formulas = 0;
    for (const c of grid.rows.flatMap((r) => r.cells)) {
      const x = sheet.getCell(top + c.row, 1 + c.col);
      if (c.kind !== 'value') {
        assert.equal(x.value, c.text ?? '', `${table} label at ${x.address}`);
        continue;
      }
      const v = doc.cells[c.cellId!] ?? null;
      if (x.formula) {
        formulas++;
        assert.ok(index.totalCells.has(c.cellId!), `${c.cellId} is a 总计`);
        assert.match(x.formula, /^SUM\(/);
        assert.equal(x.result, v);
      } else assert.equal(x.value, v, `${c.cellId} at ${x.address}`);
    }
    const totals = [...index.totalCells].filter((id) => index.cellById.get(id)!.table === table).length;
    assert.equal(formulas, totals, `${table}: every 总计 is a formula in a clean report`);
    assert.equal(sheet.pageSetup.paperSize, 9, 'A4');
    if (grid.rows.some((r) => r.header)) assert.match(sheet.pageSetup.printTitlesRow ?? '', /^\d+:\d+$/, 'header rows repeat');
  }
});

test('a 总计 typed by hand that differs from its parts is kept as the number, not replaced by a formula', async () => {
  const doc = loadExchange('2025-clean.json');
  const cells = { ...doc.cells, 't3.new.total': (doc.cells['t3.new.total'] ?? 0) + 5 };
  const { wb, bytes } = await workbookOf({ ...doc, cells });
  const sheet = wb.getWorksheet(tableSheetName(getFormat(doc.format), 't3'))!;
  const found = sheet.getSheetValues().flat().includes(cells['t3.new.total']!);
  assert.ok(found, 'the typed total is on the sheet');
  const back = await importFile('t.xlsx', bytes);
  assert.equal(back.doc.cells['t3.new.total'], cells['t3.new.total']);
});

test('the findings sheet names the rules in Chinese, not by id', async () => {
  const doc = loadExchange('2021-planted-errors.json');
  const findings = runChecks(doc, { forExport: true });
  assert.ok(findings.length > 0);
  const { wb } = await workbookOf(doc);
  const sheet = wb.getWorksheet(FINDINGS_SHEET)!;
  const rules = sheet.getColumn(3).values.slice(2).map(String);
  assert.equal(rules.length, findings.length);
  const names = new Set(Object.values(RULE_NAMES));
  for (const r of rules) assert.ok(names.has(r), `${r} is a rule name`);
  assert.ok(!rules.some((r) => /^[a-z0-9]+\.[A-Za-z]+$/.test(r)), 'no rule ids');
});

test('LibreOffice Calc renders the workbook: the numbers of each table read back from the PDF in grid order', { skip: renderSkipReason() }, async () => {
  const doc = loadExchange('2025-clean.json');
  const format = getFormat(doc.format);
  const { bytes } = await workbookOf(doc);
  const r = renderOffice(bytes, 'xlsx');
  try {
    // one page per table sheet here; the findings follow
    TABLE_IDS.forEach((table, i) => {
      const page = spawnSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), r.pdf, '-'], { encoding: 'utf8' }).stdout;
      const read = page.match(/(?<=\s|^)\d+(\.\d+)?(?=\s|$)/g)?.map(Number) ?? [];
      const grid = gridFor(format, table);
      const expected = grid.rows.flatMap((row) => row.cells.filter((c) => c.kind === 'value').map((c) => doc.cells[c.cellId!]));
      assert.deepEqual(read, expected.filter((v) => v !== null && v !== undefined), `${table}: values in grid order`);
      for (const label of grid.rows.flatMap((row) => row.cells).filter((c) => c.kind === 'blockTitle' || c.kind === 'header'))
        assert.ok(page.replace(/\s+/g, '').includes(label.text!.replace(/\s+/g, '').slice(0, 4)), `${table}: ${label.text}`);
    });
  } finally {
    r.cleanup();
  }
});
