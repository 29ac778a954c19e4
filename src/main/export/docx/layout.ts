/**
 * Paragraph layouts and document styles from the typography settings: body text on the 28 pt grid with a
 * two-character first-line indent, headings likewise indented, the title centred off the grid.
 */
import { AlignmentType, LineRuleType, type IParagraphOptions, type IStylesOptions } from 'docx';
import { PAGE_TWIPS, SPACING, ptToTwips, type RoleStyle, type TextRole } from '../../../shared/document/typography';
import { runProps } from './runs';

export type Styles = Record<TextRole, RoleStyle>;
type Layout = Omit<IParagraphOptions, 'children' | 'text'>;

/** Exactly 28 pt: also the document grid's line pitch. */
export const BODY_LINE_TWIPS = ptToTwips(SPACING.bodyLinePt);

/** Body paragraphs and level-2/3 headings: justified, first line indented two characters of their size. */
export function indentedLayout(style: RoleStyle): Layout {
  return {
    alignment: AlignmentType.JUSTIFIED,
    spacing: { line: BODY_LINE_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    indent: { firstLineChars: SPACING.firstLineChars * 100, firstLine: ptToTwips(style.sizePt * SPACING.firstLineChars) },
  };
}

/**
 * No first-line indent as Word and WPS resolve it: they merge w:ind attribute by attribute down the style
 * chain and let firstLineChars win over firstLine, so the Normal style's firstLineChars="200" must be
 * overridden by a firstLineChars="0" of its own — firstLine="0" alone leaves a two-character indent.
 */
export const NO_FIRST_LINE_INDENT = { firstLineChars: 0, firstLine: 0 } as const;

export function titleLayout(): Layout {
  return {
    alignment: AlignmentType.CENTER,
    spacing: { line: ptToTwips(SPACING.titleLinePt), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    indent: NO_FIRST_LINE_INDENT,
  };
}

/** Table text (the TableText style): single spacing, centred (labels are set left), no indent. */
export function tableTextLayout(): Layout {
  return {
    alignment: AlignmentType.CENTER,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    indent: { ...NO_FIRST_LINE_INDENT, left: 0, right: 0 },
  };
}

/** Page-number paragraphs (the Footer style): single spacing, no indent but the one-character inset. */
export function footerLayout(): Layout {
  return { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 }, indent: NO_FIRST_LINE_INDENT };
}

/**
 * Characters per line and the condensed letter spacing that fits them: 28 characters of 16 pt on a 156 mm
 * line need 15.79 pt each (GB/T 9704 5.2.3). A docGrid with a negative w:charSpace would do it in Word
 * and WPS, but LibreOffice then gives every 16 pt character two grid cells (14 a line), so the section
 * keeps a line grid only and the body runs are condensed by whole twips instead (−0.25 pt → 28 a line).
 */
export function characterFit(bodySizePt: number): { chars: number; spacingTwips: number } {
  const widthPt = PAGE_TWIPS.textWidth / 20;
  const chars = bodySizePt === 16 ? SPACING.charsPerLine : Math.floor(widthPt / bodySizePt);
  return { chars, spacingTwips: Math.min(0, Math.floor((widthPt / chars - bodySizePt) * 20)) };
}

/** Run properties of text on the body grid: the role's font, condensed to fit the characters per line. */
export function gridRunProps(style: RoleStyle, body: RoleStyle) {
  const spacing = style.sizePt === body.sizePt ? characterFit(body.sizePt).spacingTwips : 0;
  return { ...runProps(style), characterSpacing: spacing || undefined };
}

/** Document defaults (the body font) and the heading styles, each naming eastAsia and Latin fonts. */
export function documentStyles(styles: Styles): IStylesOptions {
  const heading = (role: TextRole, outlineLevel: number) => ({
    run: { ...gridRunProps(styles[role], styles.body), italics: false },
    paragraph: { ...indentedLayout(styles[role]), keepNext: true, keepLines: true, outlineLevel },
  });
  return {
    // the Normal style names the body font and size too (LibreOffice reads the grid's font size there);
    // the condensed spacing stays on body runs so that table, title and footer text do not inherit it
    paragraphStyles: [
      { id: 'Normal', name: 'Normal', quickFormat: true, run: runProps(styles.body), paragraph: indentedLayout(styles.body) },
      // one style for every table paragraph instead of overrides on each of them
      { id: 'TableText', name: '表格文字', basedOn: 'Normal', quickFormat: true, run: runProps(styles.table), paragraph: tableTextLayout() },
      { id: 'Footer', name: 'footer', basedOn: 'Normal', run: runProps(styles.pageNumber), paragraph: footerLayout() },
    ],
    default: {
      // zh-CN for East-Asian text: Word and WPS apply Chinese line-breaking and punctuation rules
      document: { run: { ...runProps(styles.body), language: { value: 'en-US', eastAsia: 'zh-CN' } } },
      title: { run: runProps(styles.title), paragraph: titleLayout() },
      heading1: heading('heading1', 0),
      heading2: heading('heading2', 1),
      heading3: heading('heading3', 2),
    },
  };
}
