/** 汇总: aggregating 500 units' exchange files from disk — read, parse, validate, assess and sum (target < 2 s). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregateFiles } from '../src/main/aggregate/files';
import { unitReport, writeExchangeFiles } from '../tests/aggregate/generate';
import { row, timeIt, type BenchRow } from './lib';

export default async (): Promise<BenchRow[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-aggregate-'));
  try {
    writeExchangeFiles(dir, Array.from({ length: 500 }, (_, i) => unitReport(i + 1)));
    let units = 0;
    const samples = await timeIt(async () => {
      units = (await aggregateFiles([dir])).sum.units;
    }, 5, 1);
    if (units !== 500) throw new Error(`expected 500 units summed, got ${units}`);
    return [row('aggregate 500 exchange files (read + validate + check + sum)', samples, 's', '< 2 s')];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
