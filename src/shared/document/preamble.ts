/**
 * The opening paragraph when the report has none of its own: the legal basis, the six parts by name (from
 * the format definition), and the statistical period (format-2021.md, "A report usually opens with…").
 * Where the electronic version can be downloaded and whom to ask are the agency's own facts, so they are
 * left to the user's text rather than invented.
 */
import { getFormat } from '../format/index';
import type { ReportDoc } from '../report';

/** "一、总体情况" → "总体情况". */
const withoutNumber = (heading: string) => heading.replace(/^[一二三四五六七八九十]+、/, '');

export function statisticalPeriod(year: number): string {
  return `本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`;
}

export function defaultPreamble(doc: Pick<ReportDoc, 'format' | 'year'>): string {
  const format = getFormat(doc.format);
  const parts = format.sections.map((s) => withoutNumber(s.heading)).join('、');
  return (
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和${format.notice}要求编制，` +
    `全文包括${parts}。${statisticalPeriod(doc.year)}`
  );
}

/** The report's own preamble when it has one, otherwise the default. */
export function preambleText(doc: Pick<ReportDoc, 'format' | 'year' | 'narrative'>): string {
  const own = doc.narrative.preamble?.trim();
  return own ? own : defaultPreamble(doc);
}
