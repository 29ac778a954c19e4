/**
 * The enumerations the UI shows by name — a report's status, a finding's severity, a 汇总 unit's state —
 * as plain tuples with their Chinese names. No zod here: the renderer's screens show these names without
 * loading the validation library; the schemas (api.ts, findings.ts) are built from the same tuples.
 */
export const REPORT_STATUSES = ['draft', 'review', 'final'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_NAMES: Readonly<Record<ReportStatus, string>> = { draft: '草稿', review: '待审核', final: '已定稿' };

export function isReportStatus(value: unknown): value is ReportStatus {
  return REPORT_STATUSES.includes(value as ReportStatus);
}

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_NAMES: Readonly<Record<Severity, string>> = { error: '错误', warning: '提醒', info: '信息' };

export const AGGREGATE_UNIT_STATUSES = ['ok', 'warnings', 'errors'] as const;
export type AggregateUnitStatus = (typeof AGGREGATE_UNIT_STATUSES)[number];
export const AGGREGATE_UNIT_STATUS_NAMES: Readonly<Record<AggregateUnitStatus, string>> = { ok: '无问题', warnings: '有提醒', errors: '有错误' };
