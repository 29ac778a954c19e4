/** The import report is bounded: a file with thousands of problems answers with 500 lines, the last counting the rest. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ImportLog, MAX_IMPORT_MESSAGES } from '../../src/main/import/log';

test('an import report keeps MAX_IMPORT_MESSAGES lines and counts the ones left out', () => {
  const log = new ImportLog();
  for (let i = 0; i < 10_000; i++) log.warn(`第 ${i + 1} 行`, '无法识别的行');
  assert.equal(log.messages.length, MAX_IMPORT_MESSAGES);
  assert.equal(log.messages[0]!.where, '第 1 行');
  assert.equal(log.messages.at(-1)!.message, `另有 ${10_000 - (MAX_IMPORT_MESSAGES - 1)} 条提示未列出`);
  assert.ok(JSON.stringify(log.messages).length < 64 * 1024, 'the reply stays small');
});
