/**
 * A format table as a WPS-safe Word table, laid out only from the grid model (src/shared/grid.ts):
 * fixed layout, a DXA grid adding up to the text width, a DXA width on every cell (vMerge continuations
 * too), gridSpan and vMerge restart/continue for the merges, never a covered cell.
 */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type Paragraph,
} from 'docx';
import { formatIndex, type FormatDefinition, type TableId } from '../../../shared/format/index';
import { gridFor, gridSlots, scaleWidths, type GridCell } from '../../../shared/grid';
import type { Cells } from '../../../shared/report';
import { formatValue } from '../../../shared/values';
import type { RoleStyle } from '../../../shared/document/typography';
import { noGridSnap } from './grid-snap';
import { paragraph, run } from './runs';

/** Cell padding: 1 mm left and right, so 15 value columns of T4 still hold two characters of 10.5 pt a line. */
const CELL_MARGIN_TWIPS = 57;
/** A hair above and below so wrapped labels do not touch the rules. */
const CELL_MARGIN_VERTICAL_TWIPS = 0;
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

const ALIGN: Record<GridCell['kind'], (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  corner: AlignmentType.CENTER,
  header: AlignmentType.CENTER,
  blockTitle: AlignmentType.CENTER,
  label: AlignmentType.LEFT,
  value: AlignmentType.CENTER,
};

export interface TableLayout {
  /** Width of the table (the text width), in twips. */
  width: number;
  style: RoleStyle;
}

/** Grid column widths in twips; they add up to `width` exactly (scaleWidths gives the remainder to the last). */
export function columnWidthsFor(format: FormatDefinition, table: TableId, width: number): number[] {
  return scaleWidths(gridFor(format, table).columnWeights, width);
}

/** `keepNext` chains rows (and the heading above) so that a table or a T2 block that fits a page is not split. */
function cellParagraph(text: string, kind: GridCell['kind'], style: RoleStyle, keepNext: boolean): Paragraph {
  return noGridSnap(
    paragraph([run(text, style, { snapToGrid: false })], {
      alignment: ALIGN[kind],
      keepNext,
      // single line spacing, no indent: the body's exact 28 pt and first-line indent must not leak in
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
      indent: { firstLine: 0, left: 0, right: 0 },
    }),
  );
}

export function buildTable(format: FormatDefinition, table: TableId, cells: Cells, layout: TableLayout): Table {
  const grid = gridFor(format, table);
  const widths = columnWidthsFor(format, table, layout.width);
  const index = formatIndex(format.id);
  const spanWidth = (cell: GridCell) => widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
  const textOf = (cell: GridCell) => {
    if (cell.kind !== 'value') return cell.text ?? '';
    const info = index.cellById.get(cell.cellId!);
    return formatValue(info?.kind ?? 'count', cells[cell.cellId!]);
  };

  const rows = gridSlots(grid).map((slots, r) => {
    // T2 may break between its blocks, never inside one; T3 and T4 stay whole when they fit a page
    const next = grid.rows[r + 1];
    const keepNext = !!next && next.cells[0]?.kind !== 'blockTitle';
    const children = slots.map((slot) => {
      const cell = slot.cell;
      const common = {
        width: { size: spanWidth(cell), type: WidthType.DXA },
        columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
        verticalAlign: VerticalAlignTable.CENTER,
      };
      if (slot.type === 'continue')
        return new TableCell({ ...common, verticalMerge: VerticalMergeType.CONTINUE, children: [cellParagraph('', cell.kind, layout.style, keepNext)] });
      return new TableCell({
        ...common,
        verticalMerge: cell.rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
        children: [cellParagraph(textOf(cell), cell.kind, layout.style, keepNext)],
      });
    });
    return new TableRow({ children, tableHeader: grid.rows[r]!.header || undefined, cantSplit: true });
  });

  return new Table({
    rows,
    width: { size: layout.width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    indent: { size: 0, type: WidthType.DXA },
    margins: {
      left: CELL_MARGIN_TWIPS,
      right: CELL_MARGIN_TWIPS,
      top: CELL_MARGIN_VERTICAL_TWIPS,
      bottom: CELL_MARGIN_VERTICAL_TWIPS,
      marginUnitType: WidthType.DXA,
    },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
  });
}
