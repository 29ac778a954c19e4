/**
 * Bytes → text for exchange files, HTML pages and pasted text — one decoder for all of them. A BOM
 * decides (UTF-8, UTF-16 LE/BE); else NUL bytes on one side of each pair mean UTF-16 without a BOM;
 * else UTF-8 when the bytes are UTF-8 with at most a few damaged sequences, else GB18030 (a superset of
 * GBK/GB2312, what older government sites use). Bytes that do not decode become U+FFFD and are counted,
 * so one bad byte is reported instead of making the file unreadable.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export const ENCODING_NAMES: Readonly<Record<TextEncodingName, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  gb18030: 'GBK',
};

/** Bytes looked at to guess UTF-16 without a BOM. */
const SNIFF_BYTES = 64 * 1024;
/** Share of damaged sequences among the non-ASCII characters up to which a file is still UTF-8 (GBK read as UTF-8 is nearly all damage). */
const MAX_UTF8_DAMAGE = 0.02;

function utf16WithoutBom(bytes: Uint8Array): TextEncodingName | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  // ASCII (digits, line ends, JSON punctuation) in UTF-16 puts a NUL in every other byte; text never has NULs
  // (Chinese prose has few: a digit or a line end now and then is enough, binary junk has NULs on both sides; CJK like 一 U+4E00 puts a few on the other)
  const enough = Math.max(2, pairs * 0.005);
  if (oddNul >= enough && evenNul * 4 <= oddNul) return 'utf-16le';
  if (evenNul >= enough && oddNul * 4 <= evenNul) return 'utf-16be';
  return null;
}

export function detectEncoding(bytes: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  return { encoding: mostlyUtf8(bytes) ? 'utf-8' : 'gb18030', bomLength: 0 };
}

/** Valid UTF-8, or UTF-8 with a few damaged sequences among many good multi-byte characters. */
function mostlyUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const damaged = countReplacements(text) - countEncodedReplacements(bytes);
    let nonAscii = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) nonAscii++;
    return damaged <= (nonAscii - damaged) * MAX_UTF8_DAMAGE;
  }
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

/** U+FFFD written in the file itself (EF BF BD) is text, not damage. */
function countEncodedReplacements(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i !== -1 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1))
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  return n;
}

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Byte sequences that did not decode and were replaced by U+FFFD. */
  replaced: number;
}

/** Decode with `forced` (a page's declared charset) or the detected encoding; never throws. */
export function decodeText(bytes: Uint8Array, forced?: TextEncodingName): DecodedText {
  const detected = detectEncoding(bytes);
  const encoding = forced && detected.bomLength === 0 ? forced : detected.encoding;
  const body = bytes.subarray(encoding === detected.encoding ? detected.bomLength : 0);
  const text = new TextDecoder(encoding).decode(body);
  const replaced = countReplacements(text) - (encoding === 'utf-8' ? countEncodedReplacements(body) : 0);
  return { text, encoding, replaced: Math.max(0, replaced) };
}

/** The import report's line about replaced bytes, or null when every byte decoded. */
export function replacedBytesNote(decoded: DecodedText): string | null {
  if (decoded.replaced === 0) return null;
  return `文件中有 ${decoded.replaced} 处无法按 ${ENCODING_NAMES[decoded.encoding]} 编码识别的字节，已替换为“\uFFFD”，请核对这些位置的文字`;
}
