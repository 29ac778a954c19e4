/** HTML escaping for text and attribute values: narrative comes from users and imported files. */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** For a double-quoted attribute value: single quotes (CSS font names) stay readable. */
export function escapeAttr(value: string): string {
  return value.replace(/[&<>"]/g, (ch) => ENTITIES[ch]!);
}
