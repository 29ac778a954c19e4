/**
 * Full check of a report (µs), as the editor runs it on every keystroke: the clean 2025 report with one
 * cell cycling through values that break and restore a sum. "text edited" changes the narrative on
 * every run, so nothing per-text is memoized. The report objects are built before timing.
 */
import { readFileSync } from 'node:fs';
import { runChecks, type PreviousReport } from '../src/shared/checks/index';
import { ExchangeFile, type ReportDoc } from '../src/shared/report';
import { row, timeIt, type BenchRow } from './lib';

const load = (name: string): ReportDoc =>
  ExchangeFile.parse(JSON.parse(readFileSync(new URL(`../tests/fixtures/${name}.json`, import.meta.url), 'utf8')));

export default async (): Promise<BenchRow[]> => {
  const doc = load('2025-clean');
  // last year's report: same agency, the numbers in its text all different
  const previous: PreviousReport = {
    ...doc,
    year: doc.year - 1,
    narrative: Object.fromEntries(Object.entries(doc.narrative).map(([k, v]) => [k, v.replace(/\d/g, '7')])),
  };
  const n = 2000;
  const cellEdits = Array.from({ length: 3 }, (_, i) => ({ ...doc, cells: { ...doc.cells, 't3.granted.natural': 18 + i } }));
  const textEdits = Array.from({ length: n + 200 }, (_, i) => ({
    ...cellEdits[i % 3]!,
    narrative: { ...doc.narrative, s1: `${doc.narrative.s1}\n\n第${i}次修改。`, s5: `${i}${doc.narrative.s5}` },
  }));
  let i = 0;
  const next = <T>(list: T[]) => list[i++ % list.length]!;
  return [
    row('check: full report, cell edited (µs)', await timeIt(() => runChecks(next(cellEdits)), n), 'µs', '< 1000'),
    row('check: full report with previous year (µs)', await timeIt(() => runChecks(next(cellEdits), { previous }), n), 'µs', '< 1000'),
    row('check: text edited, with previous year (µs)', await timeIt(() => runChecks(next(textEdits), { previous }), n), 'µs', '< 1000'),
    row('check: for export (µs)', await timeIt(() => runChecks(next(cellEdits), { forExport: true }), n), 'µs'),
  ];
};
