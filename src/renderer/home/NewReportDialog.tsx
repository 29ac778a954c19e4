/** 新建年度报告: agency, year (the format follows it), and whether to start from last year's report. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import ListSubheader from '@mui/material/ListSubheader';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useGuardedClose } from '../common/useGuardedClose';
import type { Agency, ReportDetail, ReportSummary } from '../../shared/api';
import { FORMATS, formatForYear } from '../../shared/format/index';
import { getClient, messageOf } from '../client';
import { likelyReportYear, selectableYears } from './years';

export interface NewReportProps {
  open: boolean;
  agencies: Agency[];
  reports: ReportSummary[];
  /** 复制: the report to copy; otherwise a new one. */
  source?: ReportSummary | null;
  onClose(): void;
  onCreated(report: ReportDetail): void;
}

/**
 * The agency a new report is most likely for: one the user reports for (never the agency of an imported
 * reference report just because it was imported last), the one with the latest report first.
 */
export function likelyAgency(agencies: readonly Agency[], reports: readonly ReportSummary[]): number {
  const own = agencies.filter((a) => a.own);
  const latest = [...reports].filter((r) => own.some((a) => a.id === r.agencyId)).sort((a, b) => b.year - a.year || b.id - a.id)[0];
  return latest?.agencyId ?? own[0]?.id ?? agencies[0]?.id ?? 0;
}

export function NewReportDialog({ open, agencies, reports, source, onClose, onCreated }: NewReportProps) {
  const [agencyId, setAgencyId] = useState<number>(() => likelyAgency(agencies, reports));
  const [year, setYear] = useState(likelyReportYear());
  const [fromPrevious, setFromPrevious] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // a choice the user made: a click outside asks before dropping it
  const [touched, setTouched] = useState(false);
  const guardedClose = useGuardedClose(touched, onClose);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setTouched(false);
    setAgencyId(source?.agencyId ?? likelyAgency(agencies, reports));
    setYear(source ? source.year + 1 : likelyReportYear());
    // only when the dialog opens: a report list refreshed meanwhile must not undo the user's choice
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, source, agencies]);

  const exists = reports.some((r) => r.agencyId === agencyId && r.year === year);
  const previous = reports.find((r) => r.agencyId === agencyId && r.year === year - 1);
  const format = FORMATS[formatForYear(year)];

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const client = getClient();
      const report = source
        ? await client.send('reports.duplicate', { id: source.id, agencyId, year })
        : await client.send('reports.create', { agencyId, year, from: previous && fromPrevious ? 'previous' : 'blank' });
      onCreated(report);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={guardedClose} maxWidth="xs" fullWidth>
      <DialogTitle>{source ? `复制 ${source.agencyName} ${source.year}年度报告` : '新建年度报告'}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField select label="机关" value={agencyId} onChange={(e) => (setAgencyId(Number(e.target.value)), setTouched(true))} fullWidth>
            {agencies
              .filter((a) => a.own)
              .map((a) => (
                <MenuItem key={a.id} value={a.id}>
                  {a.name}
                </MenuItem>
              ))}
            {agencies.some((a) => !a.own) && <ListSubheader>导入的参考报告所属机关</ListSubheader>}
            {agencies
              .filter((a) => !a.own)
              .map((a) => (
                <MenuItem key={a.id} value={a.id}>
                  {a.name}（参考）
                </MenuItem>
              ))}
          </TextField>
          <TextField
            select
            label="报告年度"
            value={year}
            onChange={(e) => (setYear(Number(e.target.value)), setTouched(true))}
            fullWidth
            helperText={`格式：${format.notice}${format.id === 'GOV-2019' ? '（2020 年及以前的试行格式）' : ''}`}
            slotProps={{ htmlInput: { 'data-testid': 'report-year' } }}
          >
            {selectableYears().map((y) => (
              <MenuItem key={y} value={y}>
                {y}年度
              </MenuItem>
            ))}
          </TextField>
          {!source && previous && (
            <FormControlLabel
              control={<Checkbox checked={fromPrevious} onChange={(e) => (setFromPrevious(e.target.checked), setTouched(true))} />}
              label={
                <span>
                  从上年报告开始
                  <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
                    “上年结转”取自{year - 1}年度报告的“结转下年度”，上年正文作为初稿
                  </Typography>
                </span>
              }
            />
          )}
          {exists && <Alert severity="warning">该机关已有{year}年度报告，请直接打开它，或选择其他年度。</Alert>}
          {error && (
            <Alert severity="error" sx={{ whiteSpace: 'pre-line' }}>
              {error}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={busy || exists || !agencyId}>
          {source ? '复制' : '创建'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
