/** The renderer's pure helpers, in Node: deadlines, likely year, routing, menu hand-off, parts, text. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../src/shared/findings';
import { GOV_2021 } from '../../src/shared/format/index';
import { blankReport } from '../../src/shared/report';
import { countsBySection, partFilled, sectionOf } from '../../src/renderer/editor/parts';
import { charCount, withScaffold } from '../../src/renderer/editor/text';
import { defaultImportAgency, NEW_AGENCY } from '../../src/renderer/home/importTarget';
import { likelyReportYear, nextDeadline, selectableYears } from '../../src/renderer/home/years';
import { hashOf, pageFromHash, takeMenu, type MenuEvent, type Page } from '../../src/renderer/navigation';

const day = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12);

test('next deadline: departments 31 January, county and higher governments 31 March, townships 31 January', () => {
  const dept = nextDeadline('county-department', day(2026, 11, 26));
  assert.equal(dept.year, 2026);
  assert.deepEqual([dept.date.getFullYear(), dept.date.getMonth() + 1, dept.date.getDate()], [2027, 1, 31]);
  const gov = nextDeadline('county', day(2026, 2, 15));
  assert.equal(gov.year, 2025);
  assert.deepEqual([gov.date.getFullYear(), gov.date.getMonth() + 1, gov.date.getDate()], [2026, 3, 31]);
  const deptAfter = nextDeadline('city-department', day(2026, 2, 15));
  assert.equal(deptAfter.year, 2026, 'after 31 January the next one is a year away');
  const township = nextDeadline('township', day(2026, 3, 1));
  assert.deepEqual([township.year, township.date.getMonth() + 1], [2026, 1]);
  assert.equal(nextDeadline('county-department', day(2027, 1, 31)).year, 2026, 'the deadline day itself still counts');
});

test('likely report year and the years offered', () => {
  assert.equal(likelyReportYear(day(2026, 11, 26)), 2026);
  assert.equal(likelyReportYear(day(2026, 1, 10)), 2025);
  const years = selectableYears(day(2026, 5, 1));
  assert.equal(years[0], 2027);
  assert.equal(years.at(-1), 2019);
});

test('pages round-trip through the address hash; anything else is home', () => {
  const pages: Page[] = [{ name: 'home' }, { name: 'editor', id: 12 }, { name: 'trash' }, { name: 'aggregate' }];
  for (const p of pages) assert.deepEqual(pageFromHash(hashOf(p)), p);
  for (const h of ['', '#', '#/report/', '#/report/x', '#/report/1/2', '#/unknown', '#/report/-1']) assert.deepEqual(pageFromHash(h), { name: 'home' }, h);
});

test('a menu command is taken once, by the screen it belongs to', () => {
  const ev: MenuEvent = { command: 'new', serial: 1, handled: false };
  assert.equal(takeMenu(ev, ['export']), null);
  assert.equal(ev.handled, false);
  assert.equal(takeMenu(ev, ['new', 'import']), 'new');
  assert.equal(takeMenu(ev, ['new', 'import']), null);
  assert.equal(takeMenu(null, ['new']), null);
});

const finding = (f: Partial<Finding>): Finding => ({ rule: 't3.balance', severity: 'error', cells: [], message: '…', ...f });

test('findings go to their part: the section named, else the table of the first cell', () => {
  assert.equal(sectionOf(GOV_2021, finding({ cells: ['t3.new.natural'] })), 's3');
  assert.equal(sectionOf(GOV_2021, finding({ cells: ['t2.fees.amount'] })), 's2');
  assert.equal(sectionOf(GOV_2021, finding({ section: 's5' })), 's5');
  assert.equal(sectionOf(GOV_2021, finding({ section: 'preamble' })), 's1');
  assert.equal(sectionOf(GOV_2021, finding({})), null);
  const counts = countsBySection(GOV_2021, [
    finding({ cells: ['t3.new.natural'] }),
    finding({ cells: ['t3.new.total'], severity: 'warning' }),
    finding({ cells: ['t3.new.total'], severity: 'warning', acknowledged: { reason: '核实无误' } }),
    finding({ cells: ['t3.new.total'], severity: 'info' }),
  ]);
  assert.deepEqual(counts.get('s3'), { errors: 1, warnings: 1 });
});

test('a part is filled by its text, or any cell of its table', () => {
  const doc = blankReport(2025, { name: '某局', level: 'county-department' });
  assert.equal(partFilled(GOV_2021, 's3', {}, doc.cells), false);
  assert.equal(partFilled(GOV_2021, 's3', {}, { ...doc.cells, 't3.new.natural': 0 }), true, '0 is an entry');
  assert.equal(partFilled(GOV_2021, 's1', { s1: '  \n' }, doc.cells), false);
  assert.equal(partFilled(GOV_2021, 's1', { s1: '本年度……' }, doc.cells), true);
});

test('scaffold adds only the missing headings, each on its own line; counts skip whitespace', () => {
  const h = ['（一）存在的主要问题', '（二）改进情况'];
  assert.equal(withScaffold('', h), '（一）存在的主要问题\n（二）改进情况\n');
  assert.equal(withScaffold('（一）存在的主要问题\n人手不足。\n\n', h), '（一）存在的主要问题\n人手不足。\n（二）改进情况\n');
  const full = withScaffold('', h);
  assert.equal(withScaffold(full, h), full);
  assert.equal(charCount('一、 总体\n情况　'), 6);
});

test('an imported report goes to the agency of its name, else to a new one of that name, else to the first', () => {
  const agencies = [
    { id: 4, name: '某某县教育局' },
    { id: 9, name: '某某县民政局' },
  ];
  assert.equal(defaultImportAgency(agencies, '某某县民政局'), 9);
  assert.equal(defaultImportAgency(agencies, ' 某某县民政局 '), 9);
  assert.equal(defaultImportAgency(agencies, '抚顺市教育局'), NEW_AGENCY, 'another unit is never filed under ours silently');
  assert.equal(defaultImportAgency(agencies, undefined), 4);
  assert.equal(defaultImportAgency(agencies, ''), 4);
  assert.equal(defaultImportAgency([], undefined), 0);
});
