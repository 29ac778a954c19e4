/** Which part of the report a finding belongs to, and the per-part counts the navigation shows. */
import type { FormatDefinition, SectionId } from '../../shared/format/index';
import { blankCells } from '../common/blanks';
import type { Finding } from '../../shared/findings';
import type { Cells, Narrative } from '../../shared/report';

export type View = SectionId | 'checks' | 'preview' | 'history';

export function sectionOfTable(format: FormatDefinition, table: string): SectionId | null {
  return format.sections.find((s) => s.table === table)?.id ?? null;
}

/** A finding's part: its narrative section, else the table of its first cell. */
export function sectionOf(format: FormatDefinition, f: Finding): SectionId | null {
  if (f.section) {
    const s = format.sections.find((x) => x.id === f.section);
    if (s) return s.id;
    if (f.section === 'preamble') return 's1';
  }
  const table = f.cells[0]?.split('.')[0];
  return table ? sectionOfTable(format, table) : null;
}

export interface PartCounts {
  errors: number;
  warnings: number;
}

export function isOpen(f: Finding): boolean {
  return !f.acknowledged && f.severity !== 'info';
}

export function countsBySection(format: FormatDefinition, findings: readonly Finding[]): Map<SectionId | null, PartCounts> {
  const out = new Map<SectionId | null, PartCounts>();
  for (const f of findings) {
    if (!isOpen(f)) continue;
    const s = sectionOf(format, f);
    const c = out.get(s) ?? { errors: 0, warnings: 0 };
    if (f.severity === 'error') c.errors++;
    else c.warnings++;
    out.set(s, c);
  }
  return out;
}

/** Whether anything has been entered in a part: text, or any cell of its table. */
export function partFilled(format: FormatDefinition, id: SectionId, narrative: Narrative, cells: Cells): boolean {
  const section = format.sections.find((s) => s.id === id);
  if (!section) return false;
  if (section.table) {
    const prefix = `${section.table}.`;
    return Object.entries(cells).some(([k, v]) => k.startsWith(prefix) && v !== null);
  }
  return !!narrative[id]?.trim();
}

export interface PartProgress {
  state: 'empty' | 'partial' | 'complete';
  /** Blank cells of the part's table still to fill (computed totals not counted). */
  blank: number;
  /** 未填 / N 格未填 / 已完成 */
  label: string;
}

/** How far a part is: a table by its blank cells (a published table shows every cell), a text by having text. */
export function partProgress(format: FormatDefinition, id: SectionId, narrative: Narrative, cells: Cells, manualTotals: boolean): PartProgress {
  const section = format.sections.find((s) => s.id === id);
  if (section?.table) {
    const prefix = `${section.table}.`;
    const all = blankCells(format.id, {}, manualTotals).filter((c) => c.startsWith(prefix)).length;
    const blank = blankCells(format.id, cells, manualTotals).filter((c) => c.startsWith(prefix)).length;
    if (blank === 0) return { state: 'complete', blank, label: '已完成' };
    return blank === all ? { state: 'empty', blank, label: '未填' } : { state: 'partial', blank, label: `${blank} 格未填` };
  }
  return narrative[id]?.trim() ? { state: 'complete', blank: 0, label: '已完成' } : { state: 'empty', blank: 0, label: '未填' };
}

