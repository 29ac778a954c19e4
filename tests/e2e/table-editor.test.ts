/**
 * The table editor in real Chromium: the harness page (src/renderer/table/dev-harness.tsx) bundled with
 * esbuild, driven with real keys and a real paste event. TABLE_SCREENSHOTS=<dir> also saves the screenshots
 * of T2/T3/T4 in both formats at 1920×1080 and 1366×768 there (docs/screenshots in the repository).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formatIndex, type FormatId, type TableId } from '../../src/shared/format/index';
import type { Finding } from '../../src/shared/findings';

declare global {
  interface Window {
    /** The harness page's test hooks (src/renderer/table/dev-harness.tsx). */
    __tableHarness: {
      batches: { cell: string; value: number | null }[][];
      statuses: string[];
      cells(): Record<string, number | null>;
      setFindings(findings: Finding[]): void;
      focus(cell: string): void;
      focusHandled: number;
      setManualTotals(manual: boolean): void;
      setTable(table: TableId): void;
    };
  }
}

const CHROMIUM = '/usr/bin/chromium';
const root = new URL('../..', import.meta.url).pathname;
const shotsDir = process.env.TABLE_SCREENSHOTS;
const skip = existsSync(CHROMIUM) ? false : `Chromium 不在 ${CHROMIUM}，跳过浏览器测试`;

let dir = '';
let browser: Browser;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'table-harness-'));
  await build({
    entryPoints: [join(root, 'src/renderer/table/dev-harness.tsx')],
    outfile: join(dir, 'harness.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>表格编辑器</title></head><body><div id="root"></div><script src="harness.js"></script></body></html>',
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(query: string, viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`file://${dir}/index.html?${query}`);
  await page.waitForSelector('table.rte');
  assert.deepEqual(errors, [], 'no script errors');
  return page;
}

async function openZoomed(query: string, zoom: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: Math.round(1366 / zoom), height: Math.round(768 / zoom) }, deviceScaleFactor: zoom });
  await page.goto(`file://${dir}/index.html?${query}`);
  await page.waitForSelector('table.rte');
  return page;
}

function t2Titles(format: FormatId): string[] {
  const def = formatIndex(format).format.tables.t2;
  return def.kind === 'blocks' ? def.blocks.map((b) => b.title) : [];
}

const cell = (id: string) => `input[data-cell="${id}"]`;
const active = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.cell ?? null);
const batches = (page: Page) => page.evaluate(() => window.__tableHarness.batches);
const stored = (page: Page, id: string) => page.evaluate((c) => window.__tableHarness.cells()[c] ?? null, id);

async function paste(page: Page, id: string, text: string) {
  await page.click(cell(id));
  await page.evaluate(
    ([c, t]) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t!);
      document.querySelector(`input[data-cell="${c}"]`)!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    [id, text],
  );
}

describe('table editor in Chromium', { skip }, () => {
  test('draws T3 from the grid model: merges, labels, one input per cell', async () => {
    for (const format of ['GOV-2021', 'GOV-2019'] as FormatId[]) {
      const page = await open(`format=${format}&table=t3`);
      const spans = await page.$$eval('table.rte th.label[rowspan]', (ths) => ths.map((t) => Number(t.getAttribute('rowspan'))));
      assert.deepEqual(spans, format === 'GOV-2021' ? [22, 8, 3, 5, 3] : [20, 8, 3, 5]);
      const header = await page.$$eval('table.rte thead tr', (trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c as HTMLTableCellElement).colSpan)));
      assert.deepEqual(header[0], [3, 7], 'corner over 3 label columns, 申请人情况 over 7');
      assert.deepEqual(header[1], [1, 5, 1], '自然人, 法人或其他组织 over 5, 总计');
      const index = formatIndex(format);
      const t3Cells = index.cells.filter((c) => c.table === 't3');
      const labels = await page.$$eval('table.rte input[data-cell]', (els) => els.map((e) => [e.getAttribute('data-cell'), e.getAttribute('aria-label')]));
      assert.deepEqual(labels, t3Cells.map((c) => [c.id, c.name]));
      const text = await page.textContent('table.rte');
      for (const c of t3Cells) for (const l of [...c.rowLabels, ...c.columnLabels]) assert.ok(text!.includes(l), l);
      await page.close();
    }
  });

  test('T2 block rows and T4 three header rows', async () => {
    const t2 = await open('format=GOV-2021&table=t2');
    const blocks = await t2.$$eval('th.block', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(blocks, t2Titles('GOV-2021'));
    await t2.close();
    const t4 = await open('format=GOV-2021&table=t4');
    assert.equal(await t4.locator('table.rte thead tr').count(), 3);
    assert.equal(await t4.locator('table.rte input[data-cell]').count(), 15);
    await t4.close();
  });

  test('typing sends values live; 总计 is computed, read-only and skipped by Tab', async () => {
    const page = await open('format=GOV-2021&table=t3');
    await page.click(cell('t3.new.natural'));
    await page.keyboard.type('１２'); // full-width digits, as an IME gives them
    assert.equal(await stored(page, 't3.new.natural'), 12);
    assert.equal(await page.inputValue(cell('t3.new.total')), '12');
    assert.equal(await page.getAttribute(cell('t3.new.total'), 'readonly'), '');
    for (const col of ['business', 'research', 'publicInterest', 'legal', 'otherOrg']) {
      await page.keyboard.press('Tab');
      assert.equal(await active(page), `t3.new.${col}`);
    }
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 't3.carriedIn.natural', 'Tab skips the computed 总计 and wraps to the next row');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await active(page), 't3.new.otherOrg');
    await page.keyboard.press('Enter'); // on a selected cell: edit in place
    assert.equal(await active(page), 't3.new.otherOrg');
    await page.keyboard.press('Enter'); // while editing: done, next row
    assert.equal(await active(page), 't3.carriedIn.otherOrg');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await active(page), 't3.carriedIn.legal');
    await page.keyboard.press('ArrowUp');
    assert.equal(await active(page), 't3.new.legal');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue(cell('t3.new.total')), '15');
    // a second click into the selected cell keeps it selected (arrows move); a double click edits inside its text
    await page.click(cell('t3.new.legal'));
    await page.click(cell('t3.new.legal'));
    await page.keyboard.press('ArrowRight');
    assert.equal(await active(page), 't3.new.otherOrg');
    await page.dblclick(cell('t3.new.otherOrg'));
    await page.keyboard.press('ArrowLeft');
    assert.equal(await active(page), 't3.new.otherOrg');
    await page.keyboard.press('ArrowDown');
    assert.equal(await active(page), 't3.carriedIn.otherOrg', 'up/down always move');
    // Enter from the last result row skips the computed （七）总计 row
    await page.click(cell('t3.other.other.natural'));
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    assert.equal(await active(page), 't3.carriedOut.natural');
    await page.close();
  });

  test('Enter in a cell with nowhere to go, then Enter again: typing edits the text, nothing is replaced', async () => {
    const page = await open('format=GOV-2021&table=t4');
    const id = 't4.suitAfterReview.pending'; // the last cell: Enter stays in it
    const input = page.locator(cell(id));
    await page.click(cell(id));
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    assert.equal(await active(page), id);
    await page.keyboard.press('Enter'); // on the selected cell: editing inside the text
    await page.keyboard.type('50');
    assert.equal(await input.inputValue(), '350', 'the keystrokes after the first one do not replace the text');
    await page.keyboard.press('Enter');
    assert.equal(await stored(page, id), 350);
    await page.close();
  });

  test('typing into a cell that already has the focus replaces it (2629 → 2630, never 26302629); F2 and a double click edit in place', async () => {
    const page = await open('format=GOV-2021&table=t3');
    const id = 't3.new.natural';
    await page.click(cell(id));
    await page.keyboard.type('2629');
    await page.keyboard.press('Shift+Enter');
    await page.click(cell(id));
    assert.equal(await active(page), id);
    await page.click(cell(id)); // the cell has the focus: a click keeps it selected
    await page.keyboard.type('2630');
    assert.equal(await page.inputValue(cell(id)), '2630');
    assert.equal(await stored(page, id), 2630);
    // a click at the start of the text of the focused cell, as the user did
    const box = (await page.locator(cell(id)).boundingBox())!;
    await page.mouse.click(box.x + 3, box.y + box.height / 2);
    await page.keyboard.type('2631');
    assert.equal(await stored(page, id), 2631);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('F2');
    await page.keyboard.type('0');
    assert.equal(await stored(page, id), 26310, 'F2: the text kept, typing appends');
    await page.keyboard.press('Escape');
    assert.equal(await stored(page, id), 2631, 'Esc restores the value before the edit');
    await page.dblclick(cell(id));
    await page.keyboard.press('Backspace');
    assert.equal(await page.inputValue(cell(id)), '263', 'a double click edits inside the text');
    await page.keyboard.press('Enter');
    assert.equal(await stored(page, id), 263);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Delete');
    assert.equal(await stored(page, id), null, 'Delete clears a selected cell');
    await page.close();
  });

  test('"12a" into an empty cell: the 12 typed on the way is taken back at once, the text stays red after leaving', async () => {
    const page = await open('format=GOV-2021&table=t3');
    const id = 't3.granted.natural';
    const input = page.locator(cell(id));
    const sentTo = async (c: string) => (await batches(page)).flat().filter((b) => b.cell === c).map((b) => b.value);
    await page.click(cell(id));
    await page.keyboard.type('12a');
    assert.deepEqual(await sentTo(id), [1, 12, null], 'the "a" sends the pre-edit value back');
    assert.equal(await stored(page, id), null);
    assert.equal(await page.inputValue(cell('t3.resultTotal.natural')), '', 'the computed total follows: nothing');
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.equal(await input.getAttribute('data-invalid'), 'true', 'red while typing');
    await page.keyboard.press('Tab');
    assert.equal(await active(page), 't3.granted.business');
    assert.equal(await input.inputValue(), '12a', 'left: the text is not dropped');
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.match((await input.getAttribute('title'))!, /无效输入：“12a”不是数字.*（未保存，仍为空白）/);
    assert.match((await page.textContent('#status'))!, /不是数字.*（未保存，仍为空白）/);
    assert.equal(await stored(page, id), null);
    // another part and back: still shown, still red
    await page.evaluate(() => window.__tableHarness.setTable('t4'));
    await page.waitForSelector('table.rte-t4');
    await page.evaluate(() => window.__tableHarness.setTable('t3'));
    await page.waitForSelector('table.rte-t3');
    assert.equal(await input.inputValue(), '12a', 'kept across a visit to another table');
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    // typing over it: the selected invalid text is replaced
    await page.click(cell(id));
    await page.keyboard.type('7');
    assert.equal(await stored(page, id), 7);
    assert.equal(await input.getAttribute('aria-invalid'), null);
    await page.keyboard.press('Enter');
    // fixing the text in place: "7b" goes back to 7, deleting the "b" stores 7 again
    await page.click(cell(id));
    await page.keyboard.press('F2'); // editing inside the text
    await page.keyboard.type('b');
    assert.equal(await input.getAttribute('data-invalid'), 'true');
    assert.equal(await stored(page, id), 7);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    assert.equal(await input.inputValue(), '7');
    assert.equal(await input.getAttribute('data-invalid'), null);
    assert.deepEqual(await sentTo(id), [1, 12, null, 7], 'nothing sent while fixing: 7 was kept all along');
    // the whole "12a" edit left nothing to undo; the "7" is one step
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.press('Control+z');
    assert.equal(await stored(page, id), null);
    assert.equal(await input.inputValue(), '');
    await page.close();
  });

  test('Esc in an invalid cell restores the text and value the edit began with', async () => {
    const page = await open('format=GOV-2021&table=t3');
    const id = 't3.new.natural';
    await page.click(cell(id));
    await page.keyboard.type('25');
    await page.keyboard.press('Enter');
    await page.click(cell(id));
    await page.keyboard.type('3x');
    assert.equal(await stored(page, id), 25, '"3" went out, the "x" took it back');
    assert.match((await page.getAttribute(cell(id), 'title'))!, /（未保存，仍为原值 25）/);
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue(cell(id)), '25');
    assert.equal(await page.getAttribute(cell(id), 'aria-invalid'), null);
    assert.equal(await stored(page, id), 25);
    // a cell left invalid: select it again and Esc drops the text
    await page.keyboard.type('-1');
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue(cell(id)), '-1');
    assert.equal(await stored(page, id), 25, 'a count is never stored negative');
    await page.keyboard.press('ArrowUp');
    assert.equal(await active(page), id);
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue(cell(id)), '25');
    assert.equal(await page.getAttribute(cell(id), 'data-invalid'), null);
    await page.close();
  });

  test('as a report prints them: "1,234", "１２件", "3 项" are values; a half-typed "1,2" is not red until the cell is left', async () => {
    const page = await open('format=GOV-2021&table=t3');
    await page.click(cell('t3.new.natural'));
    await page.keyboard.type('1,2');
    assert.equal(await page.getAttribute(cell('t3.new.natural'), 'data-invalid'), null, 'on the way to 1,234');
    assert.equal(await stored(page, 't3.new.natural'), null);
    await page.keyboard.type('34');
    assert.equal(await stored(page, 't3.new.natural'), 1234);
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue(cell('t3.new.natural')), '1234');
    await page.keyboard.type('１２件');
    await page.keyboard.press('Tab');
    assert.equal(await stored(page, 't3.new.business'), 12);
    await page.keyboard.type('3 项');
    await page.keyboard.press('Tab');
    assert.equal(await stored(page, 't3.new.research'), 3);
    await page.keyboard.type('1,2');
    await page.keyboard.press('Tab');
    assert.equal(await page.getAttribute(cell('t3.new.publicInterest'), 'data-invalid'), 'true', 'unfinished when left');
    assert.equal(await stored(page, 't3.new.publicInterest'), null);
    assert.equal(await page.inputValue(cell('t3.new.total')), String(1234 + 12 + 3));
    await page.close();
  });

  test('the focus ring shows on a plain, an outlined and an invalid cell; Tab from the last cell leaves the table', async () => {
    const page = await open('format=GOV-2021&table=t4');
    const ring = (id: string) => page.$eval(cell(id), (el) => getComputedStyle(el).boxShadow);
    await page.click(cell('t4.review.corrected'));
    assert.match(await ring('t4.review.corrected'), /inset/, 'a focused cell has its ring');
    await page.keyboard.type('x');
    assert.match(await ring('t4.review.corrected'), /inset/, 'also when invalid');
    await page.evaluate(() =>
      window.__tableHarness.setFindings([{ rule: 't4.total', severity: 'error', cells: ['t4.review.corrected'], message: '总计不等于各项之和' }]),
    );
    assert.match(await ring('t4.review.corrected'), /inset/, 'also inside an error outline');
    await page.emulateMedia({ forcedColors: 'active' });
    const forced = await page.$eval(cell('t4.review.corrected'), (el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
    assert.equal(forced, 'solid 3px', 'Windows high contrast: the ring is an outline');
    await page.emulateMedia({ forcedColors: 'none' });
    const last = (await page.$$eval('input[data-cell]:not([readonly])', (els) => els.map((e) => e.getAttribute('data-cell')))).at(-1)!;
    await page.click(cell(last));
    await page.keyboard.press('Tab');
    assert.notEqual(await active(page), last, 'Tab is not trapped in the last cell');
    assert.equal(await page.getAttribute(cell('t4.review.corrected'), 'data-invalid'), 'true', 'the invalid text is still shown');
    await page.close();
  });

  test('an input method: nothing is read while pinyin is composed; the committed "12件" is 12', async () => {
    const page = await open('format=GOV-2021&table=t3');
    const id = 't3.new.natural';
    await page.click(cell(id));
    await page.keyboard.type('12');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'jian', selectionStart: 4, selectionEnd: 4 });
    assert.equal(await page.inputValue(cell(id)), '12jian');
    assert.equal(await page.getAttribute(cell(id), 'data-invalid'), null, 'not red while composing');
    assert.equal(await stored(page, id), 12);
    await cdp.send('Input.insertText', { text: '件' });
    assert.equal(await page.inputValue(cell(id)), '12件');
    assert.equal(await page.getAttribute(cell(id), 'data-invalid'), null);
    assert.equal(await stored(page, id), 12);
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue(cell(id)), '12');
    // a committed word that is no number: red, and the 12 typed before it is taken back
    await page.click(cell('t3.new.business'));
    await page.keyboard.type('3');
    await cdp.send('Input.imeSetComposition', { text: 'wu', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '五' });
    assert.equal(await page.getAttribute(cell('t3.new.business'), 'data-invalid'), 'true');
    assert.equal(await stored(page, 't3.new.business'), null);
    await page.close();
  });

  test('typing into a computed 总计 says why nothing happens', async () => {
    const page = await open('format=GOV-2021&table=t4');
    await page.click(cell('t4.review.total'));
    await page.keyboard.type('5');
    assert.equal(await page.inputValue(cell('t4.review.total')), '');
    assert.match((await page.textContent('#status'))!, /总计自动计算.*手工填写总计/);
    await page.close();
  });

  test('switching back to computed totals shows the sum, not text typed by hand', async () => {
    const page = await open('format=GOV-2021&table=t4&manual=1');
    await page.click(cell('t4.review.total'));
    await page.keyboard.type('abc');
    await page.keyboard.press('Tab');
    assert.equal(await page.getAttribute(cell('t4.review.total'), 'data-invalid'), 'true');
    await page.click(cell('t4.review.upheld'));
    await page.keyboard.type('4');
    await page.evaluate(() => window.__tableHarness.setManualTotals(false));
    const total = page.locator(cell('t4.review.total'));
    // the switch is a state update outside any event: React renders it in a task of its own, so wait for it
    await total.and(page.locator('[readonly]')).waitFor();
    assert.equal(await total.inputValue(), '4');
    assert.equal(await total.getAttribute('data-invalid'), null);
    assert.equal(await total.getAttribute('readonly'), '');
    assert.equal(await page.locator('td.v.auto').count(), 3);
    await page.close();
  });

  test('Delete clears, Esc reverts, Ctrl+Z / Ctrl+Y undo and redo whole edits', async () => {
    const page = await open('format=GOV-2021&table=t3');
    await page.click(cell('t3.new.natural'));
    await page.keyboard.type('25');
    await page.keyboard.press('Tab');
    await page.keyboard.type('7');
    await page.keyboard.press('Escape');
    assert.equal(await stored(page, 't3.new.business'), null, 'Esc took back the edit');
    assert.equal(await page.inputValue(cell('t3.new.business')), '');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Delete');
    assert.equal(await stored(page, 't3.new.natural'), null);
    await page.keyboard.press('Control+z');
    assert.equal(await stored(page, 't3.new.natural'), 25);
    await page.keyboard.press('Control+z');
    assert.equal(await stored(page, 't3.new.natural'), null, 'typing "25" is one undo step');
    await page.keyboard.press('Control+y');
    assert.equal(await stored(page, 't3.new.natural'), 25);
    await page.keyboard.press('Control+Shift+z');
    assert.equal(await stored(page, 't3.new.natural'), null);
    assert.equal(await page.inputValue(cell('t3.new.natural')), '');
    await page.close();
  });

  test('a 3×7 block pasted from a spreadsheet is one batch; totals in automatic mode are left to the sum', async () => {
    const block = ['1\t2\t3\t4\t5\t6\t21', '0\t0\t0\t0\t0\t1\t1', '7\t１\t/\t12a\t0\t0\t8'].join('\r\n') + '\r\n';
    const page = await open('format=GOV-2021&table=t3');
    await paste(page, 't3.new.natural', block);
    const all = await batches(page);
    assert.equal(all.length, 1, 'one batch');
    assert.equal(await stored(page, 't3.new.otherOrg'), 6);
    assert.equal(await stored(page, 't3.granted.business'), 1);
    assert.equal(await stored(page, 't3.granted.research'), null, '"/" is blank');
    assert.equal(await stored(page, 't3.granted.publicInterest'), null, '"12a" not pasted');
    assert.equal(await stored(page, 't3.new.total'), 21);
    assert.equal(
      await page.textContent('#status'),
      '已粘贴 17 个单元格；3 个总计单元格自动计算，未粘贴；1 个不是有效数字，未粘贴：第 3 行第 4 列“12a”',
    );
    await page.close();
    const manual = await open('format=GOV-2021&table=t3&manual=1');
    await paste(manual, 't3.new.natural', block.replace('12a', '9'));
    assert.equal(await manual.textContent('#status'), '已粘贴 21 个单元格');
    assert.equal(await stored(manual, 't3.new.total'), 21);
    await manual.keyboard.press('Control+z');
    assert.equal(await stored(manual, 't3.new.total'), null, 'the paste undoes as one');
    await manual.close();
  });

  test('findings outline their cells and mark the row label; focus requests are served', async () => {
    const page = await open('format=GOV-2021&table=t3');
    const findings: Finding[] = [
      { rule: 't3.balance', severity: 'error', cells: ['t3.new.natural', 't3.carriedOut.natural'], message: '一+二 = 5，但 三（七）+四 = 4（差 1）' },
      { rule: 'xyear.carryOver', severity: 'warning', cells: ['t3.carriedIn.natural'], message: '上年结转与上年结转下年度不一致' },
      { rule: 'xyear.carryOver', severity: 'warning', cells: ['t3.carriedIn.legal'], message: '已确认的提醒', acknowledged: { reason: '机构合并' } },
      { rule: 't3.groupTotals', severity: 'info', cells: ['t3.granted.natural'], message: '不予公开合计 0 件' },
      { rule: 't4.total', severity: 'error', cells: ['t4.review.total'], message: '另一张表' },
    ];
    await page.evaluate((f) => window.__tableHarness.setFindings(f), findings);
    const attr = (id: string, name: string) => page.getAttribute(cell(id), name);
    assert.equal(await attr('t3.new.natural', 'data-severity'), 'error');
    assert.equal(await attr('t3.new.natural', 'aria-invalid'), 'true');
    assert.match((await attr('t3.new.natural', 'title'))!, /错误：一\+二 = 5/);
    assert.equal(await attr('t3.carriedIn.natural', 'data-severity'), 'warning');
    assert.equal(await attr('t3.carriedIn.natural', 'aria-invalid'), null);
    assert.equal(await attr('t3.carriedIn.legal', 'data-ack'), 'true');
    assert.equal(await attr('t3.granted.natural', 'data-severity'), null, 'info is not outlined');
    assert.equal(await page.locator('input[data-severity]').count(), 4);
    const marked = await page.$$eval('th.label[data-severity]', (ths) => ths.map((t) => [t.textContent, t.getAttribute('data-severity')]));
    assert.deepEqual(marked, [
      ['一、本年新收政府信息公开申请数量', 'error'],
      ['二、上年结转政府信息公开申请数量', 'warning'],
      ['四、结转下年度继续办理', 'error'],
    ]);
    await page.evaluate(() => window.__tableHarness.focus('t3.carriedOut.legal'));
    await page.waitForFunction(() => window.__tableHarness.focusHandled === 1);
    assert.equal(await active(page), 't3.carriedOut.legal');
    await page.evaluate(() => window.__tableHarness.setFindings([]));
    assert.equal(await page.locator('[data-severity]').count(), 0, 'fixed: the outlines go');
    await page.close();
  });

  test('T3 fits a 1920×1080 screen without sideways scrolling and stays usable at 1366×768', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [1366, 768],
    ] as const) {
      const page = await open('format=GOV-2021&table=t3', { width, height });
      const box = await page.evaluate(() => {
        const root = document.querySelector('table.rte')!.parentElement!;
        const t = document.querySelector('table.rte')!.getBoundingClientRect();
        const input = document.querySelector('input[data-cell="t3.new.natural"]')!.getBoundingClientRect();
        return { scroll: root.scrollWidth - root.clientWidth, bottom: t.bottom, page: document.documentElement.scrollWidth - innerWidth, inputWidth: input.width };
      });
      assert.equal(box.scroll, 0, `no horizontal scroll at ${width}`);
      assert.equal(box.page, 0);
      assert.ok(box.inputWidth >= 56, `value inputs wide enough for 6 digits at ${width} (${box.inputWidth}px)`);
      if (width === 1920) assert.ok(box.bottom <= height, `the whole table is on screen (bottom ${box.bottom}px)`);
      await page.close();
    }
  });

  test('at 1366×768 zoomed to 125 % and 150 %: header rows and the first label column stay in view while the table scrolls; nothing is cut off', async () => {
    for (const table of ['t3', 't4'] as const)
      for (const zoom of [1.25, 1.5]) {
        // browser zoom on a 1366×768 screen: a smaller CSS viewport drawn with more device pixels per CSS pixel
        const page = await openZoomed(`format=GOV-2021&table=${table}`, zoom);
        const seen = await page.evaluate(() => {
          // the last cell brought into view, as Tab or the check panel would
          const inputs = Array.from(document.querySelectorAll('input[data-cell]'));
          inputs.at(-1)!.scrollIntoView({ block: 'nearest', inline: 'nearest' });
          const head = document.querySelector('table.rte thead th')!.getBoundingClientRect();
          const label = document.querySelector('table.rte tbody th.c0')?.getBoundingClientRect(); // T4 has no row labels
          const last = inputs.at(-1)!.getBoundingClientRect();
          return {
            headTop: head.top,
            labelLeft: label?.left ?? 0,
            lastRight: innerWidth - last.right,
            lastBottom: innerHeight - last.bottom,
            pageScroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          };
        });
        const at = `${table} at ${zoom * 100} %`;
        assert.ok(seen.headTop >= -1, `${at}: the header row stays on screen (top ${seen.headTop})`);
        assert.ok(seen.labelLeft >= -1, `${at}: the row labels stay on screen (left ${seen.labelLeft})`);
        assert.ok(seen.lastRight >= -1 && seen.lastBottom >= -1, `${at}: the last cell can be scrolled fully into view (${seen.lastRight}, ${seen.lastBottom})`);
        assert.ok(seen.pageScroll <= 1, `${at}: the page itself does not scroll sideways (${seen.pageScroll})`);
        await page.close();
      }
  });

  test('with the real checks: break 一+二 = 三（七）+四 and the outlines appear; fix it and they go', async () => {
    const page = await open('format=GOV-2021&table=t3&demo=1');
    assert.equal(await page.locator('input[data-severity="error"]').count(), 0, 'the demo numbers balance');
    const before = await page.inputValue(cell('t3.new.research'));
    await page.click(cell('t3.new.research'));
    await page.keyboard.type(String(Number(before) + 2));
    assert.equal(await stored(page, 't3.new.research'), Number(before) + 2, 'typing replaced the selected value');
    for (const id of ['t3.new.research', 't3.carriedOut.research'])
      assert.equal(await page.getAttribute(cell(id), 'data-severity'), 'error', id);
    assert.match((await page.getAttribute(cell('t3.new.research'), 'title'))!, /差 2/);
    assert.equal(await page.getAttribute('th.label:text-is("四、结转下年度继续办理")', 'data-severity'), 'error');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('input[data-severity="error"]').count(), 0);
    await page.close();
  });

  test('timing: keystroke → outlines updated (diagnostic, not asserted)', async (t) => {
    const page = await open('format=GOV-2021&table=t3&demo=1');
    const times = await page.evaluate(() => {
      const el = document.querySelector<HTMLInputElement>('input[data-cell="t3.new.natural"]')!;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      el.focus();
      const base = Number(el.value);
      const out: number[] = [];
      for (let i = 0; i < 200; i++) {
        const wrong = i % 2 === 0;
        const t0 = performance.now();
        setter.call(el, String(wrong ? base + 1 : base));
        el.dispatchEvent(new Event('input', { bubbles: true }));
        const outlined = el.getAttribute('data-severity') === 'error';
        out.push(outlined === wrong ? performance.now() - t0 : Number.NaN);
      }
      return out;
    });
    assert.ok(times.every((x) => !Number.isNaN(x)), 'the outline is there synchronously after each keystroke');
    // the same page running a fixed ~0.5 ms loop: its tail is what a busy shared machine adds
    const control = await page.evaluate(() => {
      const out: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        let x = 0;
        for (let k = 0; k < 300_000; k++) x += Math.sqrt(k);
        if (x < 0) console.log(x);
        out.push(performance.now() - t0);
      }
      return out;
    });
    const stats = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
      return `median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`;
    };
    t.diagnostic(`T3 keystroke → checks → outlines (200 keystrokes): ${stats(times)}`);
    t.diagnostic(`control loop in the same page: ${stats(control)}`);
    await page.close();
  });

  test('screenshots of T2, T3, T4 in both formats', { skip: shotsDir ? false : '只在设置 TABLE_SCREENSHOTS=<目录> 时截图' }, async () => {
    const out = shotsDir!;
    mkdirSync(out, { recursive: true });
    const demoFindings: Finding[] = [
      { rule: 't3.balance', severity: 'error', cells: ['t3.new.business', 't3.carriedIn.business', 't3.resultTotal.business', 't3.carriedOut.business'], message: '一+二 ≠ 三（七）+四' },
      { rule: 'xyear.carryOver', severity: 'warning', cells: ['t3.carriedIn.natural'], message: '上年结转与上年报告的结转下年度不一致' },
      { rule: 't4.total', severity: 'error', cells: ['t4.review.total'], message: '总计不等于各项之和' },
      { rule: 't2.feeUnit', severity: 'warning', cells: ['t2.fees.amount'], message: '金额可能以元填写' },
      { rule: 'xyear.inForce', severity: 'warning', cells: ['t2.regulations.inForce'], message: '现行有效件数', acknowledged: { reason: '已核实' } },
    ];
    for (const format of ['GOV-2021', 'GOV-2019'] as FormatId[])
      for (const table of ['t2', 't3', 't4'] as TableId[])
        for (const [width, height] of [
          [1920, 1080],
          [1366, 768],
        ] as const) {
          const page = await open(`format=${format}&table=${table}&demo=1${table === 't4' ? '&manual=1' : ''}`, { width, height });
          await page.evaluate((f) => window.__tableHarness.setFindings(f), demoFindings);
          const first = formatIndex(format).cells.find((c) => c.table === table && !formatIndex(format).totalCells.has(c.id))!;
          await page.click(cell(first.id));
          if (table === 't3') await page.keyboard.type('12a');
          const file = join(out, `table-${format === 'GOV-2021' ? '2021' : '2019'}-${table}-${width}.png`);
          await page.screenshot({ path: file });
          assert.ok(existsSync(file));
          await page.close();
        }
  });
});
