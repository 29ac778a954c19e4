/**
 * The editor: app bar (agency · year · status · save state · check counts · 导出 Word), navigation by
 * part with live counts, the current part, and on a wide screen the preview or the check panel beside it.
 * Checks run in render on the cells in state, so outlines follow a keystroke in the same frame.
 */
import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExportKind, ReportDetail } from '../../shared/api';
import { REPORT_STATUS_NAMES, type ReportStatus } from '../../shared/names';
import { acknowledges, repetitionShares, type InvalidEntry } from '../../shared/checks/index';
import type { Finding } from '../../shared/findings';
import { FORMATS, type FormatId, type SectionDef, type SectionId, type TableId } from '../../shared/format/index';
import { takeMenu, type MenuEvent } from '../navigation';
import { getClient, messageOf } from '../client';
import { formatTime } from '../common/dates';
import { useFeedback } from '../common/feedback';
import { useExport, type BlankFill } from '../common/useExport';
import { blankCells } from '../common/blanks';
import { defaultPreamble } from '../../shared/document/preamble';
import {
  CellConflictDialog,
  ConflictDialog,
  ExportMenu,
  Lazy,
  LazyChecksPanel,
  LazyHistoryPanel,
  LazyPreview,
  LazySidePanel,
  LazyStatusSelect,
  LazyTablePart,
  SettingsDialog,
} from '../lazy';
import { liveChecks } from './liveChecks';
import { openReport } from '../early';
import { countsBySection, isOpen, partProgress, sectionOf, type View } from './parts';
import { TextPart } from './TextPart';
import { StorageBanner } from './SaveProblems';
import { StatusLabel } from './StatusLabel';
import { useReportState, type SaveState } from './useReportState';

/**
 * 导出 Word and ▾ joined as MUI's contained ButtonGroup draws them (raised pair, a grey line between), in
 * plain styles: ButtonGroup itself is 5 KB the editor's first screen can do without.
 */
const EXPORT_GROUP = {
  display: 'inline-flex',
  borderRadius: 1,
  boxShadow: 2,
  '& .MuiButton-root': { color: 'primary.main', bgcolor: '#fff', whiteSpace: 'nowrap', minWidth: 40, boxShadow: 'none' },
  '& .MuiButton-root:first-of-type': {
    borderTopRightRadius: 0,
    borderBottomRightRadius: 0,
    borderRight: '1px solid',
    borderRightColor: 'grey.400',
    '&.Mui-disabled': { borderRightColor: 'action.disabled' },
  },
  '& .MuiButton-root:last-of-type': { borderTopLeftRadius: 0, borderBottomLeftRadius: 0 },
} as const;

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
    openReport(id).then(setDetail, (e) => setError(messageOf(e)));
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
      <LinearProgress aria-label="正在打开报告" />
    );
  return <LoadedEditor initial={detail} menu={menu} onClose={onClose} view={view} onView={onView} />;
}

function saveText(save: SaveState): string {
  if (save.kind === 'saving') return '保存中…';
  if (save.kind === 'error') return save.code === 'stale_edit' ? '与别处的修改冲突，请选择' : '保存失败，将自动重试';
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
  const { notify, confirm } = useFeedback();
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
  const [focusText, setFocusText] = useState<{ key: string; start: number; end: number } | null>(null);
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
  // text left in the tables that is not a value, per table: `cell.invalid` errors until corrected
  const [invalidByTable, setInvalidByTable] = useState<Partial<Record<TableId, InvalidEntry[]>>>({});
  const onInvalid = useCallback((table: TableId, entries: InvalidEntry[]) => setInvalidByTable((prev) => ({ ...prev, [table]: entries })), []);
  const invalid = useMemo(() => Object.values(invalidByTable).flat(), [invalidByTable]);
  const unsavedRef = useRef<Finding[]>([]);
  const { exportReport, dialogs: exportDialogs, busy: exporting } = useExport(blanks, () => unsavedRef.current);

  const checked = useMemo(
    () => liveChecks(detail, cells, invalid),
    // only what the checks read: not the revision or the save state
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [detail.format, detail.year, detail.agency, detail.narrative, cells, detail.acknowledged, detail.previous, detail.unitSums, detail.unread, invalid],
  );
  const findings = checked.findings;
  const checkFailure = checked.ok ? null : checked.failure;
  unsavedRef.current = findings.filter((f) => f.rule === 'cell.invalid');
  const counts = useMemo(() => countsBySection(format, findings), [format, findings]);
  const repeated = useMemo(() => (detail.previous ? repetitionShares(detail.narrative, detail.previous.narrative) : null), [detail.narrative, detail.previous]);
  const open = findings.filter(isOpen);
  const errors = open.filter((f) => f.severity === 'error').length;
  const warnings = open.length - errors;
  // blanks print as nothing: a report with 160 blank cells is not "0 错误" and done
  const blankCount = useMemo(() => blankCells(detail.format, cells, detail.manualTotals).length, [detail.format, cells, detail.manualTotals]);

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

  const locked = detail.status === 'final';
  /** Leaving 已定稿 is explicit: asked, then recorded in 历史 by the server. */
  const unlock = async (status: ReportStatus) => {
    const ok = await confirm({
      title: '解除定稿？',
      message: `解除后报告可以再修改，状态改为“${REPORT_STATUS_NAMES[status]}”。解除定稿会记入历史版本。`,
      confirmText: '解除定稿',
    });
    if (!ok) return;
    try {
      await state.setStatus(status, true);
      notify('已解除定稿');
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const showChecks = () => (wide ? setSide('checks') : setView('checks'));
  /**
   * A finding leads to its fix: a text finding opens its part with the quoted words selected; a table
   * finding focuses its cell; a finding about a part (missing, empty) opens it with the caret in its text.
   */
  const go = (f: Finding) => {
    const section = sectionOf(format, f);
    if (!section) return;
    setView(section);
    const key = f.section === 'preamble' ? 'preamble' : section;
    if (f.section && f.span) setFocusText({ key, ...f.span });
    else if (f.cells[0] && format.sections.find((s) => s.id === section)?.table) setFocusCell(f.cells[0]);
    else setFocusText({ key, start: 0, end: 0 });
  };
  // the part's text box exists once the part is rendered: select there, then forget the request
  useEffect(() => {
    if (!focusText) return;
    const box = document.querySelector<HTMLTextAreaElement>(`[data-testid="narrative-${focusText.key}"]`);
    if (!box) return;
    setFocusText(null);
    box.focus();
    box.setSelectionRange(focusText.start, focusText.end);
    box.scrollIntoView({ block: 'center' });
    // in a long part the selected words must be in view inside the box too
    const lineHeight = parseFloat(getComputedStyle(box).lineHeight) || 27;
    const line = box.value.slice(0, focusText.start).split('\n').length - 1;
    if (box.scrollHeight > box.clientHeight) box.scrollTop = Math.max(0, line * lineHeight - box.clientHeight / 2);
  }, [focusText, view]);

  const acknowledge = async (f: Finding, reason: string) => {
    try {
      await client.send('reports.acknowledge', { id: detail.id, ack: { rule: f.rule, cells: f.cells, reason } });
      state.setAcknowledged([...detail.acknowledged.filter((a) => !acknowledges(a, f)), { rule: f.rule, cells: f.cells, reason }]);
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };
  const unacknowledge = async (f: Finding) => {
    try {
      await client.send('reports.unacknowledge', { id: detail.id, rule: f.rule, cells: f.cells });
      state.setAcknowledged(detail.acknowledged.filter((a) => !acknowledges(a, f)));
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  };

  const section = format.sections.find((s) => s.id === view);
  const preview = (
    <Lazy label="正在打开预览">
      <LazyPreview
        format={detail.format}
        year={detail.year}
        agencyName={detail.agency.name}
        narrative={detail.narrative}
        cells={cells}
        section={wide && section ? section.id : undefined}
      />
    </Lazy>
  );
  const checks = (
    <Lazy label="正在打开检查">
      <LazyChecksPanel format={format} findings={findings} blanks={checked.blanks} failure={checkFailure} onGo={go} onAcknowledge={acknowledge} onUnacknowledge={unacknowledge} />
    </Lazy>
  );
  const sectionFindings = (id: SectionId) => findings.filter((f) => sectionOf(format, f) === id && !f.cells.length);

  let main;
  if (section?.table) {
    const table = section.table;
    main = (
      <Lazy label="正在打开表格">
        <LazyTablePart
          format={detail.format}
          section={{ ...section, table }}
          cells={cells}
          manualTotals={detail.manualTotals}
          findings={findings}
          noteFindings={sectionFindings(section.id)}
          note={detail.narrative[section.id] ?? ''}
          repeated={repeated?.[section.id]}
          status={tableStatus.view === view ? tableStatus.text : ''}
          focusCell={focusCell}
          onCells={state.updateCells}
          onInvalid={onInvalid}
          onNote={(t) => state.updateNarrative(section.id, t)}
          onManualTotals={(on) => void state.setManualTotals(on).catch((err) => notify(messageOf(err), 'error'))}
          onFocusHandled={() => setFocusCell(null)}
          onStatus={(text) => setTableStatus({ view, text })}
        />
      </Lazy>
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
  else
    main = (
      <Lazy label="正在打开历史版本">
        <LazyHistoryPanel id={detail.id} revision={detail.revision} beforeRestore={state.flush} onRestored={state.replace} />
      </Lazy>
    );

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
          <Suspense fallback={<StatusLabel status={detail.status} />}>
            <LazyStatusSelect status={detail.status} onStatus={(st) => (locked ? void unlock(st) : void state.setStatus(st).catch((err) => notify(messageOf(err), 'error')))} />
          </Suspense>
          <Box sx={{ flexGrow: 1 }} />
          <Typography variant="body2" data-testid="save-state" title={state.save.kind === 'error' ? state.save.message : undefined} sx={{ opacity: 0.9, whiteSpace: 'nowrap' }}>
            {saveText(state.save)}
          </Typography>
          <Button color="inherit" onClick={showChecks} data-testid="check-counts" sx={{ whiteSpace: 'nowrap' }}>
            检查：
            {checkFailure ? (
              <Box component="span" sx={{ color: '#ffcdd2', fontWeight: 700, mx: 0.5 }}>
                未完成
              </Box>
            ) : (
              <>
                <Box component="span" sx={{ color: errors ? '#ffcdd2' : 'inherit', fontWeight: errors ? 700 : 400, mx: 0.5 }}>
                  {errors} 错误
                </Box>
                <Box component="span" sx={{ color: warnings ? '#ffe0b2' : 'inherit' }}>
                  {warnings} 提醒
                </Box>
              </>
            )}
            <Box component="span" sx={{ ml: 0.5, opacity: blankCount ? 1 : 0.9 }} data-testid="blank-count">
              {blankCount} 格未填
            </Box>
          </Button>
          <Box role="group" sx={EXPORT_GROUP}>
            <Button variant="contained" color="inherit" onClick={() => void doExport('docx')} data-testid="export-docx" disabled={exporting}>
              {exporting ? '正在导出…' : '导出 Word'}
            </Button>
            <Button variant="contained" color="inherit" size="small" aria-label="其他导出格式" onClick={(e) => setMoreExports(e.currentTarget)} data-testid="export-more">
              ▾
            </Button>
          </Box>
          <ExportMenu anchor={moreExports} onClose={() => setMoreExports(null)} onExport={(kind) => void doExport(kind)} onSettings={() => setExportSettings(true)} />
          <SettingsDialog open={exportSettings} tabs={['export']} onClose={() => setExportSettings(false)} />
        </Toolbar>
      </AppBar>
      <StorageBanner save={state.save} />
      <Box sx={{ flexGrow: 1, display: 'flex', minHeight: 0 }}>
        <Box component="nav" aria-label="报告各部分" sx={{ width: 188, flexShrink: 0, borderRight: 1, borderColor: 'divider', bgcolor: '#fff', overflowY: 'auto' }}>
          <List dense>
            {format.sections.map((s) => {
              const c = counts.get(s.id);
              const progress = partProgress(format, s.id, detail.narrative, cells, detail.manualTotals);
              return (
                <li key={s.id}>
                  <ListItemButton selected={view === s.id} onClick={() => setView(s.id)} data-testid={`nav-${s.id}`}>
                    <ListItemText
                      primary={navLabel(s)}
                      secondary={progress.label}
                      slotProps={{ secondary: { 'data-testid': `progress-${s.id}`, sx: { fontSize: 12, color: progress.state === 'complete' ? 'success.dark' : 'text.secondary' } } as object }}
                    />
                    <PartBadge errors={c?.errors ?? 0} warnings={c?.warnings ?? 0} filled={progress.state === 'complete'} />
                  </ListItemButton>
                </li>
              );
            })}
          </List>
          <Box component="hr" sx={{ m: 0, border: 0, borderBottom: 1, borderColor: 'divider' }} />
          <List dense>
            <li>
              <ListItemButton selected={view === 'checks'} onClick={() => (wide ? setSide('checks') : setView('checks'))} data-testid="nav-checks">
                <ListItemText primary="检查" />
                <PartBadge errors={errors} warnings={warnings} filled />
              </ListItemButton>
            </li>
            <li>
              <ListItemButton selected={view === 'preview'} onClick={() => (wide ? setSide('preview') : setView('preview'))} data-testid="nav-preview">
                <ListItemText primary="预览" />
              </ListItemButton>
            </li>
            <li>
              <ListItemButton selected={view === 'history'} onClick={() => setView('history')} data-testid="nav-history">
                <ListItemText primary="历史" />
              </ListItemButton>
            </li>
          </List>
        </Box>
        <Box component="main" tabIndex={0} aria-label="编辑区" sx={{ flexGrow: 1, minWidth: 0, overflow: 'auto', p: 2, bgcolor: '#fff', '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 } }}>
          {locked && (
            <Alert
              severity="info"
              sx={{ mb: 2 }}
              data-testid="locked-banner"
              action={
                <Button color="inherit" size="small" variant="outlined" onClick={() => void unlock('draft')}>
                  解除定稿
                </Button>
              }
            >
              本报告已定稿，内容已锁定，不能修改。如需修改，请先解除定稿（会记入历史）。
            </Alert>
          )}
          {/* 已定稿: every field of the part is disabled at once (the server refuses changes too) */}
          <Box component="fieldset" disabled={locked} data-testid="report-form" sx={{ border: 0, m: 0, p: 0, minWidth: 0 }}>
            <legend className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
              {locked ? '报告内容（已定稿，已锁定）' : '报告内容'}
            </legend>
            {main}
          </Box>
        </Box>
        {wide && (
          <Suspense fallback={null}>
            <LazySidePanel side={side} onSide={setSide} openCount={open.length} preview={preview} checks={checks} />
          </Suspense>
        )}
      </Box>
      {exportDialogs}
      <ConflictDialog conflict={state.conflict} onResolve={state.resolveConflict} />
      <CellConflictDialog conflict={state.cellConflict} onResolve={state.resolveCellConflict} />
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
    <Box component="span" sx={{ color: filled ? 'success.main' : 'text.disabled', fontSize: 13 }} title={filled ? '已完成，没有问题' : '尚未完成'} data-testid={filled ? 'part-done' : undefined}>
      {filled ? '✓' : '·'}
    </Box>
  );
}
