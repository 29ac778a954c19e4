/**
 * One statistical table as an HTML <table>, drawn from the grid model (src/shared/grid.ts) like the
 * .docx: the same origin cells with the same rowspan/colspan, never a covered cell.
 */
import type { FormatDefinition, TableId } from '../../../shared/format/index';
import { gridFor, scaleWidths, type GridCell } from '../../../shared/grid';
import type { Cells } from '../../../shared/report';
import { fitFormatTable, tableCellText } from '../../../shared/document/table-fit';
import { TABLE_FIT } from '../../../shared/document/typography';
import { escapeAttr, escapeHtml } from './escape';
import type { StyleName } from './styles';

/** Percentages with two decimals that add up to exactly 100. */
function percentWidths(widths: readonly number[]): number[] {
  return scaleWidths(widths, 10_000).map((w) => w / 100);
}

const attr = (name: string, value: string | number) => ` ${name}="${escapeAttr(String(value))}"`;

function styleOf(cell: GridCell): StyleName {
  if (cell.kind === 'value') return 'valueCell';
  if (cell.kind === 'label') return 'labelCell';
  return 'headerCell';
}

/**
 * `tableSizePt`: the user's table size; the table's columns and size come from the same fit as the .docx
 * (table-fit.ts), so a number that stays whole on paper stays whole on the web page.
 */
export function tableHtml(
  format: FormatDefinition,
  table: TableId,
  cells: Cells,
  styles: Readonly<Record<StyleName, string>>,
  tableSizePt: number,
): string {
  const grid = gridFor(format, table);
  const fit = fitFormatTable(format, table, cells, tableSizePt);
  const textOf = tableCellText(format, cells);
  const widths = percentWidths(fit.widths);
  // later declarations win: the fitted size and padding over the role's defaults in the shared cell style
  const fitted = `font-size:${fit.sizePt}pt;padding:${TABLE_FIT.verticalPaddingPt}pt ${fit.paddingPt}pt`;
  const spanWidth = (cell: GridCell) => Number(widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0).toFixed(2));
  const out: string[] = [`<table${attr('style', styles.table)}${attr('cellspacing', 0)}${attr('cellpadding', 0)}${attr('border', 1)}>`];
  out.push('<colgroup>' + widths.map((w) => `<col${attr('style', `width:${w}%`)}>`).join('') + '</colgroup>');
  let inHead = grid.rows[0]?.header ?? false;
  out.push(inHead ? '<thead>' : '<tbody>');
  for (const row of grid.rows) {
    if (inHead && !row.header) {
      out.push('</thead><tbody>');
      inHead = false;
    }
    out.push('<tr>');
    for (const cell of row.cells) {
      const spans = (cell.rowSpan > 1 ? attr('rowspan', cell.rowSpan) : '') + (cell.colSpan > 1 ? attr('colspan', cell.colSpan) : '');
      const style = `${styles[styleOf(cell)]};${fitted};width:${spanWidth(cell)}%`;
      const text = textOf(cell);
      out.push(`<td${spans}${attr('style', style)}>${escapeHtml(text)}</td>`);
    }
    out.push('</tr>');
  }
  out.push(inHead ? '</thead></table>' : '</tbody></table>');
  return out.join('');
}
