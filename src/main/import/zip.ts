/**
 * Reading one entry out of a .docx or .xlsx (a zip) without trusting it: the central directory is parsed by hand
 * so the entry count and every declared size are checked before anything is inflated, and the entry is
 * inflated in small slices while counting, so a zip bomb stops at the cap instead of filling memory.
 */
import { Inflate } from 'fflate';
import { AppError } from '../../shared/errors';
import {
  INFLATE_CHUNK_BYTES,
  MAX_ENTRY_BYTES,
  MAX_TOTAL_UNZIPPED_BYTES,
  MAX_ZIP_ENTRIES,
} from './limits';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

/** The kind of zip a message names: a Word document, or an Excel/WPS workbook. */
export interface ZipKind {
  ext: string;
  app: string;
}
export const DOCX: ZipKind = { ext: '.docx', app: 'Word 或 WPS' };
export const XLSX: ZipKind = { ext: '.xlsx', app: 'Excel 或 WPS 表格' };

const notA = (kind: ZipKind, why: string) =>
  new AppError('unsupported_file', `无法读取该 ${kind.ext} 文件：${why}。请在 ${kind.app} 中打开并另存为 ${kind.ext} 后再导入。`);

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The entries of the central directory, after checking count and declared sizes. */
export function listZip(bytes: Uint8Array, kind: ZipKind = DOCX): ZipEntry[] {
  const notADocx = (why: string) => notA(kind, why);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // the end record sits in the last 22 + 65535 (comment) bytes
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notADocx('文件不完整或不是 zip 格式');
  const count = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff) throw notADocx('不支持 ZIP64 格式');
  if (count > MAX_ZIP_ENTRIES) throw new AppError('too_large', `该 ${kind.ext} 文件包含 ${count} 个部件，超过上限 ${MAX_ZIP_ENTRIES}，已拒绝导入。`);
  if (dirOffset + dirSize > bytes.length) throw notADocx('目录区超出文件范围');
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = dirOffset;
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CEN_SIG) throw notADocx('目录区已损坏');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLen > bytes.length) throw notADocx('目录区已损坏');
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (size === 0xffffffff || compressedSize === 0xffffffff) throw notADocx('不支持 ZIP64 格式');
    if (size > MAX_ENTRY_BYTES)
      throw new AppError('too_large', `该 ${kind.ext} 文件中的部件“${name.slice(0, 60)}”解压后达 ${Math.round(size / 1048576)} MB，超过上限，已拒绝导入（疑似压缩炸弹）。`);
    total += size;
    if (total > MAX_TOTAL_UNZIPPED_BYTES)
      throw new AppError('too_large', `该 ${kind.ext} 文件解压后的总大小超过上限，已拒绝导入（疑似压缩炸弹）。`);
    entries.push({ name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Inflate one entry, refusing it when its actual size exceeds its declared size or `cap`.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, cap: number, kind: ZipKind = DOCX): Uint8Array {
  const notADocx = (why: string) => notA(kind, why);
  if (entry.flags & 1) throw notADocx('文件已加密');
  if (entry.size > cap)
    throw new AppError('too_large', `该 ${kind.ext} 文件的正文部件解压后达 ${Math.round(entry.size / 1048576)} MB，超过上限 ${Math.round(cap / 1048576)} MB，已拒绝导入。`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOC_SIG) throw notADocx('部件头已损坏');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw notADocx('部件数据超出文件范围');
  const data = bytes.subarray(start, end);
  const limit = Math.min(entry.size, cap);
  const overflow = () =>
    new AppError('too_large', `该 ${kind.ext} 文件解压后的实际大小超过其声明的大小，已拒绝导入（疑似压缩炸弹）。`);
  if (entry.method === 0) {
    if (data.length > limit) throw overflow();
    return data;
  }
  if (entry.method !== 8) throw notADocx(`不支持的压缩方式（${entry.method}）`);
  const out = new Uint8Array(limit);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > limit) throw overflow();
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let i = 0; i < data.length; i += INFLATE_CHUNK_BYTES) {
      const last = i + INFLATE_CHUNK_BYTES >= data.length;
      inflater.push(data.subarray(i, i + INFLATE_CHUNK_BYTES), last);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw notADocx('压缩数据已损坏');
  }
  if (written !== entry.size) throw notADocx('部件的实际大小与声明不符');
  return out;
}
