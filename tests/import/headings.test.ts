/**
 * Narrative parts found however the heading is printed: with `#`, a list marker or bold marks, reworded
 * (存在的主要问题及整改措施; the 2008-era "因政府信息公开申请行政复议、提起行政诉讼的情况"), or run into the
 * paragraph after a sentence's "。" (a crawler's or a viewer's copy that lost the line breaks).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importText } from '../../src/main/import/index';
import { matchSectionHeading } from '../../src/main/import/structure';
import { runChecks } from '../../src/shared/checks/index';
import { NARRATIVE_KEYS } from '../../src/shared/report';
import { loadExchange, tabRowsText } from './helpers';

test('a heading with #, a list marker or bold marks, or reworded, is its part', () => {
  const cases: [string, string | null][] = [
    ['## 二、主动公开政府信息情况', 's2'],
    ['＃三、收到和处理政府信息公开申请情况', 's3'],
    ['- 一、总体情况', 's1'],
    ['• 六、其他需要报告的事项', 's6'],
    ['**四、政府信息公开行政复议、行政诉讼情况**', 's4'],
    ['1. 总体情况', 's1'],
    ['五、存在的主要问题及整改措施', 's5'],
    ['五、存在的主要问题和改进措施', 's5'],
    ['四、因政府信息公开申请行政复议、提起行政诉讼的情况', 's4'],
    ['三、依申请公开政府信息情况', 's3'],
    ['一、概述', 's1'],
    ['存在的主要问题及整改措施', 's5'],
    // not headings: a sub-heading, a table label, a sentence, a number that is not the part's
    ['（一）主动公开', null],
    ['1.属于国家秘密', null],
    ['二、本年度主动公开政府信息426条，其中规范性文件3件。', null],
    ['三、存在的主要问题及整改措施', null],
  ];
  for (const [text, id] of cases) assert.equal(matchSectionHeading(text), id, text);
});

test('headings run into the paragraph after a "。" split the parts, each with its own text', () => {
  const source = loadExchange('2025-clean.json');
  // one line per heading and paragraph, as a browser copies the page (tables as TAB rows) …
  const lines = tabRowsText(source).split('\n');
  const { doc: expected } = importText(lines.join('\n'));
  // … then every heading glued to the end of the paragraph before it, as a crawler's text gives it
  const glued: string[] = [];
  for (const line of lines) {
    const id = matchSectionHeading(line);
    if (id && glued.length && /。$/.test(glued[glued.length - 1]!)) glued[glued.length - 1] += line;
    else glued.push(line);
  }
  assert.ok(glued.length < lines.length - 2, 'some headings were glued');
  const { doc, report } = importText(glued.join('\n'));
  for (const key of NARRATIVE_KEYS) assert.equal(doc.narrative[key] ?? '', expected.narrative[key] ?? '', key);
  assert.deepEqual(doc.cells, expected.cells);
  assert.ok(!report.messages.some((m) => m.message.includes('未找到该部分的标题')), report.messages.map((m) => m.message).join('\n'));
});

test('a heading glued after a sentence with its text run on, and reworded 2008-era headings', () => {
  const text = [
    '云溪县市场监督管理局2025年政府信息公开工作年度报告',
    '本报告根据《条例》编制。一、总体情况 2025年，本局持续深化政府信息公开。',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '本年度未收到申请。四、因政府信息公开申请行政复议、提起行政诉讼的情况。本年度无行政复议和行政诉讼。五、存在的主要问题及整改措施：个别栏目更新不及时。',
    '## 六、其他需要报告的事项',
    '无。',
  ].join('\n');
  const { doc } = importText(text);
  assert.equal(doc.narrative.preamble, '本报告根据《条例》编制。');
  assert.equal(doc.narrative.s1, '2025年，本局持续深化政府信息公开。');
  assert.equal(doc.narrative.s3, '本年度未收到申请。');
  assert.equal(doc.narrative.s4, '本年度无行政复议和行政诉讼。');
  assert.equal(doc.narrative.s5, '个别栏目更新不及时。');
  assert.equal(doc.narrative.s6, '无。');
  // a sentence that quotes a part's name is not a heading
  const quoted = importText(`${text}\n本年度重点做好主动公开工作。二、主动公开政府信息情况详见上表。`).doc;
  assert.equal(quoted.narrative.s6, '无。\n\n本年度重点做好主动公开工作。二、主动公开政府信息情况详见上表。');
});

test('a preamble that lists the parts in other words raises no format.sections', () => {
  const source = loadExchange('2025-clean.json');
  const preamble = (source.narrative.preamble ?? '').replace(/全文包括[^。]*。/, '全文包括概述、主动公开政府信息的情况、依申请公开政府信息情况、因政府信息公开申请行政复议、提起行政诉讼的情况、存在的主要问题及整改措施、其他需要报告的事项。');
  assert.notEqual(preamble, source.narrative.preamble);
  const findings = runChecks({ ...source, narrative: { ...source.narrative, preamble } }, { forExport: true });
  assert.deepEqual(findings.filter((f) => f.rule === 'format.sections'), []);
});
