// The WAL segment name rule (recover.ts, docs/storage.md "Segments"): a segment named N was created
// when the log's last index was N - 1, unless a TRUNCATE among its first records says less (written
// at a roll that follows a truncation below the old tail's name). Recovery holds the log to it, so
// segments lost before a segment that holds no entry (only carry and hard-state records: a vote
// rolled the WAL) are refused with exit 7 instead of restarting without their entries; and a
// legitimate WAL (a truncation below the tail's name, an entry-less roll, compaction deleting
// every older segment) still opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IntegrityError } from '../../../src/errors.js';
import { FileWal } from '../../../src/storage/wal/file-wal.js';
import { readRecordAt, RecordType } from '../../../src/storage/wal/record.js';
import { entries, ids, withTempDir } from './helpers.js';

const SEGMENT = 4096;

async function segmentsOf(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.endsWith('.wal')).sort();
}

/** Sets increasing terms (voting for 1) until the WAL rolls: the new newest segment holds only hard-state records. */
async function rollByVotes(wal: FileWal, fromTerm: number): Promise<number> {
  const before = wal.segmentNames().length;
  let term = fromTerm;
  while (wal.segmentNames().length === before) await wal.setHardState({ term: term++, votedFor: 1 });
  return term - 1;
}

test('segments deleted (or one truncated at a record boundary) before a newest segment that holds no entry: refused with exit 7, not restarted without their entries', async () => {
  for (const damage of ['the one before', 'every one before', 'the one before, truncated'] as const) {
    await withTempDir(async (dir) => {
      const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
      await wal.setHardState({ term: 2, votedFor: 1 });
      for (let i = 1; i <= 400; i += 10) await wal.append(entries(i, i + 9, 2));
      await rollByVotes(wal, 3);
      await wal.close();
      const segs = await segmentsOf(dir);
      assert.ok(segs.length >= 3, segs.join(' '));
      const newest = segs.at(-1)!;
      assert.equal(newest, '00000000000000000401.wal', 'named after the log’s last index + 1');
      if (damage === 'the one before') await unlink(join(dir, segs.at(-2)!));
      if (damage === 'every one before') for (const s of segs.slice(0, -1)) await unlink(join(dir, s));
      if (damage === 'the one before, truncated') {
        // Cut right after its first record (the carry hard state): the entries it held are gone.
        await truncate(join(dir, segs.at(-2)!), 21);
      }
      const before = (await readdir(dir)).sort();
      await assert.rejects(FileWal.open(dir, { segmentBytes: SEGMENT }), (err: unknown) => {
        assert.ok(err instanceof IntegrityError && err.exitCode === 7, `${damage}: ${String(err)}`);
        assert.match(err.message, /log entries \d+\.\.400 are missing: the WAL segment before 00000000000000000401\.wal was lost/, damage);
        // The segment present before the hole is named as the other possible cause.
        if (damage === 'the one before') assert.ok(err.message.includes(`or ${segs.at(-3)!} was truncated`), err.message);
        if (damage === 'the one before, truncated') assert.ok(err.message.includes(`or ${segs.at(-2)!} was truncated`), err.message);
        return true;
      });
      assert.deepEqual((await readdir(dir)).sort(), before, `${damage}: a refused open modifies nothing`);
    });
  }
});

test('a truncation below the tail segment’s name, then a roll by a vote and a compaction that deletes every older segment: the WAL opens with its entries, term and vote (the roll records where the log ended)', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
    await wal.setHardState({ term: 2, votedFor: 1 });
    for (let i = 1; i <= 300; i += 10) await wal.append(entries(i, i + 9, 2));
    const tail = wal.segmentNames().at(-1)!;
    assert.ok(tail > '00000000000000000010.wal', `the tail segment starts after entry 10: ${tail}`);
    // A new leader's log disagrees from index 6 on (Raft §5.3): the log ends at 5, below the tail's name.
    await wal.truncateSuffix(6);
    const term = await rollByVotes(wal, 3);
    // A snapshot at 5: compaction deletes every segment but the newest (all their live entries are ≤ 5).
    await wal.compact(5, 2);
    assert.equal(wal.segmentNames().length, 1, wal.segmentNames().join(' '));
    await wal.append(entries(6, 7, term));
    await wal.close();
    const reopened = await FileWal.open(dir, { segmentBytes: SEGMENT });
    try {
      assert.deepEqual(reopened.hardState(), { term, votedFor: 1 });
      assert.deepEqual(reopened.compactPoint(), { index: 5, term: 2 });
      assert.deepEqual(ids(reopened.entries(6, 8)), [
        [6, term],
        [7, term],
      ]);
    } finally {
      await reopened.close();
    }
  });
});

test('a truncation below the tail segment’s name, a roll by a vote, compaction, and the node stops before any new entry: it restarts (no entries lost, nothing refused)', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
    await wal.setHardState({ term: 2, votedFor: 1 });
    for (let i = 1; i <= 300; i += 10) await wal.append(entries(i, i + 9, 2));
    await wal.truncateSuffix(6);
    const term = await rollByVotes(wal, 3);
    await wal.compact(5, 2);
    await wal.close();
    const reopened = await FileWal.open(dir, { segmentBytes: SEGMENT });
    try {
      assert.deepEqual(reopened.hardState(), { term, votedFor: 1 });
      assert.deepEqual(reopened.compactPoint(), { index: 5, term: 2 });
      assert.equal(reopened.lastIndex(), 5);
    } finally {
      await reopened.close();
    }
  });
});

test('an older segment cut at a record boundary, the next one holding entries: the refusal names it as a possible cause, not only "the segment before X was lost"', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
    await wal.setHardState({ term: 2, votedFor: 1 });
    for (let i = 1; i <= 400; i += 10) await wal.append(entries(i, i + 9, 2));
    await wal.close();
    const segs = await segmentsOf(dir);
    assert.ok(segs.length >= 3, segs.join(' '));
    const cut = segs[1]!;
    // Keep its carry record and first entries record: the entries after them are gone.
    const buf = await readFile(join(dir, cut));
    const first = readRecordAt(buf, 0, buf.length);
    const second = first.ok ? readRecordAt(buf, first.next, buf.length) : first;
    assert.ok(second.ok);
    await truncate(join(dir, cut), second.next);
    await assert.rejects(FileWal.open(dir, { segmentBytes: SEGMENT }), (err: unknown) => {
      assert.ok(err instanceof IntegrityError && err.exitCode === 7, String(err));
      assert.match(err.message, new RegExp(`log entries \\d+\\.\\.\\d+ are missing: the WAL segment before ${segs[2]!.replace('.', '\\.')} was lost, or ${cut.replace('.', '\\.')} was truncated`));
      assert.equal(err.details?.before, cut);
      return true;
    });
  });
});

/**
 * Rewrites segment `path` as a raftctl before the name rule (524170b) wrote it: the TRUNCATE carry
 * record that a roll after a truncation below the tail's name now writes is taken out (the records
 * after it move up; the file keeps its preallocated size).
 */
async function withoutTruncateCarry(path: string): Promise<void> {
  const buf = await readFile(path);
  for (let off = 0; ; ) {
    const r = readRecordAt(buf, off, buf.length);
    assert.ok(r.ok && r.record.type !== RecordType.ENTRIES, `${path}: no TRUNCATE carry record`);
    if (r.record.type === RecordType.TRUNCATE) {
      const out = Buffer.alloc(buf.length);
      buf.copy(out, 0, 0, off);
      buf.copy(out, off, r.next);
      await writeFile(path, out);
      return;
    }
    off = r.next;
  }
}

test('a WAL written before the name rule (no TRUNCATE carry): a roll after a truncation below the tail’s name, with no entry after it, still opens', async () => {
  for (const shape of ['the node stopped after the roll', 'entries after the truncation, then the roll', 'two rolls']) {
    await withTempDir(async (dir) => {
      const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
      await wal.setHardState({ term: 2, votedFor: 1 });
      for (let i = 1; i <= 300; i += 10) await wal.append(entries(i, i + 9, 2));
      await wal.truncateSuffix(6);
      if (shape === 'entries after the truncation, then the roll') await wal.append(entries(6, 7, 2));
      let term = await rollByVotes(wal, 3);
      if (shape === 'two rolls') term = await rollByVotes(wal, term + 1);
      const last = wal.lastIndex();
      await wal.close();
      const segs = await segmentsOf(dir);
      const rolled = shape === 'two rolls' ? segs.slice(-2) : segs.slice(-1);
      for (const s of rolled) await withoutTruncateCarry(join(dir, s));
      const reopened = await FileWal.open(dir, { segmentBytes: SEGMENT });
      try {
        assert.deepEqual(reopened.hardState(), { term, votedFor: 1 }, shape);
        assert.equal(reopened.lastIndex(), last, shape);
        assert.deepEqual(ids(reopened.entries(1, last + 1)).at(-1), [last, 2], shape);
      } finally {
        await reopened.close();
      }
    });
  }
});
