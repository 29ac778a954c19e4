/**
 * PDFs made the way agencies make them, generated on demand and cached in the temp folder (so the repo
 * holds no binaries): the app's .docx converted by LibreOffice (as Word/WPS "另存为 PDF"), the HTML page
 * printed by Chromium (as a browser saves a page), a scanned copy (pages rendered to JPEG by pdftoppm and
 * wrapped in a PDF), an encrypted copy (qpdf) and a truncated one.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDocx } from '../../src/main/export/docx/index';
import { exportHtmlPage } from '../../src/main/export/html/index';
import type { ReportDoc } from '../../src/shared/report';
import { launchBrowser } from '../e2e/harness';
import { ROOT } from './helpers';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
export const SOFFICE = has('soffice');
export const QPDF = has('qpdf');
export const PDFTOPPM = has('pdftoppm');
export const CHROMIUM_OK = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

const CACHE = join(tmpdir(), 'gov-report-test-pdfs');
mkdirSync(CACHE, { recursive: true });

/** The exporters' sources are part of the key: a changed exporter makes new PDFs. */
const EXPORTER_HASH = (() => {
  const h = createHash('sha256');
  for (const dir of ['src/main/export/docx', 'src/main/export/html', 'src/shared/document', 'src/shared/grid.ts'].map((d) => join(ROOT, d))) {
    const files = existsSync(dir) && !dir.endsWith('.ts') ? readdirSync(dir).map((f) => join(dir, f)) : [dir];
    for (const f of files.sort()) if (f.endsWith('.ts')) h.update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 12);
})();

async function cached(kind: string, doc: ReportDoc, make: (out: string) => Promise<void> | void): Promise<Uint8Array> {
  const key = createHash('sha256').update(`${kind}|${EXPORTER_HASH}|${JSON.stringify(doc)}`).digest('hex').slice(0, 20);
  const file = join(CACHE, `${kind}-${key}.pdf`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    await make(tmp);
    renameSync(tmp, file);
  }
  return new Uint8Array(readFileSync(file));
}

/** .docx exported by the app → PDF by LibreOffice (its own profile per process, the official fonts' stand-ins). */
export function pdfViaLibreOffice(doc: ReportDoc): Promise<Uint8Array> {
  return cached('lo', doc, async (out) => {
    const work = join(CACHE, `work-${process.pid}-${Date.now()}`);
    mkdirSync(work, { recursive: true });
    try {
      writeFileSync(join(work, 'report.docx'), await exportDocx(doc));
      const r = spawnSync(SOFFICE, [`-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', work, join(work, 'report.docx')], {
        env: { ...process.env, FONTCONFIG_FILE: join(ROOT, 'tests/fonts/fonts.conf') },
        encoding: 'utf8',
        timeout: 240_000,
      });
      if (!existsSync(join(work, 'report.pdf'))) throw new Error(`LibreOffice did not convert: ${r.stderr}`);
      renameSync(join(work, 'report.pdf'), out);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}

/**
 * The HTML page exported by the app, printed to PDF by Chromium; `css` is added to the page (letter-spacing…),
 * `pageNumbers` prints "— N —" in every page's footer.
 */
export function pdfViaChromium(doc: ReportDoc, css = '', pageNumbers = false): Promise<Uint8Array> {
  return cached(`chromium${createHash('sha256').update(`${css}|${pageNumbers}`).digest('hex').slice(0, 6)}`, doc, async (out) => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const html = exportHtmlPage(doc).replace('</head>', `<style>${css}</style></head>`);
      await page.setContent(html, { waitUntil: 'load' });
      const footer = '<div style="font-size:12px;width:100%;text-align:center">— <span class="pageNumber"></span> —</div>';
      const numbers = pageNumbers ? { displayHeaderFooter: true, headerTemplate: '<div></div>', footerTemplate: footer, margin: { top: '20mm', bottom: '20mm' } } : {};
      writeFileSync(out, await page.pdf({ format: 'A4', printBackground: true, ...numbers }));
    } finally {
      await browser.close();
    }
  });
}

/** Every page of `pdf` rendered to a JPEG and wrapped, one image per page, in a PDF without any text. */
export function scannedCopy(pdf: Uint8Array, doc: ReportDoc): Promise<Uint8Array> {
  return cached('scan', doc, (out) => {
    const work = join(CACHE, `scan-${process.pid}-${Date.now()}`);
    mkdirSync(work, { recursive: true });
    try {
      writeFileSync(join(work, 'in.pdf'), pdf);
      spawnSync(PDFTOPPM, ['-r', '60', '-jpeg', join(work, 'in.pdf'), join(work, 'page')]);
      const images = readdirSync(work).filter((f) => f.endsWith('.jpg')).sort().map((f) => readFileSync(join(work, f)));
      writeFileSync(out, imagePdf(images));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
}

function jpegSize(jpg: Uint8Array): { width: number; height: number } {
  for (let i = 2; i < jpg.length; ) {
    const marker = jpg[i + 1]!;
    const len = (jpg[i + 2]! << 8) | jpg[i + 3]!;
    if (marker >= 0xc0 && marker <= 0xc2) return { height: (jpg[i + 5]! << 8) | jpg[i + 6]!, width: (jpg[i + 7]! << 8) | jpg[i + 8]! };
    i += 2 + len;
  }
  throw new Error('not a JPEG');
}

/** A minimal PDF: one A4 page per JPEG, the image filling the page (what a scanner's "scan to PDF" writes). */
export function imagePdf(images: readonly Uint8Array[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const enc = new TextEncoder();
  const push = (b: Uint8Array | string) => {
    const bytes = typeof b === 'string' ? enc.encode(b) : b;
    chunks.push(bytes);
    length += bytes.length;
  };
  const object = (n: number, body: (string | Uint8Array)[]) => {
    offsets[n] = length;
    push(`${n} 0 obj\n`);
    for (const b of body) push(b);
    push('\nendobj\n');
  };
  push('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n');
  const pageIds = images.map((_, i) => 3 + i * 3);
  object(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  object(2, [`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${images.length} >>`]);
  images.forEach((jpg, i) => {
    const [page, content, image] = [3 + i * 3, 4 + i * 3, 5 + i * 3];
    const { width, height } = jpegSize(jpg);
    const draw = 'q 595 0 0 842 0 0 cm /Im0 Do Q';
    object(page, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${content} 0 R >>`]);
    object(content, [`<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`]);
    object(image, [`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpg.length} >>\nstream\n`, jpg, '\nendstream']);
  });
  const count = 3 + images.length * 3;
  const xref = length;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** `pdf` encrypted by qpdf with an opening password (AES-256). */
export function encryptedCopy(pdf: Uint8Array, doc: ReportDoc): Promise<Uint8Array> {
  return cached('enc', doc, (out) => {
    const input = `${out}.in.pdf`;
    writeFileSync(input, pdf);
    const r = spawnSync(QPDF, ['--encrypt', 'user-secret', 'owner-secret', '256', '--', input, out], { encoding: 'utf8' });
    rmSync(input, { force: true });
    if (r.status !== 0 && r.status !== 3) throw new Error(`qpdf failed: ${r.stderr}`);
  });
}
