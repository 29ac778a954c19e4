/**
 * The audit as a workbook: one row per report (agency, level, year, format, file, tables read, errors,
 * warnings, key figures, deadline status), every finding with its cells and message, and the problems
 * counted by rule — in Chinese, with the rules' names, never their ids.
 */
import { AGENCY_LEVEL_NAMES } from '../../shared/agency';
import { ruleName } from '../../shared/checks/index';
import { SEVERITY_NAMES } from '../../shared/findings';
import { formatShortName } from '../../shared/format/index';
import { addListSheet, type ListValue } from '../export/xlsx/listSheet';
import { cellNames, newWorkbook } from '../export/xlsx/index';
import type { AuditRow } from './audit';
import { KEY_FIGURES, keyFigureNames } from './keyFigures';
import { deadlineText } from './published';
import { fileKindName } from '../../shared/report-files';

export interface RuleCount {
  rule: string;
  name: string;
  /** Reports with at least one finding of the rule. */
  reports: number;
  findings: number;
  errors: number;
}

/** Error and warning rules by the number of reports they occur in, most frequent first. */
export function problemCounts(rows: readonly AuditRow[]): RuleCount[] {
  const counts = new Map<string, RuleCount>();
  for (const row of rows) {
    const seen = new Set<string>();
    for (const f of row.findings) {
      if (f.severity === 'info') continue;
      const c = counts.get(f.rule) ?? { rule: f.rule, name: ruleName(f.rule), reports: 0, findings: 0, errors: 0 };
      c.findings++;
      if (f.severity === 'error') c.errors++;
      if (!seen.has(f.rule)) c.reports++;
      seen.add(f.rule);
      counts.set(f.rule, c);
    }
  }
  return [...counts.values()].sort((a, b) => b.reports - a.reports || b.findings - a.findings || a.name.localeCompare(b.name, 'zh'));
}

export const severityCount = (row: AuditRow, severity: 'error' | 'warning') =>
  row.findings.filter((f) => f.severity === severity && !f.acknowledged).length;

export async function auditWorkbook(rows: readonly AuditRow[], title = '政府信息公开工作年度报告批量检查结果'): Promise<Buffer> {
  const wb = await newWorkbook(title);
  const figures = keyFigureNames();
  addListSheet(
    wb,
    '各单位情况',
    [
      { header: '序号', width: 6 },
      { header: '机关', width: 26 },
      { header: '级别', width: 12 },
      { header: '年度', width: 7 },
      { header: '格式', width: 11 },
      { header: '文件类型', width: 12 },
      { header: '文件', width: 24 },
      { header: '读取情况', width: 16 },
      { header: '识别单元格', width: 8 },
      { header: '错误', width: 6 },
      { header: '提醒', width: 6 },
      ...figures.map((h) => ({ header: h, width: 11 })),
      { header: '发布期限', width: 22 },
      { header: '对照的上年报告', width: 26 },
    ],
    rows.map((r, i): ListValue[] =>
      r.ok
        ? [
            i + 1,
            r.agency!,
            AGENCY_LEVEL_NAMES[r.level!],
            r.year!,
            formatShortName(r.format!),
            fileKindName(r.kind),
            r.file,
            '已读取',
            r.matched ?? null,
            severityCount(r, 'error'),
            severityCount(r, 'warning'),
            ...KEY_FIGURES.map((id) => r.cells?.[id] ?? null),
            deadlineText(r.level!, r.year!, r.published),
            r.previousFile ?? '',
          ]
        : [i + 1, '', '', null, '', fileKindName(r.kind), r.file, `无法读取：${r.reason ?? ''}`, null, null, null, ...KEY_FIGURES.map(() => null), '', ''],
    ),
  );
  addListSheet(
    wb,
    '全部问题',
    [
      { header: '序号', width: 6 },
      { header: '机关', width: 24 },
      { header: '年度', width: 7 },
      { header: '文件', width: 28 },
      { header: '类别', width: 7 },
      { header: '检查项目', width: 20 },
      { header: '说明', width: 70 },
      { header: '涉及单元格', width: 40 },
    ],
    rows
      .flatMap((r) => r.findings.map((f) => ({ r, f })))
      .map(({ r, f }, i) => [i + 1, r.agency ?? '', r.year ?? null, r.file, SEVERITY_NAMES[f.severity], ruleName(f.rule), f.message, cellNames({ format: r.format! }, f.cells)]),
  );
  addListSheet(
    wb,
    '问题统计',
    [
      { header: '检查项目', width: 24 },
      { header: '涉及报告数', width: 11 },
      { header: '出现次数', width: 10 },
      { header: '其中错误', width: 10 },
    ],
    problemCounts(rows).map((c) => [c.name, c.reports, c.findings, c.errors]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
