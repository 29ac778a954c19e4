/**
 * The editor: app bar (agency · year · status · save state · check counts · 导出 Word), navigation by
 * part with live counts, the current part, and on a wide screen the preview or the check panel beside it.
 * Checks run in render on the cells in state, so outlines follow a keystroke in the same frame.
 */
import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import ButtonGroup from '@mui/material/ButtonGroup';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { REPORT_STATUS_NAMES, ReportStatus, type ExportKind, type ReportDetail } from '../../shared/api';
import { repetitionShares, runChecks } from '../../shared/checks/index';
import type { Finding } from '../../shared/findings';
import { FORMATS, formatIndex, type FormatId, type SectionDef, type SectionId, type TableId } from '../../shared/format/index';
import type { ReportDoc } from '../../shared/report';
import { takeMenu, type MenuEvent } from '../navigation';
import { getClient, messageOf } from '../client';
import { formatTime } from '../common/dates';
import { useFeedback } from '../common/feedback';
import { useExport, type BlankFill } from '../common/useExport';
import { blankCells } from '../common/blanks';
import { defaultPreamble } from '../../shared/document/preamble';
import { Preview } from '../preview/Preview';
import { SettingsDialog } from '../settings/SettingsDialog';
import { ReportTableEditor } from '../table/ReportTableEditor';
import { ChecksPanel } from './ChecksPanel';
import { HistoryPanel } from './HistoryPanel';
import { ConflictDialog, StorageBanner } from './SaveProblems';
import { countsBySection, isOpen, partFilled, sectionOf, withAcknowledgements, type View } from './parts';
import { Guidance, NarrativeField, TextPart } from './TextPart';
import { useReportState, type SaveState } from './useReportState';

/** Whether a table has 总计 cells (T3, T4) — T2 has none, so no totals switch there. */
const hasTotals = (format: FormatId, table: TableId) => [...formatIndex(format).totalCells].some((id) => id.startsWith(`${table}.`));

/** Formats besides Word: the website's page or a fragment for its CMS editor, and the exchange file. */
const OTHER_EXPORTS: readonly [ExportKind, string][] = [
  ['html', '导出网页（HTML）'],
  ['html-fragment', '导出网页片段（粘贴到网站后台编辑器）'],
  ['exchange', '导出为交换文件（.json）'],
];

/** Wide enough for the form and the printed page side by side. */
const WIDE = '(min-width:1600px)';

/** `view` comes from the address (a reload, back/forward); `onView` puts a change of part there. */
interface Navigation {
  view?: View;
  onView(view: View): void;
}

export function Editor({ id, menu, onClose, view, onView }: { id: number; menu: MenuEvent | null; onClose(): void } & Navigation) {
  const [detail, setDetail] = useState<ReportDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getClient()
      .send('reports.open', { id })
      .then(setDetail, (e) => setError(messageOf(e)));
  }, [id]);
  if (error)
    return (
      <Box sx={{ p: 4 }}>
        <Alert severity="error" action={<Button onClick={onClose}>返回</Button>}>
          {error}
        </Alert>
      </Box>
    );
  if (!detail)
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: '100%' }}>
        <CircularProgress aria-label="正在打开报告" />
      </Box>
    );
  return <LoadedEditor initial={detail} menu={menu} onClose={onClose} view={view} onView={onView} />;
}

function saveText(save: SaveState): string {
  if (save.kind === 'saving') return '保存中…';
  if (save.kind === 'error') return '保存失败，将自动重试';
  return save.at ? `已保存 ${formatTime(save.at)}` : '已保存';
}

/** "二、主动公开" from heading 二、主动公开政府信息情况 and short name 主动公开. */
const navLabel = (s: SectionDef) => `${s.heading.split('、')[0]}、${s.shortName}`;

/** A view from the address that this report has (a 2019 report may lack a part id typed by hand). */
function knownView(format: FormatId, view: View | undefined): View | null {
  if (!view) return null;
  return ['checks', 'preview', 'history'].includes(view) || FORMATS[format].sections.some((s) => s.id === view) ? view : null;
}

function LoadedEditor({ initial, menu, onClose, view: addressView, onView }: { initial: ReportDetail; menu: MenuEvent | null; onClose(): void } & Navigation) {
  const client = getClient();
  const { notify } = useFeedback();
  const state = useReportState(initial);
  const { detail, cells } = state;
  const format = FORMATS[detail.format];
  const wide = useMediaQuery(WIDE, { noSsr: true });
  const [view, setViewState] = useState<View>(() => knownView(initial.format, addressView) ?? 's1');
  const setView = (v: View) => {
    setViewState(v);
    onView(v);
  };
  // back / forward in the browser change the address: follow it
  useEffect(() => {
    setViewState(knownView(detail.format, addressView) ?? 's1');
  }, [addressView, detail.format]);
  const [side, setSide] = useState<'preview' | 'checks'>('preview');
  const [focusCell, setFocusCell] = useState<string | null>(null);
  // The table's last status line, kept with the part it belongs to: another table must not show it.
  const [tableStatus, setTableStatus] = useState<{ view: View; text: string }>({ view: 's1', text: '' });
  // blanks filled through the editor's state, so the table shows the zeros and the totals recomputed
  const blanks = useCallback((): BlankFill => {
    const ids = blankCells(detail.format, state.cells, detail.manualTotals);
    return {
      count: ids.length,
      fill: async () => {
        state.updateCells(ids.map((cell) => ({ cell, value: 0 })));
        await state.flush();
      },
    };
  }, [detail.format, detail.manualTotals, state]);
  const { exportReport, dialogs: exportDialogs, busy: exporting } = useExport(blanks);

  const previous = useMemo(
    () => (detail.previous ? { year: detail.previous.year, format: detail.previous.format, cells: detail.previous.cells, narrative: detail.previous.narrative } : null),
    [detail.previous],
  );
  const findings = useMemo<Finding[]>(() => {
    const doc: ReportDoc = { format: detail.format, year: detail.year, agency: detail.agency, narrative: detail.narrative, cells, acknowledged: detail.acknowledged };
    try {
      return withAcknowledgements(runChecks(doc, { previous }), detail.acknowledged);
    } catch {
      return [];
    }
  }, [detail.format, detail.year, detail.agency, detail.narrative, cells, detail.acknowledged, previous]);
  const counts = useMemo(() => countsBySection(format, findings), [format, findings]);
  const repeated = useMemo(() => (previous ? repetitionShares(detail.narrative, previous.narrative) : null), [detail.narrative, previous]);
  const open = findings.filter(isOpen);
  const errors = open.filter((f) => f.severity === 'error').length;
  const warnings = open.length - errors;

  const [moreExports, setMoreExports] = useState<HTMLElement | null>(null);
  const [exportSettings, setExportSettings] = useState(false);
  const doExport = useCallback(
    async (kind: ExportKind) => {
      try {
        await state.flush();
      } catch (e) {
        return notify(messageOf(e), 'error');
      }
      await exportReport(detail.id, kind);
    },
    [state, exportReport, detail.id, notify],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        state.flush().then(
          () => notify('已保存'),
          (err) => notify(messageOf(err), 'error'),
        );
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state, notify]);

  useEffect(() => {
    if (takeMenu(menu, ['export'])) void doExport('docx');
    // new / open / import / settings belong to the home screen: go there (it takes the command, unhandled here)
    else if (menu && !menu.handled && ['new', 'open', 'import', 'settings'].includes(menu.command)) onClose();
    // only a new menu event triggers
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [menu]);

  const showChecks = () => (wide ? setSide('checks') : setView('checks'));
  const go = (section: SectionId, cell: string | null) => {
    setView(section);
    if (cell && format.sections.find((s) => s.id === section)?.table) setFocusCell(cell);
  };

  const acknowledge = async (f: Finding, reason: string) => {
    try {
      await client.send('reports.acknowledge', { id: detail.id, ack: { rule: f.rule, cells: f.cells, reason } });
      state.setAcknowledged([...detail.acknowledged.filter((a) => !(a.rule === f.rule && a.cells.join() === f.cells.join())), { rule: f.rule, cells: f.cells, reason }]);
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };
  const unacknowledge = async (f: Finding) => {
    try {
      await client.send('reports.unacknowledge', { id: detail.id, rule: f.rule, cells: f.cells });
      state.setAcknowledged(detail.acknowledged.filter((a) => !(a.rule === f.rule && a.cells.join() === f.cells.join())));
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const section = format.sections.find((s) => s.id === view);
  const preview = (
    <Preview
      format={detail.format}
      year={detail.year}
      agencyName={detail.agency.name}
      narrative={detail.narrative}
      cells={cells}
      section={wide && section ? section.id : undefined}
    />
  );
  const checks = <ChecksPanel format={format} findings={findings} onGo={go} onAcknowledge={acknowledge} onUnacknowledge={unacknowledge} />;
  const sectionFindings = (id: SectionId) => findings.filter((f) => sectionOf(format, f) === id && !f.cells.length);

  let main;
  if (section?.table) {
    main = (
      <Box>
        <Stack direction="row" sx={{ mb: 1, alignItems: 'center' }} spacing={2}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {section.heading}
          </Typography>
          <Typography variant="body2" color="text.secondary" role="status" data-testid="table-status">
            {tableStatus.view === view ? tableStatus.text : ''}
          </Typography>
          {hasTotals(detail.format, section.table) && (
            <Tooltip title="默认各“总计”由程序按各项之和自动计算；照抄纸质报告时可改为手工填写，检查会核对总计与各项之和">
              <FormControlLabel
                control={<Switch size="small" checked={detail.manualTotals} onChange={(e) => void state.setManualTotals(e.target.checked).catch((err) => notify(messageOf(err), 'error'))} />}
                label="手工填写总计"
                data-testid="totals-switch"
              />
            </Tooltip>
          )}
        </Stack>
        <Guidance text={section.guidance} />
        <Box sx={{ overflowX: 'auto', mb: 2 }} data-testid={`table-${section.table}`}>
          <ReportTableEditor
            format={detail.format}
            table={section.table}
            cells={cells}
            manualTotals={detail.manualTotals}
            findings={findings}
            onChange={state.updateCells}
            focusCell={focusCell}
            onFocusHandled={() => setFocusCell(null)}
            onStatus={(text) => setTableStatus({ view, text })}
          />
        </Box>
        <NarrativeField
          section={section}
          text={detail.narrative[section.id] ?? ''}
          onChange={(t) => state.updateNarrative(section.id, t)}
          findings={sectionFindings(section.id)}
          minRows={3}
          repeated={repeated?.[section.id]}
          label="表格说明（可不填，印在表格之后）"
        />
      </Box>
    );
  } else if (section) {
    main = (
      <TextPart
        section={section}
        text={detail.narrative[section.id] ?? ''}
        onChange={(t) => state.updateNarrative(section.id, t)}
        findings={sectionFindings(section.id)}
        repeated={repeated?.[section.id]}
        preamble={
          section.id === 's1'
            ? { text: detail.narrative.preamble ?? '', onChange: (t) => state.updateNarrative('preamble', t), fallback: defaultPreamble(detail) }
            : undefined
        }
      />
    );
  } else if (view === 'checks') main = checks;
  else if (view === 'preview') main = preview;
  else main = <HistoryPanel id={detail.id} revision={detail.revision} beforeRestore={state.flush} onRestored={state.replace} />;

  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <AppBar position="static">
        <Toolbar variant="dense" sx={{ gap: 1.5 }}>
          <Button color="inherit" onClick={onClose} sx={{ minWidth: 0 }}>
            ‹ 报告列表
          </Button>
          <Typography component="h1" sx={{ fontSize: 17, fontWeight: 500, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {detail.agency.name} · {detail.year}年度报告
          </Typography>
          <TextField
            select
            size="small"
            value={detail.status}
            onChange={(e) => void state.setStatus(ReportStatus.parse(e.target.value)).catch((err) => notify(messageOf(err), 'error'))}
            aria-label="报告状态"
            sx={{ '& .MuiInputBase-root': { color: 'inherit', height: 30, bgcolor: 'rgba(255,255,255,.12)' }, '& fieldset': { borderColor: 'rgba(255,255,255,.4)' } }}
            slotProps={{ htmlInput: { 'data-testid': 'status-select' } }}
          >
            {ReportStatus.options.map((s) => (
              <MenuItem key={s} value={s}>
                {REPORT_STATUS_NAMES[s]}
              </MenuItem>
            ))}
          </TextField>
          <Box sx={{ flexGrow: 1 }} />
          <Typography variant="body2" data-testid="save-state" title={state.save.kind === 'error' ? state.save.message : undefined} sx={{ opacity: 0.9, whiteSpace: 'nowrap' }}>
            {saveText(state.save)}
          </Typography>
          <Button color="inherit" onClick={showChecks} data-testid="check-counts" sx={{ whiteSpace: 'nowrap' }}>
            检查：
            <Box component="span" sx={{ color: errors ? '#ffcdd2' : 'inherit', fontWeight: errors ? 700 : 400, mx: 0.5 }}>
              {errors} 错误
            </Box>
            <Box component="span" sx={{ color: warnings ? '#ffe0b2' : 'inherit' }}>
              {warnings} 提醒
            </Box>
          </Button>
          <ButtonGroup variant="contained" color="inherit" sx={{ '& .MuiButton-root': { color: 'primary.main', bgcolor: '#fff', whiteSpace: 'nowrap' } }}>
            <Button onClick={() => void doExport('docx')} data-testid="export-docx" disabled={exporting}>
              {exporting ? '正在导出…' : '导出 Word'}
            </Button>
            <Button size="small" aria-label="其他导出格式" onClick={(e) => setMoreExports(e.currentTarget)} data-testid="export-more">
              ▾
            </Button>
          </ButtonGroup>
          <Menu anchorEl={moreExports} open={!!moreExports} onClose={() => setMoreExports(null)}>
            {OTHER_EXPORTS.map(([kind, label]) => (
              <MenuItem
                key={kind}
                onClick={() => {
                  setMoreExports(null);
                  void doExport(kind);
                }}
              >
                {label}
              </MenuItem>
            ))}
            <Divider />
            <MenuItem
              onClick={() => {
                setMoreExports(null);
                setExportSettings(true);
              }}
            >
              导出设置（字体、字号）…
            </MenuItem>
          </Menu>
          <SettingsDialog open={exportSettings} tabs={['export']} onClose={() => setExportSettings(false)} />
        </Toolbar>
      </AppBar>
      <StorageBanner save={state.save} />
      <Box sx={{ flexGrow: 1, display: 'flex', minHeight: 0 }}>
        <Box component="nav" aria-label="报告各部分" sx={{ width: 188, flexShrink: 0, borderRight: 1, borderColor: 'divider', bgcolor: '#fff', overflowY: 'auto' }}>
          <List dense>
            {format.sections.map((s) => {
              const c = counts.get(s.id);
              const filled = partFilled(format, s.id, detail.narrative, cells);
              return (
                <ListItemButton key={s.id} selected={view === s.id} onClick={() => setView(s.id)} data-testid={`nav-${s.id}`}>
                  <ListItemText primary={navLabel(s)} />
                  <PartBadge errors={c?.errors ?? 0} warnings={c?.warnings ?? 0} filled={filled} />
                </ListItemButton>
              );
            })}
          </List>
          <Divider />
          <List dense>
            <ListItemButton selected={view === 'checks'} onClick={() => (wide ? setSide('checks') : setView('checks'))} data-testid="nav-checks">
              <ListItemText primary="检查" />
              <PartBadge errors={errors} warnings={warnings} filled />
            </ListItemButton>
            <ListItemButton selected={view === 'preview'} onClick={() => (wide ? setSide('preview') : setView('preview'))} data-testid="nav-preview">
              <ListItemText primary="预览" />
            </ListItemButton>
            <ListItemButton selected={view === 'history'} onClick={() => setView('history')} data-testid="nav-history">
              <ListItemText primary="历史" />
            </ListItemButton>
          </List>
        </Box>
        <Box component="main" sx={{ flexGrow: 1, minWidth: 0, overflow: 'auto', p: 2, bgcolor: '#fff' }}>
          {main}
        </Box>
        {wide && (
          <Box component="aside" sx={{ width: 'clamp(480px, 34vw, 700px)', flexShrink: 0, borderLeft: 1, borderColor: 'divider', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
            <Tabs value={side} onChange={(_e, v: 'preview' | 'checks') => setSide(v)} sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40, bgcolor: '#fff' }}>
              <Tab value="preview" label="预览" sx={{ minHeight: 40 }} />
              <Tab value="checks" label={`检查（${open.length}）`} sx={{ minHeight: 40 }} data-testid="side-checks" />
            </Tabs>
            <Box sx={{ flexGrow: 1, overflow: 'auto', p: side === 'checks' ? 2 : 0, bgcolor: side === 'checks' ? '#fff' : undefined }}>{side === 'preview' ? preview : checks}</Box>
          </Box>
        )}
      </Box>
      {exportDialogs}
      <ConflictDialog conflict={state.conflict} onResolve={state.resolveConflict} />
    </Box>
  );
}

function PartBadge({ errors, warnings, filled }: { errors: number; warnings: number; filled: boolean }) {
  const badge = (n: number, color: string, title: string) => (
    <Box component="span" title={title} sx={{ ml: 0.5, px: 0.75, borderRadius: 8, fontSize: 12, lineHeight: '18px', color: '#fff', bgcolor: color, minWidth: 18, textAlign: 'center' }}>
      {n}
    </Box>
  );
  if (errors || warnings)
    return (
      <Box sx={{ display: 'flex' }} data-testid="part-badge">
        {errors > 0 && badge(errors, 'error.main', `${errors} 个错误`)}
        {warnings > 0 && badge(warnings, 'warning.main', `${warnings} 个提醒`)}
      </Box>
    );
  return (
    <Box component="span" sx={{ color: filled ? 'success.main' : 'text.disabled', fontSize: 13 }} title={filled ? '已填写，没有问题' : '尚未填写'}>
      {filled ? '✓' : '·'}
    </Box>
  );
}
