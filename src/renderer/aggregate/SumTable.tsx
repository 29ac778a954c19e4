/**
 * A summed table drawn read-only from the grid model (the same merges as the printed table). A value cell
 * is a button: clicking it shows which units make it up. Cells where the stored report differs from the
 * sum are outlined amber.
 */
import Box from '@mui/material/Box';
import { formatIndex, getFormat, type FormatId, type TableId } from '../../shared/format/index';
import { gridFor, scaleWidths } from '../../shared/grid';
import { formatValue } from '../../shared/values';

export interface SumTableProps {
  format: FormatId;
  table: TableId;
  cells: Record<string, number | null>;
  /** Cells whose stored value differs from the sum. */
  mismatched: ReadonlySet<string>;
  onCellClick(cellId: string): void;
}

export function SumTable({ format, table, cells, mismatched, onCellClick }: SumTableProps) {
  const grid = gridFor(getFormat(format), table);
  const index = formatIndex(format);
  const widths = scaleWidths(grid.columnWeights, 1000).map((w) => `${w / 10}%`);
  return (
    <Box
      component="table"
      sx={{
        borderCollapse: 'collapse',
        tableLayout: 'fixed',
        width: '100%',
        fontSize: 13,
        mb: 2,
        '& td': { border: '1px solid', borderColor: 'grey.500', p: '2px 4px', verticalAlign: 'middle' },
      }}
    >
      <colgroup>
        {widths.map((w, i) => (
          <col key={i} style={{ width: w }} />
        ))}
      </colgroup>
      <tbody>
        {grid.rows.map((row, r) => (
          <tr key={r}>
            {row.cells.map((cell) => {
              const span = { rowSpan: cell.rowSpan, colSpan: cell.colSpan };
              if (cell.kind !== 'value')
                return (
                  <Box component="td" key={cell.col} {...span} sx={{ textAlign: cell.kind === 'label' ? 'left' : 'center', bgcolor: cell.kind === 'label' ? undefined : 'grey.100' }}>
                    {cell.text}
                  </Box>
                );
              const id = cell.cellId!;
              const info = index.cellById.get(id)!;
              const off = mismatched.has(id);
              return (
                <Box component="td" key={cell.col} {...span} sx={{ p: '0 !important', outline: off ? '2px solid' : undefined, outlineColor: 'warning.main', outlineOffset: -2 }}>
                  <Box
                    component="button"
                    type="button"
                    title={`${info.name}：点击查看各单位的数值`}
                    data-cell={id}
                    onClick={() => onCellClick(id)}
                    sx={{
                      all: 'unset',
                      boxSizing: 'border-box',
                      display: 'block',
                      width: '100%',
                      p: '2px 4px',
                      textAlign: 'center',
                      cursor: 'pointer',
                      fontVariantNumeric: 'tabular-nums',
                      color: cells[id] === null || cells[id] === undefined ? 'text.disabled' : 'text.primary',
                      '&:hover, &:focus-visible': { bgcolor: 'action.hover' },
                    }}
                  >
                    {formatValue(info.kind, cells[id])}
                  </Box>
                </Box>
              );
            })}
          </tr>
        ))}
      </tbody>
    </Box>
  );
}
