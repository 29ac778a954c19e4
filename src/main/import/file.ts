/**
 * A report from any supported file's bytes: an exchange .json (validated here), or .docx/.pdf/.html/.mht/
 * .txt/.md/.xlsx through the importers. This is the parsing itself; the app, the server, the CLI, 汇总 and
 * audit run it in a worker (worker/host.ts) so that a large or hostile file never blocks the main thread.
 */
import type { ImportReport } from '../../shared/api';
import type { ReportDoc } from '../../shared/report';
import { replacedBytesNote } from './encoding';
import { isExchangeFileName, parseExchangeText } from './exchange';
import { importFile } from './index';

/** Read any supported report file into a report document and an import report, in this thread. */
export async function parseReportFile(fileName: string, bytes: Uint8Array): Promise<{ doc: ReportDoc; report: ImportReport }> {
  if (isExchangeFileName(fileName)) {
    const { doc, decoded } = parseExchangeText(bytes, fileName);
    const matched = Object.values(doc.cells).filter((v) => v !== null).length;
    const note = replacedBytesNote(decoded);
    return { doc, report: { source: 'exchange', matched, messages: note ? [{ level: 'warning', where: '文件', message: note }] : [] } };
  }
  return importFile(fileName, bytes);
}
