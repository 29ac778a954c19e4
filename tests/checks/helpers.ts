/** Reports for the check tests: the committed fixtures, changed one cell or sentence at a time. */
import { readFileSync } from 'node:fs';
import { ExchangeFile, type Cells, type Narrative, type ReportDoc } from '../../src/shared/report';
import type { Finding } from '../../src/shared/findings';
import { runChecks, type CheckOptions } from '../../src/shared/checks/index';

const FIXTURES = new URL('../fixtures/', import.meta.url);

export function fixture(name: string): ReportDoc {
  return ExchangeFile.parse(JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')));
}

/** The clean 2025 county-department report with some cells and narrative parts replaced. */
export function clean(patch: { cells?: Cells; narrative?: Narrative; year?: number; level?: ReportDoc['agency']['level'] } = {}): ReportDoc {
  const doc = fixture('2025-clean');
  return {
    ...doc,
    year: patch.year ?? doc.year,
    agency: { ...doc.agency, level: patch.level ?? doc.agency.level },
    cells: { ...doc.cells, ...patch.cells },
    narrative: { ...doc.narrative, ...patch.narrative },
  };
}

export function check(doc: ReportDoc, options?: CheckOptions): Finding[] {
  return runChecks(doc, options);
}

/** Findings of one rule. */
export function of(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** Findings that need attention: errors and warnings (info excluded). */
export function problems(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity !== 'info');
}

/** A sentence of the clean report replaced by another (asserting it was there). */
export function replaceText(doc: ReportDoc, part: keyof Narrative, from: string, to: string): ReportDoc {
  const text = doc.narrative[part] ?? '';
  if (!text.includes(from)) throw new Error(`fixture text changed: ${from}`);
  return { ...doc, narrative: { ...doc.narrative, [part]: text.replace(from, to) } };
}
