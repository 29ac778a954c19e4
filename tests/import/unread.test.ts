/**
 * import.tableUnread: a table that could not be read (an image in the page, a row the reader could not
 * find) is one finding naming what and why; its cells raise no cell.missing and no arithmetic finding;
 * the exchange file carries it; cells filled in since count as read. The import report says per table
 * how many cells were read.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importFile } from '../../src/main/import/index';
import { runChecks } from '../../src/shared/checks/index';
import { formatIndex } from '../../src/shared/format/index';
import { ExchangeFile, toExchange } from '../../src/shared/report';
import { htmlBody, loadExchange, reportBlocks } from './helpers';

const page = (body: string) => new TextEncoder().encode(`<html><body>${body}</body></html>`);

test('a table that is an image in the page: one import.tableUnread, no cell.missing, no arithmetic on it', async () => {
  const source = loadExchange('2025-clean.json');
  const blocks = reportBlocks(source);
  // 表三 published as a picture: the page holds an <img>, no table
  const t3 = blocks.findIndex((b) => 'table' in b && JSON.stringify(b.table).includes('属于国家秘密'));
  const html = htmlBody(blocks).replace(htmlBody([blocks[t3]!]), '<p><img src="t3.png"></p>');
  const { doc, report } = await importFile('page.html', page(html));
  const t3Cells = formatIndex(doc.format).cells.filter((c) => c.table === 't3').map((c) => c.id);
  assert.deepEqual(doc.unread?.map((u) => u.table), ['t3']);
  assert.deepEqual([...doc.unread![0]!.cells].sort(), [...t3Cells].sort());
  assert.match(doc.unread![0]!.reason, /没有找到这张表/);

  const findings = runChecks(doc, { forExport: true });
  const unread = findings.filter((f) => f.rule === 'import.tableUnread');
  assert.equal(unread.length, 1);
  assert.equal(unread[0]!.severity, 'error');
  assert.match(unread[0]!.message, /^未能读取表三：/);
  assert.equal(findings.filter((f) => f.cells.some((c) => c.startsWith('t3.')) && f.rule !== 'import.tableUnread' && f.rule !== 't3.groupTotals').length, 0);
  assert.equal(findings.filter((f) => f.severity === 'error').length, 1, findings.map((f) => f.message).join('\n'));

  const lines = report.messages.filter((m) => /^表[二三四]$/.test(m.where)).map((m) => `${m.where}：${m.message}`);
  assert.ok(lines.includes(`表三：${t3Cells.length} 格中 0 格已读取，${t3Cells.length} 格未能读取`), lines.join('\n'));
  assert.ok(lines.some((l) => /^表二：\d+ 格中 \d+ 格已读取$/.test(l)), lines.join('\n'));

  // the exchange file carries it, and a cell filled in since is read
  const again = ExchangeFile.parse(JSON.parse(JSON.stringify(toExchange(doc))));
  assert.deepEqual(again.unread, doc.unread);
  const filled = { ...again, cells: { ...again.cells, [t3Cells[0]!]: 5 } };
  const f2 = runChecks(filled, { forExport: true }).find((f) => f.rule === 'import.tableUnread')!;
  assert.equal(f2.cells.length, t3Cells.length - 1);
  const all = { ...again, cells: { ...again.cells, ...Object.fromEntries(t3Cells.map((id) => [id, source.cells[id]!])) } };
  assert.equal(runChecks(all, { forExport: true }).filter((f) => f.rule === 'import.tableUnread').length, 0);
});

test('a row the reader could not find is named; the rest of the table is read and checked', async () => {
  const source = loadExchange('2025-clean.json');
  const blocks = reportBlocks(source, { label: (t) => (t === '2.重复申请' ? '（此行标签被涂改）' : t) });
  const { doc } = await importFile('page.html', page(htmlBody(blocks)));
  const u = doc.unread?.find((x) => x.table === 't3');
  assert.ok(u, 'row not read');
  assert.ok(u.cells.every((id) => id.startsWith('t3.') && id.includes('repeat')) || u.cells.length === 7, u.cells.join(','));
  assert.match(u.reason, /2\.重复申请/);
  const findings = runChecks(doc, { forExport: true });
  assert.equal(findings.filter((f) => f.rule === 'import.tableUnread').length, 1);
  assert.equal(findings.filter((f) => f.rule === 'cell.missing').length, 0);
  // the (七)总计 column sums that include the unread row are not judged; everything else still is
  assert.equal(findings.filter((f) => f.rule === 't3.resultTotal').length, 0);
  const unreadRowIds = new Set(u.cells);
  for (const id of Object.keys(source.cells)) if (!unreadRowIds.has(id)) assert.equal(doc.cells[id], source.cells[id], id);
});

test('an exchange file naming a cell of another table under unread is refused with the path', () => {
  const source = loadExchange('2025-clean.json');
  const bad = { ...toExchange(source), unread: [{ table: 't2', cells: ['t3.new.total'], reason: 'x' }] };
  const r = ExchangeFile.safeParse(bad);
  assert.equal(r.success, false);
  assert.deepEqual(r.error!.issues[0]!.path, ['unread', 0, 'cells', 0]);
});
