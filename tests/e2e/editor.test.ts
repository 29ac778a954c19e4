/**
 * The journey in a real browser against the real browser-mode server and a temporary database: first
 * start, a 2025 report, live checks on T3, a pasted block, reload, an acknowledged warning, keyboard
 * movement, and the exported .docx.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { GOV_2021, formatIndex } from '../../src/shared/format/index';
import { cell, createAgency, createReport, pasteText, skipReason, typeInto, until, waitSaved, startSession, type App } from './harness';

const skip = skipReason();
const T3_COLUMNS = formatIndex('GOV-2021').columnIds.t3; // natural … otherOrg, total

describe('editor in the browser', { skip: skip ?? false }, () => {
  let build: string;
  let app: App;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ({ build, app, browser, page } = await startSession('gov-e2e-build-'));
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  test('first start asks for the agency, then a 2025 report opens in the editor', async () => {
    await createAgency(page, '某某县教育局');
    await createReport(page, 2025);
    await page.getByRole('heading', { name: '某某县教育局 · 2025年度报告' }).waitFor();
    // the default preamble that is exported when none is typed can be read without clicking into the box
    const preamble = page.getByTestId('narrative-preamble');
    assert.match((await preamble.getAttribute('placeholder')) ?? '', /统计期限自2025年1月1日起至2025年12月31日止/);
    assert.notEqual(await preamble.evaluate((el) => getComputedStyle(el, '::placeholder').opacity), '0', 'the default preamble is visible');
    await page.getByTestId('nav-s3').click();
    await cell(page, 't3.new.natural').waitFor();
  });

  test('honest progress: 未填 / N 格未填 / 已完成 per part, blank cells in the header, ✓ only when complete', async () => {
    assert.equal(await page.getByTestId('progress-s3').textContent(), '未填');
    const blanks = async () => Number(/(\d+) 格未填/.exec((await page.getByTestId('blank-count').textContent()) ?? '')?.[1]);
    const before = await blanks();
    assert.ok(before > 150, `a new report counts its blank cells (${before})`);
    await typeInto(page, 't3.new.natural', '5');
    assert.match((await page.getByTestId('progress-s3').textContent()) ?? '', /^\d+ 格未填$/);
    assert.equal(await page.getByTestId('nav-s3').getByTestId('part-done').count(), 0, 'one cell filled is not done');
    assert.equal(await blanks(), before - 1);
    await page.getByTestId('nav-s1').click();
    await page.getByTestId('narrative-s1').fill('（一）主动公开\n本年度主动公开政府信息。');
    assert.equal(await page.getByTestId('progress-s1').textContent(), '已完成');
    await page.getByTestId('nav-s1').getByTestId('part-done').waitFor();
    await page.getByTestId('narrative-s1').fill('');
    await page.getByTestId('nav-s3').click();
    await cell(page, 't3.new.natural').click();
    await page.keyboard.press('Delete');
  });

  test('一+二 ≠ 三（七）+四 shows the finding and red outlines; fixing it clears both', async () => {
    await typeInto(page, 't3.new.natural', '5');
    await typeInto(page, 't3.carriedIn.natural', '0');
    await typeInto(page, 't3.granted.natural', '3');
    await typeInto(page, 't3.carriedOut.natural', '0');
    for (const id of ['t3.new.natural', 't3.carriedIn.natural', 't3.carriedOut.natural'])
      assert.equal(await cell(page, id).getAttribute('data-severity'), 'error', `${id} outlined`);
    const outline = await cell(page, 't3.new.natural').evaluate((el) => getComputedStyle(el.closest('td') ?? el).outlineColor + getComputedStyle(el).outlineColor + getComputedStyle(el).boxShadow);
    assert.match(outline, /rgb\(\s*(19[0-9]|2\d\d),/, `a red outline is drawn (${outline})`);
    await page.getByTestId('nav-checks').click();
    const balance = page.locator('[data-testid="finding"][data-rule="t3.balance"]');
    await balance.first().waitFor(); // the panel may still be loading (lazy)
    assert.ok((await balance.count()) >= 1, 'the balance finding is listed');
    assert.match((await balance.first().textContent()) ?? '', /差 2/);
    // the click on the finding brings the cell back, focused
    await balance.first().getByRole('button').first().click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-cell')?.startsWith('t3.'));

    await typeInto(page, 't3.granted.natural', '5');
    assert.equal(await cell(page, 't3.new.natural').getAttribute('data-severity'), null);
    await page.getByTestId('nav-checks').click();
    assert.equal(await page.locator('[data-testid="finding"][data-rule="t3.balance"]').count(), 0);
    await page.getByTestId('nav-s3').click();
  });

  test('a 3×7 tab-separated block (totals typed by hand) pastes from the focused cell and survives a reload', async () => {
    // 自然人 … 其他 and 总计: seven columns, the last one typed by hand — so switch to 手工填写总计 first.
    // The switch names what it turns on, whatever its state: off means computed totals.
    const manual = page.getByTestId('totals-switch').getByRole('switch');
    assert.equal(await page.getByTestId('totals-switch').textContent(), '手工填写总计');
    assert.equal(await manual.isChecked(), false);
    await page.getByTestId('totals-switch').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="totals-switch"] input') as HTMLInputElement | null)?.checked === true);
    assert.equal(await page.getByTestId('totals-switch').textContent(), '手工填写总计');
    const block = [1, 8, 15].map((first) => {
      const six = [0, 1, 2, 3, 4, 5].map((k) => first + k);
      return [...six, six.reduce((a, b) => a + b, 0)];
    });
    const rows = ['withheld.stateSecret', 'withheld.lawProhibited', 'withheld.security'];
    await cell(page, `t3.${rows[0]}.natural`).click();
    await pasteText(page, block.map((r) => r.join('\t')).join('\r\n') + '\r\n');
    await page.getByTestId('table-status').filter({ hasText: '已粘贴 21 个单元格' }).waitFor();
    const expectBlock = async (when: string) => {
      for (let r = 0; r < 3; r++)
        for (let c = 0; c < 7; c++)
          assert.equal(await cell(page, `t3.${rows[r]}.${T3_COLUMNS[c]}`).inputValue(), String(block[r]![c]), `${rows[r]} ${T3_COLUMNS[c]} ${when}`);
    };
    await expectBlock('after paste');
    await page.getByTestId('nav-s4').click();
    await cell(page, 't4.review.upheld').waitFor();
    assert.equal(await page.getByTestId('table-status').textContent(), '', 'what was said about 表三 is not shown over 表四');
    await page.getByTestId('nav-s3').click();
    await waitSaved(page);
    await page.reload();
    await page.getByTestId('nav-s3').click();
    await expectBlock('after reload');
    assert.equal(await cell(page, 't3.new.natural').inputValue(), '5');
    assert.equal(await cell(page, 't3.granted.natural').inputValue(), '5');
    assert.equal(await page.getByTestId('totals-switch').getByRole('switch').isChecked(), true, 'still typed by hand after the reload');
    // back to computed totals: the row totals follow the parts again
    await page.getByTestId('totals-switch').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="totals-switch"] input') as HTMLInputElement | null)?.checked === false);
    assert.equal(await cell(page, 't3.withheld.security.total').inputValue(), String(block[2]![6]));
  });

  test('keyboard: Tab moves right, Enter moves down, arrows move, typing replaces', async () => {
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-cell'));
    await cell(page, 't3.new.natural').click();
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 't3.new.business');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 't3.new.natural');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 't3.carriedIn.natural');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focused(), 't3.carriedIn.business');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), 't3.new.business');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    assert.equal(await focused(), 't3.carriedIn.natural');
    assert.equal(await cell(page, 't3.new.natural').inputValue(), '7');
    await cell(page, 't3.new.natural').click();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    assert.equal(await cell(page, 't3.new.natural').inputValue(), '5');
  });

  test('invalid input is shown as such and never saved', async () => {
    await typeInto(page, 't3.new.research', '-1');
    await typeInto(page, 't3.new.legal', 'abc');
    assert.equal(await cell(page, 't3.new.research').inputValue(), '-1');
    assert.equal(await cell(page, 't3.new.research').getAttribute('data-invalid'), 'true');
    assert.equal(await cell(page, 't3.new.legal').inputValue(), 'abc');
    await waitSaved(page);
    const detail = (await app.core.dispatch('reports.open', { id: 1 })) as { ok: true; value: { cells: Record<string, number | null> } };
    assert.equal(detail.value.cells['t3.new.research'], null);
    assert.equal(detail.value.cells['t3.new.legal'], null);
    for (const id of ['t3.new.research', 't3.new.legal']) {
      await cell(page, id).click();
      await page.keyboard.press('Delete');
      await page.keyboard.press('Enter');
    }
  });

  test('"12a" typed into an empty cell leaves no 12 behind, also after a reload; then "7" is stored', async () => {
    const id = 't3.new.research';
    const storedValue = async () => {
      const detail = (await app.core.dispatch('reports.open', { id: 1 })) as { ok: true; value: { cells: Record<string, number | null> } };
      return detail.value.cells[id] ?? null;
    };
    const errorCount = async () => Number(/(\d+) 错误/.exec((await page.getByTestId('check-counts').textContent()) ?? '')?.[1]);
    const errorsBefore = await errorCount();
    await cell(page, id).click();
    await page.keyboard.type('12a');
    await page.keyboard.press('Tab');
    assert.equal(await cell(page, id).inputValue(), '12a');
    assert.equal(await cell(page, id).getAttribute('aria-invalid'), 'true');
    await waitSaved(page);
    assert.equal(await storedValue(), null);
    // an error like any other: counted in the header, listed in 检查, and the export stops with the list
    // the table reports its invalid entries to the editor after its own render: wait for the header's next render
    await until(async () => (await errorCount()) === errorsBefore + 1, 'the invalid entry to be counted in the header').catch(() => {});
    assert.equal(await errorCount(), errorsBefore + 1, 'the invalid entry is counted in the header');
    await page.getByTestId('export-docx').click();
    const blocked = page.getByRole('dialog', { name: '表格中有无效输入' });
    await blocked.waitFor();
    assert.match((await blocked.getByTestId('export-errors').textContent()) ?? '', /“12a”不是数字.*未保存，仍为空白/);
    assert.equal(await blocked.getByRole('button', { name: '仍然导出' }).count(), 0, 'no export with the old value');
    await blocked.getByRole('button', { name: '返回修改' }).click();
    await blocked.waitFor({ state: 'hidden' });
    await page.getByTestId('nav-checks').click();
    const finding = page.locator('[data-testid="finding"][data-rule="cell.invalid"]');
    await finding.waitFor();
    assert.match((await finding.textContent()) ?? '', /“12a”不是数字/);
    await page.getByTestId('nav-s3').click();
    assert.equal(await cell(page, id).inputValue(), '12a', 'still shown after visiting another part');
    assert.equal(await cell(page, id).getAttribute('aria-invalid'), 'true');
    await page.reload(); // no wait: whatever the page still had to send goes out as it unloads
    await page.getByTestId('nav-s3').click();
    assert.equal(await cell(page, id).inputValue(), '');
    assert.equal(await storedValue(), null, 'the 12 typed on the way to "12a" was never kept');
    await typeInto(page, id, '7');
    for (let waited = 0; (await storedValue()) !== 7 && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await storedValue(), 7);
    await cell(page, id).click();
    await page.keyboard.press('Delete');
    await page.keyboard.press('Enter');
  });

  test('a warning is acknowledged with a reason and stays acknowledged', async () => {
    await page.getByTestId('nav-s2').click();
    await typeInto(page, 't2.fees.amount', '25000');
    await page.getByTestId('nav-checks').click();
    const warning = page.locator('[data-testid="finding"][data-rule="t2.feeUnit"]');
    await warning.waitFor();
    await warning.getByRole('button', { name: '确认无误' }).click();
    await page.getByTestId('ack-reason').fill('本年确收取 25000 万元（经财务核对）');
    await page.getByRole('dialog').getByRole('button', { name: '确认', exact: true }).click();
    await warning.getByRole('button', { name: '撤销确认' }).waitFor();
    assert.match((await warning.textContent()) ?? '', /已确认：本年确收取/);
    const detail = (await app.core.dispatch('reports.open', { id: 1 })) as { ok: true; value: { acknowledged: { rule: string }[] } };
    assert.ok(detail.value.acknowledged.some((a) => a.rule === 't2.feeUnit'));
  });

  test('a finding leads to its fix: a wrong number in the text is selected in its part; an empty part opens with the caret in it', async () => {
    await page.getByTestId('nav-s1').click();
    const s1 = page.getByTestId('narrative-s1');
    await s1.fill('（一）主动公开\n本年度共收到政府信息公开申请999件，均已按时答复。');
    await page.getByTestId('nav-checks').click();
    const numbers = page.locator('[data-testid="finding"][data-rule="text.numbers"]').filter({ hasText: '999' });
    await numbers.first().getByRole('button').first().click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'narrative-s1');
    const selected = await page.evaluate(() => {
      const box = document.activeElement as HTMLTextAreaElement;
      return box.value.slice(box.selectionStart, box.selectionEnd);
    });
    assert.match(selected, /申请999件$/, `the quoted number is selected (${selected})`);
    await s1.fill('');
    await page.getByTestId('nav-checks').click();
    const missing = page.locator('[data-testid="finding"][data-rule="format.sections"]').filter({ hasText: '六、' });
    await missing.first().getByRole('button').first().click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'narrative-s6');
  });

  test('text typed just before a reload is kept; Ctrl+S saves at once', async () => {
    await page.getByTestId('nav-s5').click();
    await page.getByRole('button', { name: '插入提纲' }).click();
    const field = page.getByTestId('narrative-s5');
    assert.match(await field.inputValue(), /^（一）存在的主要问题\n（二）改进情况\n$/);
    await field.press('End');
    await field.pressSequentially('答复文书规范化水平有待提高。');
    await page.reload(); // no wait for the autosave
    await page.getByTestId('nav-s5').click();
    assert.match(await page.getByTestId('narrative-s5').inputValue(), /答复文书规范化水平有待提高。$/);
    assert.match((await page.getByTestId('chars-s5').textContent()) ?? '', /^\d+ 字$/);

    await page.getByTestId('narrative-s5').press('Control+End');
    await page.keyboard.type('下一步将加强培训。');
    await page.keyboard.press('Control+s');
    await page.getByText('已保存', { exact: true }).waitFor();
    const detail = (await app.core.dispatch('reports.open', { id: 1 })) as { ok: true; value: { narrative: { s5?: string } } };
    assert.match(detail.value.narrative.s5 ?? '', /下一步将加强培训。$/);
  });

  test('export: errors are listed first, 仍然导出 downloads a .docx with the labels and the typed numbers', async () => {
    await page.getByTestId('export-docx').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('报告中还有错误').waitFor();
    const downloaded = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '仍然导出' }).click();
    const download = await downloaded;
    assert.match(download.suggestedFilename(), /\.docx$/);
    const path = join(app.dir, 'export.docx');
    await download.saveAs(path);
    const bytes = readFileSync(path);
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
    for (const label of ['一、总体情况', '（三）不予公开', '行政事业性收费']) assert.ok(xml.includes(label), label);
    assert.ok(xml.includes('某某县教育局'));
    const helper = join(import.meta.dirname, '../helpers/docx-xml.ts');
    if (existsSync(helper)) {
      const { assertDocxStructure } = (await import(helper)) as { assertDocxStructure: (docx: Buffer, format?: typeof GOV_2021) => unknown };
      await assertDocxStructure(bytes, GOV_2021);
    }
  });
});
