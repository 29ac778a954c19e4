/** Import speed: a .docx report, a web page and the pasted fixture text (median ms). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportDocx } from '../src/main/export/docx/index';
import { exportHtmlPage } from '../src/main/export/html/index';
import { importFile } from '../src/main/import/index';
import { ExchangeFile } from '../src/shared/report';
import { row, timeIt, type BenchRow } from './lib';

const root = new URL('..', import.meta.url).pathname;

export default async function (): Promise<BenchRow[]> {
  const doc = ExchangeFile.parse(JSON.parse(readFileSync(join(root, 'tests/fixtures/2025-clean.json'), 'utf8')));
  const docx = new Uint8Array(await exportDocx(doc));
  const html = new TextEncoder().encode(exportHtmlPage(doc));
  const rows = [
    row('import a .docx report (2021 format)', await timeIt(() => importFile('report.docx', docx), 100), 'ms'),
    row('import an HTML report page', await timeIt(() => importFile('report.html', html), 100), 'ms'),
  ];
  const fixture = join(root, '../shared/fixtures/2020-fushun-education-bureau.txt');
  if (existsSync(fixture)) {
    const text = readFileSync(fixture);
    rows.push(row('import the pasted fixture text (2019 format)', await timeIt(() => importFile('fixture.txt', text), 100), 'ms'));
  }
  return rows;
}
