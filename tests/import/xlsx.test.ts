/**
 * .xlsx import: a sheet typed by hand with the format's labels (table starting in column B, merged label
 * cells, numbers stored as text, "—"/"/"/"无" for blanks, a 总计 as a formula with its cached value, a
 * hidden sheet and an unrelated sheet), and hostile workbooks refused in bounded time with Chinese messages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { importFile } from '../../src/main/import/index';
import { AppError } from '../../src/shared/errors';
import { formatIndex, getFormat, TABLE_IDS } from '../../src/shared/format/index';
import { gridFor } from '../../src/shared/grid';
import { titleLines } from '../../src/main/export/html/index';
import { buildZip, cellDiffs, loadExchange } from './helpers';

const BOUND_MS = 15_000;

/** A workbook typed by hand: every table on one sheet from column B, values in the ways people type them. */
async function handTyped(): Promise<{ bytes: Buffer; expected: Record<string, number | null> }> {
  const doc = loadExchange('2025-clean.json');
  const format = getFormat(doc.format);
  const index = formatIndex(doc.format);
  const wb = new ExcelJS.Workbook();
  const other = wb.addWorksheet('填表说明');
  other.getCell('A1').value = '请各单位于1月10日前报送';
  const hidden = wb.addWorksheet('底稿');
  hidden.state = 'hidden';
  hidden.getCell('A1').value = 99;
  hidden.getCell('B1').value = 98;
  const sheet = wb.addWorksheet('年报表格');
  let r = 1;
  for (const line of titleLines(doc)) sheet.getCell(r++, 2).value = line;
  const expected: Record<string, number | null> = { ...doc.cells };
  let k = 0;
  for (const table of TABLE_IDS) {
    r++;
    sheet.getCell(r++, 2).value = format.sections.find((s) => s.table === table)!.heading;
    sheet.getCell(r++, 2).value = '单位：件';
    const grid = gridFor(format, table);
    const top = r;
    for (const c of grid.rows.flatMap((row) => row.cells)) {
      const x = sheet.getCell(top + c.row, 2 + c.col);
      if (c.rowSpan > 1 || c.colSpan > 1) sheet.mergeCells(top + c.row, 2 + c.col, top + c.row + c.rowSpan - 1, 2 + c.col + c.colSpan - 1);
      if (c.kind !== 'value') {
        x.value = c.text ?? '';
        continue;
      }
      const id = c.cellId!;
      const v = doc.cells[id];
      k++;
      if (index.totalCells.has(id) && typeof v === 'number') x.value = { formula: 'SUM(1)', result: v };
      else if (v === 0 && k % 3 === 0) {
        x.value = ['—', '/', '无'][k % 3 === 0 ? (k / 3) % 3 : 0]!;
        expected[id] = null;
      } else if (typeof v === 'number' && k % 2 === 0) x.value = String(v); // a number stored as text
      else x.value = v ?? null;
    }
    r = top + grid.rows.length;
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  if (process.env.XLSX_DUMP) (await import("node:fs")).writeFileSync(process.env.XLSX_DUMP, bytes);
  return { bytes, expected };
}

test('a hand-typed sheet: labels matched, merges, text numbers, blank markers, cached formula values', async () => {
  const { bytes, expected } = await handTyped();
  const back = await importFile('各单位报表.xlsx', bytes);
  assert.equal(back.report.source, 'xlsx');
  assert.deepEqual(cellDiffs(expected, back.doc.cells), []);
  assert.equal(back.doc.agency.name, loadExchange('2025-clean.json').agency.name);
  assert.ok(back.report.messages.some((m) => /隐藏的工作表“底稿”未导入/.test(m.message)));
  assert.ok(back.report.messages.some((m) => /按空值（未填写）处理/.test(m.message)), 'blank markers are reported');
});

async function refuses(fileName: string, bytes: Uint8Array, code: 'unsupported_file' | 'too_large', pattern: RegExp): Promise<void> {
  const t0 = performance.now();
  await assert.rejects(importFile(fileName, bytes), (e: unknown) => {
    assert.ok(e instanceof AppError, `AppError expected, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, pattern);
    return true;
  });
  assert.ok(performance.now() - t0 < BOUND_MS, `${fileName} took too long`);
}

const enc = (s: string) => new TextEncoder().encode(s);
const WORKBOOK = enc('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>');

test('an xlsx zip bomb lying about its size stops at the declared size, memory bounded', async () => {
  const zip = buildZip([
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(40 * 1024 * 1024), deflate: true, declaredSize: 4096 },
  ]);
  const before = process.memoryUsage().rss;
  await refuses('bomb.xlsx', zip, 'too_large', /压缩炸弹/);
  assert.ok(process.memoryUsage().rss - before < 150 * 1024 * 1024);
});

test('a sheet of a million cells is refused before exceljs parses it', async () => {
  const cells = '<c r="A1"><v>1</v></c>'.repeat(300_000);
  const zip = buildZip([
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/worksheets/sheet1.xml', data: enc(`<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`), deflate: true },
  ]);
  await refuses('huge.xlsx', zip, 'too_large', /单元格/);
});

test('external links, entity definitions, legacy .xls and a .docx renamed .xlsx are refused with a Chinese reason', async () => {
  await refuses(
    'linked.xlsx',
    buildZip([
      { name: 'xl/workbook.xml', data: WORKBOOK },
      { name: 'xl/externalLinks/externalLink1.xml', data: enc('<externalLink/>') },
    ]),
    'unsupported_file',
    /外部链接/,
  );
  await refuses(
    'laughs.xlsx',
    buildZip([
      { name: 'xl/workbook.xml', data: WORKBOOK },
      { name: 'xl/sharedStrings.xml', data: enc('<!DOCTYPE x [<!ENTITY a "aaaa">]><sst/>') },
    ]),
    'unsupported_file',
    /DOCTYPE/,
  );
  const ole = new Uint8Array(4096);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  await refuses('old.xls', ole, 'unsupported_file', /另存为” \.xlsx/);
  await refuses('renamed.xlsx', buildZip([{ name: 'word/document.xml', data: enc('<w:document/>') }]), 'unsupported_file', /Word 文档/);
  await refuses('junk.xlsx', new Uint8Array(5000).fill(7), 'unsupported_file', /\.xlsx/);
});
