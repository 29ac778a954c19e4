/** Home: reports by agency and year, deadlines, new/import/duplicate/delete/export, 回收站, 汇总 and 批量检查. */
import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { AGENCY_LEVEL_NAMES } from '../../shared/agency-levels';
import type { Agency, ReportSummary } from '../../shared/api';
import { REPORT_STATUS_NAMES } from '../../shared/names';
import { takeMenu, type MenuEvent, type Page } from '../navigation';
import { getClient, messageOf } from '../client';
import { daysUntil, formatDate, formatDateTime } from '../common/dates';
import { useFeedback } from '../common/feedback';
import { useExport } from '../common/useExport';
import { EMPTY_AGENCY } from './agencyDraft';
import { AddAgencyDialog, ImportDialog, Lazy, LazyAggregatePage, LazyAuditPage, NewReportDialog, SettingsDialog } from '../lazy';
import { IMPORT_ACCEPT, pickedFromFile, type PickedFile } from './pickedFile';
import { nextDeadline } from './years';

interface HomeProps {
  agencies: Agency[];
  page: Page;
  menu: MenuEvent | null;
  onAgenciesChanged(): Promise<void>;
  onNavigate(page: Page): void;
}

const STATUS_COLORS = { draft: 'default', review: 'info', final: 'success' } as const;

export function Home({ agencies, page, menu, onAgenciesChanged, onNavigate }: HomeProps) {
  const client = getClient();
  const { notify, confirm } = useFeedback();
  const { exportReport, dialogs: exportDialogs } = useExport();
  const trash = page.name === 'trash';
  const [reports, setReports] = useState<ReportSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState<{ source: ReportSummary | null } | null>(null);
  const [importing, setImporting] = useState<PickedFile | null>(null);
  const [addAgency, setAddAgency] = useState(false);
  const [agencyDraft, setAgencyDraft] = useState(EMPTY_AGENCY);
  const [dragging, setDragging] = useState(false);
  const [settings, setSettings] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const [allReports, setAllReports] = useState<ReportSummary[]>([]);

  const load = useCallback(async () => {
    try {
      const [list, live] = await Promise.all([
        client.send('reports.list', { trash }),
        trash ? client.send('reports.list', {}) : Promise.resolve(null),
      ]);
      // by agency, then the newest year first
      setReports([...list].sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'zh-CN') || b.year - a.year));
      setAllReports(live ?? list);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [client, trash]);

  useEffect(() => {
    void load();
  }, [load]);

  const openFilePicker = useCallback(async () => {
    if (client.bridge) {
      const files = await client.bridge.openFiles([{ name: '报告文件', extensions: IMPORT_ACCEPT.split(',').map((e) => e.slice(1)) }], false);
      if (files[0]) setImporting(files[0]);
    } else fileInput.current?.click();
  }, [client]);

  useEffect(() => {
    const command = takeMenu(menu, ['new', 'import', 'open', 'settings']);
    if (command === 'new') setCreating({ source: null });
    else if (command === 'settings') setSettings(true);
    else if (command === 'import') void openFilePicker();
    else if (command === 'open') onNavigate({ name: 'home' });
  }, [menu, openFilePicker, onNavigate]);

  const remove = async (r: ReportSummary) => {
    if (!(await confirm({ title: '删除报告', message: `删除 ${r.agencyName} ${r.year}年度报告？删除后可在“回收站”中恢复。`, confirmText: '删除', danger: true }))) return;
    try {
      await client.send('reports.delete', { id: r.id });
      notify('已移入回收站');
      void load();
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const restore = async (r: ReportSummary) => {
    try {
      await client.send('reports.undelete', { id: r.id });
      notify(`已恢复 ${r.agencyName} ${r.year}年度报告`);
      void load();
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const createAgency = async () => {
    try {
      await client.send('agencies.create', { name: agencyDraft.name.trim(), level: agencyDraft.level });
      setAddAgency(false);
      setAgencyDraft(EMPTY_AGENCY);
      await onAgenciesChanged();
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  /** A chosen or dropped file into the import dialog; one over the size limit is refused with the limit. */
  const importFile = async (file: File) => {
    try {
      setImporting(await pickedFromFile(file));
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) await importFile(file);
  };

  const deadlines = agencies.map((a) => {
    const d = nextDeadline(a.level);
    const report = allReports.find((r) => r.agencyId === a.id && r.year === d.year);
    return { agency: a, ...d, report, days: daysUntil(d.date) };
  });

  return (
    <Box
      sx={{ minHeight: '100%', display: 'flex', flexDirection: 'column' }}
      onDragOver={(e) => {
        // those pages take dropped files themselves
        if (page.name === 'aggregate' || page.name === 'audit') return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => page.name !== 'aggregate' && page.name !== 'audit' && void onDrop(e)}
    >
      <AppBar position="sticky" color="primary">
        <Toolbar variant="dense" sx={{ gap: 1 }}>
          <Typography variant="h6" component="h1" sx={{ flexGrow: 1, fontSize: 18 }}>
            政府信息公开年报助手
          </Typography>
          {page.name === 'home' ? (
            <>
              <Button color="inherit" variant="outlined" onClick={() => setCreating({ source: null })}>
                新建年度报告
              </Button>
              <Button color="inherit" onClick={() => void openFilePicker()}>
                导入
              </Button>
              <Button color="inherit" onClick={() => onNavigate({ name: 'aggregate' })}>
                汇总
              </Button>
              <Button color="inherit" onClick={() => onNavigate({ name: 'audit' })}>
                批量检查
              </Button>
              <Button color="inherit" onClick={() => setAddAgency(true)}>
                添加机关
              </Button>
              <Button color="inherit" onClick={() => onNavigate({ name: 'trash' })}>
                回收站
              </Button>
            </>
          ) : (
            <Button color="inherit" onClick={() => onNavigate({ name: 'home' })}>
              返回报告列表
            </Button>
          )}
          <Button color="inherit" onClick={() => setSettings(true)}>
            设置
          </Button>
        </Toolbar>
      </AppBar>
      <input
        ref={fileInput}
        type="file"
        accept={IMPORT_ACCEPT}
        hidden
        data-testid="import-file"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) await importFile(f);
        }}
      />

      <Box sx={{ p: { xs: 2, md: 3 }, maxWidth: 1280, width: '100%', mx: 'auto', flexGrow: 1 }}>
        {page.name === 'aggregate' ? (
          <Lazy label="正在打开汇总">
            <LazyAggregatePage onOpenReport={(id) => onNavigate({ name: 'editor', id })} />
          </Lazy>
        ) : page.name === 'audit' ? (
          <Lazy label="正在打开批量检查">
            <LazyAuditPage />
          </Lazy>
        ) : (
          <>
            {error && (
              <Alert severity="error" sx={{ mb: 2 }} action={<Button onClick={() => void load()}>重试</Button>}>
                {error}
              </Alert>
            )}
            {!trash && (
              <DeadlineReminders deadlines={deadlines.filter((d) => d.report?.status !== 'final')} />
            )}
            <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
              {trash ? '回收站' : '年度报告'}
            </Typography>
            {trash && <Typography color="text.secondary" sx={{ mb: 1 }}>删除的报告保存在这里，可以随时恢复。</Typography>}
            <Paper variant="outlined">
              <Table size="small" data-testid="report-list">
                <TableHead>
                  <TableRow>
                    <TableCell>机关</TableCell>
                    <TableCell>年度</TableCell>
                    <TableCell>状态</TableCell>
                    <TableCell>检查</TableCell>
                    <TableCell>{trash ? '删除时间' : '最后编辑'}</TableCell>
                    <TableCell align="right">操作</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {reports?.length === 0 && (
                    <TableRow>
                      <TableCell colSpan={6} sx={{ color: 'text.secondary', py: 4, textAlign: 'center' }}>
                        {trash ? '回收站是空的' : '还没有报告。点击“新建年度报告”开始，或把上年的报告文件拖到这里导入。'}
                      </TableCell>
                    </TableRow>
                  )}
                  {reports?.map((r) => (
                    <TableRow key={r.id} hover data-testid={`report-${r.agencyName}-${r.year}`}>
                      <TableCell>
                        {r.agencyName}
                        <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                          {AGENCY_LEVEL_NAMES[r.agencyLevel]}
                        </Typography>
                      </TableCell>
                      <TableCell>{r.year}年度</TableCell>
                      <TableCell>
                        <Chip size="small" label={REPORT_STATUS_NAMES[r.status]} color={STATUS_COLORS[r.status]} variant="outlined" />
                      </TableCell>
                      <TableCell>
                        {r.errors > 0 && <Chip size="small" color="error" label={`${r.errors} 错误`} sx={{ mr: 0.5 }} />}
                        {r.warnings > 0 && <Chip size="small" color="warning" label={`${r.warnings} 提醒`} />}
                        {r.errors === 0 && r.warnings === 0 && <Typography variant="body2" color="success.main">无问题</Typography>}
                      </TableCell>
                      <TableCell>{formatDateTime(trash && r.deletedAt ? r.deletedAt : r.updatedAt)}</TableCell>
                      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                        {trash ? (
                          <Button size="small" onClick={() => void restore(r)}>
                            恢复
                          </Button>
                        ) : (
                          <>
                            <Button size="small" variant="contained" onClick={() => onNavigate({ name: 'editor', id: r.id })}>
                              打开
                            </Button>
                            <Button size="small" onClick={() => setCreating({ source: r })}>
                              复制
                            </Button>
                            <Button size="small" onClick={() => void exportReport(r.id)}>
                              导出
                            </Button>
                            <Button size="small" color="error" onClick={() => void remove(r)}>
                              删除
                            </Button>
                          </>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Paper>
            {!trash && (
              <Box
                sx={{
                  mt: 2,
                  p: 2,
                  border: 2,
                  borderStyle: 'dashed',
                  borderColor: dragging ? 'primary.main' : 'divider',
                  borderRadius: 1,
                  color: 'text.secondary',
                  textAlign: 'center',
                  bgcolor: dragging ? 'action.hover' : 'transparent',
                }}
              >
                把报告文件（Word .docx、网页 .html、文本 .txt 或交换文件 .json）拖到这里导入
              </Box>
            )}
          </>
        )}
      </Box>

      <NewReportDialog
        open={!!creating}
        source={creating?.source}
        agencies={agencies}
        reports={allReports}
        onClose={() => setCreating(null)}
        onCreated={(r) => {
          setCreating(null);
          onNavigate({ name: 'editor', id: r.id });
        }}
      />
      <ImportDialog
        file={importing}
        agencies={agencies}
        onClose={() => setImporting(null)}
        onImported={(r) => {
          setImporting(null);
          notify(`已导入 ${r.agency.name} ${r.year}年度报告`);
          onNavigate({ name: 'editor', id: r.id });
        }}
      />
      <AddAgencyDialog open={addAgency} draft={agencyDraft} onDraft={setAgencyDraft} onClose={() => setAddAgency(false)} onAdd={() => void createAgency()} />
      <SettingsDialog open={settings} onClose={() => setSettings(false)} onDataChanged={() => Promise.all([load(), onAgenciesChanged()]).then(() => undefined)} />
      {exportDialogs}
    </Box>
  );
}

interface Deadline {
  agency: Agency;
  year: number;
  date: Date;
  days: number;
  report?: ReportSummary;
}

/** Up to this many reminders get a banner each; more (an office keeping many units) share one box. */
const BANNERS = 3;

/** The reminders of the next deadlines, soonest first, never pushing the report list off a 768-pixel screen. */
function DeadlineReminders({ deadlines }: { deadlines: Deadline[] }) {
  const sorted = [...deadlines].sort((a, b) => a.days - b.days);
  const line = (d: Deadline) => (
    <>
      {d.agency.name}的{d.year}年度报告应于 {formatDate(d.date)} 前公开，还有 {d.days} 天
      {d.report ? `（当前：${REPORT_STATUS_NAMES[d.report.status]}）` : '（尚未创建）'}。
    </>
  );
  if (sorted.length <= BANNERS)
    return (
      <Stack spacing={1} sx={{ mb: 2 }}>
        {sorted.map((d) => (
          <Alert key={d.agency.id} severity={d.days <= 14 ? 'warning' : 'info'} data-testid="deadline">
            {line(d)}
          </Alert>
        ))}
      </Stack>
    );
  return (
    <Alert severity={sorted[0]!.days <= 14 ? 'warning' : 'info'} sx={{ mb: 2 }} data-testid="deadlines">
      <Box sx={{ maxHeight: 96, overflowY: 'auto' }}>
        {sorted.map((d) => (
          <div key={d.agency.id} data-testid="deadline">
            {line(d)}
          </div>
        ))}
      </Box>
    </Alert>
  );
}
