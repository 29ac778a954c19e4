/**
 * Which cells and rows of one table a set of findings outlines, and the hover text for each. Computed once
 * per findings change, then every cell reads a couple of strings, so the per-keystroke render stays cheap.
 */
import type { FormatIndex } from '../../shared/format/index';
import type { Finding } from '../../shared/findings';
import { SEVERITY_NAMES } from '../../shared/names';

export type OutlineLevel = 'error' | 'warning';

export interface Mark {
  severity: OutlineLevel;
  /** Every finding on the cell is an acknowledged warning: drawn dimmer. */
  acknowledged: boolean;
  /** Hover text: one line per finding. */
  title: string;
}

export interface Outlines {
  cells: ReadonlyMap<string, Mark>;
  /** By row id (the label of a row with a problem gets a marker too). */
  rows: ReadonlyMap<string, Mark>;
}

const RANK = { error: 2, warning: 1, info: 0 } as const;

function findingLine(f: Finding): string {
  if (f.acknowledged) return `${SEVERITY_NAMES[f.severity]}（已确认：${f.acknowledged.reason}）：${f.message}`;
  return `${SEVERITY_NAMES[f.severity]}：${f.message}`;
}

interface Acc {
  severity: OutlineLevel;
  acknowledged: boolean;
  lines: string[];
}

function add(map: Map<string, Acc>, key: string, f: Finding & { severity: OutlineLevel }) {
  const line = findingLine(f);
  const acc = map.get(key);
  if (!acc) {
    map.set(key, { severity: f.severity, acknowledged: !!f.acknowledged, lines: [line] });
    return;
  }
  if (!acc.lines.includes(line)) acc.lines.push(line);
  if (RANK[f.severity] > RANK[acc.severity]) {
    acc.severity = f.severity;
    acc.acknowledged = !!f.acknowledged;
  } else if (f.severity === acc.severity && !f.acknowledged) acc.acknowledged = false;
}

function seal(map: Map<string, Acc>): Map<string, Mark> {
  const out = new Map<string, Mark>();
  for (const [k, a] of map) {
    // the worst problem first
    out.set(k, { severity: a.severity, acknowledged: a.acknowledged, title: a.lines.join('\n') });
  }
  return out;
}

/** Outlines of the cells of `table`; info findings are listed in the check panel but not outlined. */
export function outlinesFor(findings: readonly Finding[], table: string, index: FormatIndex): Outlines {
  const cells = new Map<string, Acc>();
  const rows = new Map<string, Acc>();
  const sorted = [...findings].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  for (const f of sorted) {
    if (f.severity === 'info') continue;
    const outlined = f as Finding & { severity: OutlineLevel };
    for (const id of f.cells) {
      const info = index.cellById.get(id);
      if (!info || info.table !== table) continue;
      add(cells, id, outlined);
      add(rows, info.row, outlined);
    }
  }
  return { cells: seal(cells), rows: seal(rows) };
}
