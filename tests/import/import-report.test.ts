/**
 * The import report and the checks agree (issue 9 item 6, issue 7 item 7): a 2019-format page with 134 cells
 * blank in the source gives one grouped line (not 134), names the format in words, and the import's dry run
 * returns the same findings as `gov-report check` on the file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importSummary, findingsFor } from '../../src/main/cli/report-commands';
import { importFile } from '../../src/main/import/index';
import { foldBlanks } from '../../src/shared/checks/index';
import type { Finding } from '../../src/shared/findings';
import { importHeadline, importLines } from '../../src/shared/importReport';
import { testCore } from '../storage/helpers';
import { blank2019Page } from './helpers';

const key = (f: Finding) => `${f.severity} ${f.rule} ${[...f.cells].sort().join(',')}`;

test('identical lines grouped, the format named in words, on the command line as in the dialog', async () => {
  const { doc, report } = await importFile('page.html', blank2019Page());
  assert.equal(report.messages.filter((m) => /原文为空白/.test(m.message)).length, 134, 'the importer logs each cell');
  const lines = importLines(report.messages);
  const blank = lines.filter((l) => /原文为空白/.test(l.message));
  assert.equal(blank.length, 1);
  assert.deepEqual([blank[0]!.where, blank[0]!.count, blank[0]!.cells.length], ['表三', 134, 134]);
  assert.match(blank[0]!.message, /（134 格）$/);
  assert.ok(lines.some((l) => l.where === '表三' && l.message === '161 格中 27 格已读取，134 格原文空白'));
  assert.equal(importHeadline(report, doc), '网页，2020年度，抚顺市教育局，2019 年试行格式（国办公开办函〔2019〕60号）');
  const text = importSummary(report, doc);
  assert.match(text, /2019 年试行格式/);
  assert.ok(text.split('\n').length < 20, text);
});

test('the dry run returns the findings gov-report check gives; folded, one blank line per table', async (t) => {
  const bytes = blank2019Page();
  const c = testCore(t, { autoBackup: false });
  const dry = await c.call('reports.import', { fileName: 'page.html', data: Buffer.from(bytes).toString('base64'), dryRun: true });
  const cli = findingsFor((await importFile('page.html', bytes)).doc, null);
  assert.ok(cli.filter((f) => f.severity === 'error').length >= 20, 'the blanks are errors as published');
  assert.deepEqual(dry.findings.map(key), cli.map(key));
  const folded = foldBlanks(dry.findings).filter((f) => f.rule === 'cell.missing');
  assert.deepEqual(folded.map((f) => f.message), ['表三：134 格尚未填写；导出的表格须填写数字，没有的填 0']);
  // a corrected agency is what gets stored
  const saved = await c.call('reports.import', { fileName: 'page.html', data: Buffer.from(bytes).toString('base64'), agency: { name: '抚顺市教育局（更正）', level: 'city-department' } });
  assert.equal(saved.report!.agency.name, '抚顺市教育局（更正）');
});
