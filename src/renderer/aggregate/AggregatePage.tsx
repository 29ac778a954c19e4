/**
 * 汇总: pick the office's own (parent) report, add its units' reports (many files at once, with progress
 * and cancel), review each unit's status and findings, choose which are summed, write the sums into the
 * parent report, and click any summed cell to see which units make it up.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import IconButton from '@mui/material/IconButton';
import InputLabel from '@mui/material/InputLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AggregateTrace, AggregateUnit, Output, ReportSummary } from '../../shared/api';
import { AGGREGATE_UNIT_STATUS_NAMES } from '../../shared/names';
import { FindingList } from '../common/FindingList';
import { formatIndex, formatShortName, getFormat } from '../../shared/format/index';
import { formatValue } from '../../shared/values';
import { getClient, messageOf } from '../client';
import { oversizeFile, uploadTooLargeMessage } from '../../shared/upload-limits';
import { fileToBase64 } from '../common/files';
import { useOnDataReplaced } from '../common/dataEvents';
import { useFeedback } from '../common/feedback';
import { useGuardedClose } from '../common/useGuardedClose';
import { batchesOf, UNIT_FILE_ACCEPT } from './batches';
import { SumTable } from './SumTable';


const STATUS_COLORS = { ok: 'success', warnings: 'warning', errors: 'error' } as const;

interface Progress {
  done: number;
  total: number;
  cancelled: boolean;
}

interface Failure {
  fileName: string;
  message: string;
}

/** Under a unit's name: why it is left out, why it was included anyway, which file it replaced. */
function UnitNote({ unit }: { unit: AggregateUnit }) {
  const lines = [
    !unit.included && unit.reason ? { text: `未计入：${unit.reason}`, color: 'error.main' } : null,
    unit.included && unit.includeNote ? { text: `经确认计入（默认不计入：${unit.reason ?? ''}）：${unit.includeNote}`, color: 'warning.dark' } : null,
    unit.replacedFile ? { text: `已替换先前的文件“${unit.replacedFile}”（现为“${unit.fileName}”）`, color: 'text.secondary' } : null,
  ].filter((l) => l !== null);
  if (!lines.length) return null;
  return (
    <>
      {lines.map((l) => (
        <Typography key={l.text} variant="body2" sx={{ color: l.color }} data-testid="unit-note">
          {l.text}
        </Typography>
      ))}
    </>
  );
}

export function AggregatePage({ onOpenReport }: { onOpenReport?: (id: number) => void }) {
  const client = getClient();
  const { notify, confirm } = useFeedback();
  const [reports, setReports] = useState<ReportSummary[] | null>(null);
  const [parentId, setParentId] = useState<number | ''>('');
  const [units, setUnits] = useState<AggregateUnit[]>([]);
  const [preview, setPreview] = useState<Output<'aggregate.preview'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const cancelRef = useRef(false);
  const [failures, setFailures] = useState<Failure[]>([]);
  const [expanded, setExpanded] = useState<number | null>(null);
  const [trace, setTrace] = useState<AggregateTrace | null>(null);
  const [applying, setApplying] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const loadReports = useCallback(
    () =>
      client
        .send('reports.list', {})
        .then(setReports)
        .catch((e) => setError(messageOf(e))),
    [client],
  );
  useEffect(() => {
    void loadReports();
  }, [loadReports]);

  const parent = reports?.find((r) => r.id === parentId) ?? null;

  const reload = useCallback(async () => {
    if (parentId === '') return;
    try {
      const [list, sums] = await Promise.all([client.send('aggregate.listUnits', { parentId }), client.send('aggregate.preview', { parentId })]);
      setUnits(list.units);
      setPreview(sums);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [client, parentId]);

  useEffect(() => {
    setUnits([]);
    setPreview(null);
    setFailures([]);
    void reload();
  }, [reload]);

  // a restored backup holds other reports and units: read everything again (the parent may be gone)
  useOnDataReplaced(() => {
    void loadReports();
    void reload();
  });
  useEffect(() => {
    if (reports && parentId !== '' && !reports.some((r) => r.id === parentId)) {
      setParentId('');
      setError(null);
    }
  }, [reports, parentId]);

  const addFiles = async (files: File[]) => {
    if (parentId === '' || files.length === 0) return;
    cancelRef.current = false;
    setFailures([]);
    setProgress({ done: 0, total: files.length, cancelled: false });
    const failed: Failure[] = [];
    let added = 0;
    let replaced = 0;
    let done = 0;
    // a file over the upload limit is refused here, with the limit, instead of failing its whole batch
    const fitting = files.filter((f) => {
      if (!oversizeFile([f])) return true;
      failed.push({ fileName: f.name, message: uploadTooLargeMessage(f.name, f.size) });
      done++;
      return false;
    });
    for (const batch of batchesOf(fitting)) {
      if (cancelRef.current) break;
      try {
        const payload = await Promise.all(batch.map(async (f) => ({ fileName: f.name, data: await fileToBase64(f) })));
        const { results } = await client.send('aggregate.addUnits', { parentId, files: payload });
        for (const r of results) {
          if (r.outcome === 'added') added++;
          else if (r.outcome === 'replaced') replaced++;
          else failed.push({ fileName: r.fileName, message: r.message ?? '无法读取' });
        }
      } catch (e) {
        for (const f of batch) failed.push({ fileName: f.name, message: messageOf(e) });
      }
      done += batch.length;
      setProgress({ done, total: files.length, cancelled: cancelRef.current });
    }
    const skipped = files.length - done;
    setProgress(null);
    setFailures(failed);
    await reload();
    const parts = [`新增 ${added} 个单位`, replaced ? `替换 ${replaced} 个` : '', failed.length ? `${failed.length} 个文件无法读取` : '', skipped ? `已取消，${skipped} 个文件未处理` : ''];
    notify(parts.filter(Boolean).join('，'), failed.length || skipped ? 'warning' : 'success');
  };

  // including a unit the rules leave out takes a reason, asked for here and kept with the unit
  const [includeAsk, setIncludeAsk] = useState<{ unit: AggregateUnit; note: string } | null>(null);
  const closeIncludeAsk = useGuardedClose(!!includeAsk?.note.trim(), () => setIncludeAsk(null));
  const sendIncluded = async (unit: AggregateUnit, included: boolean, note: string | null) => {
    try {
      // back to the default when the choice equals it, so a re-import keeps following the rules
      const byDefault = unit.reason === null;
      await client.send('aggregate.setIncluded', { unitId: unit.id, included: included === byDefault ? null : included, note });
      setIncludeAsk(null);
      await reload();
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };
  const setIncluded = (unit: AggregateUnit, included: boolean) => {
    if (included && unit.reason !== null) setIncludeAsk({ unit, note: '' });
    else void sendIncluded(unit, included, null);
  };

  const removeUnit = async (unit: AggregateUnit) => {
    const ok = await confirm({ title: '移除单位', message: `从汇总中移除“${unit.name}”${unit.year} 年度报告？可以再次添加该文件。`, confirmText: '移除', danger: true });
    if (!ok) return;
    try {
      await client.send('aggregate.removeUnit', { unitId: unit.id });
      await reload();
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const apply = async () => {
    if (parentId === '' || !preview) return;
    const ok = await confirm({
      title: '生成汇总',
      message: `把 ${preview.units} 个单位的合计写入“${parent?.agencyName ?? ''}”${parent?.year ?? ''} 年度报告的表格？原有数字会被替换，可在历史版本中恢复。`,
      confirmText: '生成汇总',
    });
    if (!ok) return;
    setApplying(true);
    try {
      const r = await client.send('aggregate.apply', { parentId });
      notify(`已生成汇总：${r.units} 个单位，更新单元格 ${r.changed} 处（版本 ${r.revision}）`);
      await reload();
    } catch (e) {
      notify(messageOf(e), 'error');
    } finally {
      setApplying(false);
    }
  };

  const showTrace = async (cell: string) => {
    if (parentId === '') return;
    try {
      setTrace(await client.send('aggregate.trace', { parentId, cell }));
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const mismatched = useMemo(() => new Set(preview?.mismatches.flatMap((f) => f.cells) ?? []), [preview]);
  const included = units.filter((u) => u.included).length;
  const leftOut = units.filter((u) => !u.included && u.reason !== null).length;
  const format = parent ? getFormat(parent.format) : null;

  return (
    <Stack
      spacing={2}
      data-testid="aggregate-page"
      onDragOver={(e) => {
        if (parent && !progress && e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!parent || progress) return;
        e.preventDefault();
        e.stopPropagation();
        void addFiles([...e.dataTransfer.files]);
      }}
    >
      <Typography variant="h6" component="h2">
        汇总下属单位报告
      </Typography>
      <Typography color="text.secondary">
        选择本机关的汇总报告，添加各下属单位的报告文件（交换文件 .json，或 Word、网页、文本），检查无误后生成汇总：表格中每个数字是各单位之和。
      </Typography>
      {error && <Alert severity="error">{error}</Alert>}

      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        <FormControl size="small" sx={{ minWidth: 320 }}>
          <InputLabel id="aggregate-parent-label">汇总报告</InputLabel>
          <Select
            labelId="aggregate-parent-label"
            label="汇总报告"
            value={parentId}
            onChange={(e) => setParentId(Number(e.target.value) || '')}
            data-testid="aggregate-parent"
          >
            {(reports ?? []).map((r) => (
              <MenuItem key={r.id} value={r.id}>
                {r.agencyName} · {r.year} 年度
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        {reports && reports.length === 0 && <Typography color="text.secondary">还没有报告：请先在首页为本机关新建本年度报告。</Typography>}
        {parent && (
          <>
            <Button variant="contained" onClick={() => fileInput.current?.click()} disabled={!!progress}>
              添加单位报告…
            </Button>
            <Button onClick={() => onOpenReport?.(parent.id)}>打开汇总报告</Button>
          </>
        )}
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          accept={UNIT_FILE_ACCEPT}
          data-testid="aggregate-files"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void addFiles(files);
          }}
        />
      </Stack>

      {progress && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Box sx={{ flexGrow: 1 }}>
              <LinearProgress variant="determinate" value={(progress.done / progress.total) * 100} />
            </Box>
            <Typography variant="body2" sx={{ minWidth: 120 }}>
              已处理 {progress.done} / {progress.total}
            </Typography>
            <Button
              size="small"
              disabled={progress.cancelled}
              onClick={() => {
                cancelRef.current = true;
                setProgress({ ...progress, cancelled: true });
              }}
            >
              {progress.cancelled ? '正在取消…' : '取消'}
            </Button>
          </Stack>
        </Paper>
      )}

      {failures.length > 0 && (
        <Alert severity="warning" onClose={() => setFailures([])}>
          以下文件未能加入汇总：
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {failures.map((f, i) => (
              <li key={i} style={{ whiteSpace: 'pre-line' }}>
                {f.fileName}：{f.message}
              </li>
            ))}
          </Box>
        </Alert>
      )}

      {parent && (
        <Paper variant="outlined">
          <Table size="small" data-testid="aggregate-units">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox" sx={{ whiteSpace: 'nowrap' }}>计入</TableCell>
                <TableCell>单位</TableCell>
                <TableCell>年度</TableCell>
                <TableCell>格式</TableCell>
                <TableCell>文件</TableCell>
                <TableCell>状态</TableCell>
                <TableCell align="right">错误</TableCell>
                <TableCell align="right">提醒</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {units.length === 0 && (
                <TableRow>
                  <TableCell colSpan={9}>
                    <Typography color="text.secondary">还没有单位报告。点击“添加单位报告…”一次选择多个文件，或把文件拖到这里。</Typography>
                  </TableCell>
                </TableRow>
              )}
              {units.map((u) => (
                <Fragment key={u.id}>
                  <TableRow hover selected={expanded === u.id}>
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={u.included}
                        onChange={(e) => setIncluded(u, e.target.checked)}
                        slotProps={{ input: { 'aria-label': `计入汇总：${u.name}` } }}
                      />
                    </TableCell>
                    <TableCell>
                      {u.name}
                      <UnitNote unit={u} />
                    </TableCell>
                    <TableCell>{u.year}</TableCell>
                    <TableCell title={getFormat(u.format).notice}>{formatShortName(u.format)}</TableCell>
                    <TableCell sx={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={u.fileName}>
                      {u.fileName}
                    </TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        color={STATUS_COLORS[u.status]}
                        variant="outlined"
                        label={AGGREGATE_UNIT_STATUS_NAMES[u.status]}
                        // the dark shade: amber text on white is too faint to read (contrast below 4.5:1)
                        sx={{ color: `${STATUS_COLORS[u.status]}.dark` }}
                      />
                    </TableCell>
                    <TableCell align="right">{u.errors}</TableCell>
                    <TableCell align="right">{u.warnings}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      <Button size="small" onClick={() => setExpanded(expanded === u.id ? null : u.id)} disabled={u.findings.length === 0}>
                        {expanded === u.id ? '收起' : '查看问题'}
                      </Button>
                      <IconButton size="small" aria-label={`移除 ${u.name}`} title="移除" onClick={() => void removeUnit(u)}>
                        ×
                      </IconButton>
                    </TableCell>
                  </TableRow>
                  <TableRow>
                    <TableCell colSpan={9} sx={{ py: 0, borderBottom: expanded === u.id ? undefined : 'none' }}>
                      <Collapse in={expanded === u.id} unmountOnExit>
                        <FindingList findings={u.findings.filter((f) => f.severity !== 'info')} />
                      </Collapse>
                    </TableCell>
                  </TableRow>
                </Fragment>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}

      {parent && units.length > 0 && preview && (
        <Stack spacing={1}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
            <Typography sx={{ flexGrow: 1 }}>
              共 {units.length} 个单位，计入汇总 {included} 个
              {leftOut > 0 && `；${leftOut} 个单位因所列原因未计入（如确需计入，勾选“计入”并写明理由）`}。
            </Typography>
            <Button variant="contained" onClick={() => void apply()} disabled={applying || included === 0} data-testid="aggregate-apply">
              生成汇总
            </Button>
          </Stack>
          {preview.mismatches.length > 0 && preview.mismatches.every((m) => !m.actual) ? (
            // a parent whose differing cells are all blank or 0 has not been summed yet: nothing disagrees
            <Alert severity="info">汇总报告的表格还没有填入合计。点击“生成汇总”把计入单位的合计写入汇总报告。</Alert>
          ) : preview.mismatches.length > 0 ? (
            <Alert severity="warning">
              汇总报告中有 {preview.mismatches.length} 处数字与计入单位的合计不一致（表中以橙色框标出）。点击“生成汇总”以合计替换，或点击单元格查看各单位的数值。
            </Alert>
          ) : (
            <Alert severity="success">汇总报告的表格与计入单位的合计一致。</Alert>
          )}
          <Typography variant="body2" color="text.secondary">
            下表为计入单位的合计，点击任一数字查看由哪些单位构成。
          </Typography>
          {format?.sections
            .filter((s) => s.table)
            .map((s) => (
              <Box key={s.id}>
                <Typography variant="subtitle1" component="h3" sx={{ mb: 0.5 }}>
                  {s.heading}
                </Typography>
                <SumTable format={parent.format} table={s.table!} cells={preview.cells} mismatched={mismatched} onCellClick={(c) => void showTrace(c)} />
              </Box>
            ))}
        </Stack>
      )}

      <TraceDialog trace={trace} format={parent?.format} onClose={() => setTrace(null)} />
      <Dialog open={!!includeAsk} onClose={closeIncludeAsk} maxWidth="sm" fullWidth>
        <DialogTitle>计入“{includeAsk?.unit.name}”？</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }}>
            该单位默认不计入汇总：{includeAsk?.unit.reason}。
          </Alert>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            label="计入的理由（记入历史）"
            value={includeAsk?.note ?? ''}
            onChange={(e) => setIncludeAsk((a) => a && { ...a, note: e.target.value })}
            slotProps={{ htmlInput: { 'data-testid': 'include-note', maxLength: 500 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setIncludeAsk(null)}>取消</Button>
          <Button
            variant="contained"
            color="warning"
            disabled={!includeAsk?.note.trim()}
            onClick={() => includeAsk && void sendIncluded(includeAsk.unit, true, includeAsk.note.trim())}
            data-testid="include-confirm"
          >
            确认计入
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

function TraceDialog({ trace, format, onClose }: { trace: AggregateTrace | null; format?: ReportSummary['format']; onClose(): void }) {
  const kind = trace && format ? formatIndex(format).cellById.get(trace.cell)?.kind ?? 'count' : 'count';
  const show = (v: number | null) => formatValue(kind, v);
  return (
    <Dialog open={!!trace} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{trace?.name}</DialogTitle>
      <DialogContent>
        {trace && (
          <Stack spacing={1}>
            <Typography>
              合计 {show(trace.sum)}；汇总报告中为 {show(trace.parentValue)}
              {(trace.sum ?? 0) !== (trace.parentValue ?? 0) && '（不一致）'}。
            </Typography>
            {trace.contributions.length === 0 ? (
              <Typography color="text.secondary">没有单位填写这一项。</Typography>
            ) : (
              <Table size="small" data-testid="aggregate-trace">
                <TableHead>
                  <TableRow>
                    <TableCell>单位</TableCell>
                    <TableCell align="right">数值</TableCell>
                    <TableCell>计入</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {trace.contributions.map((c) => (
                    <TableRow key={c.unitId} sx={{ opacity: c.included ? 1 : 0.55 }}>
                      <TableCell>{c.name}</TableCell>
                      <TableCell align="right">{show(c.value)}</TableCell>
                      <TableCell>{c.included ? '是' : '否'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>关闭</Button>
      </DialogActions>
    </Dialog>
  );
}
