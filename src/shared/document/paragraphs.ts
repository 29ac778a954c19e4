/**
 * Narrative text → paragraphs. The exchange file separates paragraphs by blank lines and keeps level-2
 * headings ("（一）主动公开") as ordinary lines, so every non-empty line is its own paragraph and a short
 * line opening with a level-2 or level-3 marker gets that heading's style. A half-width "(一)" marker is a
 * heading too, printed with the full-width brackets of the format.
 */
export type ParagraphKind = 'body' | 'heading2' | 'heading3';

export interface Paragraph {
  kind: ParagraphKind;
  text: string;
}

/** Longer lines that open with "（一）" are body text starting with an enumeration, not headings. */
const MAX_HEADING_CHARS = 40;
/** Full-width as the format prints it, or half-width as text typed on a Latin keyboard often has it. */
const HEADING2 = /^[（(]\s*([一二三四五六七八九十]+)\s*[）)]/;
const HEADING2_MARKER = /^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*/;
const HEADING3 = /^\d+[.．、]/;

function kindOf(line: string): ParagraphKind {
  if (line.length > MAX_HEADING_CHARS || /[。；]$/.test(line)) return 'body';
  if (HEADING2.test(line)) return 'heading2';
  if (HEADING3.test(line)) return 'heading3';
  return 'body';
}

export function paragraphsOf(text: string | undefined): Paragraph[] {
  if (!text) return [];
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const kind = kindOf(line);
      // "(二)依申请公开" prints as the format's "（二）依申请公开"
      return { kind, text: kind === 'heading2' ? line.replace(HEADING2_MARKER, '（$1）') : line };
    });
}
