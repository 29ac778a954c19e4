/** Service handlers of the aggregate.* methods, merged into the core's registry. */
import type { AggregateAddResult, AggregateTrace } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { formatIndex } from '../../shared/format/index';
import type { Store, StoredReport } from '../storage/index';
import type { Handlers } from '../services/context';
import { fullCells, refreshCounts, refreshNextYear } from '../services/documents';
import { assertEditable, withTotals } from '../services/reports';
import { AggregateStore, type NewUnit } from './store';
import { sumOfUnits } from './findings';
import { mismatchFindings, unitCellsIn, type Aggregation } from './sum';
import { assessUnit, readUnitFile, unitKey } from './units';

type AggregateMethods =
  | 'aggregate.addUnits'
  | 'aggregate.listUnits'
  | 'aggregate.setIncluded'
  | 'aggregate.removeUnit'
  | 'aggregate.preview'
  | 'aggregate.apply'
  | 'aggregate.trace';

const unitsOf = (store: Store) => AggregateStore.for(store.db);

function parentOf(store: Store, id: number): StoredReport {
  return store.liveReport(id);
}

/** The sums over the parent's included units. */
const sumFor = (store: Store, parent: StoredReport): Aggregation => sumOfUnits(store.db, parent.id, parent.format);

function decodeBase64(data: string, fileName: string): Uint8Array {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(data)) throw new AppError('invalid_input', `文件“${fileName}”的内容编码有误（应为 base64）。`);
  return Buffer.from(data, 'base64');
}

export const aggregateHandlers: Handlers<AggregateMethods> = {
  'aggregate.addUnits': async ({ parentId, files }, ctx) => {
    const parent = parentOf(ctx.store, parentId);
    // read and assess every file first (the importers are async), then store them in one transaction
    const outcomes: (AggregateAddResult | NewUnit)[] = [];
    for (const file of files) {
      const failed = (message: string) => outcomes.push({ fileName: file.fileName, outcome: 'failed', message });
      let bytes: Uint8Array;
      try {
        bytes = decodeBase64(file.data, file.fileName);
      } catch (e) {
        failed((e as AppError).message);
        continue;
      }
      const read = await readUnitFile(file.fileName, bytes);
      if (!read.ok) {
        failed(read.error);
        continue;
      }
      const doc = read.doc;
      if (unitKey(doc.agency.name, doc.year) === unitKey(parent.agency.name, parent.year)) {
        failed(`“${file.fileName}”是“${doc.agency.name}”${doc.year} 年度报告，即汇总报告本身，不能作为下属单位加入。`);
        continue;
      }
      const assessment = assessUnit(doc, { year: parent.year, format: parent.format });
      outcomes.push({ parentId, doc, fileName: file.fileName, source: read.source, assessment });
    }
    const store = ctx.store; // read after the awaits: a restore may have swapped it
    parentOf(store, parentId);
    const units = unitsOf(store);
    return units.transaction(() => {
      const stored = outcomes.map((o) => ('doc' in o ? { o, ...units.put(o, store.now()) } : { o }));
      // the defaults depend on all the units (duplicates): read once, after every file is in
      const byId = new Map(units.list(parentId).map((u) => [u.id, u]));
      const results = stored.map((s): AggregateAddResult => {
        if (!('id' in s) || !('doc' in s.o)) return s.o as AggregateAddResult;
        return { fileName: s.o.fileName, outcome: s.replaced ? 'replaced' : 'added', unit: byId.get(s.id!) };
      });
      return { results };
    });
  },

  'aggregate.listUnits': ({ parentId }, { store }) => {
    const parent = store.report(parentId);
    return {
      parent: { id: parent.id, agencyName: parent.agency.name, year: parent.year, format: parent.format },
      units: unitsOf(store).list(parentId),
    };
  },

  'aggregate.setIncluded': ({ unitId, included, note }, { store }) => {
    unitsOf(store).setIncluded(unitId, included, note ?? null, store.now());
    return { ok: true as const };
  },

  'aggregate.removeUnit': ({ unitId }, { store }) => {
    unitsOf(store).remove(unitId);
    return { ok: true as const };
  },

  'aggregate.preview': ({ parentId }, { store }) => {
    const parent = store.report(parentId);
    const sum = sumFor(store, parent);
    return { cells: sum.cells, units: sum.units, mismatches: mismatchFindings(parent.format, fullCells(parent), sum) };
  },

  'aggregate.apply': ({ parentId }, { store }) =>
    store.transaction(() => {
      const parent = parentOf(store, parentId);
      assertEditable(parent);
      const sum = sumFor(store, parent);
      if (sum.units === 0) throw new AppError('conflict', '没有可汇总的下属单位：请先添加单位报告，或勾选要计入汇总的单位。');
      const next = withTotals(parent.format, { ...fullCells(parent), ...sum.cells }, parent.manualTotals);
      const writes = formatIndex(parent.format)
        .cells.filter((c) => (parent.cells[c.id] ?? null) !== (next[c.id] ?? null))
        .map((c) => ({ cell: c.id, value: next[c.id] ?? null }));
      store.writeCells(parentId, writes);
      // units summed against the rules' default are named in the history, with the reason given
      const chosen = unitsOf(store)
        .units(parentId)
        .filter((u) => u.included && u.includeNote)
        .map((u) => `“${u.name}”（${u.includeNote}）`);
      const label = `生成汇总：${sum.units} 个单位，更新单元格 ${writes.length} 处${chosen.length ? `；经确认计入 ${chosen.join('、')}` : ''}`;
      const saved = store.recordRevision(parentId, 'import', () => label);
      const updated = store.report(parentId);
      refreshCounts(store, updated);
      refreshNextYear(store, updated);
      return { ...saved, changed: writes.length, units: sum.units };
    }),

  'aggregate.trace': ({ parentId, cell }, { store }): AggregateTrace => {
    const parent = store.report(parentId);
    const info = formatIndex(parent.format).cellById.get(cell);
    if (!info) throw new AppError('invalid_input', `未知的单元格“${cell}”（${parent.format} 格式中没有这一项）。`);
    const units = unitsOf(store).units(parentId);
    const contributions = units.flatMap((u) => {
      const v = unitCellsIn({ id: u.id, name: u.name, format: u.doc.format, cells: u.doc.cells }, parent.format).cells[cell];
      return typeof v === 'number' ? [{ unitId: u.id, name: u.name, value: v, included: u.included }] : [];
    });
    const sum = sumFor(store, parent);
    return { cell, name: info.name, sum: sum.cells[cell] ?? null, parentValue: parent.cells[cell] ?? null, contributions };
  },
};
