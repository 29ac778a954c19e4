/**
 * The service methods for the 汇总 tests: through `openCore(...).dispatch` on a real SQLite file, the
 * same path every transport takes. Errors come back as rejections carrying the Chinese message.
 */
import { openCore } from '../../src/main/services/core';

export type Call = (name: string, input: unknown) => Promise<unknown>;

export async function AGGREGATE_TEST_CORE(dbPath: string): Promise<{ call: Call; close: () => void }> {
  const core = openCore({ dbPath, mode: 'cli' });
  const call: Call = async (name, input) => {
    const r = await core.dispatch(name, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  return { call, close: () => core.close() };
}
