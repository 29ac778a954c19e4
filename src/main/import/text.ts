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

export function readText(text: string): SourceDocument {
  const lines = text.replace(/\r\n?/g, '\n').replace(BOOKMARK, '').split('\n');
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
  for (const raw of lines) {
    if (PIPE_RULE.test(raw) && rows) continue;
    if (PIPE_ROW.test(raw) && !row) {
      rows ??= [];
      rows.push(pipeCells(raw));
      continue;
    }
    const line = (MD_HEADING.test(raw) ? raw.replace(MD_HEADING, '').replace(/\s+#+\s*$/, '') : raw).replace(/\*\*(.+?)\*\*/g, '$1');
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
  return { source: 'text', blocks, notes: [] };
}
