/**
 * The reports every .docx rule check runs over: the committed fixtures, a 汇总-sized report with 5-, 6- and
 * 7-digit counts in each format, each exported with the default typography and with user settings (other
 * fonts, the largest table size, smaller body and headings).
 */
import { readFileSync } from 'node:fs';
import { formatIndex, type FormatId } from '../../src/shared/format/index';
import { blankReport, ExchangeFile, type ReportDoc } from '../../src/shared/report';
import type { TypographySettings } from '../../src/shared/document/typography';

export const fixture = (name: string): ReportDoc =>
  ExchangeFile.parse(JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')));

/** Digits of a T4 count by column: totals of 7 digits over parts of 5 and 6. */
const T4_DIGITS: Record<string, number> = { upheld: 6, corrected: 5, other: 5, pending: 5, total: 7 };

/**
 * A provincial 汇总: T3 counts of 7 digits in 自然人 and 总计, 6 in 商业企业, 5 elsewhere; T4 as above; T2 counts
 * of 5–7 digits and fees with 6 decimals. Every value distinct in its leading digits so a split shows.
 */
export function bigNumbers(format: FormatId): ReportDoc {
  const year = format === 'GOV-2021' ? 2025 : 2020;
  const doc = blankReport(year, { name: '某某省人民政府办公厅', level: 'province' }, format);
  formatIndex(format).cells.forEach((c, i) => {
    const column = c.id.split('.').pop()!;
    let digits = 5 + (i % 3);
    if (c.id.startsWith('t3.')) digits = column === 'natural' || column === 'total' ? 7 : column === 'business' ? 6 : 5;
    if (c.id.startsWith('t4.')) digits = T4_DIGITS[column] ?? 5;
    const n = Number(String(1 + (i % 9)) + '0'.repeat(digits - 2) + String(i % 10));
    doc.cells[c.id] =
      c.kind === 'amountWanYuan' ? 4166.241619 + i : c.kind === 'amountYuan' ? 15_000_000.25 : c.kind === 'signedCount' ? -Math.floor(n / 10) : n;
  });
  doc.narrative = {
    s1: '（一）主动公开\n本年度全省各级行政机关主动公开政府信息。\n(二)依申请公开\n全省共收到政府信息公开申请。',
    s5: '无。',
    s6: '无。',
  };
  return doc;
}

export const USER_SETTINGS: TypographySettings = {
  fonts: { body: '仿宋', heading2: '楷体', table: '宋体', title: '宋体' },
  sizes: { body: 14, heading1: 14, heading2: 14, heading3: 14, table: 12, title: 20, pageNumber: 12 },
};

export interface TestReport {
  name: string;
  doc: ReportDoc;
  settings: TypographySettings;
}

export function testReports(): TestReport[] {
  const docs: [string, ReportDoc][] = [
    ['2025-clean', fixture('2025-clean.json')],
    ['2020-fushun', fixture('2020-fushun-education-bureau.json')],
    ['2021-planted-errors', fixture('2021-planted-errors.json')],
    ['汇总 GOV-2021', bigNumbers('GOV-2021')],
    ['汇总 GOV-2019', bigNumbers('GOV-2019')],
  ];
  return docs.flatMap(([name, doc]) => [
    { name: `${name} (默认设置)`, doc, settings: {} },
    { name: `${name} (用户设置)`, doc, settings: USER_SETTINGS },
  ]);
}
