/**
 * Pasted text → the neutral model. The fixture format (a .docx copied as text): a line starting with a
 * TAB is one table cell; a line without a TAB right after a cell continues that cell ("本年新\n制作数量");
 * an empty line ends a table row; a paragraph line after a finished row ends the table. A line with TABs
 * inside (copied from a spreadsheet or a web page) is a whole row. Word's "[bookmark: …]" markers go.
 */
import { AppError } from '../../shared/errors';
import { MAX_BLOCKS } from './limits';
import { cell, type SourceBlock, type SourceDocument, type SourceRow } from './model';

const BOOKMARK = /\[bookmark:[^\]]*\]/g;

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
    if (rows && rows.length) blocks.push({ kind: 'table', rows });
    rows = null;
  };
  for (const line of lines) {
    if (line.startsWith('\t')) {
      rows ??= [];
      row ??= [];
      row.push(cell(line.slice(1)));
    } else if (line.trim() === '') {
      if (rows) endRow();
    } else if (line.includes('\t') && !row) {
      // a spreadsheet-style row: cells separated by TABs on one line
      rows ??= [];
      rows.push(line.split('\t').map((t) => cell(t)));
    } else if (row && row.length) {
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
