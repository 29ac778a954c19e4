/** Dates as Chinese staff write them: 2025年1月31日. */
export function formatDate(d: Date | string): string {
  const x = typeof d === 'string' ? new Date(d) : d;
  return `${x.getFullYear()}年${x.getMonth() + 1}月${x.getDate()}日`;
}

export function formatDateTime(d: Date | string): string {
  const x = typeof d === 'string' ? new Date(d) : d;
  return `${formatDate(x)} ${formatTime(x)}`;
}

export function formatTime(d: Date | string): string {
  const x = typeof d === 'string' ? new Date(d) : d;
  return `${String(x.getHours()).padStart(2, '0')}:${String(x.getMinutes()).padStart(2, '0')}`;
}

/** Whole days from today to `d` (negative when past). */
export function daysUntil(d: Date, today = new Date()): number {
  const a = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const b = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return Math.round((b - a) / 86_400_000);
}
