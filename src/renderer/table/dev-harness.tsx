/**
 * A page with the table editor alone, for screenshots, browser tests and timing (tests/e2e/table-*.test.ts
 * bundles it with esbuild). Query: format=GOV-2021|GOV-2019, table=t2|t3|t4, manual=1, demo=1 (sample
 * numbers that balance). Findings come from the real checks unless a test injects its own.
 * window.__tableHarness lets a test read the batches sent and inject findings.
 */
import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';
import { useCallback, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { runChecks } from '../../shared/checks/index';
import type { Finding } from '../../shared/findings';
import { formatIndex, type FormatId, type TableId } from '../../shared/format/index';
import { blankReport, type Cells } from '../../shared/report';
import { applyComputedTotals, computedTotalChanges } from '../../shared/totals';
import { ReportTableEditor } from './ReportTableEditor';

type Batch = { cell: string; value: number | null }[];

interface HarnessApi {
  batches: Batch[];
  statuses: string[];
  cells(): Cells;
  findings(): Finding[];
  setFindings(findings: Finding[]): void;
  focus(cell: string): void;
  focusHandled: number;
  setManualTotals(manual: boolean): void;
  /** Show another table of the same report, as the editor's part navigation does. */
  setTable(table: TableId): void;
}

declare global {
  interface Window {
    __tableHarness: HarnessApi;
  }
}

const params = new URLSearchParams(location.search);
const format = (params.get('format') ?? 'GOV-2021') as FormatId;
const firstTable = (params.get('table') ?? 't3') as TableId;
const manualAtStart = params.get('manual') === '1';
const demo = params.get('demo') === '1';

const api: HarnessApi = {
  batches: [],
  statuses: [],
  cells: () => ({}),
  findings: () => [],
  setFindings: () => {},
  focus: () => {},
  focusHandled: 0,
  setManualTotals: () => {},
  setTable: () => {},
};
window.__tableHarness = api;

/** Sample numbers that balance, so the screenshots show a plausible table. */
function demoCells(): Cells {
  const base = blankReport(format === 'GOV-2019' ? 2020 : 2025, { name: '示例局', level: 'county-department' }, format).cells;
  const index = formatIndex(format);
  let seed = 7;
  const next = () => (seed = (seed * 31 + 11) % 97) % 9;
  for (const c of index.cells) {
    if (index.totalCells.has(c.id)) continue;
    if (c.table === 't3' && ['new', 'carriedIn', 'carriedOut'].includes(c.row)) continue;
    base[c.id] = c.kind === 'amountWanYuan' ? 12.5 : c.kind === 'signedCount' ? next() - 4 : next() % 4 === 0 ? next() : 0;
  }
  // 一 + 二 = 三（七）+ 四, column by column
  const withTotals = applyComputedTotals(format, base);
  for (const col of index.columnIds.t3) {
    if (col === 'total') continue;
    const results = withTotals[`t3.resultTotal.${col}`] ?? 0;
    base[`t3.carriedIn.${col}`] = col === 'natural' ? 1 : 0;
    base[`t3.carriedOut.${col}`] = col === 'natural' ? 2 : 0;
    base[`t3.new.${col}`] = results + (col === 'natural' ? 1 : 0);
  }
  return manualAtStart ? base : applyComputedTotals(format, base);
}

function Harness() {
  const [cells, setCells] = useState<Cells>(() => (demo ? demoCells() : blankReport(2025, { name: '示例局', level: 'county-department' }, format).cells));
  const [manualTotals, setManual] = useState(manualAtStart);
  const [injected, setInjected] = useState<Finding[] | null>(null);
  const [focusCell, setFocusCell] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [table, setTable] = useState(firstTable);
  const doc = useMemo(
    () => ({ format, year: format === 'GOV-2019' ? 2020 : 2025, agency: { name: '示例局', level: 'county-department' as const }, narrative: {}, cells, acknowledged: [] }),
    [cells],
  );
  const findings = useMemo(
    () => injected ?? runChecks(doc),
    [doc, injected],
  );
  api.cells = () => cells;
  api.findings = () => findings;
  api.setFindings = (f) => setInjected(f);
  api.focus = (c) => setFocusCell(c);
  api.setTable = setTable;
  api.setManualTotals = (manual) => {
    setManual(manual);
    // back to automatic: the stored totals follow their parts again, as the app's store does
    if (!manual) setCells((prev) => applyComputedTotals(format, prev));
  };

  const manualRef = useRef(manualTotals);
  manualRef.current = manualTotals;
  const onChange = useCallback((batch: Batch) => {
    api.batches.push(batch);
    setCells((prev) => {
      const next = { ...prev };
      for (const { cell, value } of batch) next[cell] = value;
      // what the app's store does in automatic mode: totals follow their parts
      if (!manualRef.current) for (const c of computedTotalChanges(format, next)) next[c.cell] = c.value;
      return next;
    });
  }, []);
  const onStatus = useCallback((m: string) => {
    api.statuses.push(m);
    setStatus(m);
  }, []);
  const onFocusHandled = useCallback(() => {
    api.focusHandled++;
    setFocusCell(null);
  }, []);

  const section = formatIndex(format).format.sections.find((s) => s.table === table);
  return (
    <div style={{ display: 'flex', minHeight: '100vh' }}>
      <nav style={{ width: 188, flex: 'none', borderRight: '1px solid #ddd', background: '#fafafa' }} />
      <main style={{ flex: 1, minWidth: 0, padding: '12px 16px' }}>
        <h2 style={{ margin: '0 0 8px', fontSize: 18, fontWeight: 600 }}>{section?.heading}</h2>
        <ReportTableEditor
          format={format}
          table={table}
          cells={cells}
          manualTotals={manualTotals}
          findings={findings}
          onChange={onChange}
          focusCell={focusCell}
          onFocusHandled={onFocusHandled}
          onStatus={onStatus}
        />
        <div id="status" style={{ marginTop: 8, fontSize: 13, color: '#555', minHeight: 20 }}>
          {status}
        </div>
      </main>
      {/* the editor's preview pane on a wide screen, so the table gets the width it gets in the app */}
      {innerWidth >= 1600 && <aside style={{ width: 'clamp(480px, 34vw, 700px)', flex: 'none', borderLeft: '1px solid #ddd', background: '#f4f6f9' }} />}
    </div>
  );
}

const theme = createTheme({ palette: { primary: { main: '#1f5fa8' }, error: { main: '#c62828' }, warning: { main: '#e08a00' } } });
createRoot(document.getElementById('root')!).render(
  <ThemeProvider theme={theme}>
    <CssBaseline />
    <Harness />
  </ThemeProvider>,
);
