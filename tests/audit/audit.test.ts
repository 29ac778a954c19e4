/**
 * gov-report audit over a folder of every file kind (generated from the fixtures) plus files it cannot
 * read: one row per file (an unreadable file is a row saying why), the same findings per file as
 * `gov-report check` (with --previous where the audit used the previous year's report), rule names in
 * Chinese, deadline status from the page's 发布日期, and a one-page HTML summary with an SVG chart.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { RULE_NAMES } from '../../src/shared/checks/index';
import { tempDir } from '../storage/helpers';
import { AUDIT_KINDS, writeAuditFolder } from './generate';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'gov-report.mjs');

function cli(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, GOV_REPORT_DATA_DIR: join(dir, 'appdata') }, timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport {
  file: string;
  ok: boolean;
  reason?: string;
  findings?: { rule: string; severity: string; cells: string[]; message: string }[];
}

test('audit: a row per file, unreadable files say why, findings as check gives them, workbook and summary', async (t) => {
  const dir = tempDir(t, 'gov-audit-');
  const folder = join(dir, 'reports');
  (await import('node:fs')).mkdirSync(folder);
  const made = await writeAuditFolder(folder, 2 * AUDIT_KINDS.length);
  writeFileSync(join(folder, 'zz-损坏.docx'), 'not a zip at all');
  writeFileSync(join(folder, 'zz-空白.txt'), '');

  const run = cli(dir, 'audit', 'reports', '--xlsx', 'out.xlsx', '--html', 'out.html');
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stdout, new RegExp(`共 ${made.length + 2} 个文件：${made.length} 份已读取`));

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(dir, 'out.xlsx')) as never);
  const rows = wb.getWorksheet('各单位情况')!;
  const header = (rows.getRow(1).values as unknown[]).slice(1).map(String);
  const col = (name: string) => header.indexOf(name) + 1;
  assert.equal(rows.actualRowCount, 1 + made.length + 2);
  const byFile = new Map<string, ExcelJS.Row>();
  rows.eachRow((row, n) => n > 1 && byFile.set(String(row.getCell(col('文件')).value), row));
  assert.match(String(byFile.get('zz-损坏.docx')!.getCell(col('读取情况')).value), /^无法读取：.*\.docx/);
  assert.match(String(byFile.get('zz-空白.txt')!.getCell(col('读取情况')).value), /^无法读取：.*空/);
  for (const m of made) {
    const row = byFile.get(m.file)!;
    assert.equal(row.getCell(col('读取情况')).value, '已读取', m.file);
    assert.equal(row.getCell(col('机关')).value, m.doc.agency.name);
    assert.equal(row.getCell(col('年度')).value, m.doc.year);
  }
  const html = made.find((m) => m.kind === 'html')!;
  assert.match(String(byFile.get(html.file)!.getCell(col('发布期限')).value), /^(按时|逾期)/);
  assert.match(String(byFile.get(made.find((m) => m.kind === 'docx')!.file)!.getCell(col('发布期限')).value), /^未知/);

  const problems = wb.getWorksheet('全部问题')!;
  const names = new Set(Object.values(RULE_NAMES));
  const ruleCol = (problems.getRow(1).values as unknown[]).indexOf('检查项目');
  problems.eachRow((row, n) => n > 1 && assert.ok(names.has(String(row.getCell(ruleCol).value)), String(row.getCell(ruleCol).value)));

  const summary = readFileSync(join(dir, 'out.html'), 'utf8');
  assert.match(summary, /<svg[^>]*role="img"/);
  assert.ok([...names].some((n) => summary.includes(n)), 'the chart names a rule');
  assert.doesNotMatch(summary, /<script|https?:\/\/(?!www\.w3\.org)/);

  // the same findings per file as `check`, with --previous where the audit used one
  const json = JSON.parse(cli(dir, 'audit', 'reports', '--json').stdout) as { reports: JsonReport[] };
  const previousOf = new Map<string, string>();
  rows.eachRow((row, n) => {
    const prev = String(row.getCell(col('对照的上年报告')).value ?? '');
    if (n > 1 && prev) previousOf.set(String(row.getCell(col('文件')).value), prev);
  });
  const sample = ['docx', 'mht', 'xlsx', 'txt', ...(AUDIT_KINDS.includes('pdf') ? ['pdf'] : [])].map((k) => made.find((m) => m.kind === k && (k === 'txt' || previousOf.has(m.file)))!.file);
  for (const file of sample) {
    const prev = previousOf.get(file);
    const check = cli(dir, 'check', join('reports', file), '--json', ...(prev ? ['--previous', join('reports', prev)] : []));
    assert.ok(check.code === 0 || check.code === 1, check.stderr);
    const fromAudit = json.reports.find((r) => r.file === file)!;
    assert.deepEqual(fromAudit.findings, JSON.parse(check.stdout).findings, file);
  }
});
