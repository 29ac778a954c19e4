/**
 * Code loaded when it is needed (React.lazy + esbuild's splitting). The screens — report list, editor,
 * first-start welcome — are one chunk each, so the first screen loads only its own. What a screen does not
 * show when it opens is a chunk of its own: 汇总, 批量检查, settings, history, preview, the import dialog and the other
 * dialogs, and in the editor the table parts (a report opens on part 一), the check panel, the side panel,
 * the status select, the export menu and the conflict dialog.
 * All of them are fetched once the first screen is up, so opening one later waits neither for the network
 * nor for the parser.
 */
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import { lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import type { Page } from './navigation';

const screens = {
  home: () => import('./home/Home').then((m) => ({ default: m.Home })),
  editor: () => import('./editor/Editor').then((m) => ({ default: m.Editor })),
  welcome: () => import('./home/Welcome').then((m) => ({ default: m.Welcome })),
};

export const LazyHome = lazy(screens.home);
export const LazyEditor = lazy(screens.editor);
export const LazyWelcome = lazy(screens.welcome);
/** Shown only when the data file cannot be used: never prefetched. */
export const LazyRecovery = lazy(() => import('./recovery/RecoveryScreen').then((m) => ({ default: m.RecoveryScreen })));

/**
 * Starts loading the screen the address shows, before React has rendered anything (the entry calls it
 * first), so its chunk downloads while React starts. The other screens come with the prefetch.
 */
export function preloadScreen(page: Page): void {
  void (page.name === 'editor' ? screens.editor() : screens.home()).catch(() => undefined);
  // a reload on a table part shows it at once
  if (page.name === 'editor' && page.view && /^s[234]$/.test(page.view)) void loaders.tablePart().catch(() => undefined);
}

const loaders = {
  ...screens,
  aggregate: () => import('./aggregate/AggregatePage').then((m) => ({ default: m.AggregatePage })),
  audit: () => import('./audit/AuditPage').then((m) => ({ default: m.AuditPage })),
  settings: () => import('./settings/SettingsDialog').then((m) => ({ default: m.SettingsDialog })),
  history: () => import('./editor/HistoryPanel').then((m) => ({ default: m.HistoryPanel })),
  preview: () => import('./preview/Preview').then((m) => ({ default: m.Preview })),
  tablePart: () => import('./editor/TablePart').then((m) => ({ default: m.TablePart })),
  sidePanel: () => import('./editor/SidePanel').then((m) => ({ default: m.SidePanel })),
  checksPanel: () => import('./editor/ChecksPanel').then((m) => ({ default: m.ChecksPanel })),
  statusSelect: () => import('./editor/StatusSelect').then((m) => ({ default: m.StatusSelect })),
  exportMenu: () => import('./editor/ExportMenu').then((m) => ({ default: m.ExportMenu })),
  conflictDialog: () => import('./editor/ConflictDialog').then((m) => ({ default: m.ConflictDialog })),
  cellConflictDialog: () => import('./editor/ConflictDialog').then((m) => ({ default: m.CellConflictDialog })),
  importDialog: () => import('./home/ImportDialog').then((m) => ({ default: m.ImportDialog })),
  newReport: () => import('./home/NewReportDialog').then((m) => ({ default: m.NewReportDialog })),
  addAgency: () => import('./home/AddAgencyDialog').then((m) => ({ default: m.AddAgencyDialog })),
  feedback: () => import('./common/feedback-surfaces'),
  exportDialogs: () => import('./common/ExportDialogs'),
};

export const LazyAggregatePage = lazy(loaders.aggregate);
export const LazyAuditPage = lazy(loaders.audit);
const LazySettingsDialog = lazy(loaders.settings);
export const LazyHistoryPanel = lazy(loaders.history);
export const LazyPreview = lazy(loaders.preview);
export const LazyTablePart = lazy(loaders.tablePart);
export const LazySidePanel = lazy(loaders.sidePanel);
export const LazyChecksPanel = lazy(loaders.checksPanel);
/** Shown at once but not needed in the editor's first frame: its fallback is the same box (StatusLabel). */
export const LazyStatusSelect = lazy(loaders.statusSelect);
const LazyImportDialog = lazy(loaders.importDialog);

/**
 * Fetches and evaluates every lazy part once the first screen has settled: a moment after its data came,
 * then when the browser is idle, so the prefetch never competes with the first screen's own work.
 */
export function prefetchLazyParts(): void {
  const all = () => void Promise.all(Object.values(loaders).map((load) => load().catch(() => undefined)));
  setTimeout(() => ('requestIdleCallback' in window ? window.requestIdleCallback(all, { timeout: 3000 }) : all()), PREFETCH_DELAY_MS);
}
const PREFETCH_DELAY_MS = 1000;

/** A thin bar where a lazy part will appear, for the moment its chunk is still loading. */
export function PartLoading({ label }: { label: string }) {
  return (
    <Box sx={{ p: 2 }}>
      <LinearProgress aria-label={label} />
    </Box>
  );
}

export function Lazy({ label, children }: { label: string; children: ReactNode }) {
  return <Suspense fallback={<PartLoading label={label} />}>{children}</Suspense>;
}

/**
 * A dialog kept mounted from its first opening on, as it was when it was part of the first screen: it
 * animates out on closing and keeps its state; before that first opening, its chunk is not needed.
 */
function onceOpened<P extends object>(Dialog: ComponentType<P>, isOpen: (props: P) => boolean) {
  return function OnceOpened(props: P) {
    const open = isOpen(props);
    const [opened, setOpened] = useState(open);
    useEffect(() => {
      if (open) setOpened(true);
    }, [open]);
    if (!opened && !open) return null;
    return (
      <Suspense fallback={null}>
        <Dialog {...props} />
      </Suspense>
    );
  };
}

export const SettingsDialog = onceOpened(LazySettingsDialog, (p) => p.open);
export const ImportDialog = onceOpened(LazyImportDialog, (p) => p.file !== null);
export const NewReportDialog = onceOpened(lazy(loaders.newReport), (p) => p.open);
export const AddAgencyDialog = onceOpened(lazy(loaders.addAgency), (p) => p.open);
export const ExportMenu = onceOpened(lazy(loaders.exportMenu), (p) => p.anchor !== null);
export const ConflictDialog = onceOpened(lazy(loaders.conflictDialog), (p) => p.conflict !== null);
export const CellConflictDialog = onceOpened(lazy(loaders.cellConflictDialog), (p) => p.conflict !== null);
export const AboutDialog = onceOpened(lazy(() => import('./home/AboutDialog').then((m) => ({ default: m.AboutDialog }))), (p) => p.open);
