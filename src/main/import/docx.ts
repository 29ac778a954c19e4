/**
 * .docx → the neutral model. Only word/document.xml is read, inflated within bounds (zip.ts) and parsed
 * with a streaming SAX parser that refuses any DOCTYPE, so no entity is ever declared or expanded.
 * Paragraphs and tables (w:tbl/w:tr/w:tc with gridSpan and vMerge) become blocks; a table that holds
 * other tables is page layout, and its cells are read as the flow of the document.
 */
import { SaxesParser } from 'saxes';
import { AppError } from '../../shared/errors';
import { MAX_BLOCKS, MAX_DOCUMENT_XML_BYTES, MAX_NESTING, MAX_ROW_CELLS, MAX_SPAN, MAX_TABLE_ROWS } from './limits';
import { cell, type SourceBlock, type SourceCell, type SourceDocument, type SourceRow } from './model';
import { isZip, listZip, readZipEntry } from './zip';

const unsupported = (why: string) => new AppError('unsupported_file', why);

/** Elements whose content is not part of the visible text flow (or duplicates it). */
const SKIPPED = new Set(['w:del', 'w:delText', 'w:instrText', 'mc:Fallback', 'w:txbxContent', 'w:footnoteReference', 'w:commentReference', 'w:pPr', 'w:rPr']);

export function readDocx(bytes: Uint8Array): SourceDocument {
  if (!isZip(bytes)) {
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
      throw unsupported('这是旧版 Word（.doc）或 WPS（.wps）格式的文件，暂不支持。请在 Word 或 WPS 中“另存为” .docx 后再导入。');
    throw unsupported('该文件不是有效的 .docx 文件（内容不是 Word 文档格式）。请确认文件未损坏，或在 Word/WPS 中另存为 .docx 后再导入。');
  }
  const entries = listZip(bytes);
  const main = entries.find((e) => e.name === 'word/document.xml');
  if (!main) throw unsupported('该压缩包中没有 Word 正文（word/document.xml），不是有效的 .docx 文件。');
  const xml = new TextDecoder().decode(readZipEntry(bytes, main, MAX_DOCUMENT_XML_BYTES));
  return { source: 'docx', blocks: parseDocumentXml(xml), notes: [] };
}

interface CellBuilder {
  /** Paragraphs and nested tables of the cell, in order. */
  items: SourceBlock[];
  colSpan: number;
  covered: boolean;
}

interface TableBuilder {
  rows: CellBuilder[][];
  row: CellBuilder[] | null;
  cell: CellBuilder | null;
}

export function parseDocumentXml(xml: string): SourceBlock[] {
  const parser = new SaxesParser({ position: false });
  const blocks: SourceBlock[] = [];
  let count = 0;
  let depth = 0;
  let skipDepth = 0; // > 0 while inside a skipped element
  let inText = false;
  let para: string | null = null;
  const tables: TableBuilder[] = [];
  /** Where a finished paragraph or table goes: the body, or the cell being read. */
  const sink = (): SourceBlock[] => tables[tables.length - 1]?.cell?.items ?? blocks;
  const emit = (block: SourceBlock) => {
    sink().push(block);
    if (++count > MAX_BLOCKS) throw unsupported('该 .docx 文件的段落过多，已拒绝导入。');
  };

  parser.on('doctype', () => {
    throw unsupported('该 .docx 文件的正文含有 DOCTYPE 声明（可能是恶意构造的实体扩展），已拒绝导入。');
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    const selfClosing = tag.isSelfClosing;
    if (!selfClosing && ++depth > MAX_NESTING) throw unsupported('该 .docx 文件的结构嵌套过深，已拒绝导入。');
    if (skipDepth > 0 || SKIPPED.has(name)) {
      if (!selfClosing) skipDepth++;
      return;
    }
    const table = tables[tables.length - 1];
    switch (name) {
      case 'w:p':
        para = '';
        break;
      case 'w:t':
        inText = true;
        break;
      case 'w:tab':
        if (para !== null) para += ' ';
        break;
      case 'w:br':
      case 'w:cr':
        if (para !== null) para += '\n';
        break;
      case 'w:noBreakHyphen':
        if (para !== null) para += '-';
        break;
      case 'w:tbl':
        tables.push({ rows: [], row: null, cell: null });
        break;
      case 'w:tr':
        if (table) {
          table.row = [];
          if (table.rows.length >= MAX_TABLE_ROWS) throw unsupported('该 .docx 文件的表格行数过多，已拒绝导入。');
        }
        break;
      case 'w:tc':
        if (table) table.cell = { items: [], colSpan: 1, covered: false };
        if ((table?.row?.length ?? 0) >= MAX_ROW_CELLS) throw unsupported('该 .docx 文件的表格一行中单元格过多，已拒绝导入。');
        break;
      case 'w:gridSpan':
        if (table?.cell) table.cell.colSpan = Math.min(MAX_SPAN, Math.max(1, Number(tag.attributes['w:val']) || 1));
        break;
      case 'w:vMerge':
        if (table?.cell) table.cell.covered = tag.attributes['w:val'] !== 'restart';
        break;
    }
    if (selfClosing) closeTag(name);
  });
  parser.on('text', (text) => {
    if (inText && skipDepth === 0 && para !== null) para += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return; // handled at open
    depth--;
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    closeTag(tag.name);
  });

  function closeTag(name: string): void {
    const table = tables[tables.length - 1];
    switch (name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:p':
        if (para === null) break;
        emit({ kind: 'paragraph', text: para });
        para = null;
        break;
      case 'w:tc':
        if (table?.cell && table.row) table.row.push(table.cell);
        if (table) table.cell = null;
        break;
      case 'w:tr':
        if (table?.row) table.rows.push(table.row);
        if (table) table.row = null;
        break;
      case 'w:tbl': {
        tables.pop();
        if (!table) break;
        const cells = table.rows.flat();
        if (cells.some((c) => c.items.some((b) => b.kind === 'table'))) {
          // a table used for layout (it holds other tables): read its cells as the flow of the page
          for (const c of cells) for (const b of c.items) emit(b);
        } else {
          const text = (c: CellBuilder) => c.items.map((b) => (b.kind === 'paragraph' ? b.text : '')).join('\n');
          emit({ kind: 'table', rows: withRowSpans(table.rows.map((r) => r.map((c) => cell(text(c), c.colSpan, 1, c.covered)))) });
        }
        break;
      }
    }
  }

  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unsupported('该 .docx 文件的正文不是有效的 XML，文件可能已损坏。');
  }
  return blocks;
}

/** Give each vMerge origin the row span its continuations add up to. */
function withRowSpans(rows: SourceRow[]): SourceRow[] {
  const colOf = (r: SourceRow, i: number) => r.slice(0, i).reduce((s, c) => s + c.colSpan, 0);
  rows.forEach((r, ri) =>
    r.forEach((c: SourceCell, ci) => {
      if (c.covered) return;
      const col = colOf(r, ci);
      let span = 1;
      for (let k = ri + 1; k < rows.length; k++) {
        const below = rows[k]!;
        const j = below.findIndex((_, idx) => colOf(below, idx) === col);
        if (j < 0 || !below[j]!.covered) break;
        span++;
      }
      c.rowSpan = span;
    }),
  );
  return rows;
}
