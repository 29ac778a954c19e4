/**
 * The look of the table editor: one styled root with descendant rules, so hundreds of cells carry only a
 * class name and data attributes (an outline appearing is an attribute change, not a new style).
 */
import { alpha, styled } from '@mui/material/styles';

/** Below these widths the table scrolls sideways inside its pane instead of crushing the labels. */
const MIN_WIDTH = { t2: 560, t3: 860, t4: 900 } as const;

export const TableRoot = styled('div')(({ theme }) => {
  const { error, warning, primary, text, grey } = theme.palette;
  const rule = grey[500];
  return {
    // the table scrolls inside its own pane, so its header rows and first label column can stay in view
    // (sticky) at 1366×768 and at 125 %/150 % zoom, where the table no longer fits
    overflow: 'auto',
    maxHeight: 'calc(100vh - 120px)',
    // 已定稿 (a disabled fieldset): no cell can take the focus to scroll this pane, so the page scrolls it instead
    'fieldset:disabled &': { overflow: 'visible', maxHeight: 'none' },
    '& thead': { position: 'sticky', top: 0, zIndex: 2 },
    '& th.c0': { position: 'sticky', left: 0, zIndex: 1 },
    '& thead th.c0': { zIndex: 3 },
    // CJK UI font from the system; no network fonts
    fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif',
    '& table.rte': {
      borderCollapse: 'collapse',
      tableLayout: 'fixed',
      width: '100%',
      fontSize: 13,
      lineHeight: 1.35,
      color: text.primary,
      background: theme.palette.background.paper,
    },
    // wide enough for the labels, not so wide that a number drifts far from its label
    '& table.rte-t2': { minWidth: MIN_WIDTH.t2, maxWidth: 920 },
    '& table.rte-t3': { minWidth: MIN_WIDTH.t3, maxWidth: 1400 },
    '& table.rte-t4': { minWidth: MIN_WIDTH.t4, maxWidth: 1280 },
    '& th, & td': { border: `1px solid ${rule}`, padding: '2px 5px' },
    '& th': { fontWeight: 'normal', verticalAlign: 'middle' },
    '& th.head': { textAlign: 'center', background: grey[100], fontWeight: 500, padding: '3px 2px' },
    '& th.corner': { textAlign: 'left', background: grey[100], fontSize: 12, color: text.secondary },
    '& th.block': { textAlign: 'center', background: grey[200], fontWeight: 600 },
    '& th.label': { textAlign: 'left', background: theme.palette.background.paper },
    // the row of a problem is marked at its label, visible when the cell itself is scrolled away
    '& th.label[data-severity="error"]': { boxShadow: `inset 4px 0 0 ${error.main}`, paddingLeft: 9 },
    '& th.label[data-severity="warning"]': { boxShadow: `inset 4px 0 0 ${warning.main}`, paddingLeft: 9 },
    '& th.label[data-severity="warning"][data-ack]': { boxShadow: `inset 4px 0 0 ${alpha(warning.main, 0.4)}` },
    '& td.v': { padding: 0, position: 'relative', height: 26 },
    '& td.v input': {
      display: 'block',
      width: '100%',
      height: '100%',
      minHeight: 26,
      boxSizing: 'border-box',
      border: 0,
      margin: 0,
      padding: '2px 5px',
      font: 'inherit',
      color: 'inherit',
      textAlign: 'right',
      fontVariantNumeric: 'tabular-nums',
      background: 'transparent',
      outline: 'none',
      borderRadius: 0,
    },
    '& td.v input:focus': { boxShadow: `inset 0 0 0 2px ${primary.main}`, background: alpha(primary.main, 0.06) },
    '& td.v input[data-invalid]': {
      color: error.dark,
      background: alpha(error.main, 0.12),
      fontWeight: 600,
      outline: `2px solid ${error.main}`,
      outlineOffset: -2,
    },
    '& td.v input[data-severity="error"]': { outline: `2px solid ${error.main}`, outlineOffset: -2 },
    '& td.v input[data-severity="warning"]': { outline: `2px solid ${warning.main}`, outlineOffset: -2 },
    '& td.v input[data-severity="warning"][data-ack]': {
      outline: `1px dashed ${alpha(warning.main, 0.6)}`,
      outlineOffset: -2,
    },
    // text that is not a value: red whatever the checks say about the value stored
    '& td.v input[data-invalid][data-severity]': { outline: `2px solid ${error.main}`, outlineOffset: -2 },
    // focus ring inside the outline, so both show
    '& td.v input[data-severity]:focus, & td.v input[data-invalid]:focus': { boxShadow: `inset 0 0 0 4px ${alpha(primary.main, 0.85)}` },
    // Windows high contrast drops box shadows: the focus ring becomes an outline in the system colour
    '@media (forced-colors: active)': {
      '& td.v input:focus, & td.v input[data-invalid][data-severity]:focus': { outline: '3px solid Highlight', outlineOffset: -3 },
      '& td.v input[data-invalid]:not(:focus)': { outline: '2px dashed Mark', outlineOffset: -2 },
    },
    '& td.v.auto': { background: grey[100] },
    '& td.v.auto input': { color: text.secondary, cursor: 'default' },
    '& td.v.auto input:focus': { background: 'transparent' },
    '& .auto-hint': {
      position: 'absolute',
      left: 3,
      top: 1,
      fontSize: 10,
      lineHeight: 1,
      color: grey[500],
      pointerEvents: 'none',
      userSelect: 'none',
    },
  };
});
