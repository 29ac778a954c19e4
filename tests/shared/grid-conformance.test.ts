import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as React from 'react';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { exportDocx } from '../../src/main/export/docx/index';
import { exportHtmlFragment } from '../../src/main/export/html/index';
import { SumTable } from '../../src/renderer/aggregate/SumTable';
import { Preview } from '../../src/renderer/preview/Preview';
import { ReportTableEditor } from '../../src/renderer/table/ReportTableEditor';
import { gridFor } from '../../src/shared/grid';
import { FORMATS, TABLE_IDS, formatForYear, type FormatId, type TableId } from '../../src/shared/format/index';
import { blankReport, type ReportDoc } from '../../src/shared/report';
import { findDeep, mergedCells, parseXml, readDocumentXml, readTables } from '../helpers/docx-xml';
import { unitReport } from '../aggregate/generate';

// One grid model, five consumers: the editor's <table>, the preview, the 汇总 table, the HTML export and the
// .docx must draw the same rows, columns and spans for every table of both formats. Each consumer's output is
// laid out again from its own markup (HTML's rowspan/colspan algorithm, Word's gridSpan/vMerge) and compared
// with the grid model's cells, so a consumer that drops or adds a span fails here.

/** A drawn table as the set of its cells: "row,col rowSpan×colSpan", plus its size. */
interface Drawn {
  rows: number;
  cols: number;
  cells: string[];
}
const slot = (row: number, col: number, rowSpan: number, colSpan: number) => `${row},${col} ${rowSpan}×${colSpan}`;

function expected(format: FormatId, table: TableId): Drawn {
  const grid = gridFor(FORMATS[format], table);
  const cells = grid.rows.flatMap((r) => r.cells.map((c) => slot(c.row, c.col, c.rowSpan, c.colSpan)));
  return { rows: grid.rows.length, cols: grid.columnWeights.length, cells: cells.sort() };
}

const elements = (node: { children?: unknown[] }, name: string, inside = false): Element[] =>
  ((node.children ?? []) as Element[]).flatMap((c) => {
    if (c.type !== 'tag') return [];
    if (c.name === name) return [c];
    // rows of a nested table are not this table's rows
    if (inside && c.name === 'table') return [];
    return elements(c, name, inside);
  });

/** HTML's table layout: each td/th goes to the first free column of its row, covering rowspan × colspan slots. */
function drawnHtml(table: Element): Drawn {
  const taken = new Set<string>();
  const cells: string[] = [];
  const trs = elements(table, 'tr', true);
  let cols = 0;
  trs.forEach((tr, r) => {
    let col = 0;
    for (const td of ((tr.children ?? []) as Element[]).filter((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th'))) {
      while (taken.has(`${r},${col}`)) col++;
      const rowSpan = Number(td.attribs.rowspan ?? 1);
      const colSpan = Number(td.attribs.colspan ?? 1);
      for (let i = 0; i < rowSpan; i++) for (let j = 0; j < colSpan; j++) taken.add(`${r + i},${col + j}`);
      cells.push(slot(r, col, rowSpan, colSpan));
      col += colSpan;
      cols = Math.max(cols, col);
    }
  });
  return { rows: trs.length, cols, cells: cells.sort() };
}

// The components are compiled by tsx with the classic JSX transform here (the renderer's own build uses the
// automatic one), which calls React.createElement on a global React.
(globalThis as { React?: typeof React }).React = React;

const htmlTables = (html: string): Drawn[] => elements(parseDocument(html), 'table').map(drawnHtml);

const doc2021 = unitReport(7, 2025, '某某县教育局');
const doc2019 = unitReport(8, 2020, '某某县教育局');
const docs: Record<FormatId, ReportDoc> = { 'GOV-2021': doc2021, 'GOV-2019': doc2019 };

const consumers: Record<string, (doc: ReportDoc) => Promise<Drawn[]>> = {
  'editor table': async (doc) =>
    TABLE_IDS.flatMap((table) =>
      htmlTables(renderToStaticMarkup(createElement(ReportTableEditor, { format: doc.format, table, cells: doc.cells, manualTotals: false, findings: [], onChange: () => {} }))),
    ),
  preview: async (doc) => htmlTables(renderToStaticMarkup(createElement(Preview, { format: doc.format, year: doc.year, agencyName: doc.agency.name, narrative: doc.narrative, cells: doc.cells }))),
  '汇总 table': async (doc) =>
    TABLE_IDS.flatMap((table) => htmlTables(renderToStaticMarkup(createElement(SumTable, { format: doc.format, table, cells: doc.cells, mismatched: new Set<string>(), onCellClick: () => {} })))),
  'HTML export': async (doc) => htmlTables(exportHtmlFragment(doc)),
  '.docx': async (doc) => {
    const body = findDeep(parseXml(readDocumentXml(await exportDocx(doc))), 'w:body')[0]!;
    return readTables(body).map((t) => ({
      rows: t.rows.length,
      cols: t.gridCols.length,
      cells: mergedCells(t)
        .map((c) => slot(c.row, c.col, c.rowSpan, c.colSpan))
        .sort(),
    }));
  },
};

test('the two formats have the tables the conformance test walks', () => {
  assert.equal(formatForYear(2025), 'GOV-2021');
  assert.equal(formatForYear(2020), 'GOV-2019');
  for (const f of Object.keys(FORMATS) as FormatId[]) {
    for (const t of TABLE_IDS) assert.ok(expected(f, t).cells.some((c) => !c.endsWith(' 1×1')), `${f} ${t} has merged cells to check`);
  }
  assert.deepEqual(blankReport(2025, { name: 'x', level: 'county' }).format, 'GOV-2021');
});

for (const format of Object.keys(FORMATS) as FormatId[]) {
  for (const [name, draw] of Object.entries(consumers)) {
    test(`${format}: the ${name} draws every table with the grid model's rows, columns and spans`, async () => {
      const drawn = await draw(docs[format]);
      assert.equal(drawn.length, TABLE_IDS.length, `${name} draws ${TABLE_IDS.length} tables`);
      TABLE_IDS.forEach((table, i) => {
        const want = expected(format, table);
        const got = drawn[i]!;
        assert.deepEqual({ rows: got.rows, cols: got.cols }, { rows: want.rows, cols: want.cols }, `${format} ${table}: size`);
        const missing = want.cells.filter((c) => !got.cells.includes(c));
        const extra = got.cells.filter((c) => !want.cells.includes(c));
        assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${format} ${table}: cells (row,col rowSpan×colSpan)`);
      });
    });
  }
}
