/** A1 addresses and SUM formulas over them. */

export function columnLetter(col: number): string {
  // 1-based column number → A, B, …, Z, AA, …
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const address = (row: number, col: number) => `${columnLetter(col)}${row}`;

export interface Position {
  row: number;
  col: number;
}

/** SUM over cells, with runs of adjacent cells in one row or one column written as ranges. */
export function sumFormula(positions: readonly Position[]): string {
  const sorted = [...positions].sort((a, b) => a.row - b.row || a.col - b.col);
  const sameRow = sorted.every((p) => p.row === sorted[0]!.row);
  const sameCol = sorted.every((p) => p.col === sorted[0]!.col);
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i];
    const adjacent = cur && ((sameRow && cur.col === prev.col + 1) || (sameCol && !sameRow && cur.row === prev.row + 1));
    if (adjacent) continue;
    const first = sorted[start]!;
    parts.push(i - 1 === start ? address(first.row, first.col) : `${address(first.row, first.col)}:${address(prev.row, prev.col)}`);
    start = i;
  }
  return `SUM(${parts.join(',')})`;
}
