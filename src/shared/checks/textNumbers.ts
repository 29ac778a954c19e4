/**
 * Numbers quoted in the narrative against the tables (text.numbers) and claims that every 复议/诉讼
 * result was upheld (text.reviewClaims). What a number must equal is decided by the sentence's own
 * words: 含上年结转 makes "收到申请N件" new + carried in; 予以公开及部分公开 adds 部分公开.
 * Extraction depends only on the text and is memoized; comparison runs on every call.
 */
import type { NarrativeKey } from '../format/index';
import { groupSum } from './arithmetic';
import { num, type CheckContext } from './context';
import { memo, narrativeParts, quote, sentencesOf, type Sentence } from './narrative';
import { NUM, parseCount } from './numerals';
import { RULES } from './types';

/** What a quoted count is compared with. */
type TargetId =
  | 'new'
  | 'newPlusCarried'
  | 'carriedIn'
  | 'granted'
  | 'partial'
  | 'grantedPlusPartial'
  | 'group:withheld'
  | 'group:unavailable'
  | 'group:notProcessed'
  | 'group:other'
  | 'carriedOut'
  | 'resultTotal'
  | 'review'
  | 'suits';

interface CountPattern {
  re: RegExp;
  /** null: the match is about something else (受理行政许可申请…). */
  target: TargetId | ((m: RegExpExecArray, sentence: string) => TargetId | null);
}

/** Between 收到 and 申请: words that keep it an information-disclosure application. */
const GENERIC_APPLICANT = /^(?:了|各类|群众|社会公众|公民|的|共|全年|本年度?)*$/;

/** Words saying a count includes the applications carried over from last year. */
const INCLUDES_CARRIED = /(?<!不)(?:含|包括|包含|其中)[^。；;]{0,12}?上年度?结转/;
const NEW_ONLY = /新收|新增/;

const COUNT = `\\s*${NUM}\\s*`;
const TOTAL_WORD = '(?:共计|总计|合计|累计|共|为)?';

/** Most specific first: a match is blanked out so that a shorter pattern cannot read it again. */
const COUNT_PATTERNS: readonly CountPattern[] = [
  {
    re: new RegExp(`(收到|受理|接收|接到|新收)([^，,。；;：:\\d]{0,30}?)申请(?:数量)?${TOTAL_WORD}${COUNT}件`, 'g'),
    target: (m, s) =>
      !m[2]!.includes('公开') && !GENERIC_APPLICANT.test(m[2]!)
        ? null
        : NEW_ONLY.test(m[1]! + m[2]!)
          ? 'new'
          : INCLUDES_CARRIED.test(s)
            ? 'newPlusCarried'
            : 'new',
  },
  { re: new RegExp(`新收${COUNT}件`, 'g'), target: 'new' },
  { re: new RegExp(`上年度?结转(?:下来)?的?(?:政府信息公开)?(?:申请)?${TOTAL_WORD}${COUNT}件`, 'g'), target: 'carriedIn' },
  {
    re: new RegExp(`予以公开(?:及|和|与|、|以及)部分公开的?(?:申请)?${TOTAL_WORD}${COUNT}件`, 'g'),
    target: 'grantedPlusPartial',
  },
  { re: new RegExp(`(?<!不)予以公开的?(?:申请)?${COUNT}件`, 'g'), target: 'granted' },
  { re: new RegExp(`部分公开${COUNT}件`, 'g'), target: 'partial' },
  { re: new RegExp(`不予以?公开${COUNT}件`, 'g'), target: 'group:withheld' },
  { re: new RegExp(`无法提供${COUNT}件`, 'g'), target: 'group:unavailable' },
  { re: new RegExp(`不予处理${COUNT}件`, 'g'), target: 'group:notProcessed' },
  { re: new RegExp(`其他处理${COUNT}件`, 'g'), target: 'group:other' },
  { re: new RegExp(`结转(?:至|到)?下一?年度?(?:继续)?(?:办理)?${COUNT}件`, 'g'), target: 'carriedOut' },
  { re: new RegExp(`办结(?:各类)?(?:政府信息公开)?(?:申请)?${TOTAL_WORD}${COUNT}件`, 'g'), target: 'resultTotal' },
  { re: new RegExp(`行政复议(?:案件|申请)?${TOTAL_WORD}${COUNT}(?:件|起)`, 'g'), target: 'review' },
  { re: new RegExp(`诉讼(?:案件)?${TOTAL_WORD}${COUNT}(?:件|起)`, 'g'), target: 'suits' },
];

/** "本年度未收到政府信息公开申请": a count of zero. */
const NONE_RECEIVED = /(?:未|没有)(?:收到|受理|接到)[^，,。；;\d]{0,10}?政府信息公开申请/g;

/** "未发生因政府信息公开引起的行政复议、行政诉讼": counts of zero. */
const NONE_CASES = /(?:未|没有)(?:发生|收到|出现|涉及)[^，,。；;\d]{0,20}?(行政复议(?:[、和及与或]\s*(?:行政)?诉讼)?|(?:行政)?诉讼)/g;

const PERCENT = '([0-9]+(?:\\.[0-9]+)?)\\s*%';
const RATE = new RegExp(`公开率(?:为|达到|达|是)?\\s*${PERCENT}`, 'g');
const SHARE = new RegExp(`${NUM}\\s*件[^。；;%\\d]{0,8}?占([^。；;%\\d]{0,15}?)${PERCENT}`, 'g');

interface CountClaim {
  kind: 'count';
  sentence: number;
  at: number;
  snippet: string;
  value: number;
  target: TargetId;
  /** "收到申请N件" read as new only: N may still be new + carried in (hint in the message). */
  mayIncludeCarried: boolean;
}

interface PercentClaim {
  kind: 'percent';
  sentence: number;
  at: number;
  snippet: string;
  percent: number;
  decimals: number;
  numerators: readonly (TargetId | number)[];
  denominators: readonly TargetId[];
}

interface ReviewClaim {
  kind: 'review';
  sentence: number;
  at: number;
  snippet: string;
  groups: 'review' | 'suits' | 'all';
}

type Claim = CountClaim | PercentClaim | ReviewClaim;

/** A quoted percentage, with the counts it may be a share of; the precision is the one the text printed. */
function percentClaim(
  sentence: number,
  original: string,
  match: RegExpMatchArray,
  percentText: string,
  numerators: PercentClaim['numerators'],
  denominators: PercentClaim['denominators'],
): PercentClaim {
  const at = match.index!;
  return {
    kind: 'percent',
    sentence,
    at,
    snippet: original.slice(at, at + match[0].length),
    percent: Number(percentText),
    decimals: percentText.split('.')[1]?.length ?? 0,
    numerators,
    denominators,
  };
}

interface Extracted {
  sentences: Sentence[];
  claims: Claim[];
}

const UPHELD_ALL = /(?:均|全部|都)(?:获|被|予以|已|为|是)?(?:结果)?维持/g;

/** What a share is "of" (占…的N%): the words between 占 and the number. */
const OF_RESULTS = /办结|办理/;
const OF_RECEIVED = /收到|受理|申请/;

function denominatorsFor(words: string, sentence: string): TargetId[] {
  if (OF_RESULTS.test(words)) return ['resultTotal'];
  if (OF_RECEIVED.test(words)) return INCLUDES_CARRIED.test(sentence) ? ['newPlusCarried', 'new'] : ['new', 'newPlusCarried'];
  return ['resultTotal', 'new', 'newPlusCarried'];
}

function extract(text: string): Extracted {
  const sentences = sentencesOf(text);
  const claims: Claim[] = [];
  sentences.forEach((s, i) => {
    const hasCount = s.text.includes('件') || s.text.includes('起');
    if (hasCount) {
      let work = s.text;
      for (const p of COUNT_PATTERNS) {
        p.re.lastIndex = 0;
        for (let m = p.re.exec(work); m; m = p.re.exec(work)) {
          const value = parseCount(m[m.length - 1]!);
          if (value === null) continue;
          const target = typeof p.target === 'function' ? p.target(m, s.text) : p.target;
          if (target === null) continue;
          claims.push({
            kind: 'count',
            sentence: i,
            at: m.index,
            snippet: s.original.slice(m.index, m.index + m[0].length),
            value,
            target,
            mayIncludeCarried: p === COUNT_PATTERNS[0] && target === 'new' && !NEW_ONLY.test(m[1]! + m[2]!),
          });
          work = work.slice(0, m.index) + '\u0000'.repeat(m[0].length) + work.slice(m.index + m[0].length);
        }
      }
      for (const m of s.text.matchAll(SHARE)) {
        const value = parseCount(m[1]!);
        if (value === null) continue;
        claims.push(percentClaim(i, s.original, m, m[3]!, [value], denominatorsFor(m[2]!, s.text)));
      }
    }
    for (const m of s.text.matchAll(NONE_RECEIVED))
      claims.push({ kind: 'count', sentence: i, at: m.index!, snippet: m[0], value: 0, target: 'new', mayIncludeCarried: false });
    for (const m of s.text.matchAll(NONE_CASES)) {
      const what = m[1]!;
      const base = { kind: 'count' as const, sentence: i, at: m.index!, snippet: m[0], value: 0, mayIncludeCarried: false };
      if (what.includes('复议')) claims.push({ ...base, target: 'review' });
      if (what.includes('诉讼')) claims.push({ ...base, target: 'suits' });
    }
    for (const m of s.text.matchAll(RATE))
      claims.push(percentClaim(i, s.original, m, m[1]!, ['granted', 'grantedPlusPartial'], ['resultTotal', 'new', 'newPlusCarried']));
    for (const m of s.text.matchAll(UPHELD_ALL)) {
      const review = s.text.includes('复议');
      const suits = s.text.includes('诉讼');
      claims.push({
        kind: 'review',
        sentence: i,
        at: m.index!,
        snippet: m[0],
        groups: review && !suits ? 'review' : suits && !review ? 'suits' : 'all',
      });
    }
  });
  return { sentences, claims };
}

const extractMemo = memo(extract);

interface Resolved {
  value: number | null;
  cells: string[];
  name: string;
  /** Said after the value (how a blank 总计 was read). */
  note: string;
}

/** A target's value in the tables, its cells and its name in the table's words. */
function resolve(ctx: CheckContext, target: TargetId): Resolved {
  const t3Total = (rows: string[]): Resolved => {
    const cells = rows.map((r) => `t3.${r}.total`);
    const values = cells.map((c) => ctx.effective(c));
    const value = values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + b!, 0);
    const blank = cells.some((c) => ctx.derived(c));
    const totalName = ctx.names.column('t3', 'total');
    const names = rows.map((r) => `${ctx.names.row('t3', r)}（${totalName}）`);
    const sum = rows.length > 1 && value !== null ? `${names.join(' + ')} = ${values.map((v) => num(v!)).join(' + ')}` : names[0]!;
    return { value, cells, name: sum, note: blank ? `；表中${totalName}为空，按各列之和计` : '' };
  };
  const t4Total = (groups: string[]): Resolved => {
    const cells = groups.map((g) => `t4.${g}.total`);
    const values = cells.map((c) => ctx.effective(c));
    const value = values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + b!, 0);
    const names = groups.map((g) => `${ctx.names.group(g)}·${ctx.names.column('t4', `${g}.total`).split('·').pop()}`);
    const sum = groups.length > 1 && value !== null ? `${names.join(' + ')} = ${values.map((v) => num(v!)).join(' + ')}` : names[0]!;
    return { value, cells, name: sum, note: '' };
  };
  switch (target) {
    case 'new':
    case 'carriedIn':
    case 'granted':
    case 'partial':
    case 'carriedOut':
    case 'resultTotal':
      return t3Total([target]);
    case 'newPlusCarried':
      return t3Total(['new', 'carriedIn']);
    case 'grantedPlusPartial':
      return t3Total(['granted', 'partial']);
    case 'review':
      return t4Total(['review']);
    case 'suits':
      return t4Total(suitGroups(ctx));
    default: {
      const id = target.slice('group:'.length);
      const group = ctx.index.t3Groups.find((g) => g.id === id)!;
      return {
        value: groupSum(ctx, id),
        cells: [...ctx.groupCells.get(id)!.get('total')!],
        name: `${group.label}${group.rows.length > 1 ? '（各项合计）' : ''}`,
        note: '',
      };
    }
  }
}

/** T4 groups of 行政诉讼: every group but 行政复议. */
function suitGroups(ctx: CheckContext): string[] {
  return [...new Set(ctx.index.columnIds.t4.map((c) => c.split('.')[0]!))].filter((g) => g !== 'review');
}

/** The claim's words in the part's text, leading spaces left out: what the editor selects. */
function spanOf(s: Sentence, c: Claim): { start: number; end: number } {
  const lead = c.snippet.length - c.snippet.trimStart().length;
  const start = s.start + c.at + lead;
  return { start, end: start + c.snippet.trim().length };
}

function checkCount(ctx: CheckContext, section: NarrativeKey, s: Sentence, c: CountClaim): void {
  const r = resolve(ctx, c.target);
  if (r.value === null || r.value === c.value) return;
  let hint = '';
  if (c.mayIncludeCarried) {
    const both = resolve(ctx, 'newPlusCarried');
    if (both.value === c.value)
      hint = `；${c.value} 是“${ctx.names.row('t3', 'new')}”与“${ctx.names.row('t3', 'carriedIn')}”之和，若包含上年结转的申请，请在句中写明“含上年结转”`;
  }
  ctx.push({
    rule: 'text.numbers',
    severity: RULES['text.numbers'],
    cells: r.cells,
    section,
    span: spanOf(s, c),
    message: `正文“${quote(s, c.at)}”写“${c.snippet.trim()}”，但表中 ${r.name} = ${num(r.value)}（差 ${num(Math.abs(r.value - c.value))}${r.note}）${hint}`,
    expected: r.value,
    actual: c.value,
  });
}

function checkPercent(ctx: CheckContext, section: NarrativeKey, s: Sentence, c: PercentClaim): void {
  const tolerance = 0.5 * 10 ** -c.decimals + 1e-9;
  let first: { n: number; d: Resolved; cells: string[] } | null = null;
  for (const numerator of c.numerators) {
    const n = typeof numerator === 'number' ? { value: numerator, cells: [] as string[] } : resolve(ctx, numerator);
    if (n.value === null) continue;
    for (const denominator of c.denominators) {
      const d = resolve(ctx, denominator);
      if (!d.value) continue;
      if (Math.abs((100 * n.value) / d.value - c.percent) <= tolerance) return;
      first ??= { n: n.value, d, cells: [...n.cells, ...d.cells] };
    }
  }
  if (!first) return;
  const computed = (100 * first.n) / first.d.value!;
  ctx.push({
    rule: 'text.numbers',
    severity: RULES['text.numbers'],
    cells: first.cells.length ? first.cells : first.d.cells,
    section,
    span: spanOf(s, c),
    message: `正文“${quote(s, c.at)}”写“${c.snippet.trim()}”，但按表中数字 ${num(first.n)} ÷ ${num(first.d.value!)}（分母：${first.d.name}）= ${computed.toFixed(Math.max(1, c.decimals))}%，与 ${c.percent}% 不符`,
    expected: Number(computed.toFixed(Math.max(1, c.decimals))),
    actual: c.percent,
  });
}

/** Columns of T4 that are not 结果维持 or 总计. */
const NOT_UPHELD = new Set(['corrected', 'other', 'pending']);

function checkReview(ctx: CheckContext, section: NarrativeKey, s: Sentence, c: ReviewClaim): void {
  const groups = c.groups === 'review' ? ['review'] : c.groups === 'suits' ? suitGroups(ctx) : ['review', ...suitGroups(ctx)];
  const offending = ctx.index.columnIds.t4.filter((id) => {
    const [g, col] = id.split('.') as [string, string];
    return groups.includes(g) && NOT_UPHELD.has(col) && (ctx.value(`t4.${id}`) ?? 0) > 0;
  });
  if (offending.length === 0) return;
  const list = offending.map((id) => `${ctx.names.column('t4', id)} ${num(ctx.value(`t4.${id}`)!)}`).join('、');
  ctx.push({
    rule: 'text.reviewClaims',
    severity: RULES['text.reviewClaims'],
    cells: offending.map((id) => `t4.${id}`),
    section,
    span: spanOf(s, c),
    message: `正文“${quote(s, c.at)}”称结果“${c.snippet}”，但表中 ${list}：并非全部维持`,
  });
}

export function textNumberChecks(ctx: CheckContext): void {
  for (const [section, text] of narrativeParts(ctx.doc.narrative)) {
    const { sentences, claims } = extractMemo(text);
    for (const c of claims) {
      const s = sentences[c.sentence]!;
      if (c.kind === 'count') checkCount(ctx, section, s, c);
      else if (c.kind === 'percent') checkPercent(ctx, section, s, c);
      else checkReview(ctx, section, s, c);
    }
  }
}
