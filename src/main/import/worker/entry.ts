/**
 * The import worker: parses one file per message with the same code as in-process (../file.ts) and posts
 * back the result or the Chinese error. Bundled on its own as dist/electron/import-worker.cjs for Electron;
 * run from source through boot.mjs (tsx) otherwise.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { parseReportFile } from '../file';
import type { WorkerJob, WorkerReply } from './protocol';

const port = parentPort;
if (!port) throw new Error('import worker: started outside a worker thread');

port.on('message', (job: WorkerJob) => {
  void parseReportFile(job.fileName, job.bytes).then(
    ({ doc, report }) => port.postMessage({ id: job.id, ok: true, doc, report } satisfies WorkerReply),
    (e: unknown) => {
      if (e instanceof AppError) {
        port.postMessage({ id: job.id, ok: false, code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } satisfies WorkerReply);
        return;
      }
      // a bug or an input no check foresaw: the user gets a sentence, the log gets the stack
      console.error(`import worker: ${job.fileName}:`, e);
      port.postMessage({
        id: job.id,
        ok: false,
        code: 'unsupported_file',
        message: `无法读取“${job.fileName}”：文件内容无法解析，可能已损坏或不是政府信息公开工作年度报告，未导入。`,
      } satisfies WorkerReply);
    },
  );
});
