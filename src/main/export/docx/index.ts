/**
 * The report as a .docx that prints as an agency's published report (typography.md, GB/T 9704 practice)
 * and survives WPS: title, preamble, the six parts from the format definition with their narrative, the
 * three tables under their parts, page numbers "— 1 —". Fonts are named, never embedded.
 */
import {
  Document,
  DocumentGridType,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  TextRun,
  type FileChild,
} from 'docx';
import { AppError } from '../../../shared/errors';
import { FORMAT_IDS, formatIndex, getFormat, type SectionDef } from '../../../shared/format/index';
import type { ReportDoc } from '../../../shared/report';
import { valueProblem } from '../../../shared/values';
import { paragraphsOf } from '../../../shared/document/paragraphs';
import { PAGE_TWIPS, resolveStyles, type TypographySettings } from '../../../shared/document/typography';
import { pageNumberFooters } from './footer';
import { noGridSnap } from './grid-snap';
import { BODY_LINE_TWIPS, documentStyles, gridRunProps, indentedLayout, type Styles } from './layout';
import { preambleText } from '../../../shared/document/preamble';
import { paragraph, run, xmlSafe } from './runs';
import { buildTable } from './table';
import { finishPackage } from './package';

export { defaultPreamble, preambleText, statisticalPeriod } from '../../../shared/document/preamble';

/** The user's export settings: fonts and sizes per element (typography.ts roles) over the defaults. */
export type DocxOptions = TypographySettings;

/** "某某局" and "2025年政府信息公开工作年度报告": the title breaks between agency and document name. */
export function titleLines(doc: Pick<ReportDoc, 'agency' | 'year' | 'format'>): [string, string] {
  return [xmlSafe(doc.agency.name).trim(), `${doc.year}年${getFormat(doc.format).title}`];
}

function title(doc: ReportDoc, styles: Styles): Paragraph[] {
  const [agency, name] = titleLines(doc);
  const runs = [run(agency, styles.title, { snapToGrid: false }), run(name, styles.title, { snapToGrid: false, break: 1 })];
  // the Title style (layout.ts) centres it and has no first-line indent
  const heading = noGridSnap(paragraph(runs, { heading: HeadingLevel.TITLE }));
  // one empty body line between title and text (GB/T 9704 7.3.3: 标题下空一行)
  return [heading, new Paragraph({ ...indentedLayout(styles.body), children: [] })];
}

/**
 * Room between a table and the paragraph after it, as space before that paragraph rather than an empty
 * paragraph: an empty paragraph that lands at the top of a page prints as a blank line there, while space
 * before is dropped at the top of a page.
 */
const AFTER_TABLE_TWIPS = BODY_LINE_TWIPS / 2;

function withSpaceBefore(layout: ReturnType<typeof indentedLayout>, before: number): ReturnType<typeof indentedLayout> {
  return before ? { ...layout, spacing: { ...layout.spacing, before } } : layout;
}

function narrative(text: string | undefined, section: SectionDef | undefined, styles: Styles, firstBefore = 0): Paragraph[] {
  const paragraphs = paragraphsOf(text === undefined ? undefined : xmlSafe(text));
  // a narrative pasted with its own part heading would print it twice
  if (section && paragraphs[0]?.text === section.heading) paragraphs.shift();
  return paragraphs.map((p, i) => {
    const style = styles[p.kind];
    const heading = p.kind === 'heading2' ? HeadingLevel.HEADING_2 : p.kind === 'heading3' ? HeadingLevel.HEADING_3 : undefined;
    const layout = withSpaceBefore(indentedLayout(style), i === 0 ? firstBefore : 0);
    return paragraph([new TextRun({ ...gridRunProps(style, styles.body), text: p.text })], { ...layout, heading });
  });
}

function sectionHeading(section: SectionDef, styles: Styles, before: number): Paragraph {
  return paragraph([new TextRun({ ...gridRunProps(styles.heading1, styles.body), text: section.heading })], {
    ...withSpaceBefore(indentedLayout(styles.heading1), before),
    heading: HeadingLevel.HEADING_1,
    keepNext: true,
  });
}

export function buildDocument(doc: ReportDoc, options: DocxOptions = {}): Document {
  const format = getFormat(doc.format);
  const styles = resolveStyles(options);
  const children: FileChild[] = [...title(doc, styles), ...narrative(preambleText(doc), undefined, styles)];
  // space before whatever follows a table keeps it off the table's bottom border
  let before = 0;
  for (const section of format.sections) {
    children.push(sectionHeading(section, styles, before));
    before = 0;
    if (section.table) {
      children.push(buildTable(format, section.table, doc.cells, { width: PAGE_TWIPS.textWidth, style: styles.table }));
      before = AFTER_TABLE_TWIPS;
    }
    const text = narrative(doc.narrative[section.id], section, styles, before);
    if (text.length) before = 0;
    children.push(...text);
  }
  const [agency, name] = titleLines(doc);
  return new Document({
    title: `${agency}${name}`,
    subject: name,
    creator: agency,
    lastModifiedBy: agency,
    description: format.notice,
    evenAndOddHeaderAndFooters: true,
    styles: documentStyles(styles),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_TWIPS.width, height: PAGE_TWIPS.height, orientation: PageOrientation.PORTRAIT },
            margin: {
              top: PAGE_TWIPS.top,
              bottom: PAGE_TWIPS.bottom,
              left: PAGE_TWIPS.left,
              right: PAGE_TWIPS.right,
              header: PAGE_TWIPS.header,
              footer: PAGE_TWIPS.footer,
              gutter: 0,
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: BODY_LINE_TWIPS },
        },
        footers: pageNumberFooters(styles.pageNumber),
        children,
      },
    ],
  });
}

/**
 * Callers hand over a stored or parsed report, but the file must never print a wrong number, so a report
 * that slipped past validation is refused with the field named rather than exported.
 */
function assertExportable(doc: ReportDoc): void {
  if (!FORMAT_IDS.includes(doc.format)) throw new AppError('invalid_input', `报告格式“${String(doc.format)}”无法识别，无法导出。`);
  if (!Number.isInteger(doc.year)) throw new AppError('invalid_input', '报告年度缺失或有误，无法导出。');
  if (typeof doc.agency?.name !== 'string' || !doc.agency.name.trim()) throw new AppError('invalid_input', '机关名称为空，无法导出。');
  const index = formatIndex(doc.format);
  for (const [id, value] of Object.entries(doc.cells ?? {})) {
    const info = index.cellById.get(id);
    const problem = info ? valueProblem(info.kind, value) : null;
    if (problem) throw new AppError('invalid_input', `${info!.name}：${problem}，无法导出。`, { cell: id });
  }
}

export async function exportDocx(doc: ReportDoc, options: DocxOptions = {}): Promise<Buffer> {
  assertExportable(doc);
  const fonts = Object.values(resolveStyles(options)).map((s) => s.font);
  return finishPackage(await Packer.toBuffer(buildDocument(doc, options)), fonts);
}

