/**
 * The report as it will print (typography.md): title in 小标宋, body in 仿宋 at 3号 with exactly 28 pt
 * lines, headings in 黑体/楷体, and the three tables drawn from the same grid model as the .docx. Drawn
 * at A4 size and zoomed to the pane, so lines break where they will on paper.
 */
import Box from '@mui/material/Box';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { FORMATS, formatIndex, type FormatId, type TableId } from '../../shared/format/index';
import { gridFor } from '../../shared/grid';
import type { Cells, Narrative } from '../../shared/report';
import { formatValue } from '../../shared/values';

const FONTS = {
  title: '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Noto Serif CJK SC", "SimSun", serif',
  body: '"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", serif',
  heading1: '"黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", sans-serif',
  heading2: '"楷体_GB2312", "楷体", "KaiTi", "STKaiti", "AR PL UKai CN", serif',
  latin: '"Times New Roman", "Liberation Serif"',
};

const PT = 96 / 72; // CSS px per point
const MM = 96 / 25.4; // CSS px per millimetre
const PAGE_WIDTH = 210 * MM;

const body: CSSProperties = {
  fontFamily: `${FONTS.latin}, ${FONTS.body}`,
  fontSize: 16 * PT,
  lineHeight: `${28 * PT}px`,
  textIndent: '2em',
  margin: 0,
  textAlign: 'justify',
};

/** Level-2 "（一）…" in 楷体, level-3 "1." in 仿宋 bold, the rest body text. */
function Paragraph({ text }: { text: string }) {
  if (/^（[一二三四五六七八九十]+）/.test(text)) return <p style={{ ...body, fontFamily: `${FONTS.latin}, ${FONTS.heading2}` }}>{text}</p>;
  if (/^\d+[.．、]/.test(text)) return <p style={{ ...body, fontWeight: 'bold' }}>{text}</p>;
  return <p style={body}>{text}</p>;
}

function Paragraphs({ text }: { text: string | undefined }) {
  const lines = (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return (
    <>
      {lines.map((l, i) => (
        <Paragraph key={i} text={l} />
      ))}
    </>
  );
}

const cellStyle: CSSProperties = {
  border: '1px solid #000',
  padding: '2px 3px',
  fontSize: 10.5 * PT,
  lineHeight: 1.25,
  verticalAlign: 'middle',
  wordBreak: 'break-all',
};

function PreviewTable({ format, table, cells }: { format: FormatId; table: TableId; cells: Cells }) {
  const grid = gridFor(FORMATS[format], table);
  const index = formatIndex(format);
  const total = grid.columnWeights.reduce((a, b) => a + b, 0);
  return (
    <table
      style={{ borderCollapse: 'collapse', width: '100%', tableLayout: 'fixed', fontFamily: `${FONTS.latin}, ${FONTS.body}`, margin: `${6 * PT}px 0` }}
      data-testid={`preview-${table}`}
    >
      <colgroup>
        {grid.columnWeights.map((w, i) => (
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
                textAlign: c.kind === 'value' || c.kind === 'header' || c.kind === 'corner' ? 'center' : 'left',
                ...(vertical ? { writingMode: 'vertical-rl', textAlign: 'center', letterSpacing: '0.2em' } : {}),
              };
              const text = c.kind === 'value' ? formatValue(index.cellById.get(c.cellId!)!.kind, cells[c.cellId!]) : c.text;
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
}

export function Preview({ format, year, agencyName, narrative, cells }: PreviewProps) {
  const def = FORMATS[format];
  const outer = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState(1);
  useEffect(() => {
    const el = outer.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setZoom(Math.min(1, (el.clientWidth - 16) / PAGE_WIDTH)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
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
          padding: `${37 * MM}px ${26 * MM}px ${35 * MM}px ${28 * MM}px`,
          boxSizing: 'border-box',
        }}
      >
        <h1 style={{ fontFamily: FONTS.title, fontSize: 22 * PT, lineHeight: 1.5, textAlign: 'center', fontWeight: 'normal', margin: `0 0 ${28 * PT}px` }}>
          {agencyName}
          <br />
          {year}年{def.title}
        </h1>
        <Paragraphs text={narrative.preamble} />
        {def.sections.map((s) => (
          <section key={s.id} id={`preview-${s.id}`}>
            <h2 style={{ ...body, fontFamily: FONTS.heading1, fontWeight: 'normal' }}>{s.heading}</h2>
            {s.table && <PreviewTable format={format} table={s.table} cells={cells} />}
            <Paragraphs text={narrative[s.id]} />
          </section>
        ))}
      </div>
    </Box>
  );
}
