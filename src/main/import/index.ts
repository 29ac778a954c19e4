/** Placeholder until the importers land: the signature the rest of the code calls. */
import type { ImportReport } from '../../shared/api';
import type { ReportDoc } from '../../shared/report';

export interface ImportResult {
  doc: ReportDoc;
  report: ImportReport;
}

/** Read a report from a file's bytes: exchange .json, .docx, .html/.htm, or .txt (pasted text). */
export async function importFile(_fileName: string, _bytes: Uint8Array): Promise<ImportResult> {
  throw new Error('not implemented');
}
