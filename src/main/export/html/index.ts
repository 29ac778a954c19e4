/**
 * HTML for the website: a paste-ready fragment for a CMS editor (inline styles only; no classes, ids,
 * scripts or external resources) and a standalone print-friendly page around the same fragment. Same
 * content as the .docx: title, preamble, the six parts with their narrative, the tables under their parts.
 */
import { getFormat } from '../../../shared/format/index';
import type { ReportDoc } from '../../../shared/report';
import { escapeAttr, escapeHtml } from './escape';
import { paragraphsOf } from '../../../shared/document/paragraphs';
import { preambleText } from '../../../shared/document/preamble';
import { PAGE_MM, resolveStyles, type TypographySettings } from '../../../shared/document/typography';
import { stylesFor, type StyleName } from './styles';
import { tableHtml } from './table';

/** The report's title as printed: the agency on the first line, year and document name on the second. */
export function titleLines(doc: Pick<ReportDoc, 'agency' | 'year' | 'format'>): [string, string] {
  return [doc.agency.name, `${doc.year}年${getFormat(doc.format).title}`];
}

/** `settings`: the user's export font and size settings, the same as the .docx gets. */
export function exportHtmlFragment(doc: ReportDoc, settings: TypographySettings = {}): string {
  const format = getFormat(doc.format);
  const styles = stylesFor(settings);
  const tableSize = resolveStyles(settings).table.sizePt;
  const el = (tag: string, style: StyleName, inner: string) => `<${tag} style="${escapeAttr(styles[style])}">${inner}</${tag}>`;
  const paragraphs = (text: string | undefined) =>
    paragraphsOf(text).map((p) => el('p', p.kind === 'body' ? 'body' : p.kind, escapeHtml(p.text)));

  const parts: string[] = [el('h1', 'title', titleLines(doc).map(escapeHtml).join('<br>'))];
  parts.push(...paragraphs(preambleText(doc)));
  for (const section of format.sections) {
    parts.push(el('h2', 'heading1', escapeHtml(section.heading)));
    if (section.table) parts.push(tableHtml(format, section.table, doc.cells, styles, tableSize));
    parts.push(...paragraphs(doc.narrative[section.id]));
  }
  return `<div style="${escapeAttr(styles.root)}">\n${parts.join('\n')}\n</div>`;
}

export function exportHtmlPage(doc: ReportDoc, settings: TypographySettings = {}): string {
  const [agency, name] = titleLines(doc);
  const m = PAGE_MM.margin;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(agency + name)}</title>
<style>
@page { size: ${PAGE_MM.width}mm ${PAGE_MM.height}mm; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
html { background: #fff; }
body { max-width: ${PAGE_MM.textWidth}mm; margin: 24px auto; padding: 0 12px; }
h1, h2 { break-after: avoid; page-break-after: avoid; }
thead { display: table-header-group; }
@media print { body { margin: 0; padding: 0; } }
</style>
</head>
<body>
${exportHtmlFragment(doc, settings)}
</body>
</html>
`;
}
