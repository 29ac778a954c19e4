/**
 * 汇总 of 500 units (target < 2 s): from exchange files on disk (read, parse, validate, check, sum), and
 * through the service (aggregate.addUnits in batches of 20 as the page sends them, then aggregate.apply).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { aggregateFiles } from '../src/main/aggregate/files';
import { openCore } from '../src/main/services/core';
import { unitReport, writeExchangeFiles } from '../tests/aggregate/generate';
import { row, timeIt, type BenchRow } from './lib';

const UNITS = 500;
const BATCH = 20;

async function call(core: ReturnType<typeof openCore>, name: string, input: unknown): Promise<any> {
  const r = await core.dispatch(name, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export default async (): Promise<BenchRow[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-aggregate-'));
  try {
    const paths = writeExchangeFiles(join(dir, 'units'), Array.from({ length: UNITS }, (_, i) => unitReport(i + 1)));
    let units = 0;
    const files = await timeIt(async () => {
      units = (await aggregateFiles([join(dir, 'units')])).sum.units;
    }, 5, 1);
    if (units !== UNITS) throw new Error(`expected ${UNITS} units summed, got ${units}`);

    const payload = paths.map((p) => ({ fileName: basename(p), data: readFileSync(p).toString('base64') }));
    let run = 0;
    const service = await timeIt(async () => {
      const core = openCore({ dbPath: join(dir, `bench-${run++}.sqlite`), mode: 'cli', autoBackup: false });
      try {
        const agency = await call(core, 'agencies.create', { name: '某某市人民政府', level: 'city' });
        const parent = await call(core, 'reports.create', { agencyId: agency.id, year: 2025 });
        for (let i = 0; i < payload.length; i += BATCH) await call(core, 'aggregate.addUnits', { parentId: parent.id, files: payload.slice(i, i + BATCH) });
        const applied = await call(core, 'aggregate.apply', { parentId: parent.id });
        if (applied.units !== UNITS) throw new Error(`expected ${UNITS} units applied, got ${applied.units}`);
      } finally {
        core.close();
      }
    }, 3, 0);
    return [
      row(`aggregate ${UNITS} exchange files (read + validate + check + sum)`, files, 's', '< 2 s'),
      row(`aggregate ${UNITS} units via service (addUnits ×${UNITS / BATCH} + apply)`, service, 's', '< 2 s'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
