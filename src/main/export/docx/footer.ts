/**
 * Page numbers "— 1 —" in the footer (typography.md): odd pages right-aligned, even pages left-aligned,
 * each one character in from the outer edge, in 4号 (14 pt).
 */
import { AlignmentType, Footer, PageNumber, Paragraph, TextRun } from 'docx';
import { PAGE_NUMBER, ptToTwips, type RoleStyle } from '../../../shared/document/typography';
import { noGridSnap } from './grid-snap';
import { runProps } from './runs';

function pageNumberFooter(side: 'odd' | 'even', style: RoleStyle): Footer {
  const inset = ptToTwips(style.sizePt * PAGE_NUMBER.outerIndentChars);
  const paragraph = new Paragraph({
    style: 'Footer',
    alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'odd' ? { right: inset } : { left: inset },
    children: [
      new TextRun({
        ...runProps(style),
        snapToGrid: false,
        children: [PAGE_NUMBER.before, PageNumber.CURRENT, PAGE_NUMBER.after],
      }),
    ],
  });
  return new Footer({ children: [noGridSnap(paragraph)] });
}

/** `default` is used for odd pages once even/odd footers are on. */
export function pageNumberFooters(style: RoleStyle): { default: Footer; even: Footer } {
  return { default: pageNumberFooter('odd', style), even: pageNumberFooter('even', style) };
}
