/** The handler registry: handler maps merged into one, refusing a method defined twice. */
import { METHOD_NAMES, type MethodName } from '../../shared/api';
import type { Handler } from './context';

export type Registry = ReadonlyMap<string, Handler<MethodName>>;

export function buildRegistry(...maps: Readonly<Record<string, unknown>>[]): Registry {
  const registry = new Map<string, Handler<MethodName>>();
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (registry.has(name)) throw new Error(`handler registered twice: ${name}`);
      if (typeof handler !== 'function') throw new Error(`handler is not a function: ${name}`);
      registry.set(name, handler as Handler<MethodName>);
    }
  }
  return registry;
}

/** Methods of api.ts with no handler (reported as errors when called, listed by the tests). */
export function missingHandlers(registry: Registry): MethodName[] {
  return METHOD_NAMES.filter((m) => !registry.has(m));
}
