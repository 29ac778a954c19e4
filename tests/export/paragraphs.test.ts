import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paragraphsOf } from '../../src/shared/document/paragraphs';

test('level-2 headings: full-width or half-width "(一)", printed with the format’s full-width brackets', () => {
  assert.deepEqual(paragraphsOf('(二)依申请公开\n（一）主动公开\n( 三 ) 政府信息管理\n1.公开平台\n(一)本年度共收到申请很多很多，其中予以公开的占多数，其余均已办结。'), [
    { kind: 'heading2', text: '（二）依申请公开' },
    { kind: 'heading2', text: '（一）主动公开' },
    { kind: 'heading2', text: '（三）政府信息管理' },
    { kind: 'heading3', text: '1.公开平台' },
    { kind: 'body', text: '(一)本年度共收到申请很多很多，其中予以公开的占多数，其余均已办结。' },
  ]);
});
