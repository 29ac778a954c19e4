/**
 * Importing a report from a file: an exchange .json, a .docx (Word or WPS), a web page (.html, or .mht
 * saved as a single file) pasted text (.txt) or an Excel/WPS workbook (.xlsx). Each source is read into the neutral model (model.ts), then one pipeline finds the title,
 * the six parts and the three tables, matches every cell by its labels against the format definition and
 * writes an import report of what matched and what did not — nothing silently guessed.
 */
import type { ImportReport } from '../../shared/api';
import { AGENCY_LEVEL_NAMES } from '../../shared/agency';
import { AppError, invalidInput } from '../../shared/errors';
import { formatForYear, getFormat, type FormatDefinition, type FormatId, type SectionId, type TableId } from '../../shared/format/index';
import { ExchangeFile, MAX_NARRATIVE_CHARS, NARRATIVE_KEYS, ReportDoc, type AgencyRef, type Narrative } from '../../shared/report';
import { completeAgencyName, guessLevel, parseTitle } from './agency';
import { detectTableFormat } from './detect';
import { readDocx } from './docx';
import { decodeText, replacedBytesNote, type DecodedText } from './encoding';
import { readHtml } from './html';
import { htmlOfMhtml } from './mhtml';
import { MAX_FILE_BYTES, MAX_TEXT_BYTES } from './limits';
import { ImportLog } from './log';
import type { SourceDocument, SourceRow } from './model';
import { labelMatches, normalizeLabel, yearIn } from './normalize';
import { outline, type Outline } from './structure';
import { matchTables } from './tables';
import { readText } from './text';
import { readXlsx } from './xlsx';

export interface ImportResult {
  doc: ReportDoc;
  report: ImportReport;
}

type SourceKind = ImportReport['source'];

const MB = 1024 * 1024;
const UNKNOWN_AGENCY = '（未识别的机关）';

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return m ? m[1]!.toLowerCase() : '';
}

function sniff(fileName: string, bytes: Uint8Array): SourceKind {
  const ext = extensionOf(fileName);
  if (ext === 'xlsx' || ext === 'xlsm' || ext === 'xls' || ext === 'et') return 'xlsx';
  if (ext === 'docx' || ext === 'doc' || ext === 'wps' || ext === 'docm' || ext === 'dotx') return 'docx';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'docx';
  if (ext === 'json') return 'exchange';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml' || ext === 'shtml' || ext === 'mht' || ext === 'mhtml') return 'html';
  if (ext === 'txt' || ext === 'text') return 'text';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 2048)).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'exchange';
  if (/^<(!doctype\s+html|html|head|body|div|p|table|meta|h\d)\b/i.test(head)) return 'html';
  return 'text';
}

/** A page that declares a Chinese legacy charset is read as GB18030 even when its bytes happen to be valid UTF-8. */
const DECLARES_GB = /<meta[^>]+charset\s*=\s*["']?\s*(gb2312|gbk|gb18030|x-gbk)/i;
const DECLARES_UTF8 = /<meta[^>]+charset\s*=\s*["']?\s*utf-?8/i;

function checkTextFile(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length > MAX_TEXT_BYTES)
    throw new AppError('too_large', `${what}过大（${Math.round(bytes.length / MB)} MB，上限 ${MAX_TEXT_BYTES / MB} MB），不像一份年度报告，已拒绝导入。`);
  return bytes;
}

export function decodeTextFile(bytes: Uint8Array, what: string, html = false): DecodedText {
  checkTextFile(bytes, what);
  const head = html ? new TextDecoder('latin1').decode(bytes.subarray(0, 4096)) : '';
  const decoded = decodeText(bytes, DECLARES_GB.test(head) ? 'gb18030' : DECLARES_UTF8.test(head) ? 'utf-8' : undefined);
  // binary junk renamed to .txt/.html: NULs and replacement characters everywhere
  const sample = decoded.text.slice(0, 65536);
  const junk = (sample.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g) ?? []).length;
  if (sample.length > 0 && junk / sample.length > 0.02)
    throw new AppError('unsupported_file', `该文件不是文本或网页文件（内容为二进制数据），无法作为${what}导入。`);
  return decoded;
}

/** The replaced-bytes count goes first in the report: it says which text to check. */
function withDecodingNote(result: ImportResult, decoded: DecodedText | null): ImportResult {
  const note = decoded && replacedBytesNote(decoded);
  if (note) result.report.messages.unshift({ level: 'warning', where: '文件', message: note });
  return result;
}

function importExchange(bytes: Uint8Array): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(decodeTextFile(bytes, '交换文件').text);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('invalid_input', '交换文件不是有效的 JSON，文件可能已损坏或不完整。');
  }
  const parsed = ExchangeFile.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error, '交换文件');
  const matched = Object.keys(parsed.data.cells).length;
  return { doc: parsed.data, report: { source: 'exchange', matched, messages: [] } };
}

/** Read a report from a file's bytes: exchange .json, .docx, .html/.htm, or .txt (pasted text). */
export async function importFile(fileName: string, bytes: Uint8Array): Promise<ImportResult> {
  if (bytes.length > MAX_FILE_BYTES)
    throw new AppError('too_large', `文件过大（${Math.round(bytes.length / MB)} MB，上限 ${MAX_FILE_BYTES / MB} MB），不像一份年度报告，已拒绝导入。`);
  if (bytes.length === 0) throw new AppError('unsupported_file', '文件是空的，没有可导入的内容。');
  const kind = sniff(fileName, bytes);
  if (kind === 'exchange') return importExchange(bytes);
  const mhtml = /^mht(ml)?$/.test(extensionOf(fileName));
  if (kind === 'xlsx') return importSource(await readXlsx(bytes));
  if (kind === 'docx') return importSource(readDocx(bytes));
  if (kind === 'html' && mhtml) return importSource(readHtml(htmlOfMhtml(checkTextFile(bytes, '网页'))));
  const decoded = kind === 'html' ? decodeTextFile(bytes, '网页', true) : decodeTextFile(bytes, '文本');
  return withDecodingNote(importSource(kind === 'html' ? readHtml(decoded.text) : readText(decoded.text)), decoded);
}

/** Import already-decoded text (pasted into the app). */
export function importText(text: string): ImportResult {
  return importSource(readText(text));
}

const TABLE_OF_SECTION: Partial<Record<SectionId, TableId>> = { s2: 't2', s3: 't3', s4: 't4' };

/** Which table rows belong to, by their content; null when they name none of the three. */
function classifyTable(rows: SourceRow[]): TableId | null {
  const texts = rows.flatMap((r) => r.map((c) => normalizeLabel(c.text))).filter(Boolean);
  const has = (labels: string[]) => texts.some((t) => labels.some((l) => labelMatches(t, l)));
  const f = getFormat('GOV-2021');
  const f19 = getFormat('GOV-2019');
  const t2Labels = [f, f19].flatMap((x) => (x.tables.t2.kind === 'blocks' ? x.tables.t2.blocks.flatMap((b) => [b.title, b.labelHeader]) : []));
  if (has(t2Labels)) return 't2';
  const t4 = f.tables.t4;
  if (t4.kind === 'matrix' && has(t4.columns.map((c) => c.label))) return 't4';
  const t3 = f.tables.t3;
  if (t3.kind === 'matrix' && (has([t3.corner ?? '', ...t3.columns.map((c) => c.label)]) || has(t3.rows.map((r) => r.label)))) return 't3';
  return null;
}

/** Year and agency from the title (the year also from the preamble's statistical period), each problem logged. */
function identify(parts: Outline, log: ImportLog): { year: number; agency: AgencyRef } {
  const titleText = parts.title.join('');
  if (!titleText) log.warn('标题', '未找到报告标题');
  if (parts.dropped.length) log.info('标题', `标题前的文字未导入：${parts.dropped.join(' / ').slice(0, 80)}`);
  const fromTitle = parseTitle(titleText);
  let year = fromTitle.year;
  if (year === null) {
    const period = parts.paragraphs.preamble.find((p) => /统计期限|统计期间/.test(p));
    year = period ? yearIn(period) : null;
    if (year !== null) log.info('标题', `标题中没有年度，已按前言中的统计期限识别为 ${year} 年`);
  }
  if (year === null) {
    year = new Date().getFullYear() - 1;
    log.error('标题', `未能识别报告年度，暂按 ${year} 年处理，请在导入后核对`);
  }
  let name = fromTitle.agency?.slice(0, 100) ?? null;
  if (!name) {
    log.error('标题', '未能从标题识别机关名称，请在导入后填写');
    log.warn('机关', `无法判断机关层级，暂定为“${AGENCY_LEVEL_NAMES.other}”，请在导入后选择`);
    return { year, agency: { name: UNKNOWN_AGENCY, level: 'other' } };
  }
  const completed = completeAgencyName(name, Object.values(parts.paragraphs).flat());
  if (completed) {
    log.warn('机关', `标题中的机关名称“${name}”没有地名，已按正文中出现的地名补全为“${completed}”，请核对`);
    name = completed.slice(0, 100);
  }
  const level = guessLevel(name);
  if (level) log.warn('机关', `机关层级是按名称“${name}”推测的：${AGENCY_LEVEL_NAMES[level]}，请核对`);
  else log.warn('机关', `无法从名称判断机关层级，暂定为“${AGENCY_LEVEL_NAMES.other}”，请在导入后选择`);
  return { year, agency: { name, level: level ?? 'other' } };
}

/** The rows of each statistical table: by content, else by the part a table sits in; split tables continue. */
function collectTables(parts: Outline, log: ImportLog): Partial<Record<TableId, SourceRow[]>> {
  const byTable: Partial<Record<TableId, SourceRow[]>> = {};
  for (const t of parts.tables) {
    const id = classifyTable(t.rows) ?? (t.section ? TABLE_OF_SECTION[t.section] : undefined);
    if (!id) {
      const first = t.rows[0]?.map((c) => c.text.trim()).filter(Boolean).join(' ').slice(0, 30) ?? '';
      log.info('表格', `忽略了一个不属于报告格式的表格（首行：${first}）`);
      continue;
    }
    (byTable[id] ??= []).push(...t.rows);
  }
  return byTable;
}

/** The year picks the format; the tables have the last word, and a disagreement is reported. */
function chooseFormat(year: number, tables: Partial<Record<TableId, SourceRow[]>>, log: ImportLog): FormatId {
  const yearFormat = formatForYear(year);
  const detected = detectTableFormat(Object.values(tables)).format;
  if (detected && detected !== yearFormat)
    log.warn(
      '格式',
      `${year} 年的报告应使用 ${getFormat(yearFormat).notice} 规定的格式（${yearFormat}），但表格是 ${getFormat(detected).notice} 的格式（${detected}）；已按表格的格式读取`,
    );
  return detected ?? yearFormat;
}

function narrativeOf(parts: Outline, format: FormatDefinition, log: ImportLog): Narrative {
  const narrative: Narrative = {};
  for (const key of NARRATIVE_KEYS) {
    const text = parts.paragraphs[key].join('\n\n');
    if (!text) continue;
    narrative[key] = text.slice(0, MAX_NARRATIVE_CHARS);
    if (text.length > MAX_NARRATIVE_CHARS)
      log.warn(key === 'preamble' ? '前言' : format.sections.find((s) => s.id === key)!.heading, '正文过长，超出部分未导入');
  }
  for (const s of format.sections)
    if (!parts.found.includes(s.id)) log.warn(s.heading, '未找到该部分的标题，该部分正文可能并入了前一部分');
  return narrative;
}

export function importSource(source: SourceDocument): ImportResult {
  const log = new ImportLog();
  for (const note of source.notes) log.info('文件', note);
  const parts = outline(source.blocks, source.titleHint);
  const tables = collectTables(parts, log);
  if (parts.title.length === 0 && parts.found.length === 0 && Object.keys(tables).length === 0)
    throw new AppError(
      'unsupported_file',
      '文件中没有找到政府信息公开工作年度报告的内容（报告标题、“一、总体情况”等部分标题和统计表都没有找到），未导入。',
    );
  const { year, agency } = identify(parts, log);
  const formatId = chooseFormat(year, tables, log);
  const format = getFormat(formatId);
  const match = matchTables(format, tables, log);
  const narrative = narrativeOf(parts, format, log);
  log.info('表格', `共识别 ${match.matched.size} / ${Object.keys(match.cells).length} 个单元格`);
  const parsed = ReportDoc.safeParse({ format: formatId, year, agency, narrative, cells: match.cells, acknowledged: [] });
  if (!parsed.success) throw invalidInput(parsed.error, '导入的报告');
  return { doc: parsed.data, report: { source: source.source, matched: match.matched.size, messages: log.messages } };
}
