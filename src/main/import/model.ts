/**
 * The neutral document model every source (.docx, HTML, pasted text) is read into before matching: a
 * sequence of paragraphs and tables. Tables keep the cells in source order with their spans; a position
 * covered by a vertical merge may appear as an empty `covered` cell (.docx, text) or be absent (HTML) —
 * the matcher reads labels and trailing values, so both work.
 */
export interface SourceCell {
  text: string;
  colSpan: number;
  rowSpan: number;
  /** Continuation of a vertical merge from the row above (.docx vMerge). */
  covered?: boolean;
}

export type SourceRow = SourceCell[];

export type SourceBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: SourceRow[] };

export interface SourceDocument {
  source: 'docx' | 'html' | 'text' | 'xlsx';
  blocks: SourceBlock[];
  /** A title found outside the article body (HTML <title>, a heading above the content). */
  titleHint?: string;
  /** Things the reader dropped or repaired, reported to the user. */
  notes: string[];
}

export const cell = (text: string, colSpan = 1, rowSpan = 1, covered = false): SourceCell =>
  covered ? { text, colSpan, rowSpan, covered } : { text, colSpan, rowSpan };
