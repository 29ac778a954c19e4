/**
 * The report as it will print (typography.md): title in 小标宋, body in 仿宋 at 3号 with exactly 28 pt
 * lines, headings in 黑体/楷体, and the three tables drawn from the same grid model as the .docx. Drawn
 * at A4 size and zoomed to the pane, so lines break where they will on paper.
 */
import Box from '@mui/material/Box';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { FORMATS, type FormatId, type TableId } from '../../shared/format/index';
import { gridFor } from '../../shared/grid';
import type { Cells, Narrative } from '../../shared/report';
// The exporters' own typography, paragraph rules and default preamble — pure modules without Node
// imports — so the preview is what the .docx and the web page will show, not a lookalike.
import { paragraphsOf, type ParagraphKind } from '../../shared/document/paragraphs';
import { preambleText } from '../../shared/document/preamble';
import { PAGE_MM, SPACING, TABLE_FIT, cssFontFamily, resolveStyles, type RoleStyle, type TextRole } from '../../shared/document/typography';
import { fitFormatTable, tableCellText } from '../../shared/document/table-fit';
import { useExportSettings } from '../settings/exportSettings';

const PT = 96 / 72; // CSS px per point
const MM = 96 / 25.4; // CSS px per millimetre
const PAGE_WIDTH = PAGE_MM.width * MM;

/** Each role's font and size: the saved export settings over the defaults, as the exporters resolve them. */
type Styles = Record<TextRole, RoleStyle>;

function roleStyle(styles: Styles, role: TextRole): CSSProperties {
  const r = styles[role];
  return { fontFamily: cssFontFamily(r.font), fontSize: r.sizePt * PT, fontWeight: r.bold ? 'bold' : 'normal' };
}

const lineStyle: CSSProperties = {
  lineHeight: `${SPACING.bodyLinePt * PT}px`,
  textIndent: `${SPACING.firstLineChars}em`,
  margin: 0,
  textAlign: 'justify',
};

const PARAGRAPH_ROLE: Record<ParagraphKind, TextRole> = { body: 'body', heading2: 'heading2', heading3: 'heading3' };

function Paragraphs({ text, styles }: { text: string | undefined; styles: Styles }) {
  return (
    <>
      {paragraphsOf(text).map((p, i) => (
        <p key={i} style={{ ...lineStyle, ...roleStyle(styles, PARAGRAPH_ROLE[p.kind]) }}>
          {p.text}
        </p>
      ))}
    </>
  );
}

const cellStyle: CSSProperties = {
  border: '1px solid #000',
  lineHeight: 1.25,
  verticalAlign: 'middle',
  wordBreak: 'break-all',
};

function PreviewTable({ format, table, cells, styles }: { format: FormatId; table: TableId; cells: Cells; styles: Styles }) {
  const grid = gridFor(FORMATS[format], table);
  // the exporters' fit: the same column widths and (stepped-down) size, so numbers stay whole here too
  const fit = fitFormatTable(FORMATS[format], table, cells, styles.table.sizePt);
  const tableText = { ...roleStyle(styles, 'table'), fontSize: fit.sizePt * PT };
  const padding = `${TABLE_FIT.verticalPaddingPt * PT}px ${fit.paddingPt * PT}px`;
  const textOf = tableCellText(FORMATS[format], cells);
  const total = fit.widths.reduce((a, b) => a + b, 0);
  return (
    <table
      style={{ borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed', margin: `${6 * PT}px 0` }}
      data-testid={`preview-${table}`}
    >
      <colgroup>
        {fit.widths.map((w, i) => (
          <col key={i} style={{ width: `${(w / total) * 100}%` }} />
        ))}
      </colgroup>
      <tbody>
        {grid.rows.map((row, r) => (
          <tr key={r}>
            {row.cells.map((c) => {
              const vertical = c.kind === 'label' && c.rowSpan > 4 && c.colSpan === 1 && c.col === 0;
              const style: CSSProperties = {
                ...cellStyle,
                ...tableText,
                padding,
                ...(c.kind === 'value' ? { whiteSpace: 'nowrap', wordBreak: 'normal' } : {}),
                textAlign: c.kind === 'value' || c.kind === 'header' || c.kind === 'corner' ? 'center' : 'left',
                ...(vertical ? { writingMode: 'vertical-rl', textAlign: 'center', letterSpacing: '0.2em' } : {}),
              };
              const text = textOf(c);
              return (
                <td key={c.col} rowSpan={c.rowSpan} colSpan={c.colSpan} style={style}>
                  {text}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface PreviewProps {
  format: FormatId;
  year: number;
  agencyName: string;
  narrative: Narrative;
  cells: Cells;
  /** The part to scroll to (the one being edited beside the preview). */
  section?: string;
}

export function Preview({ format, year, agencyName, narrative, cells, section }: PreviewProps) {
  const def = FORMATS[format];
  const saved = useExportSettings();
  const styles = useMemo(() => resolveStyles(saved), [saved]);
  const outer = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  useEffect(() => {
    const el = outer.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setZoom(Math.min(1, (el.clientWidth - 16) / PAGE_WIDTH)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // after the zoom is known, or the scroll lands where the unzoomed page had the part
  useEffect(() => {
    if (section) outer.current?.querySelector(`#preview-${section}`)?.scrollIntoView({ block: 'start' });
  }, [section, zoom]);
  return (
    <Box ref={outer} sx={{ bgcolor: '#e6e8eb', p: 1, minHeight: '100%' }} data-testid="preview">
      <div
        style={{
          zoom,
          width: PAGE_WIDTH,
          margin: '0 auto',
          background: '#fff',
          color: '#000',
          boxShadow: '0 1px 4px rgba(0,0,0,.25)',
          padding: `${PAGE_MM.margin.top * MM}px ${PAGE_MM.margin.right * MM}px ${PAGE_MM.margin.bottom * MM}px ${PAGE_MM.margin.left * MM}px`,
          boxSizing: 'border-box',
        }}
      >
        <h1 style={{ ...roleStyle(styles, 'title'), lineHeight: `${SPACING.titleLinePt * PT}px`, textAlign: 'center', margin: `0 0 ${SPACING.bodyLinePt * PT}px` }}>
          {agencyName}
          <br />
          {year}年{def.title}
        </h1>
        <Paragraphs text={preambleText({ format, year, narrative })} styles={styles} />
        {def.sections.map((s) => (
          <section key={s.id} id={`preview-${s.id}`}>
            <h2 style={{ ...lineStyle, ...roleStyle(styles, 'heading1') }}>{s.heading}</h2>
            {s.table && <PreviewTable format={format} table={s.table} cells={cells} styles={styles} />}
            <Paragraphs text={narrative[s.id]} styles={styles} />
          </section>
        ))}
      </div>
    </Box>
  );
}
