/** Text helpers of the narrative editor, pure so they can be tested in Node. */

/** Characters as staff count them: everything but whitespace. */
export function charCount(text: string): number {
  return text.replace(/\s/g, '').length;
}

/** The scaffold headings not yet in the text, appended each on its own line. */
export function withScaffold(text: string, headings: readonly string[]): string {
  const missing = headings.filter((h) => !text.includes(h));
  if (missing.length === 0) return text;
  const base = text.trimEnd();
  return (base ? `${base}\n` : '') + missing.map((h) => `${h}\n`).join('');
}
