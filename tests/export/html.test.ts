import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { exportHtmlFragment, exportHtmlPage } from '../../src/main/export/html/index';
import { formatIndex, type FormatId } from '../../src/shared/format/index';
import { gridFor } from '../../src/shared/grid';
import { printedValue } from '../../src/shared/values';
import { fitFormatTable } from '../../src/shared/document/table-fit';
import { bigNumbers } from '../helpers/test-reports';
import { blankReport, type ReportDoc } from '../../src/shared/report';

const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> "引号" \'单引号\'';

function sampleDoc(format: FormatId = 'GOV-2021'): ReportDoc {
  const doc = blankReport(format === 'GOV-2021' ? 2025 : 2020, { name: '某某市<教育局>', level: 'city-department' }, format);
  doc.narrative = {
    preamble: '本报告由某某市教育局编制。',
    s1: '（一）主动公开\n本年度主动公开信息 12 条。\n\n（二）依申请公开\n' + HOSTILE,
    s3: '表下说明。',
    s6: '无。',
  };
  doc.cells['t3.granted.natural'] = 7;
  doc.cells['t3.withheld.process.legal'] = 3;
  doc.cells['t4.suitDirect.upheld'] = 1;
  if (format === 'GOV-2021') doc.cells['t2.fees.amount'] = 4166.241619;
  return doc;
}

const parse = (html: string) => parseDocument(html, { decodeEntities: true });
const elements = (root: Parameters<typeof DomUtils.getElementsByTagName>[1], tag: string) => DomUtils.getElementsByTagName(tag, root, true) as Element[];
const text = (el: Element) => DomUtils.textContent(el);
const index2021 = formatIndex('GOV-2021');
const span = (el: Element, name: 'rowspan' | 'colspan') => Number(el.attribs[name] ?? 1);

/** Lay an HTML table's cells out on a grid the way a browser does; fails on overlaps and ragged rows. */
function layout(table: Element) {
  const trs = DomUtils.getElementsByTagName('tr', table, true) as Element[];
  const occupied: boolean[][] = [];
  const placed: { el: Element; row: number; col: number }[] = [];
  trs.forEach((tr, r) => {
    occupied[r] ??= [];
    let col = 0;
    for (const td of (tr.children as Element[]).filter((c) => c.type === 'tag')) {
      while (occupied[r]![col]) col++;
      for (let dr = 0; dr < span(td, 'rowspan'); dr++)
        for (let dc = 0; dc < span(td, 'colspan'); dc++) {
          occupied[r + dr] ??= [];
          assert.ok(!occupied[r + dr]![col + dc], `cell overlap at row ${r + dr} col ${col + dc}`);
          occupied[r + dr]![col + dc] = true;
        }
      placed.push({ el: td, row: r, col });
      col += span(td, 'colspan');
    }
  });
  const width = occupied[0]!.length;
  occupied.forEach((row, r) => assert.equal(row.filter(Boolean).length, width, `row ${r} covers every column`));
  return { placed, width, rows: trs.length };
}

for (const format of ['GOV-2021', 'GOV-2019'] as const) {
  test(`${format}: tables match the grid model cell by cell, with every label and a value in every value cell`, () => {
    const doc = sampleDoc(format);
    const index = formatIndex(format);
    const dom = parse(exportHtmlFragment(doc));
    const tables = elements(dom, 'table');
    assert.equal(tables.length, 3);
    (['t2', 't3', 't4'] as const).forEach((t, i) => {
      const grid = gridFor(index.format, t);
      const { placed, width, rows } = layout(tables[i]!);
      assert.equal(width, grid.columnWeights.length, `${t} grid columns`);
      assert.equal(rows, grid.rows.length, `${t} rows`);
      const origins = grid.rows.flatMap((r) => r.cells);
      assert.equal(placed.length, origins.length, `${t} origin cells`);
      origins.forEach((cell, k) => {
        const got = placed[k]!;
        assert.deepEqual([got.row, got.col, span(got.el, 'rowspan'), span(got.el, 'colspan')], [cell.row, cell.col, cell.rowSpan, cell.colSpan]);
        if (cell.kind === 'value') {
          const expected = printedValue(index.cellById.get(cell.cellId!)!.kind, doc.cells[cell.cellId!]);
          assert.equal(text(got.el), expected, `${cell.cellId}`);
        } else assert.equal(text(got.el), cell.text);
      });
    });
  });
}

test('T3 merges: 22-row label column with nested 8/3/5/3, header spans 3/7 and 1/5/1', () => {
  const dom = parse(exportHtmlFragment(sampleDoc()));
  const t3 = elements(dom, 'table')[1]!;
  const tds = DomUtils.getElementsByTagName('td', t3, true) as Element[];
  const rowspans = tds.filter((td) => span(td, 'rowspan') > 1 && !/^\d+$/.test(text(td))).map((td) => [text(td).slice(0, 6), span(td, 'rowspan')]);
  assert.deepEqual(rowspans, [
    ['（本列数据的', 3],
    ['自然人', 2],
    ['总计', 2],
    ['三、本年度办', 22],
    ['（三）不予公', 8],
    ['（四）无法提', 3],
    ['（五）不予处', 5],
    ['（六）其他处', 3],
  ]);
  const corner = tds.find((td) => text(td).startsWith('（本列数据'))!;
  assert.equal(span(corner, 'colspan'), 3);
  assert.equal(span(tds.find((td) => text(td) === '申请人情况')!, 'colspan'), 7);
  assert.equal(span(tds.find((td) => text(td) === '法人或其他组织')!, 'colspan'), 5);
  assert.equal(span(tds.find((td) => text(td) === '一、本年新收政府信息公开申请数量')!, 'colspan'), 3);
});

test('title, part headings in order, narrative paragraphs and the fee amount to six decimals', () => {
  const doc = sampleDoc();
  const dom = parse(exportHtmlFragment(doc));
  assert.equal(text(elements(dom, 'h1')[0]!), '某某市<教育局>2025年政府信息公开工作年度报告');
  assert.deepEqual(
    elements(dom, 'h2').map(text),
    formatIndex('GOV-2021').format.sections.map((s) => s.heading),
  );
  const paragraphs = elements(dom, 'p').map(text);
  assert.deepEqual(paragraphs, ['本报告由某某市教育局编制。', '（一）主动公开', '本年度主动公开信息 12 条。', '（二）依申请公开', HOSTILE, '表下说明。', '无。']);
  assert.ok(elements(dom, 'td').some((td) => text(td) === '4166.241619'));
  // the part 三 note comes after its table
  const html = exportHtmlFragment(doc);
  assert.ok(html.indexOf('表下说明') > html.indexOf('四、结转下年度继续办理'));
});

test('paste-safe: no class, id, script, event handler or external resource; hostile narrative stays text', () => {
  const html = exportHtmlFragment(sampleDoc());
  const dom = parse(html);
  const all = DomUtils.getElementsByTagName(() => true, dom, true) as Element[];
  const tags = new Set(all.map((e) => e.name));
  for (const bad of ['script', 'style', 'link', 'img', 'iframe', 'object', 'meta']) assert.ok(!tags.has(bad), `no <${bad}>`);
  for (const el of all)
    for (const name of Object.keys(el.attribs)) {
      assert.ok(!['class', 'id', 'src', 'href'].includes(name) && !name.startsWith('on'), `attribute ${name} on <${el.name}>`);
      assert.ok(!/url\(|expression\(|javascript:/i.test(el.attribs[name]!), `no external resource in ${name}`);
    }
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
  assert.ok(!html.includes('<img'));
  // every cell bordered, collapsed borders
  for (const td of elements(dom, 'td')) assert.match(td.attribs.style!, /border:1px solid #000/);
  for (const t of elements(dom, 'table')) assert.match(t.attribs.style!, /border-collapse:collapse/);
});

test('standalone page: doctype, charset, lang, title and the fragment inside', () => {
  const doc = sampleDoc();
  const page = exportHtmlPage(doc);
  assert.match(page, /^<!DOCTYPE html>/);
  const dom = parse(page);
  assert.equal(elements(dom, 'html')[0]!.attribs.lang, 'zh-CN');
  assert.equal(elements(dom, 'meta')[0]!.attribs.charset, 'utf-8');
  assert.equal(text(elements(dom, 'title')[0]!), '某某市<教育局>2025年政府信息公开工作年度报告');
  assert.ok(page.includes(exportHtmlFragment(doc)));
  assert.equal(elements(dom, 'script').length, 0);
});

test('汇总 numbers: value cells never wrap, columns and size as the .docx fit them (T4 down to 小五)', () => {
  const doc = bigNumbers('GOV-2021');
  const tables = elements(parse(exportHtmlFragment(doc)), 'table');
  (['t2', 't3', 't4'] as const).forEach((t, i) => {
    const fit = fitFormatTable(index2021.format, t, doc.cells, 10.5);
    assert.ok(fit.fits, `${t} fits`);
    const cols = elements(tables[i]!, 'col').map((c) => Number(/width:([\d.]+)%/.exec(c.attribs.style ?? '')![1]));
    const total = fit.widths.reduce((a, b) => a + b, 0);
    cols.forEach((w, k) => assert.ok(Math.abs(w - (fit.widths[k]! / total) * 100) < 0.1, `${t} col ${k}: ${w}%`));
    const valueCells = elements(tables[i]!, 'td').filter((td) => /^-?[\d.]+$/.test(text(td)));
    assert.ok(valueCells.length > 0);
    for (const td of valueCells) {
      assert.match(td.attribs.style ?? '', /white-space:nowrap/);
      assert.match(td.attribs.style ?? '', new RegExp(`font-size:${fit.sizePt}pt`));
    }
  });
  assert.equal(fitFormatTable(index2021.format, 't4', doc.cells, 10.5).sizePt, 9);
});
