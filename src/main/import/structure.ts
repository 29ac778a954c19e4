/**
 * The document's outline: the title (one or two lines) before everything, the preamble, then the six
 * parts split at the level-1 headings of the format definition — tolerant of "一、 总体情况", "一．总体情况"
 * or a heading whose number came from Word's automatic numbering ("总体情况"). Tables are assigned to the
 * part they sit in.
 */
import { FORMATS, getFormat, type SectionId } from '../../shared/format/index';
import { cell, type SourceBlock, type SourceRow } from './model';
import { parseTitle, stripFurniture } from './agency';
import { normalizeLabel } from './normalize';

const SECTIONS = getFormat('GOV-2021').sections;

/** T2 block titles (第二十条第（一）项…): a copy from a web page can leave them as lines of their own. */
const BLOCK_TITLES = new Set(
  Object.values(FORMATS).flatMap((f) => (f.tables.t2.kind === 'blocks' ? f.tables.t2.blocks.map((b) => normalizeLabel(b.title)) : [])),
);

/** A level-1 heading is a short line; longer ones are body text starting with an enumeration. */
const MAX_HEADING_CHARS = 40;

/** Heading words without the little words reports vary (和/及/与/的, 、 and commas). */
const headingWords = (s: string) => s.replace(/[、，,和及与的]/g, '');

const headingParts = (heading: string) => {
  const n = normalizeLabel(heading);
  const i = n.indexOf('、');
  return { number: n.slice(0, i), rest: headingWords(n.slice(i + 1)) };
};
const HEADINGS = SECTIONS.map((s) => ({
  id: s.id,
  ...headingParts(s.heading),
  wordings: s.wordings.map((w) => headingWords(normalizeLabel(w))),
  senses: s.senses,
}));

/** Marks a heading carries in markdown, a list or a web page: "## ", "- ", "• ", "**…**", "1. " before the words. */
const DECORATION = /^(?:[#＃]+\s*|[-*•·●■◆▪►]\s+|\d{1,2}[.．、]\s*(?=[^\d]))/;

/** A numbered heading reworded beyond a known wording is still short: a title, not a sentence. */
const MAX_REWORDED_CHARS = 30;

/** The part whose level-1 heading `text` is, or null. */
export function matchSectionHeading(text: string): SectionId | null {
  let t = text.trim().replace(/\*\*/g, '');
  for (let k = 0; k < 2 && DECORATION.test(t); k++) t = t.replace(DECORATION, '');
  const n = normalizeLabel(t.replace(/\s+[#＃]+$/, '')).replace(/[。：]$/, '');
  if (!n || n.length > MAX_HEADING_CHARS) return null;
  const m = /^([一二三四五六七八九十]+)、(.*)$/.exec(n);
  for (const h of HEADINGS) {
    if (m) {
      if (m[1] !== h.number) continue;
      const rest = headingWords(m[2]!);
      if (rest === h.rest || h.wordings.includes(rest)) return h.id;
      if (rest.length >= 4 && (h.rest.includes(rest) || (rest.includes(h.rest) && rest.length <= h.rest.length + 10))) return h.id;
      // reworded: the number is right and the words name the part (存在的主要问题及整改措施)
      if (rest.length <= MAX_REWORDED_CHARS && !/[，,。；;\d]/.test(m[2]!) && !/[。；]./.test(n) && h.senses.some((w) => rest.includes(w))) return h.id;
    } else if (headingWords(n) === h.rest || h.wordings.includes(headingWords(n))) {
      // automatic numbering left only the words
      return h.id;
    }
  }
  return null;
}

/** The part whose numbered heading `text` is word for word (the format's wording or a known one). */
function exactHeading(text: string): SectionId | null {
  const m = /^([一二三四五六七八九十]+)、(.*)$/.exec(normalizeLabel(text));
  if (!m) return null;
  const rest = headingWords(m[2]!);
  return HEADINGS.find((h) => h.number === m[1] && (h.rest === rest || h.wordings.includes(rest)))?.id ?? null;
}

/** A paragraph that is, or opens with, a level-1 heading. */
export function isOrOpensWithHeading(text: string): boolean {
  if (matchSectionHeading(text)) return true;
  const n = normalizeLabel(text);
  return SECTIONS.some((s) => n.startsWith(normalizeLabel(s.heading)));
}

/** A line that reads like a report title: names the document type and carries a year. */
export function looksLikeTitle(text: string): boolean {
  const n = normalizeLabel(text);
  return n.length <= 80 && /(政府)?信息公开|政务公开/.test(n) && /(年度)?报告/.test(n) && /(20\d\d|[二][〇零一二三四五六七八九]{3})年/.test(n);
}

export interface Outline {
  /** The title lines as printed. */
  title: string[];
  /** Short lines above the title that are not part of it. */
  dropped: string[];
  /** Paragraphs per narrative part ('preamble' before 一). */
  paragraphs: Record<'preamble' | SectionId, string[]>;
  /** Tables in order, with the part they sit in (null before the first heading). */
  tables: { section: SectionId | null; rows: SourceRow[] }[];
  /** Parts whose heading was found. */
  found: SectionId[];
}

const MAX_TITLE_LINES = 3;
/** Lines looked at for the title: a few lines of metadata may sit above it. */
const MAX_LEAD_LINES = 6;
/** A line giving the unit of a table ("单位：件") belongs to the table, not to the narrative. */
const UNIT_LINE = /^[（(]?单位[：:][^，。]{1,6}[）)]?$/;
/** A page number printed in a footer ("— 3 —", "-3-", "第 3 页"), carried along by copies and re-saves. */
const PAGE_NUMBER = /^([—–\-－]\s*\d+\s*[—–\-－]|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;
const MAX_TITLE_LINE_CHARS = 60;

export function outline(blocks: readonly SourceBlock[], titleHint?: string): Outline {
  const paragraphs: Outline['paragraphs'] = { preamble: [], s1: [], s2: [], s3: [], s4: [], s5: [], s6: [] };
  const tables: Outline['tables'] = [];
  const found: SectionId[] = [];
  const title: string[] = [];
  const dropped: string[] = [];
  let i = 0;
  const isPara = (b: SourceBlock | undefined): b is { kind: 'paragraph'; text: string } => b?.kind === 'paragraph';
  while (i < blocks.length && isPara(blocks[i]) && !(blocks[i] as { text: string }).text.trim()) i++;
  // the title: the short line naming the report, with the line(s) before it when it does not name the
  // agency itself (a title on two lines); lines above those (a document number, 索引号…) are dropped
  const lead: string[] = [];
  for (let k = i; k < blocks.length && lead.length < MAX_LEAD_LINES; k++) {
    const b = blocks[k];
    if (!isPara(b)) break;
    const t = stripFurniture(b.text);
    if (!t) {
      // a breadcrumb or a bare "标题：" label above the title: not part of it
      if (b.text.trim()) dropped.push(b.text.trim());
      continue;
    }
    if (t.length > MAX_TITLE_LINE_CHARS || matchSectionHeading(t)) break;
    lead.push(t);
    if (!normalizeLabel(t).includes('报告')) continue;
    let from = lead.length - 1;
    const complete = () => looksLikeTitle(lead.slice(from).join('')) && parseTitle(lead.slice(from).join('')).agency !== null;
    while (from > 0 && lead.length - from < MAX_TITLE_LINES && !complete()) from--;
    if (looksLikeTitle(lead.slice(from).join(''))) {
      title.push(...lead.slice(from));
      dropped.push(...lead.slice(0, from));
      i = k + 1;
      // a breadcrumb that ends in the title, then the title itself: read once
      const joined = normalizeLabel(title.join(''));
      while (isPara(blocks[i]) && normalizeLabel(stripFurniture((blocks[i] as { text: string }).text)) === joined) i++;
    }
    break;
  }
  if (title.length === 0 && titleHint) title.push(titleHint.trim());

  let section: SectionId | null = null;
  for (; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'table') {
      tables.push({ section, rows: b.rows });
      continue;
    }
    const text = b.text.trim();
    if (!text || UNIT_LINE.test(normalizeLabel(text)) || PAGE_NUMBER.test(text)) continue;
    if (BLOCK_TITLES.has(normalizeLabel(text))) {
      // the title row of a T2 block that lost its table around it
      tables.push({ section, rows: [[cell(text, 1)]] });
      continue;
    }
    // a heading run into the paragraph after a sentence ("…有序推进。二、主动公开政府信息情况…")
    let rest = text;
    for (let cut = headingAfterSentence(rest, section, found); cut; cut = headingAfterSentence(rest, section, found)) {
      if (cut.before) paragraphs[section ?? 'preamble'].push(cut.before);
      section = cut.section;
      found.push(cut.section);
      rest = cut.after;
    }
    if (rest !== text) {
      if (rest) paragraphs[section!].push(rest);
      continue;
    }
    const inline = splitInlineHeading(text, nextAfter(section as SectionId | null, found));
    if (inline) {
      section = inline.section;
      found.push(inline.section);
      if (inline.body) paragraphs[inline.section].push(inline.body);
      continue;
    }
    const heading = matchSectionHeading(text);
    // a heading counts once, in order; a repeat (or a line in a later part) is text
    if (heading && !found.includes(heading) && (section === null || heading > section)) {
      section = heading;
      found.push(heading);
      continue;
    }
    paragraphs[section ?? 'preamble'].push(text);
  }
  for (const key of Object.keys(paragraphs) as (keyof Outline['paragraphs'])[]) paragraphs[key] = joinWrappedLines(paragraphs[key]);
  return { title, dropped, paragraphs, tables, found };
}

const ORDER = SECTIONS.map((x) => x.id);

/**
 * A later part's heading that follows a sentence's end inside a paragraph: the text before (ending with
 * its "。"), the part, and the text after. The heading runs to the next "。" or "：", or is the longest
 * start of the rest that is a heading; only parts after the current one, not yet found, are looked for.
 */
function headingAfterSentence(text: string, section: SectionId | null, found: readonly SectionId[]): { before: string; section: SectionId; after: string } | null {
  const later = ORDER.slice(section === null ? 0 : ORDER.indexOf(section) + 1).filter((id) => !found.includes(id));
  const re = /[。！？；]\s*(?:[#＃]+\s*)?([一二三四五六七八九十]+[、．.])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index + m[0].length - m[1]!.length;
    const tail = text.slice(at);
    const stop = /[。：:\n]/.exec(tail);
    const candidates = [stop ? tail.slice(0, stop.index) : tail];
    for (let k = 4; k <= Math.min(tail.length, MAX_HEADING_CHARS); k++) candidates.push(tail.slice(0, k));
    for (const [i, c] of candidates.entries()) {
      // the words up to the stop may be reworded; a heading with the body run on must be worded exactly
      const id = i === 0 ? matchSectionHeading(c) : exactHeading(c);
      if (id && later.includes(id)) {
        const after = tail.slice(c.length).replace(/^[\s\u3000。．.：:，,]+/, '');
        return { before: text.slice(0, m.index + 1).trim(), section: id, after };
      }
    }
  }
  return null;
}

/** The part expected next: the first not yet found after the current one. */
function nextAfter(section: SectionId | null, found: readonly SectionId[]): SectionId | null {
  const from = section === null ? 0 : ORDER.indexOf(section) + 1;
  return ORDER.slice(from).find((id) => !found.includes(id)) ?? null;
}

/**
 * A paragraph that opens with the next part's heading and goes on with its text ("一、总体情况。2020年，…"):
 * the heading and the body, or null. Only the next expected part is looked for, so a sentence that quotes
 * a heading elsewhere is left alone.
 */
function splitInlineHeading(text: string, next: SectionId | null): { section: SectionId; body: string } | null {
  if (!next) return null;
  const heading = normalizeLabel(SECTIONS.find((x) => x.id === next)!.heading);
  if (!normalizeLabel(text).startsWith(heading) || normalizeLabel(text) === heading) return null;
  for (let k = heading.length; k <= Math.min(text.length, heading.length + 12); k++) {
    if (normalizeLabel(text.slice(0, k)) !== heading) continue;
    const body = text.slice(k).replace(/^[\s\u3000。．.：:，,]+/, '');
    return { section: next, body };
  }
  return null;
}

/** A body line this long that stops mid-sentence was wrapped by hand (or by a copy), not ended. */
const MIN_WRAPPED_LINE_CHARS = 20;
const ENDS_SENTENCE = /[。！？；：.!?;:…”’）)】》]$/;
const STARTS_HEADING = /^([（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、．.]|\d+[.．、]|第[一二三四五六七八九十]+)/;

/**
 * Join lines broken in the middle of a sentence ("…义务教育领域基" + "层政务公开…"). One pass: the pieces
 * of a paragraph are collected and joined once, and only the line just read is tested — never the
 * growing paragraph (a regex over it per line made 8 MB of wrapped text take minutes).
 */
export function joinWrappedLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  let pieces: string[] = [];
  let carry = false;
  for (const line of lines) {
    if (!carry || STARTS_HEADING.test(line)) {
      if (pieces.length) out.push(pieces.join(''));
      pieces = [];
    }
    pieces.push(line);
    // a line this long is the paragraph's end when it carries on: testing it is testing the paragraph
    carry = line.length >= MIN_WRAPPED_LINE_CHARS && !ENDS_SENTENCE.test(line) && !STARTS_HEADING.test(line);
  }
  if (pieces.length) out.push(pieces.join(''));
  return out;
}
