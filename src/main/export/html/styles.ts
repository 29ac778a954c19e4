/**
 * Inline styles of the HTML export. A CMS editor keeps inline styles and drops classes and <style>
 * blocks, so every element carries its own complete style. Sizes follow typography.md; font families
 * come from the caller (the typography module's names and fallbacks).
 */
export interface HtmlFonts {
  title: readonly string[];
  body: readonly string[];
  heading1: readonly string[];
  heading2: readonly string[];
  table: readonly string[];
}

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

const family = (names: readonly string[]) =>
  names.map((n) => (/^[A-Za-z-]+$/.test(n) && !/\s/.test(n) ? n : `'${n.replace(/'/g, '')}'`)).join(',');

const BORDER = 'border:1px solid #000';
const CELL = `${BORDER};padding:2pt 3pt;vertical-align:middle;line-height:1.25;word-break:break-all`;

export function stylesFor(fonts: HtmlFonts): Readonly<Record<StyleName, string>> {
  const body = `font-family:${family(fonts.body)};font-size:16pt;line-height:28pt;color:#000`;
  const tableFont = `font-family:${family(fonts.table)};font-size:10.5pt`;
  return {
    root: `color:#000;${body}`,
    title: `font-family:${family(fonts.title)};font-size:22pt;line-height:1.5;font-weight:normal;text-align:center;margin:0 0 28pt 0;color:#000`,
    body: `${body};text-indent:2em;margin:0;text-align:justify`,
    heading1: `font-family:${family(fonts.heading1)};font-size:16pt;line-height:28pt;font-weight:normal;text-indent:2em;margin:0;color:#000`,
    heading2: `font-family:${family(fonts.heading2)};font-size:16pt;line-height:28pt;font-weight:normal;text-indent:2em;margin:0;color:#000`,
    heading3: `${body};text-indent:2em;margin:0;font-weight:bold`,
    table: `border-collapse:collapse;table-layout:fixed;width:100%;margin:6pt 0 12pt 0;${BORDER};${tableFont};color:#000`,
    headerCell: `${CELL};${tableFont};text-align:center`,
    labelCell: `${CELL};${tableFont};text-align:left`,
    valueCell: `${CELL};${tableFont};text-align:center`,
  };
}
