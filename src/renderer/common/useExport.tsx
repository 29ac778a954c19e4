/**
 * Export to Word: ask the core; when errors remain it refuses with 'has_errors', and a dialog lists them
 * and offers 仍然导出 — and, when cells are still blank, 空白单元格填 0 then a second try. Then a download
 * (browser) or a save dialog with 打开所在文件夹 (Electron).
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useCallback, useState, type ReactNode } from 'react';
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

/** Errors listed in the dialog; the check panel has them all. */
const SHOWN = 50;

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

  const dialogs = (
    <>
      <Dialog open={!!blocked} onClose={() => setBlocked(null)} maxWidth="sm" fullWidth>
        <DialogTitle>{blocked?.unsaved ? '表格中有无效输入' : '报告中还有错误'}</DialogTitle>
        <DialogContent dividers>
          <Typography gutterBottom>
            {blocked?.unsaved
              ? '以下单元格的输入不是有效数字，没有保存；此时导出，报告中仍是原来的数字。请先改正（或在单元格中按 Esc 撤回）再导出。'
              : '以下问题尚未改正。建议先改正再导出；如确需导出（例如先送审），可以选择“仍然导出”。'}
          </Typography>
          {blocked && blocked.findings.length > 0 ? (
            <List dense data-testid="export-errors" sx={{ maxHeight: 360, overflow: 'auto' }}>
              {blocked.findings.slice(0, SHOWN).map((f, i) => (
                <ListItem key={i} disableGutters>
                  <ListItemText primary={f.message} />
                </ListItem>
              ))}
              {blocked.findings.length > SHOWN && (
                <ListItem disableGutters>
                  <ListItemText secondary={`……另有 ${blocked.findings.length - SHOWN} 处，可在“检查”中查看全部`} />
                </ListItem>
              )}
            </List>
          ) : (
            <Alert severity="error" sx={{ whiteSpace: 'pre-line' }}>
              {blocked?.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setBlocked(null)}>返回修改</Button>
          {hasMissing && !blocked?.unsaved && (
            <Button variant="outlined" disabled={busy} onClick={() => blocked && void askFill(blocked.id)} data-testid="fill-blanks">
              空白单元格填 0
            </Button>
          )}
          {!blocked?.unsaved && (
            <Button color="error" variant="contained" disabled={busy} onClick={() => blocked && void run(blocked.id, blocked.kind, true)}>
              仍然导出
            </Button>
          )}
        </DialogActions>
      </Dialog>
      <Dialog open={!!confirmFill && !!blocked} onClose={() => setConfirmFill(null)} maxWidth="xs" fullWidth>
        <DialogTitle>空白单元格填 0</DialogTitle>
        <DialogContent>
          <Typography data-testid="fill-blanks-message">
            {confirmFill?.count
              ? `共 ${confirmFill.count} 个空白单元格将填为 0，可在“历史”中恢复。`
              : '没有需要填 0 的空白单元格（自动计算的总计会随各项更新）。'}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmFill(null)}>取消</Button>
          <Button variant="contained" disabled={busy || !confirmFill?.count} onClick={() => void fillAndRetry()} data-testid="fill-blanks-confirm">
            填 0 并导出
          </Button>
        </DialogActions>
      </Dialog>
      <Dialog open={!!saved} onClose={() => setSaved(null)} maxWidth="sm" fullWidth>
        <DialogTitle>已导出</DialogTitle>
        <DialogContent>
          <Typography sx={{ wordBreak: 'break-all' }}>{saved}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => saved && void client.bridge?.showInFolder(saved)}>打开所在文件夹</Button>
          <Button variant="contained" onClick={() => setSaved(null)}>
            完成
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
  const exportReport = async (id: number, kind: ExportKind = 'docx') => {
    const invalid = unsaved?.() ?? [];
    if (invalid.length) setBlocked({ id, kind, message: '', findings: invalid, unsaved: true });
    else await run(id, kind, false);
  };
  return { exportReport, dialogs, busy };
}
