/**
 * One report in the editor: its cells and narrative in React state (so checks run on every keystroke),
 * and the autosave — changes are batched and sent within a second, flushed on Ctrl+S, when the page is
 * hidden and when it unloads (keepalive), so closing the window never loses a keystroke.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellConflict, ReportDetail, ReportStatus } from '../../shared/api';
import type { NarrativeKey } from '../../shared/format/index';
import type { Acknowledgement, Cells } from '../../shared/report';
import { applyComputedTotals } from '../../shared/totals';
import { textHash } from '../../shared/textHash';
import { ClientError, getClient, messageOf } from '../client';

/** Quiet period before a save, and the longest a change may wait while typing goes on. */
const DEBOUNCE_MS = 400;
const MAX_WAIT_MS = 900;
/** Wait before trying a failed save again. */
const RETRY_MS = 4000;

/** `code`: the service's error code — disk_full and read_only get a banner that says what happened. */
export type SaveState = { kind: 'saved'; at: string | null } | { kind: 'saving' } | { kind: 'error'; message: string; code?: string };

/** A part changed in another window or program since this editor loaded it: both versions, nothing overwritten. */
export interface TextConflict {
  key: NarrativeKey;
  message: string;
  theirs: string;
  yours: string;
}

/** Cells saved in another window or program since this editor read them: both versions, neither overwritten. */
export interface CellConflicts {
  message: string;
  cells: CellConflict[];
}

export interface ReportState {
  detail: ReportDetail;
  cells: Cells;
  save: SaveState;
  updateCells(changes: readonly { cell: string; value: number | null }[]): void;
  updateNarrative(key: NarrativeKey, text: string): void;
  /** `unlock`: leave 已定稿 (an explicit choice the history records). */
  setStatus(status: ReportStatus, unlock?: boolean): Promise<void>;
  setManualTotals(manual: boolean): Promise<void>;
  setAcknowledged(acks: Acknowledgement[]): void;
  /** Sends everything pending now; resolves when stored. */
  flush(): Promise<void>;
  /** Replaces the state after a restore. */
  replace(detail: ReportDetail): void;
  conflict: TextConflict | null;
  /** Keep this editor's text (saved over the other) or take the other version into the editor. */
  resolveConflict(keep: 'mine' | 'theirs'): void;
  cellConflict: CellConflicts | null;
  /** The same for cells: this editor's values saved over the others, or the others' shown here. */
  resolveCellConflict(keep: 'mine' | 'theirs'): void;
}

function displayCells(detail: ReportDetail): Cells {
  return detail.manualTotals ? detail.cells : applyComputedTotals(detail.format, detail.cells);
}

export function useReportState(initial: ReportDetail): ReportState {
  const client = getClient();
  const [detail, setDetail] = useState(initial);
  const [cells, setCells] = useState<Cells>(() => displayCells(initial));
  const [save, setSave] = useState<SaveState>({ kind: 'saved', at: initial.updatedAt });
  const cellsRef = useRef(cells);
  const manualRef = useRef(initial.manualTotals);
  const pendingCells = useRef(new Map<string, number | null>());
  const pendingText = useRef(new Map<NarrativeKey, string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstPendingAt = useRef(0);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const id = initial.id;
  /** The text of each part as the service has it, as far as this editor knows: the base of the next save. */
  const serverText = useRef(new Map<NarrativeKey, string>(Object.entries(initial.narrative) as [NarrativeKey, string][]));
  const [conflict, setConflict] = useState<TextConflict | null>(null);
  /** Each cell's value as the service has it, as far as this editor knows: the `was` of the next save. */
  const serverCells = useRef(new Map<string, number | null>(Object.entries(initial.cells)));
  const [cellConflict, setCellConflict] = useState<CellConflicts | null>(null);
  const withWas = (changes: readonly { cell: string; value: number | null }[]) => changes.map((c) => ({ ...c, was: serverCells.current.get(c.cell) ?? null }));
  const baseOf = (key: NarrativeKey) => textHash(serverText.current.get(key) ?? '');

  const hasPending = () => pendingCells.current.size > 0 || pendingText.current.size > 0;

  const sendPending = useCallback(async () => {
    const changes = [...pendingCells.current].map(([cell, value]) => ({ cell, value }));
    const texts = [...pendingText.current];
    pendingCells.current.clear();
    pendingText.current.clear();
    const sent = new Set<NarrativeKey>();
    try {
      let updatedAt: string | null = null;
      const conflicts: CellConflict[] = [];
      let stale: string | null = null;
      for (let i = 0; i < changes.length; i += 1000) {
        const batch = changes.slice(i, i + 1000);
        const r = await client.send('reports.updateCells', { id, changes: withWas(batch) });
        updatedAt = r.updatedAt;
        const refused = new Set(r.conflicts.map((c) => c.cell));
        for (const c of batch) if (!refused.has(c.cell)) serverCells.current.set(c.cell, c.value);
        for (const c of r.conflicts) serverCells.current.set(c.cell, c.theirs);
        conflicts.push(...r.conflicts);
      }
      if (conflicts.length > 0) {
        // typed meanwhile: the newest value is "mine"; nothing is retried over the other until the user chooses
        const cells = conflicts.map((c) => ({ ...c, yours: pendingCells.current.has(c.cell) ? (pendingCells.current.get(c.cell) ?? null) : c.yours }));
        for (const c of cells) pendingCells.current.delete(c.cell);
        const names = cells.slice(0, 3).map((c) => `“${c.name}”`).join('、');
        stale = `${names}${cells.length > 3 ? ` 等 ${cells.length} 个单元格` : ''}已在另一个窗口或程序中被修改，为免覆盖，这些单元格本次未保存（其他修改已保存）。请对比两个版本，选择保留哪一个。`;
        setCellConflict({ message: stale, cells });
      }
      for (const [key, text] of texts) {
        updatedAt = (await client.send('reports.updateNarrative', { id, key, text, base: baseOf(key) })).updatedAt;
        serverText.current.set(key, text);
        sent.add(key);
      }
      // not "saved" while some cells wait for the user's choice
      if (stale) setSave({ kind: 'error', message: stale, code: 'stale_edit' });
      else if (!hasPending()) setSave({ kind: 'saved', at: updatedAt });
    } catch (e) {
      const stale = e instanceof ClientError && e.code === 'stale_edit' ? (e.details as { key: NarrativeKey; theirs: string; yours: string }) : null;
      // keep what failed for the next attempt, unless a newer edit of the same field superseded it —
      // except a stale text: it waits for the user's choice instead of being retried over the other
      for (const c of changes) if (!pendingCells.current.has(c.cell)) pendingCells.current.set(c.cell, c.value);
      for (const [k, t] of texts) if (!pendingText.current.has(k) && !sent.has(k) && k !== stale?.key) pendingText.current.set(k, t);
      if (stale) {
        // typed meanwhile: the newest text is "mine"
        const newer = pendingText.current.get(stale.key);
        pendingText.current.delete(stale.key);
        setConflict({ key: stale.key, message: messageOf(e), theirs: stale.theirs, yours: newer ?? stale.yours });
      }
      setSave({ kind: 'error', message: messageOf(e), code: e instanceof ClientError ? e.code : undefined });
      throw e;
    }
  }, [client, id]);

  const flushRef = useRef<() => Promise<void>>(() => Promise.resolve());
  const flush = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    firstPendingAt.current = 0;
    const next = chain.current
      .catch(() => {})
      .then(() => (hasPending() ? sendPending() : undefined))
      .catch((e: unknown) => {
        // what failed is still pending: try again shortly (the service may be restarting)
        if (!timer.current) timer.current = setTimeout(() => void flushRef.current().catch(() => {}), RETRY_MS);
        throw e;
      });
    chain.current = next;
    return next;
  }, [sendPending]);
  flushRef.current = flush;

  const schedule = useCallback(() => {
    setSave({ kind: 'saving' });
    const now = Date.now();
    if (!firstPendingAt.current) firstPendingAt.current = now;
    if (timer.current) clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstPendingAt.current + MAX_WAIT_MS - now));
    timer.current = setTimeout(() => void flush().catch(() => {}), wait);
  }, [flush]);

  const updateCells = useCallback(
    (changes: readonly { cell: string; value: number | null }[]) => {
      if (changes.length === 0) return;
      const before = cellsRef.current;
      const merged: Cells = { ...before };
      for (const c of changes) merged[c.cell] = c.value;
      const next = manualRef.current ? merged : applyComputedTotals(initial.format, merged);
      for (const key of Object.keys(next)) if ((next[key] ?? null) !== (before[key] ?? null)) pendingCells.current.set(key, next[key] ?? null);
      cellsRef.current = next;
      setCells(next);
      schedule();
    },
    [initial.format, schedule],
  );

  const updateNarrative = useCallback(
    (key: NarrativeKey, text: string) => {
      pendingText.current.set(key, text);
      setDetail((d) => ({ ...d, narrative: { ...d.narrative, [key]: text } }));
      schedule();
    },
    [schedule],
  );

  const setStatus = useCallback(
    async (status: ReportStatus, unlock?: boolean) => {
      await flush();
      const r = await client.send('reports.setStatus', { id, status, ...(unlock ? { unlock } : {}) });
      setDetail((d) => ({ ...d, status }));
      setSave({ kind: 'saved', at: r.updatedAt });
    },
    [client, id, flush],
  );

  const setManualTotals = useCallback(
    async (manual: boolean) => {
      await flush();
      const r = await client.send('reports.setOptions', { id, manualTotals: manual });
      manualRef.current = manual;
      setDetail((d) => ({ ...d, manualTotals: manual }));
      setSave({ kind: 'saved', at: r.updatedAt });
      // back to computed totals: the stored totals must follow the parts again
      if (!manual) {
        const next = applyComputedTotals(initial.format, cellsRef.current);
        const changes = Object.keys(next)
          .filter((k) => (next[k] ?? null) !== (cellsRef.current[k] ?? null))
          .map((cell) => ({ cell, value: next[cell] ?? null }));
        if (changes.length) updateCells(changes);
      }
    },
    [client, id, flush, initial.format, updateCells],
  );

  const resolveCellConflict = useCallback(
    (keep: 'mine' | 'theirs') => {
      if (!cellConflict) return;
      setCellConflict(null);
      // either way the other values are now the known base (serverCells holds them)
      if (keep === 'mine') {
        for (const c of cellConflict.cells) pendingCells.current.set(c.cell, c.yours);
        schedule();
      } else {
        const next: Cells = { ...cellsRef.current };
        for (const c of cellConflict.cells) next[c.cell] = c.theirs;
        const shown = manualRef.current ? next : applyComputedTotals(initial.format, next);
        cellsRef.current = shown;
        setCells(shown);
        if (!hasPending()) setSave({ kind: 'saved', at: null });
      }
    },
    [cellConflict, schedule, initial.format],
  );

  const resolveConflict = useCallback(
    (keep: 'mine' | 'theirs') => {
      if (!conflict) return;
      const { key, theirs, yours } = conflict;
      // either way the other version is now the known base
      serverText.current.set(key, theirs);
      setConflict(null);
      if (keep === 'mine') {
        pendingText.current.set(key, yours);
        schedule();
      } else {
        pendingText.current.delete(key);
        setDetail((d) => ({ ...d, narrative: { ...d.narrative, [key]: theirs } }));
        if (!hasPending()) setSave({ kind: 'saved', at: null });
      }
    },
    [conflict, schedule],
  );

  const setAcknowledged = useCallback((acks: Acknowledgement[]) => setDetail((d) => ({ ...d, acknowledged: acks })), []);

  const replace = useCallback((d: ReportDetail) => {
    pendingCells.current.clear();
    pendingText.current.clear();
    serverText.current = new Map(Object.entries(d.narrative) as [NarrativeKey, string][]);
    serverCells.current = new Map(Object.entries(d.cells));
    setConflict(null);
    setCellConflict(null);
    manualRef.current = d.manualTotals;
    const shown = displayCells(d);
    cellsRef.current = shown;
    setDetail(d);
    setCells(shown);
    setSave({ kind: 'saved', at: d.updatedAt });
  }, []);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden' && hasPending()) void flush().catch(() => {});
    };
    // the page is going away: a request that outlives it (keepalive fetch / queued IPC)
    const onUnload = () => {
      if (!hasPending()) return;
      const changes = [...pendingCells.current].map(([cell, value]) => ({ cell, value }));
      if (changes.length) client.sendOnUnload('reports.updateCells', { id, changes: withWas(changes) });
      for (const [key, text] of pendingText.current) client.sendOnUnload('reports.updateNarrative', { id, key, text, base: baseOf(key) });
      pendingCells.current.clear();
      pendingText.current.clear();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onUnload);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onUnload);
      window.removeEventListener('beforeunload', onUnload);
      // leaving the editor inside the app: save what is pending
      if (hasPending()) void flush().catch(() => {});
    };
  }, [client, id, flush]);

  return useMemo(
    () => ({ detail, cells, save, updateCells, updateNarrative, setStatus, setManualTotals, setAcknowledged, flush, replace, conflict, resolveConflict, cellConflict, resolveCellConflict }),
    [detail, cells, save, updateCells, updateNarrative, setStatus, setManualTotals, setAcknowledged, flush, replace, conflict, resolveConflict, cellConflict, resolveCellConflict],
  );
}
