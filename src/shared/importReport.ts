/**
 * The import report as people read it, in the app's import dialog and on the command line alike: the file
 * kind and the format named in words ("2019 年试行格式"), and identical lines grouped — 134 cells of 表三
 * that were blank in the source are one line, not 134.
 */
import type { ImportReport } from './api';
import { formatName, TABLE_NAMES, type FormatId, type TableId } from './format/index';
import { IMPORT_SOURCE_NAMES } from './names';

type Message = ImportReport['messages'][number];

export interface ImportLine {
  level: Message['level'];
  /** The table for a grouped cell message ("表三"), else where the message is about. */
  where: string;
  message: string;
  /** How many messages the line stands for. */
  count: number;
  /** The cells they are about. */
  cells: string[];
}

const tableOf = (cell: string | undefined): string | null => {
  const t = cell?.split('.')[0] as TableId | undefined;
  return t && t in TABLE_NAMES ? TABLE_NAMES[t] : null;
};

/** Messages with the same level and words about cells of one table become one line with their count. */
export function importLines(messages: readonly Message[]): ImportLine[] {
  const lines: ImportLine[] = [];
  const byKey = new Map<string, ImportLine>();
  for (const m of messages) {
    const table = tableOf(m.cell);
    const key = table ? `${m.level}\u0000${table}\u0000${m.message}` : null;
    const same = key ? byKey.get(key) : undefined;
    if (same) {
      same.count++;
      same.where = table!;
      if (m.cell) same.cells.push(m.cell);
      continue;
    }
    const line: ImportLine = { level: m.level, where: m.where, message: m.message, count: 1, cells: m.cell ? [m.cell] : [] };
    if (key) byKey.set(key, line);
    lines.push(line);
  }
  return lines.map((l) => (l.count > 1 ? { ...l, message: `${l.message}（${l.count} 格）` } : l));
}

/** What an import read: the dry run's exchange object, or the stored report. */
export interface ImportedInfo {
  format?: FormatId;
  year?: number;
  agency?: { name?: string };
}

/** What the file was read as: "网页，2020 年度，抚顺市教育局，2019 年试行格式（国办公开办函〔2019〕60号）". */
export function importHeadline(report: Pick<ImportReport, 'source'>, doc: ImportedInfo | null): string {
  return [
    IMPORT_SOURCE_NAMES[report.source],
    ...(doc?.year ? [`${doc.year}年度`] : []),
    ...(doc?.agency?.name ? [doc.agency.name] : []),
    ...(doc?.format ? [formatName(doc.format)] : []),
  ].join('，');
}

const LEVEL_WORDS = { info: '信息', warning: '注意', error: '错误' } as const;

/** The import report as text (the command line's stderr): the headline, then one line per group. */
export function importReportText(report: ImportReport, doc: ImportedInfo | null): string {
  const lines = [`导入：识别 ${report.matched} 项（${importHeadline(report, doc)}）`];
  for (const l of importLines(report.messages)) lines.push(`  [${LEVEL_WORDS[l.level]}] ${l.where ? `${l.where}：` : ''}${l.message}`);
  return lines.join('\n') + '\n';
}
