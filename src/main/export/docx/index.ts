/** Placeholder until the .docx exporter lands: the signature the rest of the code calls. */
import type { ReportDoc } from '../../../shared/report';

export interface DocxOptions {
  /** Font overrides from the export settings. */
  fonts?: Partial<Record<'title' | 'body' | 'heading1' | 'heading2' | 'table', string>>;
}

export async function exportDocx(_doc: ReportDoc, _options: DocxOptions = {}): Promise<Buffer> {
  throw new Error('not implemented');
}
