/** Placeholder until the HTML exporter lands: the signatures the rest of the code calls. */
import type { ReportDoc } from '../../../shared/report';

/** A paste-ready fragment for a CMS editor: inline styles only, no classes or scripts. */
export function exportHtmlFragment(_doc: ReportDoc): string {
  throw new Error('not implemented');
}

/** A standalone HTML page with the same content as the .docx. */
export function exportHtmlPage(_doc: ReportDoc): string {
  throw new Error('not implemented');
}
