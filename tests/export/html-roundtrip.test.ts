/**
 * The HTML export against its neighbours: the same text as the .docx, in the same order, and back in
 * through the importer with the same cells and narrative.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { DomUtils, parseDocument } from 'htmlparser2';
import { exportDocx } from '../../src/main/export/docx/index';
import { exportHtmlFragment, exportHtmlPage } from '../../src/main/export/html/index';
import { importFile } from '../../src/main/import/index';
import { formatIndex } from '../../src/shared/format/index';
import type { ReportDoc } from '../../src/shared/report';
import { unitReport } from '../aggregate/generate';

function sample(seed: number, year: number): ReportDoc {
  const doc = unitReport(seed, year, '某某县教育局');
  doc.narrative = {
    preamble: '根据《中华人民共和国政府信息公开条例》编制本报告。',
    s1: '（一）主动公开\n本年度主动公开政府信息 120 条。\n（二）依申请公开\n本年度收到申请 & 办理 <及时>。',
    s3: '表下说明。',
    s5: '（一）存在的主要问题\n公开深度不够。',
    s6: '无。',
  };
  return doc;
}

const plain = (s: string) => s.replace(/\s+/g, '');
const decodeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);

for (const year of [2025, 2020]) {
  test(`${year}: the HTML fragment has exactly the .docx's text, in the same order`, async () => {
    const doc = sample(40 + year, year);
    const xml = strFromU8(unzipSync(new Uint8Array(await exportDocx(doc)))['word/document.xml']!);
    const docxText = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]!)).join('');
    const htmlText = DomUtils.textContent(parseDocument(exportHtmlFragment(doc), { decodeEntities: true }));
    assert.equal(plain(htmlText), plain(docxText));
  });

  test(`${year}: HTML page and fragment import back with the same cells and narrative`, async () => {
    const doc = sample(50 + year, year);
    for (const [name, html] of [
      ['report.html', exportHtmlPage(doc)],
      ['fragment.html', exportHtmlFragment(doc)],
    ] as const) {
      const { doc: back } = await importFile(name, new TextEncoder().encode(html));
      assert.equal(back.format, doc.format, name);
      assert.equal(back.year, doc.year, name);
      assert.equal(back.agency.name, doc.agency.name, name);
      for (const c of formatIndex(doc.format).cells) assert.equal(back.cells[c.id] ?? null, doc.cells[c.id] ?? null, `${name} ${c.id}`);
      for (const key of ['preamble', 's1', 's3', 's5', 's6'] as const)
        assert.equal(plain(back.narrative[key] ?? ''), plain(doc.narrative[key] ?? ''), `${name} ${key}`);
    }
  });
}
