import { test } from 'node:test';
import assert from 'node:assert/strict';
import { d_engine } from '../../../src/proto/raftctl.js';
test('smoke', () => {
  const b = d_engine.common.LogId.encode({ term: 3, index: 7 }).finish();
  assert.deepEqual([...b], [8, 3, 16, 7]);
  const m = d_engine.common.LogId.decode(b);
  assert.equal(m.term, 3);
  assert.equal(typeof m.index, 'number');
});
