/**
 * One upload limit in browser mode (src/shared/upload-limits.ts): a file of the limit's size gets through
 * the server (the body limit leaves room for base64), a larger request is refused naming that limit, and
 * the page refuses a larger file before sending it, with the limit and the file's size in the message.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { TOKEN_HEADER } from '../../src/main/server/guard';
import { DEFAULT_BODY_LIMIT } from '../../src/main/server/server';
import { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_LABEL, requestBytesFor } from '../../src/shared/upload-limits';
import { buildRenderer, createAgency, launchBrowser, skipReason, startApp, type App } from './harness';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const skip = skipReason();

function post(app: App, method: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: app.server.port,
        path: `/api/${method}`,
        method: 'POST',
        headers: { host: `127.0.0.1:${app.server.port}`, [TOKEN_HEADER]: app.server.token, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('one upload limit', () => {
  let app: App;
  let build: string;
  before(async () => {
    build = mkdtempSync(join(tmpdir(), 'gov-e2e-upload-'));
    buildRenderer(build);
    app = await startApp(build);
  });
  after(async () => {
    await app?.close();
    rmSync(build, { recursive: true, force: true });
  });

  test('the server takes a request carrying a file of the limit, and refuses a larger one naming the limit', async () => {
    assert.equal(DEFAULT_BODY_LIMIT, requestBytesFor(MAX_UPLOAD_FILE_BYTES));
    const data = Buffer.alloc(MAX_UPLOAD_FILE_BYTES, 7).toString('base64');
    const fits = await post(app, 'reports.import', JSON.stringify({ fileName: '整份报告.docx', data, dryRun: true }));
    assert.equal(fits.status, 200, 'a 50 MB file reaches the core');
    const reply = JSON.parse(fits.body) as { ok: boolean; error?: { code: string } };
    // junk bytes are not a report: the core says so, the transport did not refuse it
    assert.notEqual(reply.error?.code, 'too_large');
    const over = await post(app, 'reports.import', JSON.stringify({ fileName: '太大.docx', data: data + 'A'.repeat(2 * 1024 * 1024) }));
    assert.equal(over.status, 413);
    const refused = JSON.parse(over.body) as { ok: false; error: { code: string; message: string } };
    assert.equal(refused.error.code, 'too_large');
    assert.ok(refused.error.message.includes(MAX_UPLOAD_LABEL), refused.error.message);
    assert.doesNotMatch(refused.error.message, /64 MB/);
  });

  test('the page refuses a file over the limit before sending it, naming the limit and the size', { skip: skip ?? false }, async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const page: Page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(app.server.url);
      await createAgency(page, '某某县教育局');
      const size = MAX_UPLOAD_FILE_BYTES + 1024 * 1024;
      // a sparse file on disk: playwright passes a path for anything above 50 MB
      const file = join(build, '扫描件.docx');
      truncateSync((writeFileSync(file, ''), file), size);
      await page.getByTestId('import-file').setInputFiles(file);
      const alert = page.getByRole('alert').filter({ hasText: '太大' });
      await alert.waitFor({ timeout: 20_000 });
      const text = (await alert.textContent()) ?? '';
      assert.ok(text.includes(`不能超过 ${MAX_UPLOAD_LABEL}`), text);
      assert.ok(text.includes('51.0 MB') && text.includes('扫描件.docx'), text);
      assert.equal(await page.getByRole('dialog').count(), 0, 'no import dialog for a refused file');
    } finally {
      await browser?.close();
    }
  });
});
