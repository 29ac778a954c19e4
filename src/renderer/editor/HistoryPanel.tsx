/** 历史: earlier revisions; restoring one asks first (the core keeps the current state as a revision). */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { ReportDetail, Revision } from '../../shared/api';
import { getClient, messageOf } from '../client';
import { formatDateTime } from '../common/dates';
import { useFeedback } from '../common/feedback';

export function HistoryPanel({ id, revision, beforeRestore, onRestored }: { id: number; revision: number; beforeRestore(): Promise<void>; onRestored(d: ReportDetail): void }) {
  const client = getClient();
  const { confirm, notify } = useFeedback();
  const [list, setList] = useState<Revision[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void beforeRestore()
      .catch(() => {})
      .then(() => client.send('reports.history', { id }))
      .then((l) => live && setList([...l].sort((a, b) => b.revision - a.revision)), (e) => live && setError(messageOf(e)));
    return () => {
      live = false;
    };
  }, [client, id, revision, beforeRestore]);

  const restore = async (r: Revision) => {
    const ok = await confirm({
      title: '恢复到此版本',
      message: `把报告恢复到 ${formatDateTime(r.createdAt)} 的版本（${r.summary}）？\n当前内容会先保存为一个新版本，可以再恢复回来。`,
      confirmText: '恢复',
    });
    if (!ok) return;
    try {
      await beforeRestore();
      onRestored(await client.send('reports.restore', { id, revision: r.revision }));
      notify('已恢复');
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  return (
    <Box data-testid="history">
      <Typography variant="h6" component="h2" gutterBottom>
        历史版本
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        每次修改都会自动保存。可以把报告恢复到以前的任一版本。
      </Typography>
      {error && <Alert severity="error">{error}</Alert>}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>版本</TableCell>
            <TableCell>时间</TableCell>
            <TableCell>内容</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {list?.map((r, i) => (
            <TableRow key={r.revision}>
              <TableCell>{r.revision}</TableCell>
              <TableCell>{formatDateTime(r.createdAt)}</TableCell>
              <TableCell>{r.summary}</TableCell>
              <TableCell align="right">
                {i === 0 ? (
                  <Typography variant="body2" color="text.secondary">
                    当前版本
                  </Typography>
                ) : (
                  <Button size="small" onClick={() => void restore(r)}>
                    恢复
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
