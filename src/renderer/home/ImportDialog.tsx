/**
 * 导入: a file (exchange .json, .docx, .html, .txt) is first read without storing anything (dryRun) and
 * the import report shown; only then is the report created — or an existing one replaced, after asking.
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
import type { Agency, ImportReport, ReportDetail } from '../../shared/api';
import { ClientError, getClient, messageOf } from '../client';
import { useFeedback } from '../common/feedback';
import { defaultImportAgency, NEW_AGENCY } from './importTarget';
import type { PickedFile } from './pickedFile';
const SOURCE_NAMES: Record<ImportReport['source'], string> = { docx: 'Word 文档', html: '网页', text: '纯文本', exchange: '交换文件', xlsx: 'Excel/WPS 表格' };
const LEVEL_NAMES = { info: '说明', warning: '注意', error: '无法识别' } as const;

interface Parsed {
  year?: number;
  agency?: { name?: string };
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
  const [result, setResult] = useState<{ importReport: ImportReport; parsed: Parsed } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [agencyId, setAgencyId] = useState<number>(agencies[0]?.id ?? 0);
  const serial = useRef(0);

  useEffect(() => {
    setResult(null);
    setError(null);
    if (!file) return;
    const mine = ++serial.current;
    setBusy(true);
    getClient()
      .send('reports.import', { fileName: file.fileName, data: file.data, dryRun: true })
      .then(
        (r) => {
          if (mine !== serial.current) return;
          const parsed = (r.parsed ?? {}) as Parsed;
          setResult({ importReport: r.importReport, parsed });
          setAgencyId(defaultImportAgency(agencies, parsed.agency?.name));
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
      const target = agencyId === NEW_AGENCY ? {} : { agencyId };
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
  const problems = report?.messages.filter((m) => m.level !== 'info').length ?? 0;
  return (
    <Dialog open={!!file} onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>导入报告：{file?.fileName}</DialogTitle>
      <DialogContent dividers>
        {busy && <LinearProgress sx={{ mb: 2 }} aria-label="正在读取" />}
        {error && (
          <Alert severity="error" sx={{ whiteSpace: 'pre-line', mb: 2 }}>
            {error}
          </Alert>
        )}
        {report && (
          <Box data-testid="import-report">
            <Typography gutterBottom>
              识别为{SOURCE_NAMES[report.source]}
              {result.parsed.year ? `，${result.parsed.year}年度` : ''}
              {result.parsed.agency?.name ? `，${result.parsed.agency.name}` : ''}；已对应 {report.matched} 项
              {problems ? `，${problems} 处需要留意` : '，没有需要留意的地方'}。
            </Typography>
            {report.messages.length > 0 && (
              <List dense sx={{ maxHeight: 280, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, mb: 2 }}>
                {report.messages.map((m, i) => (
                  <ListItem key={i}>
                    <ListItemText
                      primary={m.message}
                      secondary={`${LEVEL_NAMES[m.level]} · ${m.where}`}
                      slotProps={{ primary: { color: m.level === 'error' ? 'error' : m.level === 'warning' ? 'warning.dark' : 'text.primary' } }}
                    />
                  </ListItem>
                ))}
              </List>
            )}
            <TextField
              select
              label="导入到机关"
              value={agencyId}
              onChange={(e) => setAgencyId(Number(e.target.value))}
              sx={{ minWidth: 280 }}
              helperText={
                agencyId === NEW_AGENCY
                  ? '文件中的机关不在本机的机关列表中，将新建该机关；如果这是本机关名称的其他写法，请选择本机关'
                  : fileAgency && agencies.find((a) => a.id === agencyId)?.name !== fileAgency
                    ? `文件中的机关是“${fileAgency}”，将作为所选机关的报告导入`
                    : undefined
              }
            >
              {fileAgency && !agencies.some((a) => a.name === fileAgency) && <MenuItem value={NEW_AGENCY}>新建机关“{fileAgency}”</MenuItem>}
              {agencies.map((a) => (
                <MenuItem key={a.id} value={a.id}>
                  {a.name}
                </MenuItem>
              ))}
            </TextField>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant="contained" disabled={busy || !report || !agencyId} onClick={() => void create()}>
          创建报告
        </Button>
      </DialogActions>
    </Dialog>
  );
}
