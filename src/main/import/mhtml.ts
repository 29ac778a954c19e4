/**
 * A web page saved as a single file (.mht/.mhtml, "网页，单一文件"): a MIME multipart message whose first
 * text/html part is the page. Quoted-printable and base64 bodies are decoded, and the part's charset
 * (often gb2312 on older sites) is honoured.
 */
import { AppError } from '../../shared/errors';

const notMhtml = () => new AppError('unsupported_file', '该文件不是有效的单文件网页（.mht/.mhtml），无法找到其中的网页内容。');

function decodeQuotedPrintable(body: string): Uint8Array {
  const text = body.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x3d && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(ch & 0xff);
  }
  return new Uint8Array(out);
}

function decodeWith(charset: string | undefined, data: Uint8Array): string {
  const c = (charset ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(/^(gb2312|gbk|x-gbk|gb18030|cp936)$/.test(c) ? 'gb18030' : c).decode(data);
  } catch {
    return new TextDecoder('utf-8').decode(data);
  }
}

/** The HTML of the page inside an MHTML file. */
export function htmlOfMhtml(bytes: Uint8Array): string {
  // MIME headers and quoted-printable bodies are ASCII; base64 too
  const raw = new TextDecoder('latin1').decode(bytes);
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(raw.slice(0, 8192))?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  for (const part of parts) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const headers = part.slice(0, split.index);
    if (!/content-type:\s*text\/html/i.test(headers)) continue;
    const body = part.slice(split.index + split[0].length);
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    const charset = /charset\s*=\s*"?([\w-]+)"?/i.exec(headers)?.[1];
    const data =
      encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : encoding === 'base64'
          ? new Uint8Array(Buffer.from(body.replace(/\s+/g, ''), 'base64'))
          : new Uint8Array(Buffer.from(body, 'latin1'));
    return decodeWith(charset, data);
  }
  throw notMhtml();
}
