/**
 * The way back when the data file cannot be used (damaged, emptied, written by a newer version, not
 * openable): what happened, the backups with their dates and how many reports each holds, and the three
 * ways out — restore a backup, open another data file, start a new one. The unusable file is renamed and
 * kept, never deleted; no command line needed.
 */
import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Output } from '../../shared/api';
import { getClient, messageOf } from '../client';
import { formatDateTime } from '../common/dates';
import { useFeedback } from '../common/feedback';

type Status = Extract<Output<'recovery.status'>, { state: 'recovery' }>;
type Backup = Status['backups'][number];

const TITLES: Record<Status['kind'], string> = {
  corrupt: '数据文件已损坏',
  empty: '数据文件是空的',
  newer: '数据文件来自更新版本的程序',
  unreadable: '无法打开数据文件',
};

function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid={testId} component="section" aria-label={title}>
      <Typography variant="h6" component="h2" sx={{ fontSize: 16, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

export function RecoveryScreen({ onRecovered }: { onRecovered(message: string): void }) {
  const client = getClient();
  const { confirm } = useFeedback();
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [path, setPath] = useState('');

  const load = useCallback(async () => {
    try {
      const s = await client.send('recovery.status', {});
      if (s.state === 'ok') return onRecovered('');
      setStatus(s);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [client, onRecovered]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one way out; on success the app opens on the file now in use. */
  const act = async (run: () => Promise<{ savedAs: string | null; dbPath: string }>, done: (savedAs: string | null, dbPath: string) => string) => {
    setBusy(true);
    try {
      const r = await run();
      onRecovered(done(r.savedAs, r.dbPath));
    } catch (e) {
      setError(messageOf(e));
      await load();
    } finally {
      setBusy(false);
    }
  };

  const kept = (savedAs: string | null) => (savedAs ? `原来的文件已改名保留为：${savedAs}` : '');

  const restore = async (b: Backup) => {
    const ok = await confirm({
      title: '从备份恢复',
      message: `用 ${formatDateTime(b.createdAt)} 的备份（${b.reports ?? 0} 份报告）替换当前无法使用的数据文件？\n当前的文件不会删除，会改名保留在同一文件夹中。`,
      confirmText: '恢复',
    });
    if (ok)
      await act(
        () => client.send('recovery.restore', { name: b.name }),
        (savedAs) => `已从 ${formatDateTime(b.createdAt)} 的备份恢复。${kept(savedAs)}`,
      );
  };

  const startNew = async () => {
    const ok = await confirm({
      title: '新建数据文件',
      message: '从空白开始，不使用任何备份？\n当前的文件不会删除，会改名保留在同一文件夹中；以后仍可在“设置 › 数据与备份”中从备份恢复。',
      confirmText: '新建',
      danger: true,
    });
    if (ok) await act(() => client.send('recovery.startNew', {}), (savedAs) => `已新建数据文件。${kept(savedAs)}`);
  };

  const openFile = async (file: string) => {
    await act(
      () => client.send('recovery.openFile', { path: file }),
      (_savedAs, dbPath) => `已打开数据文件 ${dbPath}（仅本次使用；下次启动仍会打开原来的数据文件）。`,
    );
  };

  return (
    <Box sx={{ minHeight: '100%', display: 'flex', flexDirection: 'column' }} data-testid="recovery-screen">
      <AppBar position="sticky" color="primary">
        <Toolbar variant="dense">
          <Typography variant="h6" component="h1" sx={{ fontSize: 18 }}>
            政府信息公开年报助手 — 恢复数据
          </Typography>
        </Toolbar>
      </AppBar>
      {(busy || !status) && !error && <LinearProgress aria-label="正在处理" />}
      <Stack spacing={2} sx={{ p: { xs: 2, md: 3 }, maxWidth: 1080, width: '100%', mx: 'auto' }}>
        {status && (
          <Alert severity={status.kind === 'newer' ? 'warning' : 'error'} data-testid="recovery-problem">
            <Typography component="h2" sx={{ fontWeight: 700, mb: 0.5 }}>
              {TITLES[status.kind]}
            </Typography>
            {status.message}
          </Alert>
        )}
        {error && (
          <Alert severity="error" role="alert" data-testid="recovery-error" onClose={() => setError(null)}>
            {error}
          </Alert>
        )}
        {status && (
          <>
            <Section title="从备份恢复" testId="recovery-backups">
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1, wordBreak: 'break-all' }}>
                备份文件夹：{status.backupDir}
              </Typography>
              {status.backups.length === 0 ? (
                <Typography color="text.secondary">备份文件夹中没有备份。可以打开其他数据文件，或新建数据文件。</Typography>
              ) : (
                <Table size="small">
                  <TableHead>
                    <TableRow>
                      <TableCell>备份时间</TableCell>
                      <TableCell align="right">报告</TableCell>
                      <TableCell align="right">机关</TableCell>
                      <TableCell align="right">大小</TableCell>
                      <TableCell align="right">操作</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {status.backups.map((b, i) => (
                      <TableRow key={b.name} data-testid="recovery-backup">
                        <TableCell>
                          {formatDateTime(b.createdAt)}
                          {i === 0 && !b.problem ? '（最新）' : ''}
                        </TableCell>
                        <TableCell align="right">{b.reports === null ? '—' : `${b.reports} 份`}</TableCell>
                        <TableCell align="right">{b.agencies === null ? '—' : `${b.agencies} 个`}</TableCell>
                        <TableCell align="right">{sizeOf(b.bytes)}</TableCell>
                        <TableCell align="right">
                          {b.problem ? (
                            <Typography variant="body2" color="error">
                              {b.problem}，不能恢复
                            </Typography>
                          ) : (
                            <Button size="small" variant={i === 0 ? 'contained' : 'outlined'} disabled={busy} onClick={() => void restore(b)}>
                              恢复
                            </Button>
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </Section>

            <Section title="打开其他数据文件" testId="recovery-open">
              {status.otherFiles.length > 0 && (
                <Stack spacing={0.5} sx={{ mb: 1.5 }}>
                  {status.otherFiles.slice(0, 5).map((f) => (
                    <Stack key={f.path} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                      <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all', flexGrow: 1 }}>
                        {f.path}（{sizeOf(f.bytes)}，{formatDateTime(f.modifiedAt)} 修改）
                      </Typography>
                      <Button size="small" disabled={busy} onClick={() => void openFile(f.path)}>
                        打开
                      </Button>
                    </Stack>
                  ))}
                </Stack>
              )}
              <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
                <TextField
                  size="small"
                  fullWidth
                  label="数据文件的完整路径"
                  placeholder="例如 D:\年报\reports.sqlite"
                  value={path}
                  onChange={(e) => setPath(e.target.value)}
                  slotProps={{ htmlInput: { 'data-testid': 'recovery-path' } }}
                />
                <Button variant="outlined" disabled={busy || path.trim() === ''} onClick={() => void openFile(path)} sx={{ flexShrink: 0 }}>
                  打开
                </Button>
              </Stack>
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                仅本次使用该文件；原来的数据文件保持原样。
              </Typography>
            </Section>

            <Section title="新建数据文件" testId="recovery-new">
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                <Typography variant="body2" sx={{ flexGrow: 1 }}>
                  从空白开始。当前的文件会改名保留在同一文件夹中，不会删除。
                </Typography>
                <Button color="error" variant="outlined" disabled={busy} onClick={() => void startNew()}>
                  新建数据文件
                </Button>
              </Stack>
            </Section>
            <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-all' }}>
              数据文件：{status.dbPath}
            </Typography>
          </>
        )}
      </Stack>
    </Box>
  );
}
