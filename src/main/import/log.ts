/** Collects the import report's messages: every problem with where it is, nothing silently guessed. */
import type { ImportReport } from '../../shared/api';

type ImportMessage = ImportReport['messages'][number];

export class ImportLog {
  readonly messages: ImportMessage[] = [];

  private add(level: ImportMessage['level'], where: string, message: string, cell?: string): void {
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
