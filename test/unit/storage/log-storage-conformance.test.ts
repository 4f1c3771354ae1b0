// The LogStorage contract, run against both the file WAL and the memory adapter: the same
// writes must give the same reads (Raft §5.3 truncation, §7 compaction, Figure 2 hard state).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InternalError } from '../../../src/errors.js';
import type { LogStorage } from '../../../src/storage/log-storage.js';
import { MemoryLogStorage } from '../../../src/storage/memory/memory-log-storage.js';
import { FileWal } from '../../../src/storage/wal/file-wal.js';
import { entries, ids, withTempDir } from './helpers.js';

const backends: [string, (dir: string) => Promise<LogStorage>][] = [
  ['file', (dir) => FileWal.open(dir, { segmentBytes: 8192 })],
  ['memory', async () => new MemoryLogStorage()],
];

for (const [name, open] of backends) {
  test(`${name}: a new log is empty with first index 1 and hard state 0/0`, async () => {
    await withTempDir(async (dir) => {
      const log = await open(dir);
      assert.equal(log.firstIndex(), 1);
      assert.equal(log.lastIndex(), 0);
      assert.equal(log.term(0), 0);
      assert.equal(log.term(1), undefined);
      assert.deepEqual(log.hardState(), { term: 0, votedFor: 0 });
      await log.close();
    });
  });

  test(`${name}: append, truncate (Raft §5.3) and append again`, async () => {
    await withTempDir(async (dir) => {
      const log = await open(dir);
      await log.append(entries(1, 10, 1));
      assert.equal(log.lastIndex(), 10);
      assert.equal(log.durableIndex(), 10);
      await log.write({ truncateFrom: 6, entries: entries(6, 8, 2) });
      assert.deepEqual(ids(log.entries(4, 100)), [[4, 1], [5, 1], [6, 2], [7, 2], [8, 2]]);
      assert.equal(log.term(8), 2);
      assert.deepEqual(ids(log.entries(1, 100, 2)), [[1, 1], [2, 1]]);
      await log.close();
    });
  });

  test(`${name}: out-of-order append and truncation into the compacted prefix are refused`, async () => {
    await withTempDir(async (dir) => {
      const log = await open(dir);
      await log.append(entries(1, 5, 1));
      await assert.rejects(log.append(entries(7, 8, 1)), InternalError);
      await log.compact(3, 1);
      await assert.rejects(log.truncateSuffix(2), InternalError);
      assert.equal(log.lastIndex(), 5);
      await log.close();
    });
  });

  test(`${name}: compact keeps entries after a matching point and drops the log on a mismatch (Raft §7)`, async () => {
    await withTempDir(async (dir) => {
      const log = await open(dir);
      await log.append(entries(1, 10, 1));
      await log.compact(4, 1);
      assert.equal(log.firstIndex(), 5);
      assert.equal(log.term(4), 1);
      assert.equal(log.term(3), undefined);
      assert.deepEqual(log.compactPoint(), { index: 4, term: 1 });
      // A snapshot from a newer leader at (8, 3) conflicts with our (8, 1): discard everything.
      await log.compact(8, 3);
      assert.equal(log.firstIndex(), 9);
      assert.equal(log.lastIndex(), 8);
      assert.deepEqual(log.entries(1, 100), []);
      await log.append(entries(9, 9, 3));
      assert.equal(log.lastIndex(), 9);
      await log.close();
    });
  });

  test(`${name}: entries() bounds a batch by encoded bytes, always returning at least one`, async () => {
    await withTempDir(async (dir) => {
      const log = await open(dir);
      const big = (i: number) => ({ index: i, term: 1, payload: { type: 'command' as const, data: Buffer.alloc(1000, i) } });
      await log.append([big(1), big(2), big(3), big(4)]);
      // Each entry encodes to a little over 1000 bytes.
      assert.deepEqual(ids(log.entries(1, 5, undefined, 2100)), [[1, 1], [2, 1]]);
      assert.deepEqual(ids(log.entries(2, 5, undefined, 10)), [[2, 1]]);
      assert.deepEqual(ids(log.entries(1, 5, 3, 1_000_000)), [[1, 1], [2, 1], [3, 1]]);
      await log.close();
    });
  });

  test(`${name}: a refused combined write leaves no trace`, async () => {
    await withTempDir(async (dir) => {
      const log = await open(dir);
      await log.append(entries(1, 10, 1));
      // The truncation is fine, the entries do not continue it: nothing may happen.
      await assert.rejects(log.write({ truncateFrom: 3, entries: entries(5, 6, 2), hardState: { term: 2, votedFor: 1 } }), InternalError);
      await assert.rejects(log.append([{ index: 11, term: 1.5, payload: { type: 'noop' } }]), InternalError);
      await assert.rejects(log.compact(-1, 0), InternalError);
      assert.equal(log.lastIndex(), 10);
      assert.equal(log.term(5), 1);
      assert.deepEqual(log.hardState(), { term: 0, votedFor: 0 });
      await log.append(entries(11, 11, 1));
      assert.equal(log.lastIndex(), 11);
      await log.close();
    });
  });

  test(`${name}: hard state term never goes backwards`, async () => {
    await withTempDir(async (dir) => {
      const log = await open(dir);
      await log.setHardState({ term: 5, votedFor: 2 });
      await assert.rejects(log.setHardState({ term: 4, votedFor: 1 }), InternalError);
      assert.deepEqual(log.hardState(), { term: 5, votedFor: 2 });
      await log.close();
    });
  });
}

test('memory: an injected failure rejects that write and every later one', async () => {
  const log = new MemoryLogStorage();
  await log.append(entries(1, 2, 1));
  log.failNextWrite();
  await assert.rejects(log.append(entries(3, 3, 1)), /injected/);
  await assert.rejects(log.setHardState({ term: 1, votedFor: 1 }), /injected/);
});
