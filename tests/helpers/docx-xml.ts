/**
 * Reading an exported .docx back for tests: unzip (fflate), parse the WordprocessingML (saxes) into a small
 * element tree, and assertions on what typography.md requires of the file — page and margins, the three
 * tables laid out exactly as the grid model says (spans, vMerge, DXA widths on every cell), fonts with
 * eastAsia, every value printed. Usable on any .docx, e.g. one downloaded from the browser by the UI tests:
 *
 *   const summary = assertDocxStructure(buffer, 'GOV-2021');
 *   assertValuesPrinted(buffer, doc);
 */
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { formatIndex, getFormat, TABLE_IDS, type FormatDefinition, type FormatId, type TableId } from '../../src/shared/format/index';
import { gridFor, type Grid } from '../../src/shared/grid';
import type { ReportDoc } from '../../src/shared/report';
import { printedValue } from '../../src/shared/values';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside this element. */
  text: string;
}

export function readDocxPart(buffer: Uint8Array, path: string): string | undefined {
  const files = unzipSync(buffer, { filter: (f) => f.name === path });
  const data = files[path];
  return data ? strFromU8(data) : undefined;
}

export function docxPartNames(buffer: Uint8Array): string[] {
  return Object.keys(unzipSync(buffer));
}

export function readDocumentXml(buffer: Uint8Array): string {
  const xml = readDocxPart(buffer, 'word/document.xml');
  assert.ok(xml, 'the .docx has no word/document.xml');
  return xml;
}

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => (stack[stack.length - 1]!.text += t));
  parser.write(xml).close();
  return root;
}

/** Every descendant named `name`, in document order (not descending into a match). */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      else walk(c);
    }
  };
  walk(el);
  return out;
}

/** Every descendant named `name`, including nested matches. */
export function findDeep(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export const child = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);

/** Text of the w:t elements under `el`, with w:br as a newline. */
export function textOf(el: XmlElement): string {
  let s = '';
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === 'w:t') s += c.text;
      else if (c.name === 'w:br') s += '\n';
      else walk(c);
    }
  };
  walk(el);
  return s;
}

export interface DocxCell {
  /** First grid column. */
  col: number;
  colSpan: number;
  vMerge?: 'restart' | 'continue';
  /** tcW: type and value. */
  widthType?: string;
  width?: number;
  text: string;
}

export interface DocxRow {
  header: boolean;
  cantSplit: boolean;
  cells: DocxCell[];
}

export interface DocxTable {
  layout?: string;
  widthType?: string;
  width?: number;
  gridCols: number[];
  rows: DocxRow[];
}

export function readTables(body: XmlElement): DocxTable[] {
  return findAll(body, 'w:tbl').map((tbl) => {
    const tblPr = child(tbl, 'w:tblPr');
    const tblW = child(tblPr, 'w:tblW');
    const gridCols = findAll(child(tbl, 'w:tblGrid')!, 'w:gridCol').map((g) => Number(g.attrs['w:w']));
    const rows = tbl.children
      .filter((c) => c.name === 'w:tr')
      .map((tr) => {
        const trPr = child(tr, 'w:trPr');
        const on = (name: string) => {
          const e = child(trPr, name);
          return !!e && !['0', 'false', 'off'].includes(e.attrs['w:val'] ?? 'true');
        };
        let col = 0;
        const cells = tr.children
          .filter((c) => c.name === 'w:tc')
          .map((tc): DocxCell => {
            const tcPr = child(tc, 'w:tcPr');
            const tcW = child(tcPr, 'w:tcW');
            const span = Number(child(tcPr, 'w:gridSpan')?.attrs['w:val'] ?? 1);
            const vm = child(tcPr, 'w:vMerge');
            const cell: DocxCell = {
              col,
              colSpan: span,
              vMerge: vm ? (vm.attrs['w:val'] === 'restart' ? 'restart' : 'continue') : undefined,
              widthType: tcW?.attrs['w:type'],
              width: tcW ? Number(tcW.attrs['w:w']) : undefined,
              text: findAll(tc, 'w:p').map(textOf).join('\n'),
            };
            col += span;
            return cell;
          });
        return { header: on('w:tblHeader'), cantSplit: on('w:cantSplit'), cells };
      });
    return {
      layout: child(tblPr, 'w:tblLayout')?.attrs['w:type'],
      widthType: tblW?.attrs['w:type'],
      width: tblW ? Number(tblW.attrs['w:w']) : undefined,
      gridCols,
      rows,
    };
  });
}

/** A table's merged cells as origins with their spans, rebuilt from gridSpan and vMerge. */
export interface MergedCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

export function mergedCells(table: DocxTable): MergedCell[] {
  const out: MergedCell[] = [];
  const open = new Map<number, MergedCell>(); // col → origin of a vertical merge
  table.rows.forEach((row, r) => {
    for (const c of row.cells) {
      if (c.vMerge === 'continue') {
        const origin = open.get(c.col);
        assert.ok(origin, `row ${r} col ${c.col}: vMerge continue without a restart above`);
        assert.equal(c.colSpan, origin.colSpan, `row ${r} col ${c.col}: continuation spans a different number of columns`);
        assert.equal(origin.row + origin.rowSpan, r, `row ${r} col ${c.col}: vertical merge interrupted`);
        origin.rowSpan += 1;
        assert.equal(c.text, '', `row ${r} col ${c.col}: a continuation cell holds text`);
        continue;
      }
      const cell: MergedCell = { row: r, col: c.col, rowSpan: 1, colSpan: c.colSpan, text: c.text };
      out.push(cell);
      if (c.vMerge === 'restart') open.set(c.col, cell);
      else open.delete(c.col);
    }
  });
  return out;
}

export interface PageSetup {
  width: number;
  height: number;
  orient?: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
  textWidth: number;
  docGrid?: Record<string, string>;
}

export function readPageSetup(body: XmlElement): PageSetup {
  const sectPrs = findDeep(body, 'w:sectPr');
  const sectPr = sectPrs[sectPrs.length - 1];
  assert.ok(sectPr, 'no w:sectPr');
  const pgSz = child(sectPr, 'w:pgSz')!.attrs;
  const pgMar = child(sectPr, 'w:pgMar')!.attrs;
  const n = (v: string | undefined) => Number(v);
  const width = n(pgSz['w:w']);
  const left = n(pgMar['w:left']);
  const right = n(pgMar['w:right']);
  return {
    width,
    height: n(pgSz['w:h']),
    orient: pgSz['w:orient'],
    top: n(pgMar['w:top']),
    bottom: n(pgMar['w:bottom']),
    left,
    right,
    textWidth: width - left - right,
    docGrid: child(sectPr, 'w:docGrid')?.attrs,
  };
}

/** Every run (w:r with text) in a part and its rFonts, resolved only from the run's own rPr. */
export function runsWithoutEastAsia(part: XmlElement): string[] {
  return findDeep(part, 'w:r')
    .filter((r) => child(r, 'w:t') || child(r, 'w:instrText'))
    .filter((r) => !child(child(r, 'w:rPr'), 'w:rFonts')?.attrs['w:eastAsia'])
    .map((r) => textOf(r) || '(field)');
}

export interface DocxSummary {
  page: PageSetup;
  tables: DocxTable[];
  /** Paragraph texts outside tables, in order. */
  paragraphs: string[];
  /** Every text of the body in document order (paragraphs and table cells). */
  texts: string[];
}

const asFormat = (format: FormatId | FormatDefinition): FormatDefinition =>
  typeof format === 'string' ? getFormat(format) : format;

/** Spans and texts of the grid model's origin cells, in the shape `mergedCells` gives. */
export function gridMerges(grid: Grid): Omit<MergedCell, 'text'>[] {
  return grid.rows.flatMap((r) => r.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan })));
}

/**
 * What typography.md requires of every exported report:
 * - A4 portrait, margins 37/35/28/26 mm (within a twip of rounding), no percentage widths, no altChunk, no TOC;
 * - the three tables after their part headings, fixed layout, table width and grid = the text width,
 *   a DXA tcW on every cell equal to the columns it spans, no covered cell (each row fills the grid),
 *   spans and vMerges exactly those of the grid model, labels exactly those of the definition,
 *   header rows repeating, no row splitting;
 * - every run of the body and footers naming an eastAsia font, the styles too.
 */
export function assertDocxStructure(buffer: Uint8Array, formatOrId: FormatId | FormatDefinition): DocxSummary {
  const format = asFormat(formatOrId);
  const xml = readDocumentXml(buffer);
  assert.ok(!/altChunk/i.test(xml), 'altChunk found');
  assert.ok(!/w:type="pct"/.test(xml), 'a percentage width found');
  assert.ok(!/<w:instrText[^>]*>\s*TOC\b/.test(xml), 'a TOC field found');
  for (const name of docxPartNames(buffer)) assert.ok(!/^word\/fonts\//.test(name) && !/\.odttf$/.test(name), `embedded font ${name}`);
  const root = parseXml(xml);
  const body = findDeep(root, 'w:body')[0]!;

  const mm = (v: number) => (v * 1440) / 25.4;
  const page = readPageSetup(body);
  const near = (actual: number, mmValue: number, what: string) =>
    assert.ok(Math.abs(actual - mm(mmValue)) <= 1.5, `${what}: ${actual} twips, expected ${mm(mmValue).toFixed(1)} (${mmValue} mm)`);
  near(page.width, 210, 'page width');
  near(page.height, 297, 'page height');
  assert.notEqual(page.orient, 'landscape');
  near(page.top, 37, 'top margin');
  near(page.bottom, 35, 'bottom margin');
  near(page.left, 28, 'left margin');
  near(page.right, 26, 'right margin');

  const tables = readTables(body);
  assert.equal(tables.length, TABLE_IDS.length, 'three tables');
  TABLE_IDS.forEach((id, i) => assertTableMatchesGrid(tables[i]!, format, id, page.textWidth));

  // parts and tables in order: heading, then its table
  const texts: string[] = [];
  const paragraphs: string[] = [];
  const sequence: ({ heading: string } | { table: number })[] = [];
  let tableNo = 0;
  for (const el of body.children) {
    if (el.name === 'w:p') {
      const t = textOf(el);
      paragraphs.push(t);
      texts.push(t);
      if (format.sections.some((s) => s.heading === t)) sequence.push({ heading: t });
    } else if (el.name === 'w:tbl') {
      for (const row of tables[tableNo]!.rows) for (const c of row.cells) texts.push(c.text);
      sequence.push({ table: tableNo++ });
    }
  }
  const expected = format.sections.flatMap((s) => [
    { heading: s.heading },
    ...(s.table ? [{ table: TABLE_IDS.indexOf(s.table) }] : []),
  ]);
  assert.deepEqual(sequence, expected, 'part headings in order, each table right after its heading');

  const documentRuns = runsWithoutEastAsia(body);
  assert.deepEqual(documentRuns, [], 'runs without an eastAsia font');
  for (const name of docxPartNames(buffer).filter((n) => /^word\/(footer|header)\d*\.xml$/.test(n))) {
    assert.deepEqual(runsWithoutEastAsia(parseXml(readDocxPart(buffer, name)!)), [], `runs without an eastAsia font in ${name}`);
  }
  const styles = parseXml(readDocxPart(buffer, 'word/styles.xml') ?? '');
  for (const fonts of findDeep(styles, 'w:rFonts')) {
    assert.ok(fonts.attrs['w:eastAsia'], 'a style sets rFonts without eastAsia');
    assert.equal(fonts.attrs['w:ascii'], fonts.attrs['w:hAnsi'], 'ascii and hAnsi fonts differ');
  }
  return { page, tables, paragraphs, texts };
}

export function assertTableMatchesGrid(table: DocxTable, format: FormatDefinition, id: TableId, textWidth: number): void {
  const grid = gridFor(format, id);
  const where = `${format.id} ${id}`;
  assert.equal(table.layout, 'fixed', `${where}: fixed layout`);
  assert.equal(table.widthType, 'dxa', `${where}: table width in DXA`);
  assert.equal(table.width, textWidth, `${where}: table width = text width`);
  assert.equal(table.gridCols.length, grid.columnWeights.length, `${where}: grid columns`);
  assert.equal(
    table.gridCols.reduce((a, b) => a + b, 0),
    textWidth,
    `${where}: grid widths add up to the text width`,
  );
  assert.equal(table.rows.length, grid.rows.length, `${where}: rows`);
  table.rows.forEach((row, r) => {
    const filled = row.cells.reduce((n, c) => n + c.colSpan, 0);
    assert.equal(filled, table.gridCols.length, `${where} row ${r}: cells must fill the grid exactly (no covered or missing cell)`);
    assert.ok(row.cantSplit, `${where} row ${r}: cantSplit`);
    assert.equal(row.header, grid.rows[r]!.header, `${where} row ${r}: tblHeader`);
    for (const c of row.cells) {
      assert.equal(c.widthType, 'dxa', `${where} row ${r} col ${c.col}: tcW in DXA`);
      const spanned = table.gridCols.slice(c.col, c.col + c.colSpan).reduce((a, b) => a + b, 0);
      assert.equal(c.width, spanned, `${where} row ${r} col ${c.col}: tcW equals the columns it spans`);
    }
  });
  const merged = mergedCells(table);
  assert.deepEqual(
    merged.map(({ text: _t, ...m }) => m),
    gridMerges(grid),
    `${where}: merges as in the grid model`,
  );
  // labels exactly as the definition spells them
  const labels = grid.rows.flatMap((r) => r.cells).filter((c) => c.kind !== 'value');
  for (const label of labels) {
    const cell = merged.find((m) => m.row === label.row && m.col === label.col);
    assert.equal(cell?.text, label.text ?? '', `${where}: label at row ${label.row} col ${label.col}`);
  }
}

/** Every value cell prints printedValue of the report's value: 0 for blank, never empty. */
export function assertValuesPrinted(buffer: Uint8Array, doc: ReportDoc): void {
  const format = getFormat(doc.format);
  const index = formatIndex(doc.format);
  const tables = readTables(findDeep(parseXml(readDocumentXml(buffer)), 'w:body')[0]!);
  TABLE_IDS.forEach((id, i) => {
    const merged = mergedCells(tables[i]!);
    for (const cell of gridFor(format, id).rows.flatMap((r) => r.cells)) {
      if (cell.kind !== 'value') continue;
      const info = index.cellById.get(cell.cellId!)!;
      const printed = merged.find((m) => m.row === cell.row && m.col === cell.col)?.text;
      assert.ok(printed, `${cell.cellId}: printed empty`);
      assert.equal(printed, printedValue(info.kind, doc.cells[cell.cellId!]), `${cell.cellId}: printed value`);
    }
  });
}

/** A paragraph property as the paragraph's style chain and its own pPr give it (the direct one first). */
export function paragraphProperty(stylesXml: string, p: XmlElement, name: string): XmlElement | undefined {
  const styles = findDeep(parseXml(stylesXml), 'w:style').filter((s) => s.attrs['w:type'] === 'paragraph');
  const pPr = child(p, 'w:pPr');
  const direct = child(pPr, name);
  if (direct) return direct;
  let id = child(pPr, 'w:pStyle')?.attrs['w:val'] ?? styles.find((s) => ['1', 'true'].includes(s.attrs['w:default'] ?? ''))?.attrs['w:styleId'];
  const seen = new Set<string>();
  while (id && !seen.has(id)) {
    seen.add(id);
    const style = styles.find((s) => s.attrs['w:styleId'] === id);
    const found = child(child(style, 'w:pPr'), name);
    if (found) return found;
    id = child(style, 'w:basedOn')?.attrs['w:val'];
  }
  return undefined;
}
