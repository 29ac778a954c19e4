/**
 * Times shown to users: Beijing time (UTC+8, no daylight saving), whatever the computer's time zone —
 * the reports, deadlines and offices are all in China. Stored times stay ISO UTC.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "2025-01-31 16:09" (Beijing time) of an ISO timestamp or a Date. */
export function beijingTime(at: string | Date, seconds = false): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) return String(at);
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, seconds ? 19 : 16).replace('T', ' ');
}
