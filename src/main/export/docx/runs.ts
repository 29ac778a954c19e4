/**
 * Runs and paragraphs with the fonts of typography.md: every run names its East-Asian font and Times New
 * Roman for Latin letters and digits, so WPS and Word pick the same faces whatever the style chain says.
 */
import { Paragraph, TextRun, type IParagraphOptions, type IRunOptions } from 'docx';
import { LATIN_FONT, type RoleStyle } from '../../../shared/document/typography';

/** Black, named fonts; `hint` makes ambiguous characters (“”、—) take the East-Asian font. */
export function runProps(style: RoleStyle) {
  return {
    font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: style.font, hint: 'eastAsia' },
    size: Math.round(style.sizePt * 2),
    sizeComplexScript: false,
    // only a bold role writes w:b: fewer elements per run keeps a 30-row T3 quick to write
    bold: style.bold || undefined,
    color: '000000',
  } satisfies IRunOptions;
}

/**
 * Text that XML 1.0 can carry: Word's manual line break (U+000B, pasted along with text copied out of
 * Word) and form feeds become line breaks, other control characters and lone surrogates are dropped —
 * one of them would make Word and WPS refuse the whole file.
 */
export function xmlSafe(text: string): string {
  return text
    .replace(/[\u000B\u000C\u2028\u2029]/g, '\n')
    .replace(/[\u0000-\u0008\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

export function run(text: string, style: RoleStyle, extra: IRunOptions = {}): TextRun {
  return new TextRun({ ...runProps(style), ...extra, text: xmlSafe(text) });
}

/** A paragraph of runs; `options` carries the layout (spacing, indent, alignment, style id). */
export function paragraph(runs: TextRun[], options: Omit<IParagraphOptions, 'children' | 'text'> = {}): Paragraph {
  return new Paragraph({ ...options, children: runs });
}
