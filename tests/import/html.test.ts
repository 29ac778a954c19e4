/** HTML import: a saved government web page with its chrome, a GBK page, and the HTML export round trip. */
import { preambleText } from '../../src/shared/document/preamble';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportHtmlFragment, exportHtmlPage } from '../../src/main/export/html/index';
import { importFile } from '../../src/main/import/index';
import { formatIndex } from '../../src/shared/format/index';
import { NARRATIVE_KEYS, type ReportDoc } from '../../src/shared/report';
import { asPrinted, cellDiffs, encodeGb18030, htmlBody, loadExchange, reportBlocks, type TestCell } from './helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);

function assertSameNarrative(actual: ReportDoc, expected: ReportDoc): void {
  for (const key of NARRATIVE_KEYS) assert.equal(actual.narrative[key] ?? '', asPrinted(expected.narrative[key]), `narrative.${key}`);
}

/** A page the way government sites serve it: nav, a metadata bar, a layout table around the article. */
function sitePage(title: string, article: string, charset = 'utf-8'): string {
  return `<!DOCTYPE html>
<html><head><meta charset="${charset}"><title>${title}_云溪县人民政府</title>
<style>.x{color:red}</style><script>var hits = "浏览次数";</script></head>
<body>
<div class="top"><nav><a href="/">首页</a> <a href="/zwgk">政务公开</a></nav></div>
<table width="1000" align="center"><tr><td>
  <table width="100%"><tr><td class="crumb">当前位置：首页 &gt; 政府信息公开年报</td></tr></table>
  <table width="100%"><tr><td>
    <h1 class="title">${title}</h1>
    <div class="meta">发布时间：2026-01-20 来源：县市场监管局 浏览次数：1234</div>
    <div class="meta">字号：【大 中 小】 打印本页 关闭窗口</div>
    <div class="content"><p>字号：【大 中 小】</p>${article}<p>【打印本页】【关闭窗口】</p></div>
    <div class="share">分享到：微信 微博</div>
  </td></tr></table>
</td></tr></table>
<div class="footer">主办：云溪县人民政府办公室 <a>网站地图</a></div>
</body></html>`;
}

test('a saved site page: chrome left out, half-width brackets, blank 总计, no 勾稽 cell, nested layout tables', async () => {
  const clean = loadExchange('2025-clean.json');
  const totals = formatIndex('GOV-2021').totalCells;
  const article = htmlBody(
    reportBlocks(clean, {
      title: [],
      value: (id, printed) => (totals.has(id) && id.startsWith('t3.') && id.endsWith('.total') ? '' : printed),
      label: (text) => text.replace(/（/g, '(').replace(/）/g, ')'),
      dropCorner: true,
    }),
  );
  const page = sitePage(`${clean.agency.name}${clean.year}年政府信息公开工作年度报告`, article);
  const { doc, report } = await importFile('report.html', utf8(page));
  assert.equal(report.source, 'html');
  assert.equal(doc.agency.name, clean.agency.name);
  assert.equal(doc.year, 2025);
  assert.equal(doc.format, 'GOV-2021');
  assert.deepEqual(cellDiffs(clean.cells, doc.cells), []);
  assertSameNarrative(doc, clean);
  // the blank 总计 column is computed from its parts, and each such cell says so
  const computed = report.messages.filter((m) => m.message.includes('已按各项之和计算'));
  assert.equal(computed.length, 25);
  assert.ok(computed.every((m) => m.cell?.startsWith('t3.') && m.cell.endsWith('.total')));
  assert.ok(report.messages.some((m) => m.message.includes('已忽略正文区域以外的网页内容')));
  assert.ok(report.messages.some((m) => m.message.includes('已忽略网页栏目文字 2 处')));
  const everything = JSON.stringify(doc);
  for (const chrome of ['浏览次数', '打印本页', '分享到', '当前位置', '网站地图']) assert.ok(!everything.includes(chrome), chrome);
});

test('a GBK-encoded page (legacy site) decodes as GB18030', async () => {
  const clean = loadExchange('2025-clean.json');
  const page = sitePage(`${clean.agency.name}${clean.year}年政府信息公开工作年度报告`, htmlBody(reportBlocks(clean, { title: [] })), 'gbk');
  const bytes = encodeGb18030(page.replace(/[“”]/g, '"'));
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  const { doc } = await importFile('report.htm', bytes);
  assert.equal(doc.agency.name, clean.agency.name);
  assert.deepEqual(cellDiffs(clean.cells, doc.cells), []);
});

test('blank markers become null and each is reported where it is', async () => {
  const clean = loadExchange('2025-clean.json');
  const marks: Record<string, string> = { 't2.licensing.decisions': '/', 't3.new.research': '—', 't4.review.other': '无', 't3.carriedIn.legal': '' };
  const page = `<html><body>${htmlBody(reportBlocks(clean, { value: (id, printed) => marks[id] ?? printed }))}</body></html>`;
  const { doc, report } = await importFile('blanks.html', utf8(page));
  for (const id of Object.keys(marks)) {
    assert.equal(doc.cells[id], null, id);
    const m = report.messages.find((x) => x.cell === id);
    assert.ok(m && m.level === 'warning' && m.message.includes('空值'), id);
  }
  // the totals over a blank part are taken as printed, not recomputed
  assert.equal(doc.cells['t3.new.total'], clean.cells['t3.new.total']);
});

test('round trip: exportHtmlPage and exportHtmlFragment import to the same cells and narrative', async () => {
  for (const name of ['2025-clean.json', '2020-fushun-education-bureau.json', '2021-planted-errors.json']) {
    const source = loadExchange(name);
    for (const [file, html] of [
      ['page.html', exportHtmlPage(source)],
      ['fragment.html', exportHtmlFragment(source)],
    ] as const) {
      const { doc, report } = await importFile(file, utf8(html));
      assert.equal(doc.format, source.format, `${name} ${file}`);
      assert.equal(doc.year, source.year);
      assert.equal(doc.agency.name, source.agency.name);
      const asPrinted = Object.fromEntries(Object.entries(source.cells).map(([k, v]) => [k, v ?? 0]));
      assert.deepEqual(cellDiffs(asPrinted, doc.cells), [], `${name} ${file}`);
      // a report without a preamble is printed with the standard one (src/main/export/preamble.ts)
      assertSameNarrative(doc, { ...source, narrative: { ...source.narrative, preamble: preambleText(source) } });
      assert.equal(report.matched, Object.keys(doc.cells).length);
    }
  }
});

test('a T3 with an extra 小计 column keeps every other column in place and says what it dropped', async () => {
  const clean = loadExchange('2025-clean.json');
  const blocks = reportBlocks(clean);
  const t3 = blocks.find((b) => 'table' in b && b.table.some((r) => r.some((c) => c.text === '申请人情况'))) as { table: TestCell[][] };
  const [h1, h2, h3, ...body] = t3.table;
  h1!.find((c) => c.text === '申请人情况')!.colSpan = 8;
  h2!.find((c) => c.text === '法人或其他组织')!.colSpan = 6;
  h3!.push({ text: '小计' });
  for (const row of body) row.splice(row.length - 1, 0, { text: '999' });
  const { doc, report } = await importFile('extra.html', utf8(`<html><body>${htmlBody(blocks)}</body></html>`));
  assert.deepEqual(cellDiffs(clean.cells, doc.cells), []);
  assert.ok(report.messages.some((m) => m.level === 'warning' && m.message.includes('“小计”不是标准格式中的列')));
});

/** A page saved "as a single file": MIME multipart, the HTML quoted-printable in GB2312, an image part. */
function mhtml(html: string): Uint8Array {
  const bytes = encodeGb18030(html);
  let qp = '';
  let line = 0;
  for (const b of bytes) {
    const piece = b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line + piece.length > 75) {
      qp += '=\r\n';
      line = 0;
    }
    qp += piece;
    line += piece.length;
  }
  const mime = [
    'From: <Saved by Blink>',
    'Subject: report',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; type="text/html"; boundary="----MultipartBoundary--abc123"',
    '',
    '------MultipartBoundary--abc123',
    'Content-Type: text/html; charset="gb2312"',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Location: http://www.example.gov.cn/zwgk/report.html',
    '',
    qp,
    '------MultipartBoundary--abc123',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    '',
    'iVBORw0KGgo=',
    '------MultipartBoundary--abc123--',
    '',
  ].join('\r\n');
  return new TextEncoder().encode(mime);
}

test('a page saved as a single file (.mht, quoted-printable GB2312) imports like the page', async () => {
  const clean = loadExchange('2025-clean.json');
  const page = sitePage(`${clean.agency.name}${clean.year}年政府信息公开工作年度报告`, htmlBody(reportBlocks(clean, { title: [] })), 'gb2312');
  const { doc, report } = await importFile('report.mht', mhtml(page.replace(/[“”]/g, '"')));
  assert.equal(report.source, 'html');
  assert.equal(doc.agency.name, clean.agency.name);
  assert.deepEqual(cellDiffs(clean.cells, doc.cells), []);
  await assert.rejects(importFile('empty.mht', utf8('MIME-Version: 1.0\r\n\r\nnothing')), (e: Error & { code?: string }) => e.code === 'unsupported_file');
});
