/**
 * What the text of a cell means while it is typed and when the edit ends. Values go out on every
 * keystroke so the checks follow the typing; text that is not (yet) a valid value is never sent as one.
 */
import type { ValueKind } from '../../shared/format/index';
import { formatValue, isBlankMarker, parseCellText } from '../../shared/values';

export type Typed =
  /** Send this value (null: the user cleared the cell). */
  | { kind: 'value'; value: number | null }
  /** A blank marker ("-", "/", 无) half typed: nothing to send yet, nothing wrong either. */
  | { kind: 'pending' }
  | { kind: 'invalid'; error: string };

export function readTyped(kind: ValueKind, text: string, final: boolean): Typed {
  const parsed = parseCellText(kind, text);
  if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
  // "-" is where "-5" starts; only an empty cell clears while typing, markers clear when the edit ends
  if (parsed.value === null && !final && text.trim() !== '' && isBlankMarker(text)) return { kind: 'pending' };
  return { kind: 'value', value: parsed.value };
}

/** The text a stored value shows in its input: blank for null (the printed 0 is the exporter's business). */
export function displayText(kind: ValueKind, value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatValue(kind, value);
}
