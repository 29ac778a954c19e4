/**
 * Inline styles of the HTML export. A CMS editor keeps inline styles and drops classes and <style>
 * blocks, so every element carries its own complete style. Fonts, sizes and line spacing come from the
 * typography module shared with the .docx exporter.
 */
import { cssFontFamily, resolveStyles, SPACING, TABLE_FIT, type RoleStyle, type TextRole, type TypographySettings } from '../../../shared/document/typography';

export type StyleName =
  | 'root'
  | 'title'
  | 'body'
  | 'heading1'
  | 'heading2'
  | 'heading3'
  | 'table'
  | 'headerCell'
  | 'labelCell'
  | 'valueCell';

const BORDER = 'border:1px solid #000';

export function stylesFor(settings: TypographySettings = {}): Readonly<Record<StyleName, string>> {
  const roles = resolveStyles(settings);
  // single quotes keep the style attribute readable (no &quot;) when pasted into a CMS
  const font = (role: TextRole, s: RoleStyle = roles[role]) =>
    `font-family:${cssFontFamily(s.font).replace(/"/g, "'")};font-size:${s.sizePt}pt;font-weight:${s.bold ? 'bold' : 'normal'};color:#000`;
  const line = `line-height:${SPACING.bodyLinePt}pt`;
  const indent = `text-indent:${SPACING.firstLineChars}em`;
  const cell = `${BORDER};padding:${TABLE_FIT.verticalPaddingPt}pt ${TABLE_FIT.paddingPt}pt;vertical-align:middle;line-height:1.25;${font('table')}`;
  return {
    root: `${font('body')};${line}`,
    title: `${font('title')};line-height:${SPACING.titleLinePt}pt;text-align:center;margin:0 0 ${SPACING.bodyLinePt}pt 0`,
    body: `${font('body')};${line};${indent};margin:0;text-align:justify`,
    heading1: `${font('heading1')};${line};${indent};margin:0`,
    heading2: `${font('heading2')};${line};${indent};margin:0`,
    heading3: `${font('heading3', { ...roles.heading3, bold: true })};${line};${indent};margin:0`,
    table: `border-collapse:collapse;table-layout:fixed;width:100%;margin:6pt 0 12pt 0;${BORDER};${font('table')}`,
    headerCell: `${cell};text-align:center;word-break:break-all`,
    labelCell: `${cell};text-align:left;word-break:break-all`,
    // a number is never split over two lines (typography.md)
    valueCell: `${cell};text-align:center;white-space:nowrap`,
  };
}
