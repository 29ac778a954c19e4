/**
 * What crosses between the main thread and an import worker. The reply is validated with zod on arrival: the
 * main thread only ever holds a report document that passed the same schema as an exchange file.
 */
import * as z from 'zod';
import { ImportReport } from '../../../shared/api';
import { ErrorCode } from '../../../shared/errors';
import { ReportDoc } from '../../../shared/report';

/** One file to parse; `bytes` is transferred, not copied. */
export interface WorkerJob {
  id: number;
  fileName: string;
  bytes: Uint8Array;
}

export const WorkerReply = z.discriminatedUnion('ok', [
  z.object({ id: z.number(), ok: z.literal(true), doc: ReportDoc, report: ImportReport }),
  z.object({ id: z.number(), ok: z.literal(false), code: ErrorCode, message: z.string(), details: z.unknown().optional() }),
]);
export type WorkerReply = z.input<typeof WorkerReply>;
