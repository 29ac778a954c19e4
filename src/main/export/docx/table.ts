/**
 * A format table as a WPS-safe Word table, laid out only from the grid model (src/shared/grid.ts):
 * fixed layout, a DXA grid adding up to the text width, a DXA width on every cell (vMerge continuations
 * too), gridSpan and vMerge restart/continue for the merges, never a covered cell.
 */
import {
  AlignmentType,
  BorderStyle,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type Paragraph,
} from 'docx';
import type { FormatDefinition, TableId } from '../../../shared/format/index';
import { gridFor, gridSlots, type Grid, type GridCell } from '../../../shared/grid';
import type { Cells } from '../../../shared/report';
import { fitTable, tableCellText } from '../../../shared/document/table-fit';
import { ptToTwips, TABLE_FIT, type RoleStyle } from '../../../shared/document/typography';
import { noGridSnap } from './grid-snap';
import { paragraph, run } from './runs';

/** The paragraph style of table text (layout.ts): single spacing, centred, no first-line indent. */
export const TABLE_TEXT_STYLE = 'TableText';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

/** Labels are left-aligned; everything else takes the style's centring. */
const LEFT: ReadonlySet<GridCell['kind']> = new Set(['label']);

/** Body rows kept on the page of the header rows (and so of the part heading above them). */
const KEEP_BODY_ROWS = 2;

export interface TableLayout {
  /** Width of the table (the text width), in twips. */
  width: number;
  style: RoleStyle;
}


/**
 * Which rows carry keepNext. A table with header rows keeps them and its first body rows together (with
 * the part heading, which has keepNext too) and otherwise breaks between rows, the header repeating; T2
 * keeps each block (title, header, rows) together and breaks between blocks.
 */
function keepWithNext(grid: Grid): boolean[] {
  const firstBody = grid.rows.findIndex((r) => !r.header);
  return grid.rows.map((_, r) => {
    const next = grid.rows[r + 1];
    if (!next) return false;
    if (grid.rows[0]!.header) return r < firstBody + KEEP_BODY_ROWS - 1;
    return next.cells[0]?.kind !== 'blockTitle';
  });
}

function cellParagraph(text: string, kind: GridCell['kind'], style: RoleStyle, keepNext: boolean): Paragraph {
  return noGridSnap(
    paragraph([run(text, style, { snapToGrid: false })], {
      style: TABLE_TEXT_STYLE,
      alignment: LEFT.has(kind) ? AlignmentType.LEFT : undefined,
      keepNext: keepNext || undefined,
    }),
  );
}

export function buildTable(format: FormatDefinition, table: TableId, cells: Cells, layout: TableLayout): Table {
  const grid = gridFor(format, table);
  const textOf = tableCellText(format, cells);
  const fit = fitTable(grid, textOf, layout.width, layout.style.sizePt);
  const widths = fit.widths;
  const style = { ...layout.style, sizePt: fit.sizePt };
  const spanWidth = (cell: GridCell) => widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
  const keep = keepWithNext(grid);

  const rows = gridSlots(grid).map((slots, r) => {
    const keepNext = keep[r]!;
    const children = slots.map((slot) => {
      const cell = slot.cell;
      const common = {
        width: { size: spanWidth(cell), type: WidthType.DXA },
        columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
        verticalAlign: VerticalAlignTable.CENTER,
      };
      if (slot.type === 'continue')
        return new TableCell({ ...common, verticalMerge: VerticalMergeType.CONTINUE, children: [cellParagraph('', cell.kind, style, keepNext)] });
      return new TableCell({
        ...common,
        verticalMerge: cell.rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
        children: [cellParagraph(textOf(cell), cell.kind, style, keepNext)],
      });
    });
    return new TableRow({ children, tableHeader: grid.rows[r]!.header || undefined, cantSplit: true });
  });

  const side = ptToTwips(fit.paddingPt);
  const vertical = ptToTwips(TABLE_FIT.verticalPaddingPt);
  return new Table({
    rows,
    width: { size: layout.width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    indent: { size: 0, type: WidthType.DXA },
    margins: { left: side, right: side, top: vertical, bottom: vertical, marginUnitType: WidthType.DXA },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
  });
}
