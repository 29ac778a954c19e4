/**
 * 批量检查: pick a folder of published reports (or some files), watch them being read and checked, cancel
 * if needed, see one row per file — agency, level, year, format, cells read, errors, warnings, publication
 * deadline, or why the file could not be read — and save the result workbook and the one-page summary.
 * The files go to the core in batches (audit.addFiles); the core reads and checks them exactly as
 * `gov-report audit` does. In the desktop app the folder input opens the system's folder dialog.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Fragment, useEffect, useRef, useState } from 'react';
import { AGENCY_LEVEL_NAMES } from '../../shared/agency-levels';
import type { AuditRowView, AuditStatus } from '../../shared/api';
import { formatShortName } from '../../shared/format/index';
import { FindingList } from '../common/FindingList';
import { fileKindName, REPORT_FILE, REPORT_FILE_ACCEPT } from '../../shared/report-files';
import { oversizeFile } from '../../shared/upload-limits';
import { batchesOf } from '../aggregate/batches';
import { ClientError, getClient, messageOf } from '../client';
import { useFeedback } from '../common/feedback';
import { downloadFile, fileToBase64 } from '../common/files';

/** How often the page asks for progress while the core reads. */
const POLL_MS = 150;

interface Progress {
  done: number;
  total: number;
  current: string | null;
  checking: boolean;
  cancelling: boolean;
}

interface Result {
  id: string;
  rows: AuditRowView[];
  cancelled: boolean;
  /** Files of the picked folder that are not reports (images, spreadsheets of other things, subfolders). */
  skipped: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const byName = (a: File, b: File) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The report files of a pick: from a folder, only those directly inside it, as `gov-report audit <文件夹>` reads them. */
export function reportFilesOf(files: readonly File[]): { reports: File[]; skipped: number } {
  const reports = files.filter((f) => REPORT_FILE.test(f.name) && (f.webkitRelativePath ?? '').split('/').length <= 2).sort(byName);
  return { reports, skipped: files.length - reports.length };
}

/**
 * The files of a drop: dropped files as they are, a dropped folder as the report files directly inside it
 * (the drop gives a folder as an entry to read, not as a file).
 */
async function droppedFiles(items: DataTransferItemList): Promise<File[]> {
  const entries = [...items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  const fileOf = (e: FileSystemFileEntry) => new Promise<File>((resolve, reject) => e.file(resolve, reject));
  const out: File[] = [];
  for (const entry of entries) {
    if (entry.isFile) out.push(await fileOf(entry as FileSystemFileEntry));
    else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries gives the folder in pieces (about 100 at a time) until an empty piece
      for (;;) {
        const piece = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (piece.length === 0) break;
        for (const child of piece) if (child.isFile) out.push(await fileOf(child as FileSystemFileEntry));
      }
    }
  }
  return out;
}

/** The last result, kept while the app runs: back from the report list, the page shows it again (the core keeps the job for saving). */
let lastResult: Result | null = null;

const DEADLINE_LABELS = { unknown: '未知', onTime: '按时', late: '逾期' } as const;

export function AuditPage() {
  const client = getClient();
  const { notify } = useFeedback();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResultState] = useState<Result | null>(lastResult);
  const setResult = (r: Result | null) => {
    lastResult = r;
    setResultState(r);
  };
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [saving, setSaving] = useState(false);
  const cancelRef = useRef<(() => void) | null>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);

  // React knows no `webkitdirectory`: set on the element, it makes the picker choose a folder (Chromium, Electron)
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);
  // leaving the page stops a check in progress: nobody is there to see it finish
  useEffect(() => () => cancelRef.current?.(), []);

  const run = async (picked: File[]) => {
    const { reports, skipped } = reportFilesOf(picked);
    if (reports.length === 0) {
      setError(picked.length ? `所选的 ${picked.length} 个文件中没有报告文件（.json、.pdf、.docx、.html、.mht、.txt、.md、.xlsx）。` : '没有选择文件。');
      return;
    }
    setError(null);
    setResult(null);
    setExpanded(null);
    const total = reports.length;
    let cancelled = false;
    let id: string | null = null;
    const show = (s: AuditStatus) => setProgress({ done: s.done, total, current: s.current, checking: s.state === 'checking', cancelling: cancelled });
    cancelRef.current = () => {
      cancelled = true;
      setProgress((p) => p && { ...p, cancelling: true });
      if (id) void client.send('audit.cancel', { id }).catch(() => undefined);
    };
    setProgress({ done: 0, total, current: null, checking: false, cancelling: false });
    try {
      const started = await client.send('audit.start', { total });
      id = started.id;
      // a file over the upload limit is not sent: the core makes it a row naming the limit
      const oversize = reports.filter((f) => oversizeFile([f])).map((f) => ({ fileName: f.name, bytes: f.size }));
      const batches = batchesOf(reports.filter((f) => !oversizeFile([f])));
      if (batches.length === 0) batches.push([]);
      for (let i = 0; i < batches.length && !cancelled; i++) {
        const files = await Promise.all(batches[i]!.map(async (f) => ({ fileName: f.name, data: await fileToBase64(f) })));
        let status: AuditStatus;
        try {
          status = await client.send('audit.addFiles', { id, files, oversize: i === 0 ? oversize : [], last: i === batches.length - 1 });
        } catch (e) {
          // cancelled while the batch was on its way: the core refuses it, which is what was asked for
          if (cancelled && e instanceof ClientError && e.code === 'conflict') break;
          throw e;
        }
        // the next batch goes once this one is read, so the core never holds more than a batch
        while (!cancelled && status.state === 'reading' && status.done < status.received) {
          show(status);
          await sleep(POLL_MS);
          status = await client.send('audit.status', { id });
        }
        show(status);
      }
      let status = await client.send('audit.status', { id });
      while (status.state === 'reading' || status.state === 'checking') {
        show(status);
        await sleep(POLL_MS);
        status = await client.send('audit.status', { id });
      }
      const rows = status.rows ?? [];
      setResult({ id, rows, cancelled: status.state === 'cancelled', skipped });
      const unread = rows.filter((r) => !r.ok).length;
      notify(
        status.state === 'cancelled' ? `已取消：检查了 ${rows.length} / ${total} 个文件` : `已检查 ${rows.length} 个文件${unread ? `，${unread} 个无法读取` : ''}`,
        status.state === 'cancelled' || unread ? 'warning' : 'success',
      );
    } catch (e) {
      setError(messageOf(e));
      if (id) void client.send('audit.cancel', { id }).catch(() => undefined);
    } finally {
      cancelRef.current = null;
      setProgress(null);
    }
  };

  const save = async (kind: 'xlsx' | 'html') => {
    if (!result) return;
    setSaving(true);
    try {
      const file = await client.send('audit.export', { id: result.id, kind });
      if (client.bridge) {
        const path = await client.bridge.saveFile(file.fileName, file.data);
        if (path) notify(`已保存：${path}`);
      } else {
        downloadFile(file.fileName, file.mimeType, file.data);
        notify(`已下载：${file.fileName}`);
      }
    } catch (e) {
      notify(messageOf(e), 'error');
    } finally {
      setSaving(false);
    }
  };

  const rows = result?.rows ?? [];
  const read = rows.filter((r) => r.ok);
  const withErrors = read.filter((r) => r.errors > 0).length;
  const unreadable = rows.length - read.length;
  const late = read.filter((r) => r.deadline?.status === 'late').length;
  const shown = onlyProblems ? rows.filter((r) => !r.ok || r.errors > 0 || r.warnings > 0) : rows;
  const busy = progress !== null;

  const pickInput = (ref: typeof folderInput, testId: string, multiple: boolean) => (
    <input
      ref={ref}
      type="file"
      hidden
      multiple={multiple}
      accept={testId === 'audit-files' ? REPORT_FILE_ACCEPT : undefined}
      data-testid={testId}
      onChange={(e) => {
        const files = [...(e.target.files ?? [])];
        e.target.value = '';
        void run(files);
      }}
    />
  );

  return (
    <Stack
      spacing={2}
      data-testid="audit-page"
      onDragOver={(e) => {
        if (!busy && e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (busy) return;
        e.preventDefault();
        e.stopPropagation();
        const items = e.dataTransfer.items;
        const files = [...e.dataTransfer.files];
        void droppedFiles(items)
          .catch(() => files)
          .then((picked) => run(picked.length ? picked : files));
      }}
    >
      <Typography variant="h6" component="h2">
        批量检查已发布的年度报告
      </Typography>
      <Typography color="text.secondary">
        选择一个文件夹（读取其中的报告文件，不含子文件夹）或多个文件：PDF、Word、网页（.html、.mht）、文本、Excel/WPS 表格或交换文件。
        每份报告按本程序的规则检查，同一机关的上年报告也在其中时一并核对；结果可保存为工作簿和一页网页摘要。文件只在本机处理。
      </Typography>
      {error && (
        <Alert severity="error" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}

      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        <Button variant="contained" disabled={busy} onClick={() => folderInput.current?.click()}>
          选择文件夹…
        </Button>
        <Button variant="outlined" disabled={busy} onClick={() => filesInput.current?.click()}>
          选择文件…
        </Button>
        {pickInput(folderInput, 'audit-folder', true)}
        {pickInput(filesInput, 'audit-files', true)}
        {result && (
          <>
            <Box sx={{ flexGrow: 1 }} />
            <Button variant="contained" color="success" disabled={busy || saving} onClick={() => void save('xlsx')} data-testid="audit-save-xlsx">
              保存结果工作簿（.xlsx）
            </Button>
            <Button variant="outlined" disabled={busy || saving} onClick={() => void save('html')} data-testid="audit-save-html">
              保存网页摘要（.html）
            </Button>
          </>
        )}
      </Stack>

      {progress && (
        <Paper variant="outlined" sx={{ p: 2 }} data-testid="audit-progress">
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Box sx={{ flexGrow: 1 }}>
              <LinearProgress
                variant={progress.checking ? 'indeterminate' : 'determinate'}
                value={(progress.done / progress.total) * 100}
                aria-label="批量检查进度"
              />
            </Box>
            <Typography variant="body2" sx={{ minWidth: 140 }} data-testid="audit-count">
              {progress.checking ? '正在核对…' : `已读取 ${progress.done} / ${progress.total}`}
            </Typography>
            <Button size="small" disabled={progress.cancelling} onClick={() => cancelRef.current?.()}>
              {progress.cancelling ? '正在取消…' : '取消'}
            </Button>
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1, minHeight: 20, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} data-testid="audit-current">
            {progress.current ? `正在读取：${progress.current}` : progress.checking ? '正在按规则检查各份报告…' : '正在上传…'}
          </Typography>
        </Paper>
      )}

      {result && (
        <>
          <Alert severity={result.cancelled || unreadable || withErrors ? 'warning' : 'success'} data-testid="audit-summary">
            {result.cancelled && '已取消。'}共 {rows.length} 个文件：{read.length} 份已读取，其中 {withErrors} 份有错误
            {late > 0 && `、${late} 份逾期发布`}；{unreadable} 个文件无法读取。
            {result.skipped > 0 && `另有 ${result.skipped} 个所选文件不是报告文件或在子文件夹中，未检查。`}
          </Alert>
          <FormControlLabel control={<Switch checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />} label="只看有问题或无法读取的" />
          <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
            <Table size="small" data-testid="audit-rows">
              <TableHead>
                <TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}>
                  <TableCell>文件</TableCell>
                  <TableCell>机关</TableCell>
                  <TableCell>级别</TableCell>
                  <TableCell>年度</TableCell>
                  <TableCell>格式</TableCell>
                  <TableCell>文件类型</TableCell>
                  <TableCell align="right">识别单元格</TableCell>
                  <TableCell align="right">错误</TableCell>
                  <TableCell align="right">提醒</TableCell>
                  <TableCell>发布期限</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={11}>
                      <Typography color="text.secondary">没有有问题的报告。</Typography>
                    </TableCell>
                  </TableRow>
                )}
                {shown.map((r) => (
                  <Fragment key={r.file}>
                    <TableRow hover selected={expanded === r.file} data-testid="audit-row" data-file={r.file}>
                      <TableCell sx={{ maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={r.file}>
                        {r.file}
                      </TableCell>
                      {r.ok ? (
                        <>
                          <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.agency}</TableCell>
                          <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.level ? AGENCY_LEVEL_NAMES[r.level] : ''}</TableCell>
                          <TableCell>{r.year}</TableCell>
                          <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.format ? formatShortName(r.format) : ''}</TableCell>
                          <TableCell sx={{ whiteSpace: 'nowrap' }}>{fileKindName(r.kind)}</TableCell>
                          <TableCell align="right">{r.matched}</TableCell>
                          <TableCell align="right" sx={{ color: r.errors ? 'error.main' : undefined, fontWeight: r.errors ? 600 : undefined }}>
                            {r.errors}
                          </TableCell>
                          <TableCell align="right">{r.warnings}</TableCell>
                          <TableCell title={r.deadline?.text}>
                            {r.deadline && (
                              <Chip
                                size="small"
                                variant="outlined"
                                label={r.deadline.status === 'late' ? r.deadline.text.replace(/（.*$/, '') : DEADLINE_LABELS[r.deadline.status]}
                                color={r.deadline.status === 'late' ? 'error' : r.deadline.status === 'onTime' ? 'success' : 'default'}
                                sx={r.deadline.status === 'onTime' ? { color: 'success.dark' } : undefined}
                              />
                            )}
                          </TableCell>
                        </>
                      ) : (
                        <TableCell colSpan={9} sx={{ color: 'error.main' }} data-testid="audit-unreadable">
                          无法读取（{fileKindName(r.kind)}）：{r.reason}
                        </TableCell>
                      )}
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {r.ok && (
                          <Button size="small" disabled={r.findings.length === 0} onClick={() => setExpanded(expanded === r.file ? null : r.file)} aria-label={`${expanded === r.file ? '收起' : '查看问题'}：${r.file}`}>
                            {expanded === r.file ? '收起' : '查看问题'}
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                    {expanded === r.file && (
                      <TableRow>
                        <TableCell colSpan={11} sx={{ py: 0 }}>
                          <Collapse in appear>
                            {r.previousFile && (
                              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                                已与上年报告“{r.previousFile}”对照。
                              </Typography>
                            )}
                            <FindingList findings={r.findings} testId="audit-findings" />
                          </Collapse>
                        </TableCell>
                      </TableRow>
                    )}
                  </Fragment>
                ))}
              </TableBody>
            </Table>
          </Paper>
        </>
      )}

      {!result && !progress && (
        <Paper variant="outlined" sx={{ p: 3, textAlign: 'center' }}>
          <Typography color="text.secondary">点击“选择文件夹…”或“选择文件…”，也可以把报告文件拖到这里。</Typography>
        </Paper>
      )}
    </Stack>
  );
}
