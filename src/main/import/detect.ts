/**
 * Which format the tables are in, read from the tables themselves: the 2019 T2 has five blocks and
 * 本年新制作数量 / 上一年项目数量 / 第二十条第（九）项; the 2019 T3 has a single （六）其他处理 row; the
 * 2021 tables have 本年制发件数 / 本年处理决定数量 / 本年收费金额 and the three （六） rows. Each format's
 * own labels are the signals (labels only in one of the two definitions), so nothing is spelled here.
 */
import { FORMATS, type FormatId, type BlockTableDef, type MatrixTableDef, type RowNode, leavesOf } from '../../shared/format/index';
import type { SourceRow } from './model';
import { normalizeLabel } from './normalize';

function labelsOf(id: FormatId): Set<string> {
  const f = FORMATS[id];
  const out = new Set<string>();
  const t2 = f.tables.t2 as BlockTableDef;
  for (const b of t2.blocks) {
    out.add(normalizeLabel(b.title));
    for (const h of b.valueHeaders) out.add(normalizeLabel(h));
    for (const r of b.rows) out.add(normalizeLabel(r.label));
  }
  const t3 = f.tables.t3 as MatrixTableDef;
  for (const l of leavesOf<RowNode>(t3.rows)) out.add(normalizeLabel(l.node.label));
  return out;
}

/** Labels that appear in one format's tables and not in the other's. */
const SIGNALS: Record<FormatId, Set<string>> = (() => {
  const a = labelsOf('GOV-2019');
  const b = labelsOf('GOV-2021');
  return {
    'GOV-2019': new Set([...a].filter((l) => !b.has(l))),
    'GOV-2021': new Set([...b].filter((l) => !a.has(l))),
  };
})();

/**
 * The format the tables' labels point to, or null when they do not tell. A leaf-row label only counts
 * when the row carries values: （六）其他处理 is a group heading in 2021 and a value row in 2019.
 */
export function detectTableFormat(tables: readonly SourceRow[][]): { format: FormatId | null; votes: Record<FormatId, number> } {
  const votes: Record<FormatId, number> = { 'GOV-2019': 0, 'GOV-2021': 0 };
  for (const rows of tables)
    for (const row of rows) {
      const texts = row.map((c) => normalizeLabel(c.text)).filter(Boolean);
      const hasValues = texts.some((t) => /^[+\-减增]?\d/.test(t));
      texts.forEach((t, i) => {
        for (const id of ['GOV-2019', 'GOV-2021'] as const) {
          if (!SIGNALS[id].has(t)) continue;
          // the last label of a row with values is a value row; T2 headers and titles count as they are
          const isLastLabel = i === texts.length - 1 || /^[+\-减增]?\d/.test(texts[i + 1] ?? '');
          if (!hasValues || isLastLabel) votes[id]++;
        }
      });
    }
  const format = votes['GOV-2019'] > votes['GOV-2021'] ? 'GOV-2019' : votes['GOV-2021'] > votes['GOV-2019'] ? 'GOV-2021' : null;
  return { format, votes };
}
