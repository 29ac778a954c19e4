/** The figures a reviewer looks at first, by cell id (the same ids in both formats); names from the definition. */
import { formatIndex, type FormatId } from '../../shared/format/index';

export const KEY_FIGURES = ['t3.new.total', 't3.carriedIn.total', 't3.granted.total', 't3.resultTotal.total', 't3.carriedOut.total', 't4.review.total', 't4.suitDirect.total'] as const;

/** Short column headers: the row's label and, unless it is 总计, the column's. */
export function keyFigureNames(format: FormatId = 'GOV-2021'): string[] {
  const index = formatIndex(format);
  return KEY_FIGURES.map((id) => {
    const info = index.cellById.get(id)!;
    const row = info.rowLabels.at(-1) ?? '';
    const cols = info.columnLabels.join('');
    return info.table === 't4' ? cols : row;
  });
}
