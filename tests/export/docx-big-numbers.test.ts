/**
 * A 汇总-sized report (5-, 6- and 7-digit counts, fees with 6 decimals) rendered by LibreOffice and read back
 * with `pdftotext -layout`: every value is one token (never split over two lines), no page is empty, no
 * part heading ends a page, and each table starts on the page of its heading. Skips where soffice or
 * poppler is missing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportDocx } from '../../src/main/export/docx/index';
import { formatIndex, getFormat, type FormatId } from '../../src/shared/format/index';
import { gridFor } from '../../src/shared/grid';
import { printedValue } from '../../src/shared/values';
import type { ReportDoc } from '../../src/shared/report';
import type { TypographySettings } from '../../src/shared/document/typography';
import { renderDocx, renderSkipReason, squeeze } from '../helpers/render';
import { bigNumbers, USER_SETTINGS } from '../helpers/test-reports';

const skip = renderSkipReason();

/** Values printed fewer times as whole tokens than the report holds them. */
export function splitValues(doc: ReportDoc, layoutText: string): string[] {
  const tokens = new Map<string, number>();
  for (const m of layoutText.matchAll(/-?\d+(?:\.\d+)?(?: ?元)?/g)) {
    const token = m[0].replace(' ', '');
    tokens.set(token, (tokens.get(token) ?? 0) + 1);
  }
  const need = new Map<string, number>();
  for (const c of formatIndex(doc.format).cells) {
    const v = printedValue(c.kind, doc.cells[c.id]);
    need.set(v, (need.get(v) ?? 0) + 1);
  }
  return [...need].filter(([v, n]) => (tokens.get(v) ?? 0) < n).map(([v, n]) => `${v}: ${tokens.get(v) ?? 0} of ${n}`);
}

const PAGE_NUMBER = /^—\s*\d+\s*—$/;

/** Page problems: empty pages, a heading as the last line of a page, a table not starting on its heading's page. */
export function pageFlowProblems(doc: ReportDoc, layoutText: string): string[] {
  const format = getFormat(doc.format);
  const pages = layoutText.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim());
  const problems: string[] = [];
  const lines = pages.map((p) => p.split('\n').map((l) => l.trim()).filter((l) => l && !PAGE_NUMBER.test(l)));
  lines.forEach((page, i) => {
    if (page.length === 0) problems.push(`page ${i + 1} is empty`);
    const last = page.at(-1);
    if (last && format.sections.some((s) => squeeze(s.heading) === squeeze(last))) problems.push(`page ${i + 1} ends with the heading ${last}`);
  });
  for (const s of format.sections) {
    if (!s.table) continue;
    const page = pages.findIndex((p) => squeeze(p).includes(squeeze(s.heading)));
    const first = gridFor(format, s.table).rows.flatMap((r) => r.cells).find((c) => c.kind === 'label' || c.kind === 'blockTitle');
    if (page < 0) problems.push(`heading ${s.heading} not found`);
    else if (first && !squeeze(pages[page]!).includes(squeeze(first.text!).slice(0, 8)))
      problems.push(`${s.heading}: its table does not start on page ${page + 1}`);
  }
  return problems;
}

for (const format of ['GOV-2021', 'GOV-2019'] as FormatId[]) {
  for (const [label, settings] of [
    ['默认设置', {}],
    ['用户设置（表格 12 磅）', USER_SETTINGS],
  ] as [string, TypographySettings][]) {
    test(`${format} 汇总 with 5-7 digit counts, ${label}: every value whole, no empty page, headings with their tables`, { skip }, async () => {
      const doc = bigNumbers(format);
      const rendered = renderDocx(await exportDocx(doc, settings), { name: `big-${format}` });
      try {
        assert.deepEqual(splitValues(doc, rendered.layoutText), [], 'values split or missing');
        assert.deepEqual(pageFlowProblems(doc, rendered.layoutText), []);
      } finally {
        rendered.cleanup();
      }
    });
  }
}
