/** Helpers for benchmarks: repeated timing, medians and percentiles. */
export interface BenchRow {
  name: string;
  median: number;
  p95?: number;
  unit: string;
  target?: string;
  n?: number;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

/** Time `fn` n times (after `warmup` runs); returns samples in milliseconds, sorted. */
export async function timeIt(fn: () => unknown, n: number, warmup = Math.min(20, Math.ceil(n / 10))): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b);
}

export function row(name: string, samples: number[], unit: 'ms' | 'µs' | 's', target?: string): BenchRow {
  const k = unit === 'µs' ? 1000 : unit === 's' ? 1 / 1000 : 1;
  return { name, median: quantile(samples, 0.5) * k, p95: quantile(samples, 0.95) * k, unit, target, n: samples.length };
}

/**
 * The bench's and the profiler's one definition of "interactive".
 * Installed before any script of the page: resolves with performance.now() (from the navigation's start)
 * when every selector matches, seen by a MutationObserver, so no polling delay is counted.
 */
export const readyProbe = (selectors: string[]) => `
  window.__ready = new Promise((resolve) => {
    const done = () => ${JSON.stringify(selectors)}.every((s) => document.querySelector(s));
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(document, { subtree: true, childList: true });
  });
`;
