// Draws the app icon — a blue rounded square with a white 报 — in headless Chromium at every size the
// installers want (each size rendered natively, so 16×16 stays crisp), and packs the Windows .ico.
//   node assets/make-icons.mjs        (needs /usr/bin/chromium and a CJK font, e.g. fonts-noto-cjk)
// Output: assets/icons/<n>x<n>.png (Linux), assets/icon.png (512), assets/icon.ico (16–256, PNG entries).
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

function page(size) {
  // Small sizes get a bolder glyph and a smaller corner radius so the character still reads.
  const radius = Math.round(size * (size <= 32 ? 0.16 : 0.2));
  const glyph = Math.round(size * (size <= 32 ? 0.78 : 0.6));
  const inset = size <= 32 ? 0 : Math.round(size * 0.03);
  return `<!doctype html><meta charset="utf-8"><style>
    html,body{margin:0;background:transparent}
    .i{position:absolute;left:${inset}px;top:${inset}px;width:${size - 2 * inset}px;height:${size - 2 * inset}px;border-radius:${radius}px;
       background:linear-gradient(160deg,#2f80e0 0%,#1565c0 55%,#0d47a1 100%);display:flex;align-items:center;justify-content:center;
       box-shadow:inset 0 ${Math.max(1, Math.round(size / 64))}px 0 rgba(255,255,255,.25)}
    .g{color:#fff;font:700 ${glyph}px/1 "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin-top:${Math.round(-size * (size <= 32 ? 0.02 : 0.09))}px}
    .r{position:absolute;left:${Math.round(size * 0.22)}px;right:${Math.round(size * 0.22)}px;bottom:${Math.round(size * 0.115)}px;height:${Math.max(1, Math.round(size * 0.035))}px;
       background:#e53935;border-radius:${size}px;display:${size <= 32 ? 'none' : 'block'}}
  </style><div class="i"><span class="g">报</span><div class="r"></div></div>`;
}

/** An .ico holding PNG images (readable by Windows Vista and later, and by electron-builder). */
export function packIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt8(0, e + 2);
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((x) => x.png)]);
}

async function main() {
  const profile = mkdtempSync(join(tmpdir(), 'icon-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    deviceScaleFactor: 1,
  });
  try {
    const tab = await context.newPage();
    const pngs = new Map();
    mkdirSync(join(here, 'icons'), { recursive: true });
    for (const size of PNG_SIZES) {
      await tab.setViewportSize({ width: size, height: size });
      await tab.setContent(page(size));
      await tab.evaluate(() => document.fonts.ready);
      const png = await tab.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      pngs.set(size, png);
      writeFileSync(join(here, 'icons', `${size}x${size}.png`), png);
    }
    writeFileSync(join(here, 'icon.png'), pngs.get(512));
    writeFileSync(join(here, 'icon.ico'), packIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
    console.log(`已生成图标：${PNG_SIZES.join('、')} 像素 PNG，icon.ico`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
