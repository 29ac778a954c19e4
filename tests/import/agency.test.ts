/**
 * Agency from the title (issue 7 item 6): the page furniture a copy or a crawler brings along ("标题：",
 * "当前位置：…", a markdown `#`) is not part of the name, and the bodies of 北京, 天津, 上海 and 重庆 (…委,
 * …局, …办) are province-level departments — their 市 is a province.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guessLevel, parseTitle, stripFurniture } from '../../src/main/import/agency';
import { importFile } from '../../src/main/import/index';
import { fixtureText, loadExchange } from './helpers';

test('page furniture around the title is stripped', () => {
  assert.equal(stripFurniture('标题：北京市教育委员会2025年政府信息公开工作年度报告'), '北京市教育委员会2025年政府信息公开工作年度报告');
  assert.equal(stripFurniture('标题:天津市商务局2025年政府信息公开工作年度报告'), '天津市商务局2025年政府信息公开工作年度报告');
  assert.equal(stripFurniture('## 上海市财政局2025年政府信息公开工作年度报告'), '上海市财政局2025年政府信息公开工作年度报告');
  assert.equal(stripFurniture('当前位置：首页 > 政务公开 > 政府信息公开年报'), '', 'a breadcrumb without the title is dropped');
  assert.equal(stripFurniture('当前位置：首页>信息公开>重庆市教育委员会2025年政府信息公开工作年度报告'), '重庆市教育委员会2025年政府信息公开工作年度报告');
  assert.deepEqual(parseTitle('标题：北京市教育委员会2025年政府信息公开工作年度报告'), { agency: '北京市教育委员会', year: 2025 });
});

test('北京/天津/上海/重庆: the municipality’s bodies are province-level, its districts county-level', () => {
  const cases: [string, string][] = [
    ['北京市教育委员会', 'province-department'],
    ['上海市财政局', 'province-department'],
    ['天津市人民政府办公厅', 'province-department'],
    ['重庆市人民政府', 'province'],
    ['北京市海淀区人民政府', 'county'],
    ['北京市东城区卫生健康委员会', 'county-department'],
    ['重庆市渝中区教育委员会', 'county-department'],
    // elsewhere a 市 stays a city
    ['抚顺市教育局', 'city-department'],
    ['某市主城区管理局', 'city-department'],
  ];
  for (const [name, level] of cases) assert.equal(guessLevel(name), level, name);
});

test('imported text with a breadcrumb and a "标题：" line: the agency and level are right, the furniture is not in the text', async () => {
  const body = fixtureText(loadExchange('2025-clean.json')).split('\n').slice(2).join('\n');
  const cases: [string, string, string][] = [
    ['当前位置：首页 > 政务公开 > 年度报告\n标题：北京市发展和改革委员会2025年政府信息公开工作年度报告', '北京市发展和改革委员会', 'province-department'],
    ['# 上海市财政局2025年政府信息公开工作年度报告', '上海市财政局', 'province-department'],
    ['当前位置：首页>信息公开>重庆市教育委员会2025年政府信息公开工作年度报告\n重庆市教育委员会2025年政府信息公开工作年度报告', '重庆市教育委员会', 'province-department'],
  ];
  for (const [head, name, level] of cases) {
    const { doc } = await importFile('page.txt', new TextEncoder().encode(`${head}\n${body}`));
    assert.deepEqual(doc.agency, { name, level }, head);
    assert.equal(doc.year, 2025);
    const preamble = doc.narrative.preamble ?? '';
    assert.ok(!/当前位置|标题[:：]|年度报告$/m.test(preamble.split('\n')[0] ?? ''), `the preamble starts with the report's text: ${preamble.slice(0, 60)}`);
  }
});
