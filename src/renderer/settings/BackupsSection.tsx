/**
 * 数据与备份: where the data lives, the backups (newest first), 立即备份, and 恢复 — which keeps the current
 * state as a backup first, so a restore can itself be undone.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../shared/api';
import { getClient, messageOf } from '../client';
import { formatDateTime } from '../common/dates';
import { useFeedback } from '../common/feedback';
import { announceDataReplaced } from '../common/dataEvents';

type Backup = Output<'backups.list'>[number];
type AppInfo = Output<'app.info'>;

function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Why a backup was made, from the suffix of its name. */
function kindOf(b: Backup): string {
  return /-before-restore\.sqlite$/.test(b.name) ? '恢复前自动保留' : '备份';
}

function Fact({ label, value, testId }: { label: string; value: string | undefined; testId: string }) {
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
      <Typography sx={{ width: 96, flexShrink: 0 }} color="text.secondary">
        {label}
      </Typography>
      <Typography sx={{ fontFamily: 'monospace', wordBreak: 'break-all', userSelect: 'all' }} data-testid={testId}>
        {value ?? '…'}
      </Typography>
    </Stack>
  );
}

export function BackupsSection({ onRestored }: { onRestored(): Promise<void> }) {
  const client = getClient();
  const { notify, confirm } = useFeedback();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [backups, setBackups] = useState<Backup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);

  const load = useCallback(async () => {
    try {
      const [i, list] = await Promise.all([client.send('app.info', {}), client.send('backups.list', {})]);
      setInfo(i);
      setBackups(list);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const backupNow = async () => {
    setBusy('backup');
    try {
      const b = await client.send('backups.create', {});
      await load();
      notify(`已备份（${formatDateTime(b.createdAt)}）`);
    } catch (e) {
      notify(messageOf(e), 'error');
    } finally {
      setBusy(null);
    }
  };

  const restore = async (b: Backup) => {
    const ok = await confirm({
      title: '从备份恢复',
      message: `把全部数据恢复到 ${formatDateTime(b.createdAt)} 的备份？\n恢复前会先把当前的全部数据另存为一个备份（列表中标为“恢复前自动保留”），需要时可以再恢复回来。`,
      confirmText: '恢复',
      danger: true,
    });
    if (!ok) return;
    setBusy('restore');
    try {
      await client.send('backups.restore', { name: b.name });
      announceDataReplaced();
      await onRestored();
      await load();
      notify(`已恢复到 ${formatDateTime(b.createdAt)} 的备份`);
    } catch (e) {
      notify(messageOf(e), 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Box data-testid="settings-backups">
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} action={<Button onClick={() => void load()}>重试</Button>}>
          {error}
        </Alert>
      )}
      <Stack spacing={1} sx={{ mb: 2 }}>
        <Fact label="数据文件夹" value={info?.dataDir} testId="settings-data-dir" />
        <Fact label="数据库文件" value={info?.dbPath} testId="settings-db-path" />
      </Stack>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1.5 }}>
        <Button variant="contained" disabled={busy !== null} onClick={() => void backupNow()}>
          {busy === 'backup' ? '正在备份…' : '立即备份'}
        </Button>
        <Typography variant="body2" color="text.secondary">
          程序每天自动备份一次，较早的备份按时间自动清理。
        </Typography>
      </Stack>
      <Paper variant="outlined">
        <Table size="small" data-testid="backup-list">
          <TableHead>
            <TableRow>
              <TableCell>备份时间</TableCell>
              <TableCell>类型</TableCell>
              <TableCell>大小</TableCell>
              <TableCell>文件名</TableCell>
              <TableCell align="right">操作</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {backups?.length === 0 && (
              <TableRow>
                <TableCell colSpan={5} sx={{ color: 'text.secondary', py: 3, textAlign: 'center' }}>
                  还没有备份。点击“立即备份”备份一次。
                </TableCell>
              </TableRow>
            )}
            {backups?.map((b) => (
              <TableRow key={b.name} hover data-testid="backup-row">
                <TableCell>{formatDateTime(b.createdAt)}</TableCell>
                <TableCell>{kindOf(b)}</TableCell>
                <TableCell>{sizeOf(b.bytes)}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, color: 'text.secondary' }}>{b.name}</TableCell>
                <TableCell align="right">
                  <Button size="small" disabled={busy !== null} onClick={() => void restore(b)}>
                    恢复
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Box>
  );
}
