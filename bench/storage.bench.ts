/**
 * Storage through the core: saving one cell (dispatch → validation, totals, checks, revision, commit with
 * synchronous=FULL), opening a database of 10 000 reports and listing them, importing 1 000 exchange files.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExchangeFile } from '../src/shared/report';
import { openCore, type Core } from '../src/main/services/core';
import { refreshCounts } from '../src/main/services/documents';
import { importedState } from '../src/main/services/import';
import { openDatabase, Store } from '../src/main/storage/index';
import { row, timeIt, type BenchRow } from './lib';

const root = new URL('..', import.meta.url).pathname;
const cleanText = readFileSync(join(root, 'tests/fixtures/2025-clean.json'), 'utf8');

async function call(core: Core, name: string, input: unknown): Promise<any> {
  const r = await core.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

async function saveOneCell(dir: string): Promise<BenchRow[]> {
  const core = openCore({ dbPath: join(dir, 'save.sqlite'), mode: 'cli', autoBackup: false });
  try {
    const last = JSON.parse(cleanText);
    last.year = 2024;
    await call(core, 'reports.import', { fileName: 'last.json', data: Buffer.from(JSON.stringify(last)).toString('base64') });
    const { report } = await call(core, 'reports.import', { fileName: 'clean.json', data: Buffer.from(cleanText).toString('base64') });
    let v = 0;
    const cpu: number[] = [];
    const samples = await timeIt(async () => {
      const c0 = process.cpuUsage();
      await call(core, 'reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value: (v++ % 50) + 1 }] });
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }, 500);
    return [
      row('save one cell via dispatch (totals, revision, fsync)', samples, 'ms', 'p95 < 5 ms'),
      row('  same, CPU time of this process', cpu.slice(-500).sort((a, b) => a - b), 'ms'),
    ];
  } finally {
    core.close();
  }
}

/** 10 000 reports (1 000 agencies × 10 years), each with its cells, narrative and a revision snapshot. */
function build10k(dbPath: string): void {
  const store = new Store(openDatabase(dbPath, join(dbPath, '..', 'backups')));
  const doc = ExchangeFile.parse(JSON.parse(cleanText));
  const state = importedState(doc);
  let counts: { errors: number; warnings: number } | undefined;
  for (let batch = 0; batch < 10; batch++) {
    store.transaction(() => {
      for (let a = batch * 100; a < (batch + 1) * 100; a++) {
        const agency = store.createAgency({ name: `测试县第${a + 1}局`, level: 'county-department' });
        for (let year = 2021; year <= 2030; year++) {
          const id = store.insertReport(agency.id, year, doc.format, state);
          store.recordRevision(id, 'create', () => '新建');
          // Same content everywhere: count once, copy the counts (the bench measures listing, not recounting).
          counts ??= (refreshCounts(store, store.report(id)), store.report(id));
          store.setCounts(id, counts.errors, counts.warnings);
        }
      }
    });
  }
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.db.close();
}

async function openAndList(dir: string): Promise<BenchRow[]> {
  const dbPath = join(dir, 'big.sqlite');
  const t0 = performance.now();
  build10k(dbPath);
  console.error(`  storage.bench: built 10 000 reports in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(statSync(dbPath).size / 1048576).toFixed(0)} MB`);
  const openList: number[] = [];
  const list: number[] = [];
  const listCpu: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    const core = openCore({ dbPath, mode: 'cli', autoBackup: false });
    const opened = performance.now();
    const c0 = process.cpuUsage();
    const rows = (await call(core, 'reports.list', {})) as unknown[];
    const c = process.cpuUsage(c0);
    listCpu.push((c.user + c.system) / 1000);
    const done = performance.now();
    if (rows.length !== 10_000) throw new Error(`listed ${rows.length}`);
    openList.push(done - start);
    list.push(done - opened);
    core.close();
  }
  return [
    row('open a database of 10 000 reports + list them', openList.sort((a, b) => a - b), 'ms'),
    row('list 10 000 reports (reports.list via dispatch)', list.sort((a, b) => a - b), 'ms', '< 50 ms'),
    row('  same, CPU time of this process', listCpu.sort((a, b) => a - b), 'ms'),
  ];
}

async function import1000(dir: string): Promise<BenchRow> {
  const core = openCore({ dbPath: join(dir, 'import.sqlite'), mode: 'cli', autoBackup: false });
  const base = JSON.parse(cleanText);
  const files = Array.from({ length: 1000 }, (_, i) =>
    Buffer.from(JSON.stringify({ ...base, agency: { ...base.agency, name: `导入测试第${i + 1}局` } })).toString('base64'),
  );
  try {
    const start = performance.now();
    for (let i = 0; i < files.length; i++) await call(core, 'reports.import', { fileName: `${i}.json`, data: files[i] });
    return row('import 1 000 exchange files via dispatch', [performance.now() - start], 's');
  } finally {
    core.close();
  }
}

export default async function (): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gov-bench-storage-'));
  try {
    return [...(await saveOneCell(dir)), ...(await openAndList(dir)), await import1000(dir)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
