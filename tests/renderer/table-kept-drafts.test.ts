import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keepDrafts, keptDrafts } from '../../src/renderer/table/kept-drafts';

const kindOf = () => 'count' as const;
const all = () => true;

test('invalid text left in a table comes back for the same report only', () => {
  const reportA = () => {};
  const reportB = () => {};
  const drafts = new Map([
    ['t3.new.natural', { text: '12a', error: 'x' }],
    ['t3.new.business', { text: '1,2' }], // half typed when the table closed: invalid now
    ['t3.new.research', { text: '１２' }], // a value, already stored
  ]);
  const cells = { 't3.new.natural': null, 't3.new.business': 5, 't3.new.research': 12 };
  keepDrafts(reportA, 't3', drafts, cells, kindOf);
  const back = keptDrafts(reportA, 't3', cells, all);
  assert.deepEqual([...back.keys()], ['t3.new.natural', 't3.new.business']);
  assert.equal(back.get('t3.new.natural')!.text, '12a');
  assert.match(back.get('t3.new.natural')!.error!, /“12a”不是数字/, 'the message is the final reading');
  assert.match(back.get('t3.new.business')!.error!, /“1,2”不是数字/);
  assert.equal(keptDrafts(reportB, 't3', cells, all).size, 0, 'another report');
  assert.equal(keptDrafts(reportA, 't4', cells, all).size, 0, 'another table');
});

test('a kept text is dropped once its cell stores something else, or when it is not editable', () => {
  const report = () => {};
  keepDrafts(report, 't4', new Map([['t4.review.total', { text: 'abc' }], ['t4.review.upheld', { text: '-1' }]]), { 't4.review.upheld': 3 }, kindOf);
  assert.equal(keptDrafts(report, 't4', { 't4.review.upheld': 4 }, all).has('t4.review.upheld'), false, 'changed since');
  assert.equal(keptDrafts(report, 't4', { 't4.review.upheld': 3 }, all).has('t4.review.upheld'), true);
  assert.equal(keptDrafts(report, 't4', {}, (id) => id !== 't4.review.total').has('t4.review.total'), false, 'a computed total now');
  // closing the table again with nothing invalid forgets it
  keepDrafts(report, 't4', new Map(), {}, kindOf);
  assert.equal(keptDrafts(report, 't4', { 't4.review.upheld': 3 }, all).size, 0);
});
