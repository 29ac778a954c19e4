/**
 * "导出 PDF" for the website, from the same .docx the user submits: LibreOffice (soffice) converts it when
 * it is installed. Its own profile directory lets it run beside an open LibreOffice window.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors';

const SOFFICE = process.env.GOV_REPORT_SOFFICE?.trim() || 'soffice';

/** Whether LibreOffice can be run here. */
export function pdfConverterAvailable(): boolean {
  const r = spawnSync(SOFFICE, ['--version'], { stdio: 'ignore', timeout: 60_000 });
  return !r.error && r.status === 0;
}

export function docxToPdf(docx: Uint8Array): Buffer {
  if (!pdfConverterAvailable())
    throw new AppError('invalid_input', '导出 PDF 需要 LibreOffice（soffice），本机未安装。请安装 LibreOffice，或导出 Word 后在 WPS/Word 中另存为 PDF。');
  const dir = mkdtempSync(join(tmpdir(), 'gov-report-pdf-'));
  try {
    const profile = join(dir, 'profile');
    mkdirSync(profile);
    const input = join(dir, 'report.docx');
    writeFileSync(input, docx);
    const r = spawnSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    const pdf = join(dir, 'report.pdf');
    if (r.error || !existsSync(pdf)) throw new AppError('internal', `LibreOffice 未能生成 PDF：${(r.error?.message ?? r.stderr ?? '').trim().slice(0, 200)}`);
    return readFileSync(pdf);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
