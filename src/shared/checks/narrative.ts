/**
 * Narrative text as the text rules read it: normalized one character for one (full-width digits and
 * ％ to ASCII, odd spaces to ' ') so positions still point into the original, cut into sentences.
 */
import { NARRATIVE_KEYS, type NarrativeKey } from '../format/index';
import type { Narrative } from '../report';

export interface Sentence {
  /** Normalized text, same length as `original`. */
  text: string;
  original: string;
  /** Offset of the sentence in the part's text. */
  start: number;
}

const ONE_FOR_ONE = /[\uFF10-\uFF19\uFF05\uFF0E\u00A0\u3000\u2002-\u200A\u202F\r]/g;

export function normalizeText(text: string): string {
  return text.replace(ONE_FOR_ONE, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0);
    if (ch === '％') return '%';
    if (ch === '．') return '.';
    return ch === '\r' ? '\n' : ' ';
  });
}

const SENTENCE_END = /[^。！？!?\n]+[。！？!?]*/g;

export function sentencesOf(text: string): Sentence[] {
  const norm = normalizeText(text);
  const out: Sentence[] = [];
  for (const m of norm.matchAll(SENTENCE_END)) {
    const s = m[0].trim();
    if (!s) continue;
    const start = m.index! + m[0].indexOf(s);
    out.push({ text: s, original: text.slice(start, start + s.length), start });
  }
  return out;
}

/** A sentence as messages quote it: whole when short, else cut around the point of interest. */
export function quote(sentence: Sentence, at = 0, max = 90): string {
  const s = sentence.original;
  if (s.length <= max) return s;
  const start = Math.max(0, Math.min(at - 30, s.length - max));
  return `${start > 0 ? '……' : ''}${s.slice(start, start + max)}${start + max < s.length ? '……' : ''}`;
}

/** Parts of the narrative with text, in document order. */
export function narrativeParts(narrative: Narrative | undefined): [NarrativeKey, string][] {
  const out: [NarrativeKey, string][] = [];
  for (const k of NARRATIVE_KEYS) {
    const t = narrative?.[k];
    if (t && t.trim()) out.push([k, t]);
  }
  return out;
}

/** A small memo for per-text work: the editor re-checks on every keystroke with mostly unchanged parts. */
export function memo<T>(compute: (text: string) => T, size = 64): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const v = compute(text);
    if (cache.size >= size) cache.delete(cache.keys().next().value!);
    cache.set(text, v);
    return v;
  };
}
