/**
 * Markdown, as an OCR service or an HTML→markdown converter writes a report: `#` headings, pipe tables
 * (merged cells lost: a row has only its own cells), `**` emphasis — every cell and the narrative exact.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importFile } from '../../src/main/import/index';
import { NARRATIVE_KEYS } from '../../src/shared/report';
import { cellDiffs, loadExchange, reportBlocks } from './helpers';

test('a markdown conversion of a report imports every cell and the narrative', async () => {
  for (const name of ['2025-clean.json', '2020-fushun-education-bureau.json']) {
    const source = loadExchange(name);
    const blocks = reportBlocks(source, { heading: (h) => `## **${h}**` });
    const lines: string[] = [];
    blocks.forEach((b, i) => {
      if ('p' in b) lines.push(i === 0 ? `# ${b.p}` : b.p, '');
      else {
        b.table.forEach((r, k) => {
          lines.push(`| ${r.map((c) => c.text.replace(/\n/g, '<br>')).join(' | ')} |`);
          if (k === 0) lines.push(`|${r.map(() => ' --- ').join('|')}|`);
        });
        lines.push('');
      }
    });
    const { doc, report } = await importFile('report.md', new TextEncoder().encode(lines.join('\n')));
    assert.equal(doc.year, source.year);
    assert.equal(doc.agency.name, source.agency.name);
    assert.deepEqual(cellDiffs(source.cells, doc.cells), [], name);
    assert.equal(report.matched, Object.keys(source.cells).length);
    assert.equal(doc.unread, undefined);
    for (const key of NARRATIVE_KEYS) assert.equal(doc.narrative[key] ?? '', source.narrative[key] ?? '', `${name} ${key}`);
  }
});
