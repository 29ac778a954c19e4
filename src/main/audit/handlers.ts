/** Service handlers of the audit.* methods (批量检查 in the app), merged into the core's registry. */
import { AppError } from '../../shared/errors';
import type { Handlers, ServiceContext } from '../services/context';
import { AuditJobs } from './jobs';
import { auditSummaryHtml } from './summary';
import { auditWorkbook } from './workbook';

type AuditMethods = 'audit.start' | 'audit.addFiles' | 'audit.status' | 'audit.cancel' | 'audit.export';

/** Each core (each open database) has its own jobs; they hold no data of the database. */
const jobsByCore = new WeakMap<ServiceContext, AuditJobs>();
function jobsOf(ctx: ServiceContext): AuditJobs {
  let jobs = jobsByCore.get(ctx);
  if (!jobs) jobsByCore.set(ctx, (jobs = new AuditJobs()));
  return jobs;
}

function decodeBase64(data: string, fileName: string): Uint8Array {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(data)) throw new AppError('invalid_input', `文件“${fileName}”的内容编码有误（应为 base64）。`);
  return Buffer.from(data, 'base64');
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TITLE = '政府信息公开工作年度报告批量检查结果';

export const auditHandlers: Handlers<AuditMethods> = {
  'audit.start': ({ total }, ctx) => jobsOf(ctx).start(total).status(),

  'audit.addFiles': ({ id, files, oversize, last }, ctx) => {
    const job = jobsOf(ctx).get(id);
    // every file decoded before any is queued: a bad batch adds nothing
    const inputs = files.map((f) => ({ name: f.fileName, bytes: decodeBase64(f.data, f.fileName) }));
    job.add(inputs, oversize ?? [], last ?? false);
    return job.status(false);
  },

  'audit.status': ({ id }, ctx) => jobsOf(ctx).get(id).status(),

  'audit.cancel': ({ id }, ctx) => {
    const job = jobsOf(ctx).get(id);
    job.cancel();
    return job.status();
  },

  'audit.export': async ({ id, kind }, ctx) => {
    const rows = jobsOf(ctx).get(id).finishedRows();
    if (kind === 'xlsx') return { fileName: `${TITLE}.xlsx`, mimeType: XLSX_MIME, data: (await auditWorkbook(rows, TITLE)).toString('base64') };
    return { fileName: `${TITLE}.html`, mimeType: 'text/html', data: Buffer.from(auditSummaryHtml(rows, TITLE), 'utf8').toString('base64') };
  },
};
