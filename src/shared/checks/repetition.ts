/**
 * How much of this year's narrative repeats last year's (text.repetition). A character of this year's
 * text counts as repeated when it lies in a run of SHINGLE characters that also occurs somewhere in last
 * year's narrative. Spaces and punctuation are ignored and every digit counts as the same digit, so
 * copying last year's paragraph and changing only the year and the numbers still counts as a copy.
 */
import { NARRATIVE_KEYS, type NarrativeKey } from '../format/index';
import type { Narrative } from '../report';
import type { CheckContext } from './context';
import { memo } from './narrative';
import { RULES } from './types';

/** Length of the runs compared: long enough that set phrases (政府信息公开条例) alone do not count. */
export const SHINGLE = 12;
/** Share of the body (parts 一 to 六) repeated from last year at or above which text.repetition warns. */
export const REPETITION_THRESHOLD = 0.5;
/** Below this many characters a body is too short to judge. */
export const REPETITION_MIN_CHARS = 200;

const IGNORED = /[\s\p{P}\p{S}]/u;

interface Folded {
  /** Character codes compared (digits folded to '0'). */
  codes: number[];
  /** Index in the original text of each compared character. */
  origin: number[];
}

function fold(text: string): Folded {
  const codes: number[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    // CJK ideographs and ASCII letters/digits are the bulk of a report: no regex for them
    const plain = (code >= 0x4e00 && code <= 0x9fff) || (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
    if (!plain && IGNORED.test(text[i]!)) continue;
    if ((code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19)) code = 48;
    codes.push(code);
    origin.push(i);
  }
  return { codes, origin };
}

const B1 = 1_000_003;
const B2 = 31;

/** Hash of every window of SHINGLE codes (two 32-bit polynomial hashes packed into 53 bits). */
function shingles(codes: readonly number[], each: (start: number, key: number) => void): void {
  if (codes.length < SHINGLE) return;
  let p1 = 1;
  let p2 = 1;
  for (let i = 1; i < SHINGLE; i++) {
    p1 = Math.imul(p1, B1);
    p2 = Math.imul(p2, B2);
  }
  let h1 = 0;
  let h2 = 0;
  for (let i = 0; i < codes.length; i++) {
    if (i >= SHINGLE) {
      h1 = (h1 - Math.imul(codes[i - SHINGLE]!, p1)) | 0;
      h2 = (h2 - Math.imul(codes[i - SHINGLE]!, p2)) | 0;
    }
    h1 = (Math.imul(h1, B1) + codes[i]!) | 0;
    h2 = (Math.imul(h2, B2) + codes[i]!) | 0;
    if (i >= SHINGLE - 1) each(i - SHINGLE + 1, (h1 >>> 0) * 2 ** 21 + ((h2 >>> 0) & 0x1fffff));
  }
}

export interface PartRepetition {
  /** Characters compared (punctuation and spaces excluded). */
  chars: number;
  repeated: number;
  /** Repeated passages of the original text, longest first (at most three). */
  passages: string[];
  /** Length of each passage in compared characters. */
  lengths: number[];
}

interface Reference {
  keys: Set<number>;
  parts: Map<string, PartRepetition>;
}

const referenceOf = memo((joined: string): Reference => {
  const keys = new Set<number>();
  for (const part of joined.split('\u0000')) shingles(fold(part).codes, (_, k) => keys.add(k));
  return { keys, parts: new Map() };
}, 4);

function compare(ref: Reference, text: string): PartRepetition {
  const hit = ref.parts.get(text);
  if (hit) return hit;
  const { codes, origin } = fold(text);
  const covered = new Uint8Array(codes.length);
  shingles(codes, (start, key) => {
    if (ref.keys.has(key)) covered.fill(1, start, start + SHINGLE);
  });
  let repeated = 0;
  const runs: [number, number][] = [];
  for (let i = 0; i < covered.length; ) {
    if (!covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < covered.length && covered[j]) j++;
    repeated += j - i;
    runs.push([i, j]);
    i = j;
  }
  runs.sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
  const top = runs.slice(0, 3);
  const result: PartRepetition = {
    chars: codes.length,
    repeated,
    passages: top.map(([a, b]) => text.slice(origin[a]!, origin[b - 1]! + 1)),
    lengths: top.map(([a, b]) => b - a),
  };
  if (ref.parts.size > 64) ref.parts.clear();
  ref.parts.set(text, result);
  return result;
}

/** The reference of a narrative object: the editor passes the same previous report on every keystroke. */
const referenceByObject = new WeakMap<Narrative, Reference>();

function referenceFor(previous: Narrative): Reference {
  let ref = referenceByObject.get(previous);
  if (!ref) {
    ref = referenceOf(NARRATIVE_KEYS.map((k) => previous[k] ?? '').join('\u0000'));
    referenceByObject.set(previous, ref);
  }
  return ref;
}

/** Comparison of each part with the whole of last year's narrative. */
export function repetitionByPart(current: Narrative, previous: Narrative): Partial<Record<NarrativeKey, PartRepetition>> {
  const ref = referenceFor(previous);
  const out: Partial<Record<NarrativeKey, PartRepetition>> = {};
  for (const k of NARRATIVE_KEYS) {
    const text = current[k];
    if (text && text.trim()) out[k] = compare(ref, text);
  }
  return out;
}

/** "与上年重复 N%": the share (0…1) of each part's text repeated from last year; null for an empty part. */
export function repetitionShares(current: Narrative, previous: Narrative): Record<NarrativeKey, number | null> {
  const parts = repetitionByPart(current, previous);
  const out = {} as Record<NarrativeKey, number | null>;
  for (const k of NARRATIVE_KEYS) {
    const p = parts[k];
    out[k] = p && p.chars > 0 ? p.repeated / p.chars : null;
  }
  return out;
}

/** Parts whose repetition the warning judges: the body, not the preamble's fixed wording. */
const BODY: readonly NarrativeKey[] = ['s1', 's2', 's3', 's4', 's5', 's6'];

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function repetitionCheck(ctx: CheckContext): void {
  const previous = ctx.options.previous;
  if (!previous) return;
  const parts = repetitionByPart(ctx.doc.narrative ?? {}, previous.narrative ?? {});
  let chars = 0;
  let repeated = 0;
  let worst: NarrativeKey | undefined;
  for (const k of BODY) {
    const p = parts[k];
    if (!p) continue;
    chars += p.chars;
    repeated += p.repeated;
    if (!worst || p.repeated > parts[worst]!.repeated) worst = k;
  }
  if (chars < REPETITION_MIN_CHARS || repeated / chars < REPETITION_THRESHOLD) return;
  const share = repeated / chars;
  const headings = new Map(ctx.index.format.sections.map((s) => [s.id as NarrativeKey, s.heading]));
  const byPart = BODY.filter((k) => parts[k] && parts[k]!.chars > 0)
    .map((k) => `${headings.get(k)} ${percent(parts[k]!.repeated / parts[k]!.chars)}`)
    .join('，');
  const passages = BODY.flatMap((k) => (parts[k] ? parts[k]!.passages.map((p, i) => [p, parts[k]!.lengths[i]!] as const) : []))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([p]) => `“${p.length > 60 ? p.slice(0, 60) + '……' : p}”`);
  ctx.push({
    rule: 'text.repetition',
    severity: RULES['text.repetition'],
    cells: [],
    section: worst,
    message: `正文有 ${percent(share)} 与 ${previous.year} 年报告相同（${byPart}）；最长的重复段落：${passages.join('；')}。请按本年度实际情况改写`,
    expected: REPETITION_THRESHOLD,
    actual: Number(share.toFixed(4)),
  });
}
