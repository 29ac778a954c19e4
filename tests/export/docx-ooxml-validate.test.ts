/**
 * Every test report's .docx against Microsoft's Open XML SDK validator (the schemas Word itself is built
 * on): 0 errors, for both formats, with and without user settings. A file with one element out of order
 * must fail, so a validator that reports nothing is not mistaken for a valid file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { exportDocx } from '../../src/main/export/docx/index';
import { validateOoxml, validatorSkipReason } from '../helpers/ooxml-validator';
import { fixture, testReports } from '../helpers/test-reports';

const skip = validatorSkipReason();
const dir = mkdtempSync(join(tmpdir(), 'ooxml-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the validator reports a paragraph property out of schema order', { skip }, async () => {
  const files = unzipSync(await exportDocx(fixture('2025-clean.json')));
  const xml = strFromU8(files['word/document.xml']!);
  files['word/document.xml'] = strToU8(xml.replace('<w:body>', '<w:body><w:p><w:pPr><w:jc w:val="center"/><w:spacing w:before="0"/></w:pPr></w:p>'));
  const file = join(dir, 'bad.docx');
  writeFileSync(file, zipSync(files));
  const result = await validateOoxml(file);
  assert.equal(result.ok, false);
  assert.ok(result.errors.some((e) => e.path === '/word/document.xml' && e.errorType === 'Schema'), JSON.stringify(result.errors));
});

test('0 Open XML SDK errors on every test report, both formats, default and user settings', { skip }, async () => {
  const failures: string[] = [];
  let validated = 0;
  for (const [i, { name, doc, settings }] of testReports().entries()) {
    const file = join(dir, `report-${i}.docx`);
    writeFileSync(file, await exportDocx(doc, settings));
    const result = await validateOoxml(file);
    validated++;
    for (const e of result.errors) failures.push(`${name}: ${e.path} ${e.xPath} ${e.id}: ${e.description}`);
  }
  assert.equal(validated, testReports().length);
  assert.deepEqual(failures, []);
});
