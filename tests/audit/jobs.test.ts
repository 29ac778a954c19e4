/**
 * 批量检查 as the app runs it, through the core's dispatch on a real SQLite file: files sent in batches,
 * progress while they are read, cancel, files that cannot be read (broken, too large to send) as rows
 * saying why, the same findings as `gov-report audit` over the same folder, saves answered while a job
 * reads, and the result workbook and summary.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { AuditStatus } from '../../src/shared/api';
import { MAX_UPLOAD_FILE_BYTES } from '../../src/shared/upload-limits';
import { auditFolder } from '../../src/main/audit/audit';
import { openCore } from '../../src/main/services/core';
import { tempDir } from '../storage/helpers';
import { AUDIT_KINDS, writeAuditFolder } from './generate';

type Call = (name: string, input: unknown) => Promise<unknown>;

function core(dir: string): { call: Call; close(): void } {
  const c = openCore({ dbPath: join(dir, 'reports.sqlite'), mode: 'browser', autoBackup: false });
  const call: Call = async (name, input) => {
    const r = await c.dispatch(name, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  return { call, close: () => c.close() };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function folderOf(dir: string, n: number): Promise<{ folder: string; files: { fileName: string; data: string }[] }> {
  const folder = join(dir, 'reports');
  (await import('node:fs')).mkdirSync(folder);
  await writeAuditFolder(folder, n);
  const files = readdirSync(folder)
    .sort()
    .map((f) => ({ fileName: f, data: b64(readFileSync(join(folder, f))) }));
  return { folder, files };
}

async function untilState(call: Call, id: string, states: AuditStatus['state'][], seen: AuditStatus[] = []): Promise<AuditStatus> {
  for (;;) {
    const s = (await call('audit.status', { id })) as AuditStatus;
    seen.push(s);
    if (states.includes(s.state)) return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('files in batches: progress while reading, every file a row (broken and oversized ones say why), findings as the CLI gives them', async (t) => {
  const dir = tempDir(t, 'gov-audit-jobs-');
  const { call, close } = core(dir);
  t.after(close);
  const { folder, files } = await folderOf(dir, 2 * AUDIT_KINDS.length);
  const broken = { fileName: 'zz-损坏.docx', data: b64(Buffer.from('not a zip at all')) };
  const total = files.length + 2;

  const started = (await call('audit.start', { total })) as AuditStatus;
  assert.deepEqual([started.state, started.done, started.received, started.rows], ['reading', 0, 0, null]);
  const seen: AuditStatus[] = [];
  const first = (await call('audit.addFiles', { id: started.id, files: files.slice(0, 6) })) as AuditStatus;
  assert.equal(first.received, 6);
  // not the last batch: the job waits for more, never checks early
  const waiting = await (async () => {
    for (;;) {
      const s = (await call('audit.status', { id: started.id })) as AuditStatus;
      seen.push(s);
      if (s.done === 6) return s;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  assert.equal(waiting.state, 'reading');
  assert.equal(waiting.rows, null);
  await call('audit.addFiles', { id: started.id, files: [...files.slice(6), broken], oversize: [{ fileName: 'zz-扫描件.pdf', bytes: MAX_UPLOAD_FILE_BYTES + 1 }], last: true });
  const done = await untilState(call, started.id, ['done'], seen);

  // progress went up one file at a time, naming the file being read
  const dones = seen.map((s) => s.done);
  assert.deepEqual(dones, [...dones].sort((a, b) => a - b), 'progress never goes back');
  assert.ok(seen.some((s) => s.current && s.state === 'reading'), 'the file being read is named');
  assert.equal(done.done, total);

  const rows = done.rows!;
  assert.equal(rows.length, total);
  const byFile = new Map(rows.map((r) => [r.file, r]));
  assert.match(byFile.get('zz-损坏.docx')!.reason ?? '', /docx|Word/);
  assert.equal(byFile.get('zz-损坏.docx')!.ok, false);
  assert.match(byFile.get('zz-扫描件.pdf')!.reason ?? '', /太大.*50\.0 MB/);

  // the same reading and checking as `gov-report audit` over the folder
  const cli = await auditFolder(folder);
  for (const c of cli) {
    const r = byFile.get(c.file)!;
    assert.equal(r.ok, true, c.file);
    assert.deepEqual([r.agency, r.year, r.format, r.matched, r.previousFile], [c.agency, c.year, c.format, c.matched, c.previousFile ?? null], c.file);
    assert.deepEqual(r.findings, c.findings.filter((f) => f.severity !== 'info'), c.file);
  }
  assert.ok(rows.some((r) => r.deadline?.status === 'onTime' || r.deadline?.status === 'late'), 'web pages show their 发布日期');
  assert.ok(rows.some((r) => r.errors > 0), 'the planted errors are found');

  // the workbook: one row per file, the unreadable ones saying why
  const xlsx = (await call('audit.export', { id: started.id, kind: 'xlsx' })) as { fileName: string; data: string };
  assert.match(xlsx.fileName, /\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(xlsx.data, 'base64') as never);
  const sheet = wb.getWorksheet('各单位情况')!;
  assert.equal(sheet.actualRowCount, 1 + total);
  const html = (await call('audit.export', { id: started.id, kind: 'html' })) as { data: string };
  assert.match(Buffer.from(html.data, 'base64').toString('utf8'), /无法读取的文件[\s\S]*zz-扫描件\.pdf/);
});

test('cancel: stops after the file being read, the files read so far are checked, no more files taken', async (t) => {
  const dir = tempDir(t, 'gov-audit-cancel-');
  const { call, close } = core(dir);
  t.after(close);
  const { files } = await folderOf(dir, 24);
  const { id } = (await call('audit.start', { total: files.length })) as AuditStatus;
  await call('audit.addFiles', { id, files: files.slice(0, 12) });
  const cancelled = (await call('audit.cancel', { id })) as AuditStatus;
  assert.ok(cancelled.done < 12, `cancelled before the batch was read (${cancelled.done} read)`);
  const end = await untilState(call, id, ['cancelled']);
  assert.ok(end.done <= cancelled.done + 1, 'at most the file being read is finished');
  assert.equal(end.rows!.length, end.done);
  await assert.rejects(call('audit.addFiles', { id, files: files.slice(12), last: true }), /已取消/);
  // an export of what was read is still possible
  const xlsx = (await call('audit.export', { id, kind: 'xlsx' })) as { data: string };
  assert.ok(Buffer.from(xlsx.data, 'base64').length > 1000);
});

test('saves go on while a job reads: a save answers before the job has read another two files', async (t) => {
  const dir = tempDir(t, 'gov-audit-saves-');
  const { call, close } = core(dir);
  t.after(close);
  const { files } = await folderOf(dir, 30);
  const agency = (await call('agencies.create', { name: '某某县教育局', level: 'county-department' })) as { id: number };
  const report = (await call('reports.create', { agencyId: agency.id, year: 2025 })) as { id: number };
  const { id } = (await call('audit.start', { total: files.length })) as AuditStatus;
  await call('audit.addFiles', { id, files, last: true });
  let before = 0;
  for (let v = 1; before < files.length - 3; v++) {
    before = ((await call('audit.status', { id })) as AuditStatus).done;
    await call('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value: v }] });
    const after = ((await call('audit.status', { id })) as AuditStatus).done;
    assert.ok(after <= before + 1, `the save waited for ${after - before} files`);
    if (v > 5) break;
  }
  await untilState(call, id, ['done']);
});

test('bad requests: unknown job, more files than announced, export before the end', async (t) => {
  const dir = tempDir(t, 'gov-audit-bad-');
  const { call, close } = core(dir);
  t.after(close);
  await assert.rejects(call('audit.status', { id: 'nope' }), /not_found: 找不到这次批量检查/);
  const { id } = (await call('audit.start', { total: 1 })) as AuditStatus;
  const f = { fileName: 'a.txt', data: b64(Buffer.from('x')) };
  await assert.rejects(call('audit.addFiles', { id, files: [f, f] }), /超过开始时声明的 1 个/);
  await assert.rejects(call('audit.export', { id, kind: 'xlsx' }), /尚未完成/);
  await assert.rejects(call('audit.addFiles', { id, files: [{ fileName: 'a.txt', data: '!!!' }] }), /base64/);
  await call('audit.addFiles', { id, files: [f], last: true });
  const end = await untilState(call, id, ['done']);
  assert.equal(end.rows![0]!.ok, false);
  await assert.rejects(call('audit.addFiles', { id, files: [f] }), /收齐/);
});
