/**
 * 导入: a file (exchange .json, .docx, .pdf, .html, .txt) is first read without storing anything (dryRun) and
 * the import report shown — identical lines grouped, the format named in words — with the findings of the
 * file checked as published, the same that 检查 and `gov-report check` show. The agency's name and level
 * taken from the title can be corrected; only then is the report created — or an existing one replaced,
 * after asking.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { AgencyLevel } from '../../shared/agency-levels';
import type { Agency, ImportReport, ReportDetail } from '../../shared/api';
import { foldBlanks } from '../../shared/checks/index';
import type { Finding } from '../../shared/findings';
import type { FormatId } from '../../shared/format/index';
import { importHeadline, importLines } from '../../shared/importReport';
import { ruleName } from '../../shared/checks/types';
import { SEVERITY_NAMES } from '../../shared/names';
import { ClientError, getClient, messageOf } from '../client';
import { useFeedback } from '../common/feedback';
import { useGuardedClose } from '../common/useGuardedClose';
import { AgencyFields, type AgencyDraft } from './AgencyFields';
import { defaultImportAgency, NEW_AGENCY } from './importTarget';
import type { PickedFile } from './pickedFile';

const LEVEL_NAMES = { info: '说明', warning: '注意', error: '无法识别' } as const;
const COLORS = { error: 'error.main', warning: 'warning.dark', info: 'text.primary' } as const;

interface Parsed {
  format?: FormatId;
  year?: number;
  agency?: { name?: string; level?: AgencyLevel };
}

interface DryRun {
  importReport: ImportReport;
  parsed: Parsed;
  findings: Finding[];
}

export function ImportDialog({
  file,
  agencies,
  onClose,
  onImported,
}: {
  file: PickedFile | null;
  agencies: Agency[];
  onClose(): void;
  onImported(report: ReportDetail): void;
}) {
  const { confirm } = useFeedback();
  const [result, setResult] = useState<DryRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [agencyId, setAgencyId] = useState<number>(agencies[0]?.id ?? 0);
  // the agency as the title gave it, which the user may correct before the report is stored
  const [draft, setDraft] = useState<AgencyDraft>({ name: '', level: 'other' });
  const [touched, setTouched] = useState(false);
  const serial = useRef(0);
  const guardedClose = useGuardedClose(touched, onClose);

  useEffect(() => {
    setResult(null);
    setError(null);
    setTouched(false);
    if (!file) return;
    const mine = ++serial.current;
    setBusy(true);
    getClient()
      .send('reports.import', { fileName: file.fileName, data: file.data, dryRun: true })
      .then(
        (r) => {
          if (mine !== serial.current) return;
          const parsed = (r.parsed ?? {}) as Parsed;
          setResult({ importReport: r.importReport, parsed, findings: r.findings });
          setAgencyId(defaultImportAgency(agencies, parsed.agency?.name));
          setDraft({ name: parsed.agency?.name?.trim() ?? '', level: parsed.agency?.level ?? 'other' });
        },
        (e) => mine === serial.current && setError(messageOf(e)),
      )
      .finally(() => mine === serial.current && setBusy(false));
  }, [file, agencies]);

  const create = async (replace = false) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const target = agencyId === NEW_AGENCY ? { agency: { name: draft.name.trim(), level: draft.level } } : { agencyId };
      const r = await getClient().send('reports.import', { fileName: file.fileName, data: file.data, ...target, replace });
      if (r.report) onImported(r.report);
    } catch (e) {
      if (!replace && e instanceof ClientError && e.code === 'conflict') {
        setBusy(false);
        if (await confirm({ title: '该年度报告已存在', message: `${e.message}\n要用导入的内容替换它吗？替换前的内容保留在历史版本中。`, confirmText: '替换', danger: true }))
          return create(true);
        return;
      }
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const report = result?.importReport;
  const fileAgency = result?.parsed.agency?.name?.trim();
  const lines = report ? importLines(report.messages) : [];
  const problems = lines.filter((l) => l.level !== 'info').length;
  const findings = result ? foldBlanks(result.findings) : [];
  const errors = result?.findings.filter((f) => f.severity === 'error').length ?? 0;
  const warnings = result?.findings.filter((f) => f.severity === 'warning').length ?? 0;
  const blankCells = result?.findings.filter((f) => f.rule === 'cell.missing').reduce((n, f) => n + f.cells.length, 0) ?? 0;
  const newAgency = agencyId === NEW_AGENCY;
  return (
    <Dialog open={!!file} onClose={guardedClose} maxWidth="md" fullWidth aria-labelledby="import-title">
      <DialogTitle id="import-title">导入报告：{file?.fileName}</DialogTitle>
      <DialogContent dividers>
        {busy && <LinearProgress sx={{ mb: 2 }} aria-label="正在读取" />}
        {error && (
          <Alert severity="error" sx={{ whiteSpace: 'pre-line', mb: 2 }}>
            {error}
          </Alert>
        )}
        {report && result && (
          <Box data-testid="import-report">
            <Typography gutterBottom data-testid="import-headline">
              识别为{importHeadline(report, result.parsed)}；已对应 {report.matched} 项{problems ? `，${problems} 处需要留意` : '，没有需要留意的地方'}。
            </Typography>
            {lines.length > 0 && (
              <List dense aria-label="导入说明" tabIndex={0} sx={{ maxHeight: 200, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, mb: 2 }}>
                {lines.map((l, i) => (
                  <ListItem key={i} data-testid="import-line">
                    <ListItemText
                      primary={l.message}
                      secondary={`${LEVEL_NAMES[l.level]} · ${l.where}`}
                      slotProps={{ primary: { color: COLORS[l.level] } }}
                    />
                  </ListItem>
                ))}
              </List>
            )}
            <Typography variant="subtitle2" component="h3" data-testid="import-check-summary">
              按发布要求检查：{errors} 处错误{blankCells ? `（含 ${blankCells} 格未填写）` : ''}，{warnings} 条提醒
            </Typography>
            <Typography variant="body2" color="text.secondary" gutterBottom>
              与导入后报告中的“检查”和命令行 gov-report check 的结果相同；未填写的单元格每张表合并为一行。
            </Typography>
            {findings.length > 0 && (
              <List dense aria-label="检查结果" tabIndex={0} sx={{ maxHeight: 200, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, mb: 2 }}>
                {findings.map((f, i) => (
                  <ListItem key={i} data-testid="import-finding" data-rule={f.rule} data-severity={f.severity}>
                    <ListItemText primary={f.message} secondary={`${SEVERITY_NAMES[f.severity]} · ${ruleName(f.rule)}`} slotProps={{ primary: { color: COLORS[f.severity], sx: { whiteSpace: 'pre-line' } } }} />
                  </ListItem>
                ))}
              </List>
            )}
            <TextField
              select
              label="导入到机关"
              value={agencyId}
              onChange={(e) => {
                setAgencyId(Number(e.target.value));
                setTouched(true);
              }}
              sx={{ minWidth: 280, mt: 1 }}
              slotProps={{ htmlInput: { 'data-testid': 'import-agency' } }}
              helperText={
                newAgency
                  ? '将新建下面的机关（名称和层级取自报告标题，请核对）；如果这是本机的某个机关的其他写法，请改选该机关'
                  : fileAgency && agencies.find((a) => a.id === agencyId)?.name !== fileAgency
                    ? `文件中的机关是“${fileAgency}”，将作为所选机关的报告导入`
                    : undefined
              }
            >
              <MenuItem value={NEW_AGENCY}>{fileAgency && !agencies.some((a) => a.name === fileAgency) ? `新建机关“${fileAgency}”` : '新建机关'}</MenuItem>
              {agencies.map((a) => (
                <MenuItem key={a.id} value={a.id}>
                  {a.name}
                </MenuItem>
              ))}
            </TextField>
            {newAgency && (
              <Box sx={{ mt: 2, maxWidth: 480 }} data-testid="import-agency-fields">
                <AgencyFields
                  value={draft}
                  onChange={(d) => {
                    setDraft(d);
                    setTouched(true);
                  }}
                />
              </Box>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant="contained" disabled={busy || !report || !agencyId || (newAgency && !draft.name.trim())} onClick={() => void create()}>
          创建报告
        </Button>
      </DialogActions>
    </Dialog>
  );
}
