/**
 * The report as a document: the statistical period quoted in the text (text.period), the template and
 * the notice it cites (format.version), empty parts and the preamble's list of parts (format.sections).
 */
import { FORMATS, FORMAT_IDS, formatForYear, type FormatId, type NarrativeKey } from '../format/index';
import { SECTIONS } from '../format/common';
import { num, type CheckContext } from './context';
import { memo, narrativeParts, normalizeText, quote, sentencesOf, type Sentence } from './narrative';
import { RULES } from './types';

const YEAR = '((?:19|20)[0-9]{2})\\s*年';
/** "2020年1月1日起至2020年12月31日止" and its variants. */
const PERIOD = new RegExp(
  `${YEAR}\\s*(?:1|01|一)\\s*月\\s*(?:1|01|一)\\s*日\\s*起?\\s*(?:至|到|—+|－|-|~|～)\\s*${YEAR}\\s*(?:12|十二)\\s*月\\s*(?:31|三十一)\\s*日`,
  'g',
);
/** "统计期限为2020年度" (a period given as a year). */
const PERIOD_YEAR = new RegExp(`统计(?:期限|期间|时限|时段|区间|范围|时间)[^。；;\\d]{0,8}?${YEAR}度?(?!\\s*[0-9]{1,2}\\s*月)`, 'g');
/** "2020年政府信息公开工作年度报告" — in the preamble, the report naming itself. */
const TITLE_YEAR = new RegExp(`${YEAR}度?(?:政府信息公开工作)?年度报告`, 'g');

interface YearMention {
  sentence: number;
  at: number;
  snippet: string;
  years: number[];
}

function yearMentions(text: string, withTitle: boolean): { sentences: Sentence[]; mentions: YearMention[] } {
  const sentences = sentencesOf(text);
  const mentions: YearMention[] = [];
  sentences.forEach((s, i) => {
    if (!s.text.includes('年')) return;
    const covered: [number, number][] = [];
    const patterns = withTitle ? [PERIOD, PERIOD_YEAR, TITLE_YEAR] : [PERIOD, PERIOD_YEAR];
    for (const re of patterns) {
      for (const m of s.text.matchAll(re)) {
        const at = m.index!;
        if (covered.some(([a, b]) => at < b && at + m[0].length > a)) continue;
        covered.push([at, at + m[0].length]);
        const years = m.slice(1).filter(Boolean).map(Number);
        mentions.push({ sentence: i, at, snippet: s.original.slice(at, at + m[0].length), years });
      }
    }
  });
  return { sentences, mentions };
}

const mentionsMemo = memo((text: string) => yearMentions(text, false));
const preambleMentionsMemo = memo((text: string) => yearMentions(text, true));

function period(ctx: CheckContext): void {
  const year = ctx.doc.year;
  for (const [section, text] of narrativeParts(ctx.doc.narrative)) {
    const { sentences, mentions } = (section === 'preamble' ? preambleMentionsMemo : mentionsMemo)(text);
    for (const m of mentions) {
      const wrong = m.years.find((y) => y !== year);
      if (wrong === undefined) continue;
      ctx.push({
        rule: 'text.period',
        severity: RULES['text.period'],
        cells: [],
        section,
        span: { start: sentences[m.sentence]!.start + m.at, end: sentences[m.sentence]!.start + m.at + m.snippet.length },
        message: `正文“${quote(sentences[m.sentence]!, m.at)}”写的是 ${wrong} 年（“${m.snippet}”），但本报告是 ${year} 年度报告，统计期限应为 ${year} 年 1 月 1 日至 ${year} 年 12 月 31 日（是否沿用了往年的文字？）`,
        expected: year,
        actual: wrong,
      });
    }
  }
}

/** A notice like 国办公开办函〔2019〕60号 as a pattern accepting the brackets people type instead of 〔〕. */
function noticePattern(notice: string): RegExp {
  const escaped = notice.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace('〔', '\\s*[〔\\[【(（［]\\s*').replace('〕', '\\s*[〕\\]】)）］]\\s*'), 'g');
}

const NOTICE_PATTERNS: ReadonlyArray<{ format: FormatId; re: RegExp }> = FORMAT_IDS.map((f) => ({
  format: f,
  re: noticePattern(FORMATS[f].notice),
}));
/** The issuer's prefix of the notices (国办公开办函) and its usual mistyping: 函 (letter) written as 涵. */
const ISSUER = FORMATS[FORMAT_IDS[0]!].notice.split('〔')[0]!;
const MISTYPED_NOTICE = new RegExp(ISSUER.replace('函', '涵'), 'g');

interface Citation {
  sentence: number;
  at: number;
  snippet: string;
  format?: FormatId;
}

const citationsMemo = memo((text: string) => {
  const sentences = sentencesOf(text);
  const citations: Citation[] = [];
  sentences.forEach((s, i) => {
    if (!s.text.includes('国办')) return;
    for (const { format, re } of NOTICE_PATTERNS)
      for (const m of s.text.matchAll(re)) citations.push({ sentence: i, at: m.index!, snippet: m[0], format });
    for (const m of s.text.matchAll(MISTYPED_NOTICE)) citations.push({ sentence: i, at: m.index!, snippet: m[0] });
  });
  return { sentences, citations };
});

function version(ctx: CheckContext): void {
  const { year, format } = ctx.doc;
  const expected = formatForYear(year);
  const expectedName = `${FORMATS[expected].notice}规定的格式`;
  if (format !== expected) {
    ctx.push({
      rule: 'format.version',
      severity: RULES['format.version'],
      cells: [],
      message: `${year} 年度报告应使用${expectedName}，本报告使用的是${FORMATS[format].notice}的格式`,
    });
  }
  for (const [section, text] of narrativeParts(ctx.doc.narrative)) {
    const { sentences, citations } = citationsMemo(text);
    for (const c of citations) {
      if (c.format === expected) continue;
      const s = sentences[c.sentence]!;
      ctx.push({
        rule: 'format.version',
        severity: RULES['format.version'],
        cells: [],
        section,
        message: c.format
          ? `正文“${quote(s, c.at)}”引用了${FORMATS[c.format].notice}，但 ${year} 年度报告应依据${expectedName}编制`
          : `正文“${quote(s, c.at)}”中的“${c.snippet}”有误，应为“${ISSUER}”`,
      });
    }
  }
}

/** Parts that must have text of their own (二、三、四 are tables; their text is optional). */
const TEXT_PARTS: readonly NarrativeKey[] = SECTIONS.filter((s) => !s.table).map((s) => s.id);

/** Characters a list of parts may differ in: separators and the connectives 和/及/与. */
const LIST_NOISE = /[\s、，,；;和及与以“”"《》]/g;
const NUMBERING = /^[一二三四五六七八九十]+、/;
const PREFIX = '政府信息公开';

const PART_KEYS = SECTIONS.map((s) => {
  const keys = [s.heading.replace(NUMBERING, ''), ...s.wordings].map((w) => w.replace(LIST_NOISE, '')).flatMap((k) => [k, k.replace(PREFIX, '')]);
  return { section: s, keys: [...new Set(keys)].filter((k) => k.length >= 4), senses: s.senses.map((w) => w.replace(LIST_NOISE, '')) };
});

/**
 * Parts named in the preamble, when it lists them (at least three named in the format's or a known wording);
 * in a list, a part is also named by its sense ("存在的主要问题及整改措施" names 五), so a paraphrase is no gap.
 */
const listedParts = memo((preamble: string) => {
  const flat = normalizeText(preamble).replace(LIST_NOISE, '');
  const named = PART_KEYS.filter((p) => p.keys.some((k) => flat.includes(k)));
  if (named.length < 3) return null;
  return new Set(PART_KEYS.filter((p) => named.includes(p) || p.senses.some((w) => flat.includes(w))).map((p) => p.section.id));
});

/** The lines of a part that are more than the editor's scaffold headings (inserted with one click). */
function writtenLines(text: string, scaffold: readonly string[] = []): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !scaffold.includes(l));
}

function sections(ctx: CheckContext): void {
  const narrative = ctx.doc.narrative ?? {};
  for (const id of TEXT_PARTS) {
    const text = narrative[id] ?? '';
    const section = SECTIONS.find((s) => s.id === id)!;
    if (writtenLines(text, section.scaffold).length) continue;
    ctx.push({
      rule: 'format.sections',
      severity: RULES['format.sections'],
      cells: [],
      section: id,
      message: text.trim()
        ? `“${section.heading}”只有提纲标题，还没有内容；请在各标题下填写本年度的情况（确无内容的写“无。”）`
        : `“${section.heading}”没有内容；年度报告的六个部分都要写（确无内容的写“无。”）`,
    });
  }
  const preamble = narrative.preamble;
  const listed = preamble ? listedParts(preamble) : null;
  if (!listed || listed.size === SECTIONS.length) return;
  const missing = SECTIONS.filter((s) => !listed.has(s.id)).map((s) => s.heading);
  ctx.push({
    rule: 'format.sections',
    severity: RULES['format.sections'],
    cells: [],
    section: 'preamble',
    message: `开头列出的报告内容与规定的六个部分不一致：只对应了 ${num(listed.size)} 个部分，缺少 ${missing.map((h) => `“${h}”`).join('、')}`,
  });
}

export function documentChecks(ctx: CheckContext): void {
  period(ctx);
  version(ctx);
  sections(ctx);
}
