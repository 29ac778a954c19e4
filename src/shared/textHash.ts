/**
 * A short fingerprint of a text: a save of a narrative part carries the fingerprint of the text it was
 * based on, so the service can tell that another window changed it meanwhile without the old text being
 * sent along (keepalive requests on unload are limited to 64 KB). FNV-1a over UTF-16 code units, two
 * seeds, 64 bits: collisions between two versions of one part are not a practical concern.
 */
export function textHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
