/**
 * The publication date a saved web page shows (发布日期：2025-01-20, 发布时间：2025年1月20日), and whether
 * it meets the deadline of the report's year. Only pages carry one; for other files the status is unknown.
 */
import { deadlineOf, type AgencyLevel } from '../../shared/agency';
import { htmlOfMhtml } from '../import/mhtml';

export interface PublicationDate {
  year: number;
  month: number;
  day: number;
}

const LABELLED_DATE = /(?:发布|发文|公开|成文)(?:日期|时间)\s*[:：]?\s*(?:<[^>]*>\s*)*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;
const PAGE_KINDS = new Set(['html', 'htm', 'mht', 'mhtml', 'txt']);
/** The date sits in the page's header area: the first part of the file is enough. */
const SCAN_BYTES = 512 * 1024;

export function publicationDate(kind: string, bytes: Uint8Array): PublicationDate | null {
  if (!PAGE_KINDS.has(kind)) return null;
  if (kind === 'mht' || kind === 'mhtml') {
    // the page inside is often base64 or quoted-printable
    try {
      return dateIn(htmlOfMhtml(bytes).slice(0, SCAN_BYTES));
    } catch {
      return null;
    }
  }
  const head = bytes.subarray(0, SCAN_BYTES);
  let text = new TextDecoder('utf-8').decode(head);
  if (!LABELLED_DATE.test(text)) text = new TextDecoder('gb18030').decode(head);
  return dateIn(text);
}

function dateIn(text: string): PublicationDate | null {
  const m = LABELLED_DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day };
}

export type DeadlineStatus = { kind: 'unknown' } | { kind: 'onTime'; date: PublicationDate } | { kind: 'late'; date: PublicationDate; days: number };

const utc = (d: PublicationDate) => Date.UTC(d.year, d.month - 1, d.day);

export function deadlineStatus(level: AgencyLevel, year: number, date: PublicationDate | null | undefined): DeadlineStatus {
  if (!date) return { kind: 'unknown' };
  const deadline = deadlineOf(level, year);
  const days = Math.round((utc(date) - utc(deadline)) / 86_400_000);
  return days > 0 ? { kind: 'late', date, days } : { kind: 'onTime', date };
}

export function deadlineText(level: AgencyLevel, year: number, date: PublicationDate | null | undefined): string {
  const s = deadlineStatus(level, year, date);
  const d = deadlineOf(level, year);
  const when = (p: PublicationDate) => `${p.year}年${p.month}月${p.day}日`;
  if (s.kind === 'unknown') return '未知（文件未显示发布日期）';
  if (s.kind === 'onTime') return `按时（${when(s.date)}发布，期限${when(d)}）`;
  return `逾期 ${s.days} 天（${when(s.date)}发布，期限${when(d)}）`;
}
