import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REPETITION_THRESHOLD, repetitionByPart, repetitionShares, type PreviousReport } from '../../src/shared/checks/index';
import type { Narrative } from '../../src/shared/report';
import { check, clean, fixture, of } from './helpers';

const doc = clean();
const previousWith = (narrative: Narrative): PreviousReport => ({ year: doc.year - 1, format: doc.format, cells: doc.cells, narrative });

/** Last year's text with another year and other numbers: a copy all the same. */
function renumbered(n: Narrative): Narrative {
  const out: Narrative = {};
  for (const [k, v] of Object.entries(n)) out[k as keyof Narrative] = v.replaceAll('2025', '2024').replace(/\d/g, (d) => String((Number(d) + 3) % 10));
  return out;
}

test('text.repetition: a narrative copied from last year, with only years and numbers changed', () => {
  const found = of(check(doc, { previous: previousWith(renumbered(doc.narrative)) }), 'text.repetition');
  assert.equal(found.length, 1);
  const f = found[0]!;
  assert.equal(f.severity, 'warning');
  assert.ok(f.actual! > 0.95, `share ${f.actual}`);
  assert.match(f.message, /^正文有 (9\d|100)% 与 2024 年报告相同（一、总体情况 \d+%/);
  assert.match(f.message, /最长的重复段落：“/);
  assert.ok(f.section && ['s1', 's5', 's6'].includes(f.section));
});

test('text.repetition: rewritten text is not flagged; without last year nothing is compared', () => {
  const other = fixture('2020-fushun-education-bureau').narrative;
  const shares = repetitionShares(doc.narrative, other);
  assert.ok(shares.s1! < 0.2, `s1 ${shares.s1}`);
  assert.equal(of(check(doc, { previous: previousWith(other) }), 'text.repetition').length, 0);
  assert.equal(of(check(doc), 'text.repetition').length, 0);
});

test('repetition per part for the editor (与上年重复 N%)', () => {
  const last: Narrative = { ...doc.narrative, s5: '今年的问题与去年完全不同，我们写了全新的一段文字来说明情况，并提出了新的改进措施。' };
  const shares = repetitionShares({ ...doc.narrative, s2: '' }, last);
  assert.equal(shares.s1, 1);
  assert.equal(shares.s6, 1);
  assert.ok(shares.s5! < 0.1, `s5 ${shares.s5}`);
  assert.equal(shares.s2, null, 'empty part');
  assert.equal(shares.s3, null);
  // half of the body copied: the share is that of characters, and the warning follows the threshold
  const parts = repetitionByPart(doc.narrative, last);
  const body = (['s1', 's5', 's6'] as const).map((k) => parts[k]!);
  const share = body.reduce((a, p) => a + p.repeated, 0) / body.reduce((a, p) => a + p.chars, 0);
  const warned = of(check(doc, { previous: previousWith(last) }), 'text.repetition').length === 1;
  assert.equal(warned, share >= REPETITION_THRESHOLD);
  assert.ok(parts.s1!.passages[0]!.length > 100, 'longest passage quoted from the original text');
});

test('a short copied phrase is not a repeated passage', () => {
  const shares = repetitionShares(
    { s1: '依据《中华人民共和国政府信息公开条例》开展工作，今年重点推进了食品安全抽检结果公开。' },
    { s1: '根据《中华人民共和国政府信息公开条例》的规定，去年主要围绕安全生产许可信息开展公开。' },
  );
  assert.ok(shares.s1! < 0.5, `s1 ${shares.s1}`);
});
