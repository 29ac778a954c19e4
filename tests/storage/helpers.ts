/** Test helpers for the core: a temp folder per test, a core on a real SQLite file, typed calls. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Input, MethodName, Output } from '../../src/shared/api';
import type { ApiError } from '../../src/shared/errors';
import { openCore, type Core, type CoreOptions } from '../../src/main/services/core';

export function tempDir(t: TestContext, prefix = 'gov-core-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestCore {
  core: Core;
  dbPath: string;
  dir: string;
  call<M extends MethodName>(name: M, input: Input<M>): Promise<Output<M>>;
  fail(name: string, input: unknown): Promise<ApiError>;
}

export function coreIn(t: TestContext, dir: string, options: Partial<CoreOptions> = {}): TestCore {
  const dbPath = join(dir, 'reports.sqlite');
  const core = openCore({ dbPath, mode: 'cli', ...options });
  let closed = false;
  const close = core.close.bind(core);
  core.close = () => {
    if (!closed) close();
    closed = true;
  };
  t.after(() => core.close());
  return {
    core,
    dbPath,
    dir,
    async call(name, input) {
      const r = await core.dispatch(name, input);
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async fail(name, input) {
      const r = await core.dispatch(name, input);
      if (r.ok) throw new Error(`${name} should have failed`);
      return r.error;
    },
  };
}

export function testCore(t: TestContext, options: Partial<CoreOptions> = {}): TestCore {
  return coreIn(t, tempDir(t), options);
}

/** An agency and a blank report on `year`. */
export async function agencyAndReport(c: TestCore, year = 2025, name = '某某县教育局') {
  const agency = await c.call('agencies.create', { name, level: 'county-department' });
  const report = await c.call('reports.create', { agencyId: agency.id, year });
  return { agency, report };
}
