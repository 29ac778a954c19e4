/**
 * Export to Word: ask the core; when errors remain it refuses with 'has_errors', and a dialog lists them
 * and offers 仍然导出. Then a download (browser) or a save dialog with 打开所在文件夹 (Electron).
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

/** Errors listed in the dialog; the check panel has them all. */
const SHOWN = 50;

function findingsOf(details: unknown): Finding[] {
  const d = details as { findings?: unknown } | unknown[] | undefined;
  const list = Array.isArray(d) ? d : Array.isArray((d as { findings?: unknown })?.findings) ? (d as { findings: unknown[] }).findings : [];
  return list.filter((f): f is Finding => !!f && typeof (f as Finding).message === 'string');
}

export function useExport(): { exportReport(id: number, kind?: ExportKind): Promise<void>; dialogs: ReactNode; busy: boolean } {
  const client = getClient();
  const { notify } = useFeedback();
  const [blocked, setBlocked] = useState<{ id: number; kind: ExportKind; message: string; findings: Finding[] } | null>(null);
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

  const dialogs = (
    <>
      <Dialog open={!!blocked} onClose={() => setBlocked(null)} maxWidth="sm" fullWidth>
        <DialogTitle>报告中还有错误</DialogTitle>
        <DialogContent dividers>
          <Typography gutterBottom>以下问题尚未改正。建议先改正再导出；如确需导出（例如先送审），可以选择“仍然导出”。</Typography>
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
          <Button color="error" variant="contained" disabled={busy} onClick={() => blocked && void run(blocked.id, blocked.kind, true)}>
            仍然导出
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
  return { exportReport: (id, kind = 'docx') => run(id, kind, false), dialogs, busy };
}
