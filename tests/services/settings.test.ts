/**
 * settings.getExport / settings.setExport through the real core on a temp SQLite file: the round trip, bad
 * values refused with a Chinese message naming the field, and reports.export (.docx and both HTML kinds)
 * printing with the saved fonts and sizes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { DEFAULT_STYLES, FONT_CHOICES, sizeChoices, TEXT_ROLES } from '../../src/shared/document/typography';
import { TypographySettings } from '../../src/shared/document/typography-schema';
import { formatIndex } from '../../src/shared/format/index';
import { child, findDeep, parseXml, readDocumentXml, readDocxPart } from '../helpers/docx-xml';
import { agencyAndReport, coreIn, tempDir, testCore, type TestCore } from '../storage/helpers';

const cleanBytes = readFileSync(join(import.meta.dirname, '..', 'fixtures', '2025-clean.json'));

async function cleanReport(c: TestCore): Promise<number> {
  const imported = await c.call('reports.import', { fileName: '2025-clean.json', data: cleanBytes.toString('base64') });
  return imported.report!.id;
}

/** East-Asian font and size (pt) of the Normal style: what body paragraphs inherit. */
function normalStyle(docx: Buffer): { font: string | undefined; sizePt: number } {
  const styles = parseXml(readDocxPart(docx, 'word/styles.xml')!);
  const normal = findDeep(styles, 'w:style').find((s) => s.attrs['w:styleId'] === 'Normal')!;
  const rPr = child(normal, 'w:rPr');
  return { font: child(rPr, 'w:rFonts')?.attrs['w:eastAsia'], sizePt: Number(child(rPr, 'w:sz')?.attrs['w:val']) / 2 };
}

async function exported(c: TestCore, id: number, kind: 'docx' | 'html' | 'html-fragment'): Promise<Buffer> {
  return Buffer.from((await c.call('reports.export', { id, kind })).data, 'base64');
}

test('getExport on a new database: every role at the typography.md default', async (t) => {
  const c = testCore(t);
  const s = await c.call('settings.getExport', {});
  for (const role of TEXT_ROLES) {
    assert.equal(s.fonts[role], DEFAULT_STYLES[role].font, role);
    assert.equal(s.sizes[role], DEFAULT_STYLES[role].sizePt, role);
  }
});

test('the settings lists offer each default first among the fonts and among the named sizes, and accept every offer', () => {
  for (const role of TEXT_ROLES) {
    assert.equal(FONT_CHOICES[role][0], DEFAULT_STYLES[role].font, role);
    const sizes = sizeChoices(role).map((s) => s.pt);
    assert.ok(sizes.includes(DEFAULT_STYLES[role].sizePt), role);
    for (const font of FONT_CHOICES[role]) for (const pt of sizes) {
      assert.ok(TypographySettings.safeParse({ fonts: { [role]: font }, sizes: { [role]: pt } }).success, `${role} ${font} ${pt}`);
    }
  }
});

test('setExport round trip: saved across a reopen, only the choices stored, {} restores the defaults', async (t) => {
  const dir = tempDir(t);
  const c = coreIn(t, dir, { autoBackup: false });
  const saved = await c.call('settings.setExport', { fonts: { body: '仿宋', heading2: '楷体' }, sizes: { body: 14, table: 12, title: 22 } });
  assert.equal(saved.fonts.body, '仿宋');
  assert.equal(saved.fonts.heading2, '楷体');
  assert.equal(saved.fonts.title, DEFAULT_STYLES.title.font, 'roles left out keep the default');
  assert.equal(saved.sizes.body, 14);
  c.core.close();

  const again = coreIn(t, dir, { autoBackup: false });
  assert.deepEqual(await again.call('settings.getExport', {}), saved);
  again.core.close();
  const db = new Database(again.dbPath, { readonly: true });
  const blob = JSON.parse((db.prepare("SELECT value FROM settings WHERE key = 'export.typography'").get() as { value: string }).value);
  db.close();
  // title 22 pt is the default: not kept as a choice
  assert.deepEqual(blob, { fonts: { body: '仿宋', heading2: '楷体' }, sizes: { body: 14, table: 12 } });

  const third = coreIn(t, dir, { autoBackup: false });
  const reset = await third.call('settings.setExport', {});
  for (const role of TEXT_ROLES) assert.equal(reset.fonts[role], DEFAULT_STYLES[role].font);
  assert.deepEqual(await third.call('settings.getExport', {}), reset);
});

test('setExport refuses bad values with a Chinese message naming the field, and keeps what was saved', async (t) => {
  const c = testCore(t);
  await c.call('settings.setExport', { fonts: { body: '宋体' } });
  const cases: [unknown, RegExp][] = [
    [{ sizes: { body: 30 } }, /字段 sizes\.body：正文字号应在 小四（12 磅） 到 三号（16 磅） 之间/],
    [{ sizes: { table: 9 } }, /字段 sizes\.table：表格字号应在 五号（10\.5 磅） 到 小四（12 磅） 之间/],
    [{ sizes: { title: 'big' } }, /字段 sizes\.title：标题字号应为数字/],
    [{ sizes: { body: 13.3 } }, /字段 sizes\.body：正文字号应为 0\.5 磅的整数倍/],
    [{ fonts: { title: '  ' } }, /字段 fonts\.title：标题字体不能为空/],
    [{ fonts: { body: '仿宋"; color: red' } }, /字段 fonts\.body：正文字体名称含有不能用于字体名的字符/],
    [{ fonts: { body: '仿'.repeat(65) } }, /字段 fonts\.body：正文字体名称过长/],
    [{ fonts: { footer: '宋体' } }, /字段 fonts：.*footer/],
  ];
  for (const [input, message] of cases) {
    const e = await c.fail('settings.setExport', input);
    assert.equal(e.code, 'invalid_input', JSON.stringify(input));
    assert.match(e.message, message);
  }
  assert.equal((await c.call('settings.getExport', {})).fonts.body, '宋体');
});

test('reports.export prints with the saved settings: .docx eastAsia font and size, both HTML kinds', async (t) => {
  const c = testCore(t);
  const id = await cleanReport(c);
  const before = await exported(c, id, 'docx');
  assert.deepEqual(normalStyle(before), { font: '仿宋_GB2312', sizePt: 16 });
  assert.ok(!readDocumentXml(before).includes('w:eastAsia="楷体"'));

  await c.call('settings.setExport', { fonts: { body: '仿宋', heading2: '楷体' }, sizes: { body: 14 } });
  const docx = await exported(c, id, 'docx');
  assert.deepEqual(normalStyle(docx), { font: '仿宋', sizePt: 14 });
  assert.ok(readDocumentXml(docx).includes('w:eastAsia="楷体"'), 'level 2 headings in 楷体');
  for (const kind of ['html', 'html-fragment'] as const) {
    const html = (await exported(c, id, kind)).toString('utf8');
    assert.match(html, /font-family:'Times New Roman', '仿宋', 'FangSong'[^"]*;font-size:14pt/, kind);
    assert.doesNotMatch(html, /'仿宋_GB2312'[^"]*;font-size:16pt;font-weight:normal;color:#000;line-height:28pt;text-indent/, kind);
  }

  await c.call('settings.setExport', {});
  assert.deepEqual(normalStyle(await exported(c, id, 'docx')), { font: '仿宋_GB2312', sizePt: 16 });
});

test('fonts stored under the earlier key (export.fonts) still reach the export', async (t) => {
  const dir = tempDir(t);
  const first = coreIn(t, dir, { autoBackup: false });
  const id = await cleanReport(first);
  first.core.close();
  const db = new Database(first.dbPath);
  db.prepare("INSERT INTO settings (key, value) VALUES ('export.fonts', ?)").run(JSON.stringify({ body: '宋体' }));
  db.close();
  const c = coreIn(t, dir, { autoBackup: false });
  assert.equal((await c.call('settings.getExport', {})).fonts.body, '宋体');
  assert.equal(normalStyle(await exported(c, id, 'docx')).font, '宋体');
});

test('a level changed from the settings page reaches the stored check counts (规章 of a county department)', async (t) => {
  const c = testCore(t);
  const { agency, report } = await agencyAndReport(c);
  const regulations = formatIndex(report.format).cells.find((cell) => cell.table === 't2' && cell.row === 'regulations')!;
  await c.call('reports.updateCells', { id: report.id, changes: [{ cell: regulations.id, value: 2 }] });
  const findings = async () => (await c.call('reports.check', { id: report.id })).findings.filter((f) => f.rule === 't2.regulationPower');
  const warnings = async () => (await c.call('reports.list', {})).find((r) => r.id === report.id)!.warnings;
  assert.equal((await findings()).length, 1);
  const before = await warnings();

  await c.call('agencies.update', { id: agency.id, level: 'province' });
  assert.equal((await findings()).length, 0);
  assert.equal(await warnings(), before - 1, 'the list recounts the agency’s reports');
});

test('a stored blob that no longer validates keeps its usable values; the rest fall back', async (t) => {
  const dir = tempDir(t);
  coreIn(t, dir, { autoBackup: false }).core.close();
  const db = new Database(join(dir, 'reports.sqlite'));
  const blob = { fonts: { body: '仿宋', title: 'bad"name', footer: '宋体' }, sizes: { body: 99, table: '12' } };
  db.prepare("INSERT INTO settings (key, value) VALUES ('export.typography', ?)").run(JSON.stringify(blob));
  db.close();
  const s = await coreIn(t, dir, { autoBackup: false }).call('settings.getExport', {});
  assert.equal(s.fonts.body, '仿宋');
  assert.equal(s.fonts.title, DEFAULT_STYLES.title.font);
  assert.equal(s.sizes.body, 16, 'brought into the body range');
  assert.equal(s.sizes.table, DEFAULT_STYLES.table.sizePt);
});
