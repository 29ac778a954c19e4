/** The published 2020 Fushun report, copied out of its .docx as text, imports to the hand transcription. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { importFile } from '../../src/main/import/index';
import { runChecks } from '../../src/shared/checks/index';
import { NARRATIVE_KEYS } from '../../src/shared/report';
import { cellDiffs, loadExchange, ROOT, SHARED_FIXTURE } from './helpers';

const TRANSCRIPTION = '2020-fushun-education-bureau.json';

test('the fixture text imports to the transcribed cells, narrative, year, agency and format', { skip: !existsSync(SHARED_FIXTURE) && `缺少 ${SHARED_FIXTURE}` }, async () => {
  const { doc, report } = await importFile('2020-fushun-education-bureau.txt', readFileSync(SHARED_FIXTURE));
  assert.equal(report.source, 'text');
  assert.equal(doc.format, 'GOV-2019');
  assert.equal(doc.year, 2020);
  // every cell of the 2019 format located in the text
  assert.equal(report.matched, 22 + 23 * 7 + 15);
  assert.deepEqual(report.messages.filter((m) => m.level === 'error'), []);
  // facts stated by the spec, independent of the transcription
  assert.equal(doc.cells['t4.suitDirect.upheld'], 1);
  assert.equal(doc.cells['t4.suitDirect.total'], 1);
  for (const [id, v] of Object.entries(doc.cells)) if (id.startsWith('t3.')) assert.equal(v, 0, id);
  assert.equal(doc.cells['t2.licensing.decisions'], 87);
  assert.equal(doc.cells['t2.otherServices.decisions'], 244);
  // the [bookmark: _GoBack] marker is gone, the parts are split at their headings
  assert.ok(!JSON.stringify(doc.narrative).includes('bookmark'));
  assert.ok(doc.narrative.s1?.startsWith('市教育局结合教育行业工作实际'));
  assert.ok(doc.narrative.s5?.startsWith('存在的主要问题'));
  assert.ok(doc.narrative.s6?.includes('（三）5.15政务公开日活动情况'));
  // the level and the completed agency name are reported as guesses
  assert.ok(report.messages.some((m) => m.where === '机关' && m.message.includes('推测')));

  const path = join(ROOT, 'tests/fixtures', TRANSCRIPTION);
  if (existsSync(path)) {
    const expected = loadExchange(TRANSCRIPTION);
    assert.deepEqual(cellDiffs(expected.cells, doc.cells), []);
    for (const key of NARRATIVE_KEYS) assert.equal(doc.narrative[key] ?? '', expected.narrative[key] ?? '', key);
    assert.equal(doc.agency.name, expected.agency.name);
    assert.equal(doc.agency.level, expected.agency.level);
  }
});

test('the imported fixture checks clean', { skip: !existsSync(SHARED_FIXTURE) && `缺少 ${SHARED_FIXTURE}` }, async () => {
  const { doc } = await importFile('fixture.txt', readFileSync(SHARED_FIXTURE));
  const findings = runChecks(doc).filter((f) => f.severity !== 'info');
  assert.deepEqual(findings, []);
});
