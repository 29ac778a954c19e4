/**
 * Rendering a .docx the way a reader sees it: LibreOffice (headless, its own profile directory so several
 * can run at once) converts it to PDF with the project's fontconfig (tests/fonts/fonts.conf in
 * the repository), pdftotext reads the text back and pdftoppm draws page images. Tests call
 * `renderSkipReason()` first and skip with its message when soffice or poppler is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getFormat, TABLE_IDS, type FormatDefinition, type FormatId } from '../../src/shared/format/index';
import { gridFor, scaleWidths } from '../../src/shared/grid';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
/** The shared fonts.conf maps 仿宋_GB2312, 方正小标宋简体 … to the CJK fonts Debian has. */
export const FONTS_CONF = resolve(repoRoot, 'tests', 'fonts', 'fonts.conf');

function has(command: string, args: string[]): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore', timeout: 60_000 });
  return !r.error;
}

let cachedReason: string | undefined | null = null;

/** Why rendering cannot run here, or undefined when it can. */
export function renderSkipReason(): string | undefined {
  if (cachedReason !== null) return cachedReason;
  if (!has('soffice', ['--version'])) cachedReason = 'LibreOffice (soffice) 未安装，跳过渲染测试 (apt-get install libreoffice-writer-nogui)';
  else if (!has('pdftotext', ['-v'])) cachedReason = 'poppler-utils (pdftotext) 未安装，跳过渲染测试';
  else cachedReason = undefined;
  return cachedReason;
}

export interface Rendered {
  dir: string;
  pdf: string;
  pages: number;
  /** pdftotext output in reading order. */
  text: string;
  /** pdftotext -layout output (rows of a table stay on one line). */
  layoutText: string;
  /** Page images, when asked for. */
  pngs: string[];
  cleanup(): void;
}

export interface RenderOptions {
  /** Draw page images at this resolution (dpi). */
  png?: number;
  /** File name stem inside the work directory. */
  name?: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, timeout = 180_000): string {
  const r = spawnSync(command, args, { env, timeout, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

export function renderDocx(buffer: Uint8Array, options: RenderOptions = {}): Rendered {
  return renderOffice(buffer, 'docx', options);
}

/** Any file LibreOffice opens (.docx in Writer, .xlsx in Calc) rendered the same way. */
export function renderOffice(buffer: Uint8Array, ext: 'docx' | 'xlsx', options: RenderOptions = {}): Rendered {
  const dir = mkdtempSync(join(tmpdir(), `${ext}-render-`));
  const profile = join(dir, 'lo-profile');
  mkdirSync(profile);
  const stem = options.name ?? 'report';
  const docx = join(dir, `${stem}.${ext}`);
  writeFileSync(docx, buffer);
  const env = { ...process.env, ...(existsSync(FONTS_CONF) ? { FONTCONFIG_FILE: FONTS_CONF } : {}) };
  run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], env);
  const pdf = join(dir, `${stem}.pdf`);
  if (!existsSync(pdf)) throw new Error(`LibreOffice produced no PDF for ${docx}`);
  const info = run('pdfinfo', [pdf]);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  const text = run('pdftotext', [pdf, '-']);
  const layoutText = run('pdftotext', ['-layout', pdf, '-']);
  let pngs: string[] = [];
  if (options.png) {
    run('pdftoppm', ['-r', String(options.png), '-png', pdf, join(dir, stem)]);
    pngs = readdirSync(dir)
      .filter((f) => f.startsWith(stem) && f.endsWith('.png'))
      .sort()
      .map((f) => join(dir, f));
  }
  return { dir, pdf, pages, text, layoutText, pngs, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Text with every kind of space and line break removed, for finding labels that wrap inside a cell. */
export function squeeze(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, '');
}

/** Text of a vertical strip of every page (points from the left edge), as pdftotext reads a crop area. */
export function stripText(pdf: string, xPt: number, widthPt: number, pageHeightPt = 842): string {
  const args = ['-x', String(Math.floor(xPt)), '-y', '0', '-W', String(Math.ceil(widthPt)), '-H', String(pageHeightPt), pdf, '-'];
  return run('pdftotext', args);
}

export interface TablePlacement {
  /** Left edge of the tables (the left margin), in twips. */
  left: number;
  /** Table width (the text width), in twips. */
  width: number;
}

/**
 * Table labels not found in the PDF. A label that wraps inside a narrow cell comes out of pdftotext mixed
 * with the cells beside it on the same line ("自然 / 人 商业 科研…"), so each label is looked for in a strip
 * exactly as wide as the grid columns it spans, where only its own cell sits on its rows.
 */
export function missingTableLabels(pdf: string, formatOrId: FormatId | FormatDefinition, at: TablePlacement): string[] {
  const format = typeof formatOrId === 'string' ? getFormat(formatOrId) : formatOrId;
  const strips = new Map<string, string>();
  const missing: string[] = [];
  for (const id of TABLE_IDS) {
    const grid = gridFor(format, id);
    const widths = scaleWidths(grid.columnWeights, at.width);
    const edge = (col: number) => (at.left + widths.slice(0, col).reduce((a, b) => a + b, 0)) / 20;
    for (const cell of grid.rows.flatMap((r) => r.cells)) {
      if (cell.kind === 'value' || !cell.text) continue;
      const x = edge(cell.col);
      const w = edge(cell.col + cell.colSpan) - x;
      const key = `${x}/${w}`;
      if (!strips.has(key)) strips.set(key, squeeze(stripText(pdf, x, w)));
      if (!strips.get(key)!.includes(squeeze(cell.text))) missing.push(`${id}: ${cell.text}`);
    }
  }
  return missing;
}
