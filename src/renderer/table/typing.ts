/**
 * What the text of a cell means while it is typed and when the edit ends. Values go out on every
 * keystroke so the checks follow the typing; text that is not (yet) a valid value never leaves a number
 * behind: while it is invalid the cell stores what it held when the edit began.
 */
import type { ValueKind } from '../../shared/format/index';
import { formatValue, isBlankMarker, normalizeNumberText, parseCellText, type ParsedValue } from '../../shared/values';

export type Typed =
  /** Send this value (null: the user cleared the cell). */
  | { kind: 'value'; value: number | null }
  /** Half typed: a blank marker ("-", "/", 无) or a number with thousands separators ("1,2"); nothing wrong yet. */
  | { kind: 'pending' }
  | { kind: 'invalid'; error: string };

/** People write counts the way the report prints them: "12件", "3 项". */
const COUNT_UNIT = /[件个项]$/;
/** "1,2" on the way to "1,234": a separator typed before its three digits. */
const GROUPING = /^[+-]?\d{1,3}(,\d{3})*,\d{0,2}$/;

/** Read a cell's text as typed or pasted: the shared reading, plus a count's trailing unit. */
export function parseTyped(kind: ValueKind, text: string): ParsedValue {
  const parsed = parseCellText(kind, text);
  if (parsed.ok || (kind !== 'count' && kind !== 'signedCount')) return parsed;
  const bare = text.trim().replace(COUNT_UNIT, '');
  if (bare === text.trim() || bare.trim() === '') return parsed;
  const unitless = parseCellText(kind, bare);
  if (unitless.ok) return unitless;
  // why the number is wrong ("-1件": negative), naming the text as typed, unit included
  return { ok: false, error: unitless.error.replace(`“${bare.trim().slice(0, 20)}”`, `“${text.trim().slice(0, 20)}”`) };
}

export function readTyped(kind: ValueKind, text: string, final: boolean): Typed {
  const parsed = parseTyped(kind, text);
  if (!parsed.ok) return !final && GROUPING.test(normalizeNumberText(text)) ? { kind: 'pending' } : { kind: 'invalid', error: parsed.error };
  // "-" is where "-5" starts; only an empty cell clears while typing, markers clear when the edit ends
  if (parsed.value === null && !final && text.trim() !== '' && isBlankMarker(text)) return { kind: 'pending' };
  return { kind: 'value', value: parsed.value };
}

export interface EditStep {
  typed: Typed;
  /** The value to store now; absent when the stored value is already right. */
  store?: number | null;
}

/**
 * One keystroke (or the end) of an edit: a valid text stores its value; text that is invalid or only half
 * typed stores `origin`, the value the cell held when the edit began, so no partial number ("12" of "12a")
 * stays behind.
 */
export function stepEdit(kind: ValueKind, text: string, final: boolean, origin: number | null, current: number | null): EditStep {
  const typed = readTyped(kind, text, final);
  const target = typed.kind === 'value' ? typed.value : origin;
  return target === current ? { typed } : { typed, store: target };
}

/** The text a stored value shows in its input: blank for null (the printed 0 is the exporter's business). */
export function displayText(kind: ValueKind, value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatValue(kind, value);
}
