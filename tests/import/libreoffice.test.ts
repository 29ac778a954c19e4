/**
 * Files written by another word processor: LibreOffice re-saves the project's .docx and its HTML page as
 * Word 2007 .docx and as HTML (its own XML and markup, not ours), and each imports to the same report.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { exportDocx } from '../../src/main/export/docx/index';
import { exportHtmlPage } from '../../src/main/export/html/index';
import { importFile } from '../../src/main/import/index';
import { NARRATIVE_KEYS } from '../../src/shared/report';
import { cellDiffs, loadExchange, ROOT } from './helpers';

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
const fontsConf = join(ROOT, 'tests/fonts/fonts.conf');
const skip = !soffice ? '没有安装 LibreOffice（soffice），跳过' : false;
const dir = mkdtempSync(join(tmpdir(), 'import-lo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function convert(file: string, to: string): string {
  const out = join(dir, 'out');
  const r = spawnSync(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', to, '--outdir', out, file], {
    env: { ...process.env, ...(existsSync(fontsConf) ? { FONTCONFIG_FILE: fontsConf } : {}) },
    encoding: 'utf8',
    timeout: 180_000,
  });
  const ext = to.split(':')[0]!;
  const result = join(out, file.split('/').pop()!.replace(/\.[^.]+$/, `.${ext}`));
  assert.ok(existsSync(result), `LibreOffice did not convert ${file}: ${r.stderr}`);
  return result;
}

test('LibreOffice re-saves of the .docx and the HTML page import to the same report', { skip, timeout: 300_000 }, async () => {
  const source = loadExchange('2025-clean.json');
  const docxIn = join(dir, 'exported.docx');
  const htmlIn = join(dir, 'page.html');
  writeFileSync(docxIn, await exportDocx(source));
  writeFileSync(htmlIn, exportHtmlPage(source));
  const files = [convert(htmlIn, 'docx:MS Word 2007 XML'), convert(docxIn, 'html')];
  for (const file of files) {
    const { doc, report } = await importFile(file, readFileSync(file));
    assert.equal(doc.agency.name, source.agency.name, file);
    assert.equal(doc.year, source.year);
    assert.deepEqual(cellDiffs(source.cells, doc.cells), [], file);
    assert.equal(report.matched, 200);
    for (const key of NARRATIVE_KEYS) assert.equal(doc.narrative[key] ?? '', source.narrative[key] ?? '', `${file} ${key}`);
  }
});
