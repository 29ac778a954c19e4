/**
 * Export to Word: ask the core; when errors remain it refuses with 'has_errors', and a dialog lists them
 * and offers 仍然导出 — and, when cells are still blank, 空白单元格填 0 then a second try. Then a download
 * (browser) or a save dialog with 打开所在文件夹 (Electron).
 */
import { lazy, Suspense, useCallback, useEffect, useState, type ReactNode } from 'react';
import type { ExportKind } from '../../shared/api';
import type { Finding } from '../../shared/findings';
import { ClientError, getClient, messageOf } from '../client';
import { useFeedback } from './feedback';
import { downloadFile } from './files';
import { blankCells, zeroFillChanges } from './blanks';

/** The blank cells of a report, counted, and how to fill them with 0 (stored when `fill` resolves). */
export interface BlankFill {
  count: number;
  fill(): Promise<void>;
}

/** Largest batch reports.updateCells takes. */
const BATCH = 1000;

const LazyExportDialogs = lazy(() => import('./ExportDialogs').then((m) => ({ default: m.ExportDialogs })));

/** True from the first time `open` was true on, so that a closing dialog still animates out. */
function useShownOnce(open: boolean): boolean {
  const [shown, setShown] = useState(open);
  useEffect(() => {
    if (open) setShown(true);
  }, [open]);
  return shown;
}

function findingsOf(details: unknown): Finding[] {
  const d = details as { findings?: unknown } | unknown[] | undefined;
  const list = Array.isArray(d) ? d : Array.isArray((d as { findings?: unknown })?.findings) ? (d as { findings: unknown[] }).findings : [];
  return list.filter((f): f is Finding => !!f && typeof (f as Finding).message === 'string');
}

/**
 * `blanks` lets a screen that holds the report's cells (the editor) fill them through its own state, so
 * what it shows follows; without it the stored report is read and written directly.
 */
/**
 * `unsaved` gives the findings of text the screen holds that is not stored (`cell.invalid`): they stop the
 * export outright — exporting would print the old values — and are listed.
 */
export function useExport(
  blanks?: (id: number) => BlankFill,
  unsaved?: () => Finding[],
): { exportReport(id: number, kind?: ExportKind): Promise<void>; dialogs: ReactNode; busy: boolean } {
  const client = getClient();
  const { notify } = useFeedback();
  const [blocked, setBlocked] = useState<{ id: number; kind: ExportKind; message: string; findings: Finding[]; unsaved?: boolean } | null>(null);
  const [confirmFill, setConfirmFill] = useState<BlankFill | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(
    async (id: number, kind: ExportKind, force: boolean) => {
      setBusy(true);
      try {
        const result = await client.send('reports.export', { id, kind, force });
        setBlocked(null);
        if (client.bridge) {
          const path = await client.bridge.saveFile(result.fileName, result.data);
          if (path) setSaved(path);
        } else {
          downloadFile(result.fileName, result.mimeType, result.data);
          notify(`已导出：${result.fileName}`);
        }
      } catch (e) {
        if (e instanceof ClientError && e.code === 'has_errors') setBlocked({ id, kind, message: e.message, findings: findingsOf(e.details) });
        else notify(messageOf(e), 'error');
      } finally {
        setBusy(false);
      }
    },
    [client, notify],
  );

  const storedBlanks = useCallback(
    async (id: number): Promise<BlankFill> => {
      const r = await client.send('reports.open', { id });
      const changes = zeroFillChanges(r.format, r.cells, r.manualTotals);
      return {
        count: blankCells(r.format, r.cells, r.manualTotals).length,
        fill: async () => {
          for (let i = 0; i < changes.length; i += BATCH) await client.send('reports.updateCells', { id, changes: changes.slice(i, i + BATCH) });
        },
      };
    },
    [client],
  );

  const askFill = useCallback(
    async (id: number) => {
      try {
        setConfirmFill(blanks ? blanks(id) : await storedBlanks(id));
      } catch (e) {
        notify(messageOf(e), 'error');
      }
    },
    [blanks, storedBlanks, notify],
  );

  const fillAndRetry = useCallback(async () => {
    if (!confirmFill || !blocked) return;
    const { id, kind } = blocked;
    setBusy(true);
    try {
      await confirmFill.fill();
    } catch (e) {
      setBusy(false);
      return notify(messageOf(e), 'error');
    }
    setConfirmFill(null);
    notify(`已将 ${confirmFill.count} 个空白单元格填为 0`);
    // the core checks again: with no errors left the export goes on, otherwise the dialog lists what remains
    await run(id, kind, false);
  }, [confirmFill, blocked, notify, run]);

  const hasMissing = !!blocked?.findings.some((f) => f.rule === 'cell.missing');

  // the dialogs are a chunk of their own, loaded by the first export that needs one
  const shownOnce = useShownOnce(!!blocked || !!saved);
  const dialogs = (blocked || saved || shownOnce) && (
    <Suspense fallback={null}>
      <LazyExportDialogs
        blocked={blocked}
        confirmFill={confirmFill}
        saved={saved}
        busy={busy}
        hasMissing={hasMissing}
        onCloseBlocked={() => setBlocked(null)}
        onAskFill={() => blocked && void askFill(blocked.id)}
        onForce={() => blocked && void run(blocked.id, blocked.kind, true)}
        onCloseFill={() => setConfirmFill(null)}
        onFill={() => void fillAndRetry()}
        onCloseSaved={() => setSaved(null)}
        onShowSaved={() => saved && void client.bridge?.showInFolder(saved)}
      />
    </Suspense>
  );
  const exportReport = async (id: number, kind: ExportKind = 'docx') => {
    const invalid = unsaved?.() ?? [];
    if (invalid.length) setBlocked({ id, kind, message: '', findings: invalid, unsaved: true });
    else await run(id, kind, false);
  };
  return { exportReport, dialogs, busy };
}
