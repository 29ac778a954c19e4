/**
 * Pasted text → the neutral model. The fixture format (a .docx copied as text): a line starting with a
 * TAB is one table cell; a line without a TAB right after a cell continues that cell ("本年新\n制作数量")
 * unless it is a part heading; an empty line ends a table row; a paragraph line after a finished row
 * ends the table. A line with TABs inside (copied from a spreadsheet or a web page) is a whole row.
 * Word's "[bookmark: …]" markers go. Markdown (an OCR or a converter's output): a pipe-table line is a
 * whole row (the |---| line goes), `#` heading marks and `**` emphasis go.
 */
import { AppError } from '../../shared/errors';
import { MAX_BLOCKS, MAX_ROW_CELLS } from './limits';
import { cell, type SourceBlock, type SourceDocument, type SourceRow } from './model';
import { matchSectionHeading } from './structure';
import { formatOfText, rebuildTable, type RebuiltTable } from './textTables';

const BOOKMARK = /\[bookmark:[^\]]*\]/g;

/** A markdown table row: "| a | b |". */
const PIPE_ROW = /^\s*\|.*\|\s*$/;
/** The line under a markdown table's header: "|---|:---:|". */
const PIPE_RULE = /^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*(:?-{2,}:?\s*)?$/;
const MD_HEADING = /^\s{0,3}#{1,6}\s+/;

function pipeCells(line: string): SourceRow {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner
    .split(/(?<!\\)\|/, MAX_ROW_CELLS)
    .map((t) => cell(t.replace(/<br\s*\/?>/gi, '\n').replace(/\*\*/g, '').replace(/\\\|/g, '|').trim()));
}

/**
 * Paragraphs indented with a TAB look like cells. A statistical table always holds numbers (or blank
 * markers); "cells" that are all prose, some ending a sentence, are paragraphs.
 */
function isIndentedProse(rows: SourceRow[]): boolean {
  const texts = rows.flat().map((c) => c.text.trim());
  return texts.every((t) => t !== '' && !/^[\d\s\u00A0\u3000０-９.,+\-—/／无减增元万]+$/.test(t)) && texts.some((t) => /[。；！？]$/.test(t));
}

const stripMarkdown = (raw: string) => (MD_HEADING.test(raw) ? raw.replace(MD_HEADING, '').replace(/\s+#+\s*$/, '') : raw).replace(/\*\*(.+?)\*\*/g, '$1');

const TABLE_OF_PART = { s2: 't2', s3: 't3', s4: 't4' } as const;

/**
 * Tables without TABs or pipes (space-aligned, one cell per line, crawler text): each part that holds a
 * statistical table is searched for one in those shapes (textTables.ts), by the line where it starts.
 */
export function textTables(lines: readonly string[]): Map<number, RebuiltTable> {
  const heads: { at: number; id: string }[] = [];
  lines.forEach((l, at) => {
    const id = l.length <= 80 ? matchSectionHeading(stripMarkdown(l)) : null;
    if (id && !heads.some((h) => h.id === id)) heads.push({ at, id });
  });
  const out = new Map<number, RebuiltTable>();
  const format = formatOfText(lines);
  heads.forEach((h, k) => {
    const table = TABLE_OF_PART[h.id as keyof typeof TABLE_OF_PART];
    if (!table) return;
    const end = heads[k + 1]?.at ?? lines.length;
    const region = lines.slice(h.at + 1, end);
    if (region.some((l) => l.includes('\t') || PIPE_ROW.test(l))) return;
    const rebuilt = rebuildTable(region, table, format);
    if (rebuilt) out.set(h.at + 1 + rebuilt.first, { ...rebuilt, first: h.at + 1 + rebuilt.first, last: h.at + 1 + rebuilt.last });
  });
  return out;
}

export function readText(text: string): SourceDocument {
  const lines = text.replace(/\r\n?/g, '\n').replace(BOOKMARK, '').split('\n');
  const rebuilt = textTables(lines);
  const notes: string[] = [];
  const blocks: SourceBlock[] = [];
  let rows: SourceRow[] | null = null;
  let row: SourceRow | null = null;
  const endRow = () => {
    if (row && row.length) rows!.push(row);
    row = null;
  };
  const endTable = () => {
    endRow();
    if (rows && rows.length) {
      if (isIndentedProse(rows)) for (const c of rows.flat()) for (const text of c.text.split('\n')) blocks.push({ kind: 'paragraph', text });
      else blocks.push({ kind: 'table', rows });
    }
    rows = null;
  };
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k]!;
    const table = rebuilt.get(k);
    if (table) {
      endTable();
      if (table.rows.length) blocks.push({ kind: 'table', rows: table.rows });
      notes.push(...table.notes);
      k = table.last;
      continue;
    }
    if (PIPE_RULE.test(raw) && rows) continue;
    if (PIPE_ROW.test(raw) && !row) {
      rows ??= [];
      rows.push(pipeCells(raw));
      continue;
    }
    const line = stripMarkdown(raw);
    if (line.startsWith('\t')) {
      rows ??= [];
      // no table of the format is this wide: bound the row
      if (row && row.length >= MAX_ROW_CELLS) endRow();
      row ??= [];
      row.push(cell(line.slice(1)));
    } else if (line.trim() === '') {
      if (rows) endRow();
    } else if (line.includes('\t') && !row) {
      // a spreadsheet-style row: cells separated by TABs on one line
      rows ??= [];
      rows.push(line.split('\t', MAX_ROW_CELLS).map((t) => cell(t)));
    } else if (row && row.length && !matchSectionHeading(line)) {
      const last = row[row.length - 1]!;
      last.text = last.text ? `${last.text}\n${line}` : line;
    } else {
      endTable();
      blocks.push({ kind: 'paragraph', text: line });
    }
    if (blocks.length > MAX_BLOCKS) throw new AppError('too_large', '文本的段落过多，已拒绝导入。');
  }
  endTable();
  return { source: 'text', blocks, notes };
}
