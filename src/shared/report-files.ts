/**
 * Which files are reports: what a folder scan reads (汇总 units, 批量检查 in the CLI and in the app's
 * folder picker), and the kinds by name as the audit shows them. Here so the core and the page pick the
 * same files from the same folder.
 */

/** Every kind the importers read. */
export const REPORT_FILE = /\.(json|docx|pdf|html?|mht|mhtml|txt|md|xlsx)$/i;

/** The `accept` list of a file picker for report files. */
export const REPORT_FILE_ACCEPT = '.json,.docx,.pdf,.html,.htm,.mht,.mhtml,.txt,.md,.xlsx';

/** The kind of a file (its extension, lower case): docx, html, xlsx, … */
export const fileKindOf = (name: string): string => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** A file's kind in the user's words. */
export const FILE_KIND_NAMES: Readonly<Record<string, string>> = {
  json: '交换文件',
  docx: 'Word 文档',
  html: '网页',
  htm: '网页',
  mht: '网页（单一文件）',
  mhtml: '网页（单一文件）',
  txt: '文本',
  md: '文本',
  xlsx: 'Excel/WPS 表格',
  pdf: 'PDF',
};

export const fileKindName = (kind: string): string => FILE_KIND_NAMES[kind] ?? (kind || '未知');
