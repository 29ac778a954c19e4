/**
 * An Excel/WPS workbook (.xlsx) read into the neutral model: each visible sheet's rows, with merges as
 * spans and formulas as their cached values, become paragraphs (a row of one text: a title, a part's
 * heading, 单位：件) and tables (rows of several cells), so the same label matching as for Word and web
 * pages reads the tables — this app's workbooks, a province's template, or a sheet typed by hand.
 *
 * Nothing reaches exceljs before the zip is checked: the entry count, every declared and actual size
 * (each entry is inflated once, in slices, against its cap), the number of cells and merges in the sheet
 * XML, entity definitions (DOCTYPE), and links to other workbooks. A hostile file is refused in bounded time and memory.
 */
import type { CellValue as ExcelCellValue, Worksheet } from 'exceljs';
import { loadExcelJs } from '../export/xlsx/loadExcelJs';
import { AppError } from '../../shared/errors';
import { NON_REPORT_SHEETS } from '../export/xlsx/sheetNames';
import { MAX_ROW_CELLS, MAX_SPAN, MAX_TABLE_ROWS } from './limits';
import { cell, type SourceBlock, type SourceCell, type SourceDocument, type SourceRow } from './model';
import { normalizeLabel } from './normalize';
import { isOrOpensWithHeading, looksLikeTitle } from './structure';
import { listZip, readZipEntry, XLSX, type ZipEntry } from './zip';

const MB = 1024 * 1024;
/** Sum of the actual uncompressed sizes: a report workbook is a few hundred KB. */
export const MAX_XLSX_UNZIPPED_BYTES = 48 * MB;
/** Cells (<c> elements) over all sheets: the three tables have some 150 values. */
export const MAX_XLSX_CELLS = 200_000;
export const MAX_XLSX_MERGES = 5_000;
export const MAX_XLSX_SHEETS = 100;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const refuse = (message: string) => new AppError('unsupported_file', message);
const tooLarge = (message: string) => new AppError('too_large', message);

function count(xml: string, needle: string, stopAt: number): number {
  let n = 0;
  for (let i = xml.indexOf(needle); i >= 0 && n <= stopAt; i = xml.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Cell addresses per sheet name whose formula has a cached result of 0. */
export type ZeroResults = Map<string, Set<string>>;

const CELL = /<c\b([^>]*?)(?<!\/)>([\s\S]*?)<\/c>/g;
const ZERO_VALUE = /<v>\s*-?0+(\.0*)?([eE][+-]?\d+)?\s*<\/v>/;

/**
 * exceljs drops a formula's cached result when it is 0 (it copies only truthy results), and a province
 * template is full of =SUM(…) that are 0. The cells are found in the sheet XML so 0 is read as 0.
 */
function zeroResultCells(xml: string): Set<string> {
  const out = new Set<string>();
  for (const m of xml.matchAll(CELL)) {
    const body = m[2]!;
    if (!body.includes('<f') || !ZERO_VALUE.test(body)) continue;
    const ref = /\br="([A-Z]+\d+)"/.exec(m[1]!)?.[1];
    if (ref) out.add(ref);
  }
  return out;
}

/** Sheet name → part path, from the workbook and its relationships. */
function sheetPaths(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const path = rid ? targets.get(rid) : undefined;
    if (name !== undefined && path) out.set(decodeXml(name), path);
  }
  return out;
}

const decodeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);

/** Check the zip and its parts before exceljs sees them; returns the formula cells cached as 0. */
function checkWorkbookZip(bytes: Uint8Array): ZeroResults {
  if (OLE_MAGIC.every((b, i) => bytes[i] === b))
    throw refuse('这是旧版 Excel（.xls）或 WPS 表格（.et）格式的文件，本程序只读取 .xlsx。请在 Excel 或 WPS 中“另存为” .xlsx 后再导入。');
  const entries = listZip(bytes, XLSX);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('word/document.xml')) throw refuse('该文件其实是 Word 文档（.docx），请把扩展名改为 .docx 后再导入。');
    throw refuse('无法读取该 .xlsx 文件：其中没有工作簿（xl/workbook.xml）。请在 Excel 或 WPS 表格中打开并另存为 .xlsx 后再导入。');
  }
  if (entries.some((e) => /^xl\/externalLinks\//i.test(e.name)))
    throw refuse('该表格链接了其他工作簿（外部链接），其中的数值可能来自本机以外的文件，已拒绝导入。请在 Excel 或 WPS 中“断开链接”（数据 › 编辑链接）并保存后再导入。');
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name));
  if (sheets.length > MAX_XLSX_SHEETS) throw tooLarge(`该 .xlsx 文件有 ${sheets.length} 个工作表，超过上限 ${MAX_XLSX_SHEETS}，不像一份年度报告的表格，已拒绝导入。`);
  let total = 0;
  let cells = 0;
  let merges = 0;
  const decoder = new TextDecoder();
  const zeros = new Map<string, Set<string>>();
  const parts = new Map<string, string>();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    const data = readZipEntry(bytes, entry, MAX_XLSX_UNZIPPED_BYTES - total, XLSX);
    total += data.length;
    if (!/\.(xml|rels|vml)$/i.test(entry.name)) continue;
    const xml = decoder.decode(data);
    // entity definitions are how an XML bomb expands; no part of a workbook needs a DOCTYPE
    if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw refuse('该 .xlsx 文件含有 XML 实体定义（DOCTYPE），可能是恶意构造的文件，已拒绝导入。');
    if (entry.name === 'xl/workbook.xml' || entry.name === 'xl/_rels/workbook.xml.rels') parts.set(entry.name, xml);
    if (!sheets.includes(entry as ZipEntry)) continue;
    zeros.set(entry.name, zeroResultCells(xml));
    cells += count(xml, '<c ', MAX_XLSX_CELLS) + count(xml, '<c>', MAX_XLSX_CELLS);
    merges += count(xml, '<mergeCell ', MAX_XLSX_MERGES);
    if (cells > MAX_XLSX_CELLS)
      throw tooLarge(`该 .xlsx 文件的工作表中有超过 ${MAX_XLSX_CELLS} 个单元格，不像一份年度报告的表格，已拒绝导入。`);
    if (merges > MAX_XLSX_MERGES) throw tooLarge(`该 .xlsx 文件的合并单元格超过 ${MAX_XLSX_MERGES} 处，已拒绝导入。`);
  }
  const byName: ZeroResults = new Map();
  for (const [name, path] of sheetPaths(parts.get('xl/workbook.xml') ?? '', parts.get('xl/_rels/workbook.xml.rels') ?? ''))
    byName.set(name, zeros.get(path) ?? new Set());
  return byName;
}

type CellValue = ExcelCellValue;

/** The text a cell shows: formulas by their cached result, numbers without float noise. */
function textOf(value: CellValue, noResult: () => void, cachedZero = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(12))) : '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result;
    if ((result === undefined || result === null) && cachedZero) return '0';
    if (result === undefined || result === null || (typeof result === 'object' && 'error' in (result as object))) {
      noResult();
      return '';
    }
    return textOf(result, noResult);
  }
  if ('text' in value) return String((value as { text: unknown }).text ?? '');
  if ('error' in value) return '';
  return '';
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRange(range: string): Merge | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range.replace(/\$/g, ''));
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(m[2]), left: col(m[1]!), bottom: Number(m[4]), right: col(m[3]!) };
}

/** Rows of one sheet as source rows: master cells with their spans, vertical continuations as covered cells. */
function sheetRows(sheet: Worksheet, nullType: number, zeros: ReadonlySet<string>, noResult: (where: string) => void): SourceRow[] {
  const merges = (sheet.model.merges ?? []).map(parseRange).filter((m): m is Merge => m !== null);
  const coveredBy = new Map<string, Merge>();
  for (const m of merges)
    for (let r = m.top; r <= Math.min(m.bottom, m.top + MAX_SPAN); r++)
      for (let c = m.left; c <= Math.min(m.right, m.left + MAX_SPAN); c++) coveredBy.set(`${r}:${c}`, m);
  const rowCount = Math.min(sheet.rowCount, MAX_TABLE_ROWS);
  const colCount = Math.min(sheet.columnCount, MAX_ROW_CELLS);
  const rows: SourceRow[] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = sheet.getRow(r);
    const out: SourceCell[] = [];
    if (row.hidden) {
      rows.push(out);
      continue;
    }
    for (let c = 1; c <= colCount; c++) {
      const m = coveredBy.get(`${r}:${c}`);
      const colSpan = m ? Math.min(m.right - m.left + 1, MAX_SPAN) : 1;
      const rowSpan = m ? Math.min(m.bottom - m.top + 1, MAX_SPAN) : 1;
      if (m && (m.top !== r || m.left !== c)) {
        if (m.top !== r && m.left === c) out.push(cell('', colSpan, 1, true));
        continue;
      }
      const raw = row.getCell(c);
      const text = textOf(raw.value, () => noResult(raw.address), zeros.has(raw.address)).trim();
      const styled = raw.type !== nullType || !!raw.style?.border;
      if (text !== '' || styled || m) out.push(cell(text, colSpan, rowSpan));
      else out.push(cell('', 1, 1));
    }
    rows.push(out);
  }
  return rows;
}

const filled = (row: SourceRow) => row.filter((c) => !c.covered && c.text !== '');

/** A row of one text that is not a table row: a title, a part's heading, a unit line, a full-width note. */
function isLineRow(row: SourceRow, tableWidth: number): boolean {
  const texts = filled(row);
  if (texts.length !== 1) return false;
  const only = texts[0]!;
  const n = normalizeLabel(only.text);
  if (looksLikeTitle(only.text) || isOrOpensWithHeading(only.text) || /^[（(]?单位[：:]/.test(n)) return true;
  // a merged cell across (most of) the table, or alone on its row: a line of text
  const present = row.filter((c) => !c.covered && (c.text !== '' || c.colSpan > 1 || c.rowSpan > 1)).length;
  return only.colSpan * 2 >= tableWidth || present === 1;
}

/** Leading columns empty in every row of a table are dropped: a table may start in column B. */
function trimLeft(rows: SourceRow[]): SourceRow[] {
  const lead = (row: SourceRow) => {
    let k = 0;
    while (k < row.length && !row[k]!.covered && row[k]!.text === '' && row[k]!.colSpan === 1) k++;
    return k;
  };
  const cut = Math.min(...rows.filter((r) => filled(r).length > 0).map(lead));
  return Number.isFinite(cut) && cut > 0 ? rows.map((r) => r.slice(cut)) : rows;
}

/**
 * Columns right of the table's last label or value are dropped: the sheet's width is that of its widest
 * table, and empty positions after a row's values would read as blank values.
 */
function trimRight(rows: SourceRow[]): SourceRow[] {
  const extent = (row: SourceRow) => {
    let col = 0;
    let end = 0;
    for (const c of row) {
      col += c.colSpan;
      if (c.covered || c.text !== '' || c.colSpan > 1 || c.rowSpan > 1) end = col;
    }
    return end;
  };
  const width = Math.max(...rows.map(extent));
  return rows.map((row) => {
    const kept: SourceRow = [];
    let col = 0;
    for (const c of row) {
      if (col >= width) break;
      kept.push(c);
      col += c.colSpan;
    }
    return kept;
  });
}

/** Paragraphs and tables of one sheet, in order. */
export function blocksOfRows(rows: readonly SourceRow[]): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  let table: SourceRow[] | null = null;
  let width = 0;
  const close = () => {
    if (table?.length) blocks.push({ kind: 'table', rows: trimRight(trimLeft(table)) });
    table = null;
  };
  for (const row of rows) {
    const texts = filled(row);
    if (texts.length === 0) {
      close();
      continue;
    }
    const rowWidth = row.reduce((s, c) => s + (c.covered ? c.colSpan : c.colSpan), 0);
    if (table === null) {
      if (texts.length >= 2) {
        table = [row];
        width = rowWidth;
      } else blocks.push({ kind: 'paragraph', text: texts[0]!.text });
      continue;
    }
    if (isLineRow(row, width)) {
      close();
      blocks.push({ kind: 'paragraph', text: texts[0]!.text });
      continue;
    }
    (table as SourceRow[]).push(row);
    width = Math.max(width, rowWidth);
  }
  close();
  return blocks;
}

export async function readXlsx(bytes: Uint8Array): Promise<SourceDocument> {
  const zeros = checkWorkbookZip(bytes);
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'legacyDrawing', 'picture', 'tableParts'],
    } as never);
  } catch (e) {
    throw refuse(`无法读取该 .xlsx 文件（${(e as Error).message.slice(0, 80)}）。请在 Excel 或 WPS 表格中打开并另存为 .xlsx 后再导入。`);
  }
  const notes: string[] = [];
  const blocks: SourceBlock[] = [];
  for (const sheet of wb.worksheets) {
    if (NON_REPORT_SHEETS.has(sheet.name)) {
      notes.push(`工作表“${sheet.name}”不是报告内容（本程序导出的检查结果或说明），未导入`);
      continue;
    }
    if (sheet.state !== 'visible') {
      notes.push(`隐藏的工作表“${sheet.name}”未导入`);
      continue;
    }
    const missing: string[] = [];
    const rows = sheetRows(sheet, ExcelJS.ValueType.Null, zeros.get(sheet.name) ?? new Set(), (at) => missing.push(at));
    if (missing.length)
      notes.push(
        `工作表“${sheet.name}”中 ${missing.length} 个公式单元格没有保存计算结果（${missing.slice(0, 5).join('、')}${missing.length > 5 ? ' 等' : ''}），按空白读取；请在 Excel 或 WPS 中打开、保存后再导入`,
      );
    if (sheet.rowCount > MAX_TABLE_ROWS || sheet.columnCount > MAX_ROW_CELLS)
      notes.push(`工作表“${sheet.name}”过大，只读取了前 ${MAX_TABLE_ROWS} 行、前 ${MAX_ROW_CELLS} 列`);
    blocks.push(...blocksOfRows(rows));
  }
  const titleHint = wb.title?.trim() || undefined;
  return { source: 'xlsx', blocks, titleHint, notes };
}
