/**
 * 批量检查 of 300 mixed reports (target < 30 s): a folder generated from the test fixtures in every file
 * kind (.json, .docx, .html, .mht, .txt, .xlsx, and .pdf printed by Chromium), read, imported, checked with the previous year and
 * written as the result workbook and summary. Wall time and the process's CPU time (the machine is shared).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditFolder } from '../src/main/audit/audit';
import { auditSummaryHtml } from '../src/main/audit/summary';
import { auditWorkbook } from '../src/main/audit/workbook';
import { AUDIT_KINDS, writeAuditFolder } from '../tests/audit/generate';
import { row, type BenchRow } from './lib';

const FILES = 300;
const RUNS = 3;

export default async function (): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  try {
    await writeAuditFolder(dir, FILES);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const rows = await auditFolder(dir);
      await auditWorkbook(rows);
      auditSummaryHtml(rows);
      const c = process.cpuUsage(c0);
      wall.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
      if (rows.length !== FILES || rows.some((r) => !r.ok)) throw new Error('a generated report was not read');
    }
    return [
      row(`audit ${FILES} mixed reports (${AUDIT_KINDS.length} file kinds: ${AUDIT_KINDS.join(' ')}) → workbook + summary, wall`, wall.sort((a, b) => a - b), 's', '< 30 s'),
      row(`audit ${FILES} mixed reports, CPU time of the process`, cpu.sort((a, b) => a - b), 's', '< 30 s'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
