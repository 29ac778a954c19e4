/** Builders for import tests: reports laid out from the grid model as .docx, HTML and fixture-style text. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { deflateSync } from 'fflate';
import { formatValue } from '../../src/shared/values';
import { formatIndex, getFormat, type TableId } from '../../src/shared/format/index';
import { gridFor, gridSlots } from '../../src/shared/grid';
import { ExchangeFile, type Cells, type ReportDoc } from '../../src/shared/report';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const SHARED_FIXTURE = join(ROOT, 'tests/fixtures/2020-fushun-education-bureau.txt');

export function loadExchange(name: string): ReportDoc {
  return ExchangeFile.parse(JSON.parse(readFileSync(join(ROOT, 'tests/fixtures', name), 'utf8')));
}

/** Cell ids whose values differ (missing counts as null). */
/**
 * The narrative as the exporters print it: a half-width "(一)" heading marker with the format's full-width
 * brackets (src/shared/document/paragraphs.ts), which is what a round trip reads back.
 */
export function asPrinted(text: string | undefined): string {
  return (text ?? '').replace(/^[(（]\s*([一二三四五六七八九十]+)\s*[)）]\s*(?=.{0,40}$)(?!.*[。；]$)/gm, '（$1）');
}

export function cellDiffs(expected: Cells, actual: Cells): string[] {
  const ids = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...ids].filter((id) => (expected[id] ?? null) !== (actual[id] ?? null)).sort();
}

export interface TestCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}
export type TestBlock = { p: string } | { table: TestCell[][] };

/** How each value cell is printed; labels can be rewritten (variants, half-width brackets). */
export interface LayoutOptions {
  value?: (cellId: string, printed: string) => string;
  label?: (text: string) => string;
  /** Drop grid rows (e.g. the corner note row handling is separate: see `dropCorner`). */
  dropCorner?: boolean;
}

export function tableRows(doc: ReportDoc, table: TableId, opts: LayoutOptions = {}): TestCell[][] {
  const format = getFormat(doc.format);
  const index = formatIndex(doc.format);
  return gridFor(format, table).rows.map((row) =>
    row.cells
      .filter((c) => !(opts.dropCorner && c.kind === 'corner'))
      .map((c) => {
        if (c.kind === 'value') {
          const printed = formatValue(index.cellById.get(c.cellId!)!.kind, doc.cells[c.cellId!]);
          return { text: opts.value ? opts.value(c.cellId!, printed) : printed, colSpan: c.colSpan, rowSpan: c.rowSpan };
        }
        const text = c.text ?? '';
        return { text: opts.label ? opts.label(text) : text, colSpan: c.colSpan, rowSpan: c.rowSpan };
      }),
  );
}

const paras = (text: string | undefined) => (text ?? '').split(/\n+/).filter(Boolean).map((p) => ({ p }));

/** The report as blocks: title lines, preamble, each part with its heading, table and narrative. */
export function reportBlocks(
  doc: ReportDoc,
  opts: LayoutOptions & {
    heading?: (h: string) => string;
    /** Split a table in two after this many rows, as at a page break. */
    split?: Partial<Record<TableId, number>>;
    /** The second half of a split table repeats the header rows. */
    repeatHeader?: boolean;
    title?: string[];
  } = {},
): TestBlock[] {
  const format = getFormat(doc.format);
  const blocks: TestBlock[] = (opts.title ?? [doc.agency.name, `${doc.year}年政府信息公开工作年度报告`]).map((p) => ({ p }));
  blocks.push(...paras(doc.narrative.preamble));
  for (const s of format.sections) {
    blocks.push({ p: opts.heading ? opts.heading(s.heading) : s.heading });
    if (s.table) {
      const rows = tableRows(doc, s.table, opts);
      const at = opts.split?.[s.table];
      const headerRows = gridFor(format, s.table).rows.filter((r) => r.header).length;
      if (at) blocks.push({ table: rows.slice(0, at) }, { p: '' }, { table: [...(opts.repeatHeader ? rows.slice(0, headerRows) : []), ...rows.slice(at)] });
      else blocks.push({ table: rows });
    }
    blocks.push(...paras(doc.narrative[s.id]));
  }
  return blocks;
}

/** `layout`: the whole report inside a one-cell table, as some WPS templates lay a page out. */
export async function buildDocx(blocks: TestBlock[], opts: { layout?: boolean } = {}): Promise<Uint8Array> {
  const children = blocks.map((b) =>
    'p' in b
      ? new Paragraph({ children: [new TextRun(b.p)] })
      : new Table({
          rows: b.table.map(
            (r) =>
              new TableRow({
                children: r.map(
                  (c) =>
                    new TableCell({
                      children: c.text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] })),
                      columnSpan: c.colSpan && c.colSpan > 1 ? c.colSpan : undefined,
                      rowSpan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined,
                    }),
                ),
              }),
          ),
        }),
  );
  const body = opts.layout
    ? [new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('页眉栏'), ...children] })] })] })]
    : children;
  const doc = new Document({ sections: [{ children: body }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function htmlTable(rows: TestCell[][]): string {
  const tr = rows.map(
    (r) =>
      '<tr>' +
      r
        .map((c) => {
          const a = (c.colSpan ?? 1) > 1 ? ` colspan="${c.colSpan}"` : '';
          const b = (c.rowSpan ?? 1) > 1 ? ` rowspan="${c.rowSpan}"` : '';
          return `<td${a}${b}><p>${esc(c.text).replace(/\n/g, '<br>')}</p></td>`;
        })
        .join('') +
      '</tr>',
  );
  return `<table border="1"><tbody>${tr.join('\n')}</tbody></table>`;
}

export function htmlBody(blocks: TestBlock[]): string {
  return blocks.map((b) => ('p' in b ? `<p>${esc(b.p)}</p>` : htmlTable(b.table))).join('\n');
}

/** Fixture-style text: a TAB before each cell, an empty line after each row, merged cells as empty cells. */
export function fixtureText(doc: ReportDoc, opts: LayoutOptions = {}): string {
  const format = getFormat(doc.format);
  const index = formatIndex(doc.format);
  const lines: string[] = [doc.agency.name + `${doc.year}年政府信息公开工作`, '年度报告', ''];
  lines.push(...(doc.narrative.preamble ?? '').split(/\n+/).filter(Boolean));
  for (const s of format.sections) {
    lines.push(s.heading);
    if (s.table) {
      for (const slots of gridSlots(gridFor(format, s.table))) {
        for (const slot of slots) {
          const c = slot.cell;
          if (opts.dropCorner && c.kind === 'corner') continue;
          if (slot.type === 'continue') lines.push('\t');
          else if (c.kind === 'value') {
            const printed = formatValue(index.cellById.get(c.cellId!)!.kind, doc.cells[c.cellId!]);
            lines.push('\t' + (opts.value ? opts.value(c.cellId!, printed) : printed));
          } else lines.push('\t' + (opts.label ? opts.label(c.text ?? '') : c.text ?? ''));
        }
        lines.push('');
      }
      lines.push('', '');
    }
    lines.push(...(doc.narrative[s.id] ?? '').split(/\n+/).filter(Boolean));
  }
  return lines.join('\n');
}

/** GB18030 bytes of a string (Node has no such encoder: invert the decoder over the two-byte range). */
let gbTable: Map<string, number[]> | null = null;
export function encodeGb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

/** A zip written by hand, so a test can declare sizes that lie. */
export function buildZip(entries: { name: string; data: Uint8Array; deflate?: boolean; declaredSize?: number }[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const body = e.deflate ? deflateSync(e.data, { level: 1 }) : e.data;
    const size = e.declaredSize ?? e.data.length;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, e.deflate ? 8 : 0, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, size, true);
    local.setUint16(26, name.length, true);
    const cen = new DataView(new ArrayBuffer(46));
    cen.setUint32(0, 0x02014b50, true);
    cen.setUint16(4, 20, true);
    cen.setUint16(6, 20, true);
    cen.setUint16(10, e.deflate ? 8 : 0, true);
    cen.setUint32(20, body.length, true);
    cen.setUint32(24, size, true);
    cen.setUint16(28, name.length, true);
    cen.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, body);
    central.push(new Uint8Array(cen.buffer), name);
    offset += 30 + name.length + body.length;
  }
  const dirSize = central.reduce((s, p) => s + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, dirSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let p = 0;
  for (const a of all) {
    out.set(a, p);
    p += a.length;
  }
  return out;
}

export const CONTENT_TYPES = new TextEncoder().encode(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>',
);


/** Text as a browser copies a page: one line per table row, cells separated by TABs, no covered cells. */
export function tabRowsText(doc: ReportDoc): string {
  const lines: string[] = [];
  for (const b of reportBlocks(doc)) {
    if ('p' in b) lines.push(b.p);
    else for (const r of b.table) lines.push(r.map((c) => c.text.replace(/\n/g, '')).join('\t'));
  }
  return lines.join('\n');
}

/** The 2020 (2019-format) fixture as a web page with 134 of its 表三 cells printed blank. */
export function blank2019Page(): Uint8Array {
  const src = loadExchange('2020-fushun-education-bureau.json');
  const blank = new Set(Object.keys(src.cells).filter((id) => id.startsWith('t3.') && !id.includes('total')).slice(0, 134));
  const html = htmlBody(reportBlocks(src, { value: (id, printed) => (blank.has(id) ? '' : printed) }));
  return new TextEncoder().encode(`<html><body>${html}</body></html>`);
}

/** The clean 2025 report as a web page whose 表三 is a picture: an import leaves 表三 unread. */
export function imageTablePage(): Uint8Array {
  const blocks = reportBlocks(loadExchange('2025-clean.json'));
  const t3 = blocks.findIndex((b) => 'table' in b && JSON.stringify(b.table).includes('属于国家秘密'));
  const html = htmlBody(blocks).replace(htmlBody([blocks[t3]!]), '<p><img src="t3.png"></p>');
  return new TextEncoder().encode(`<html><body>${html}</body></html>`);
}
