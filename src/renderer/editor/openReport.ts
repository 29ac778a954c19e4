/**
 * reports.open, possibly asked for before React has rendered anything: when the app starts on an editor
 * address (a reload), the report is requested alongside the agencies instead of after them.
 */
import type { ReportDetail } from '../../shared/api';
import { getClient } from '../client';

let early: { id: number; reply: Promise<ReportDetail> } | null = null;

export function openReportEarly(id: number): void {
  const reply = getClient().send('reports.open', { id });
  reply.catch(() => undefined); // the editor reports a failure when it takes the reply
  early = { id, reply };
}

/** The report, from the early request when it was for this one (used once: a later opening asks again). */
export function openReport(id: number): Promise<ReportDetail> {
  if (early?.id === id) {
    const { reply } = early;
    early = null;
    return reply;
  }
  return getClient().send('reports.open', { id });
}
