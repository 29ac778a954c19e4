/**
 * PDF → the neutral model, with Mozilla's pdf.js (its legacy build runs in Node, in this thread: no
 * worker fetch, no network, no eval, no font loading; CMaps and standard-font metrics read from the
 * package's own folder). The text layer with positions gives lines, paragraphs and tables (from the
 * rules the page draws, ruled.ts). An encrypted, broken or scanned PDF is refused with what to do instead.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/errors';
import type { SourceBlock, SourceDocument } from '../model';
import { installDomMatrix } from './dommatrix';
import { readPage, type Ops, type PdfPage } from './extract';
import type { PageContent } from './geometry';
import { continues, furniture, joinWrapped, linesOf, margins, type Line } from './layout';
import { textTables } from '../text';
import { ruledTables, type RuledTable } from './ruled';

/** A report runs to 10–40 pages; a few hundred is already an annex of scans. */
export const MAX_PDF_PAGES = 300;
/** Time allowed for reading a PDF at all. */
export const MAX_PDF_MS = 30_000;
/** Text runs accepted over all pages. */
export const MAX_PDF_RUNS = 400_000;
/** Largest image pdf.js decodes (pixels); bigger ones are skipped, they are never text. */
const MAX_IMAGE_PIXELS = 4096 * 4096;
/** Fewer visible characters than this in the whole file: there is no text layer. */
const MIN_TEXT_CHARS = 20;

const SCANNED =
  '该 PDF 没有文字层（是扫描件或图片），无法读取其中的文字和表格，未导入。请改为导入该报告的 Word 文件或网站上的网页；' +
  '只有扫描件时，可先用 WPS 或 Adobe Acrobat 的“OCR 文字识别”转换为可选中文字的 PDF，再导入。';
const ENCRYPTED =
  '该 PDF 设置了打开密码（已加密），无法读取，未导入。请用 PDF 阅读器输入密码打开后“另存为”不加密的 PDF 再导入，或改为导入该报告的 Word 文件或网页。';
const broken = (why: string) =>
  `该 PDF 文件已损坏或不完整（${why}），无法读取，未导入。请重新下载或重新导出该文件后再导入，或改为导入该报告的 Word 文件或网页。`;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
/**
 * pdf.js and its worker half, which runs in this thread ("fake worker"). Handed over as globalThis.pdfjsWorker
 * instead of letting pdf.js import it by file name: the Electron build bundles both into import-worker.cjs,
 * where there is no pdfjs-dist folder to import from.
 */
async function importPdfJs(): Promise<PdfJs> {
  installDomMatrix(); // before pdf.js looks for it (the bundle has no @napi-rs/canvas to take it from)
  const [lib, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
  return lib;
}
const loadPdfJs = () => (pdfjs ??= importPdfJs());

/**
 * pdf.js's data files (CMaps — without them the text of a Chinese font that is not embedded, GBK or UCS-2
 * encoded, cannot be read — and standard-font metrics): read from disk, never fetched. The Electron build
 * copies them beside its bundle (dist/electron/pdfjs/, scripts/build-electron.mjs), the packaged app has no
 * node_modules; run from the sources they are the package's own folders.
 */
function dataDir(): string | null {
  const here = fileURLToPath(import.meta.url);
  const beside = join(dirname(here), 'pdfjs');
  if (existsSync(join(beside, 'cmaps'))) return beside;
  try {
    return dirname(createRequire(here).resolve('pdfjs-dist/package.json'));
  } catch {
    return null;
  }
}

const hasEof = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 4096))).includes('%%EOF');

async function readPages(bytes: Uint8Array, notes: string[]): Promise<PageContent[]> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw new AppError('unsupported_file', broken('文件开头没有 PDF 标记，不是 PDF 文件'));
  if (!hasEof(bytes)) throw new AppError('unsupported_file', broken('文件末尾缺少结束标记，可能没有下载完整'));
  const lib = await loadPdfJs();
  const dir = dataDir();
  const started = Date.now();
  const task = lib.getDocument({
    data: new Uint8Array(bytes), // a copy, and never a Buffer: pdf.js takes ownership of what it gets
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: 0,
    maxImageSize: MAX_IMAGE_PIXELS,
    isOffscreenCanvasSupported: false,
    ...(dir ? { cMapUrl: join(dir, 'cmaps') + '/', cMapPacked: true, standardFontDataUrl: join(dir, 'standard_fonts') + '/', wasmUrl: join(dir, 'wasm') + '/' } : {}),
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy();
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') throw new AppError('unsupported_file', ENCRYPTED);
    throw new AppError('unsupported_file', broken(name === 'InvalidPDFException' ? '文件结构无效' : '无法解析'));
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES)
      throw new AppError('too_large', `该 PDF 有 ${doc.numPages} 页（上限 ${MAX_PDF_PAGES} 页），不像一份年度报告，已拒绝导入。`);
    const ops = lib.OPS as unknown as Ops;
    const pages: PageContent[] = [];
    let runs = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() - started > MAX_PDF_MS)
        throw new AppError('too_large', `读取该 PDF 超过 ${MAX_PDF_MS / 1000} 秒（读到第 ${n} 页），文件过于复杂，已停止导入。`);
      let page: PageContent;
      try {
        page = await readPage((await doc.getPage(n)) as unknown as PdfPage, n, ops, true);
      } catch (e) {
        if (e instanceof AppError) throw e;
        notes.push(`第 ${n} 页无法解析，其内容未导入`);
        continue;
      }
      runs += page.runs.length;
      if (runs > MAX_PDF_RUNS) throw new AppError('too_large', '该 PDF 的文字过多，不像一份年度报告，已拒绝导入。');
      pages.push(page);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Blocks of one page in reading order: its tables and its lines, top to bottom. */
function pageFlow(tables: readonly RuledTable[], lines: readonly Line[]): ({ kind: 'line'; line: Line } | { kind: 'table'; block: SourceBlock })[] {
  const items = [
    ...lines.map((line) => ({ kind: 'line' as const, line, top: line.y + line.size })),
    ...tables.map((t) => ({ kind: 'table' as const, top: t.y1, block: { kind: 'table' as const, rows: t.rows } })),
  ];
  return items.sort((a, b) => b.top - a.top);
}

export async function readPdf(bytes: Uint8Array): Promise<SourceDocument> {
  const notes: string[] = [];
  const pages = await readPages(bytes, notes);
  const visible = pages.reduce((s, p) => s + p.runs.reduce((t, r) => t + r.text.replace(/\s+/g, '').length, 0), 0);
  // pages pdf.js could not parse are damage (or a hostile file), not a scan: say so, not "use OCR"
  if (visible < MIN_TEXT_CHARS && pages.length === 0) throw new AppError('unsupported_file', broken('页面内容无法解析'));
  if (visible < MIN_TEXT_CHARS) throw new AppError('unsupported_file', SCANNED);
  const empty = pages.filter((p) => p.runs.every((r) => r.text.trim() === '')).map((p) => p.number);
  if (empty.length) notes.push(`第 ${empty.join('、')} 页没有文字层（可能是扫描的图片），其内容未读取`);

  // furniture is judged over all pages' lines outside tables
  const perPage = pages.map((page) => {
    const ruled = ruledTables(page.rules, page.runs);
    return { page, tables: ruled.tables, lines: linesOf(ruled.rest, page.number) };
  });
  const drop = furniture(perPage);
  const keep = (lines: Line[]) => lines.filter((l) => !drop.has(l));
  const m = margins(perPage.flatMap((p) => keep(p.lines)));

  // Tables drawn without rules come out as lines: the parts that hold a statistical table and no ruled one
  // (a TAB stands in for a ruled table, so its part is left alone) are read like `pdftotext -layout` text.
  const flow = perPage.flatMap((page) => pageFlow(page.tables, keep(page.lines)));
  const unruled = textTables(flow.map((item) => (item.kind === 'table' ? '\t' : item.line.layout)));

  const blocks: SourceBlock[] = [];
  let open: { text: string; last: Line } | null = null;
  const flush = () => {
    if (open) blocks.push({ kind: 'paragraph', text: open.text });
    open = null;
  };
  for (let k = 0; k < flow.length; k++) {
    const item = flow[k]!;
    const rebuilt = unruled.get(k);
    if (rebuilt) {
      flush();
      if (rebuilt.rows.length) blocks.push({ kind: 'table', rows: rebuilt.rows });
      notes.push(...rebuilt.notes);
      k = rebuilt.last;
      continue;
    }
    if (item.kind === 'table') {
      flush();
      blocks.push(item.block);
      continue;
    }
    const line = item.line;
    if (open && continues((open as { last: Line }).last, line, m)) {
      const o = open as { text: string; last: Line };
      o.text = joinWrapped(o.text, line.text);
      o.last = line;
    } else {
      flush();
      open = { text: line.text, last: line };
    }
  }
  flush();
  return { source: 'pdf', blocks, notes };
}
