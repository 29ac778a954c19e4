/** The cells the crash writer cycles through: write i sets CELLS[i % CELLS.length] to i. */
export const CELLS = ['t3.new.natural', 't3.new.business', 't3.granted.natural', 't3.carriedOut.legal', 't4.review.upheld'];

/** The value of cell k after writes 1…n. */
export function valueAfter(n: number, k: number): number | null {
  const i = n - ((((n - k) % CELLS.length) + CELLS.length) % CELLS.length);
  return i >= 1 ? i : null;
}
