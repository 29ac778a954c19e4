/** Exchange files (.json): decoded like any text the importers read, then validated as a report document. */
import { AppError, invalidInput } from '../../shared/errors';
import { ExchangeFile, type ReportDoc } from '../../shared/report';
import { decodeText, type DecodedText } from './encoding';

/** A report is some 20 KB of JSON; anything far larger is not an exchange file. */
export const MAX_EXCHANGE_BYTES = 16 * 1024 * 1024;

export const isExchangeFileName = (fileName: string) => /\.json$/i.test(fileName);

/** Why JSON.parse failed, in Chinese, with the place as 第 N 行第 M 列 (V8 reports a character position). */
function jsonProblem(fileName: string, text: string, message: string): string {
  if (text.trim() === '') return `“${fileName}”是空文件，不是有效的 JSON 交换文件。`;
  const m = /position (\d+)/.exec(message);
  let place = '';
  if (m) {
    const before = text.slice(0, Number(m[1]));
    place = `第 ${before.split('\n').length} 行第 ${before.length - before.lastIndexOf('\n')} 列附近`;
  }
  return `“${fileName}”不是有效的 JSON 文件：${place}有语法错误。`;
}

/**
 * Parse an exchange file's bytes (UTF-8, UTF-16 with or without BOM, or GBK — the importers' decoder);
 * invalid JSON or a bad field gives invalid_input naming the field.
 */
export function parseExchange(bytes: Uint8Array, fileName = '交换文件'): ReportDoc {
  return parseExchangeText(bytes, fileName).doc;
}

export function parseExchangeText(bytes: Uint8Array, fileName: string): { doc: ReportDoc; decoded: DecodedText } {
  if (bytes.length > MAX_EXCHANGE_BYTES) {
    throw new AppError('too_large', `“${fileName}”过大（${(bytes.length / 1048576).toFixed(1)} MB）：交换文件最大 ${MAX_EXCHANGE_BYTES / 1048576} MB，请确认选择的文件是否正确。`);
  }
  const decoded = decodeText(bytes);
  const text = decoded.text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AppError('invalid_input', jsonProblem(fileName, text, (e as Error).message));
  }
  const parsed = ExchangeFile.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error, `交换文件“${fileName}”`);
  return { doc: parsed.data, decoded };
}
