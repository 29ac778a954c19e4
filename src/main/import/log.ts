/** Collects the import report's messages: every problem with where it is, nothing silently guessed. */
import type { ImportReport } from '../../shared/api';

type ImportMessage = ImportReport['messages'][number];

/** Messages kept in one report: past this a hostile file would make the reply as large as the file. */
export const MAX_IMPORT_MESSAGES = 500;

export class ImportLog {
  readonly messages: ImportMessage[] = [];
  private left = 0;

  private add(level: ImportMessage['level'], where: string, message: string, cell?: string): void {
    if (this.messages.length >= MAX_IMPORT_MESSAGES - 1) {
      // the last slot says how many were not listed
      this.left++;
      this.messages[MAX_IMPORT_MESSAGES - 1] = { level: 'warning', where: '导入报告', message: `另有 ${this.left} 条提示未列出` };
      return;
    }
    this.messages.push(cell ? { level, where, message, cell } : { level, where, message });
  }
  info(where: string, message: string, cell?: string): void {
    this.add('info', where, message, cell);
  }
  warn(where: string, message: string, cell?: string): void {
    this.add('warning', where, message, cell);
  }
  error(where: string, message: string, cell?: string): void {
    this.add('error', where, message, cell);
  }
}
