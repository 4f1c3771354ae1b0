// WAL recovery (STORAGE.md "Rules"): a bad record followed only by zeros/garbage/EOF is a torn
// tail and is cut; a bad record followed by a valid one is corruption, refused with exit 7
// naming file and offset, and nothing is modified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IntegrityError } from '../../../src/errors.js';
import { encodeHardStateRecord, readRecordAt } from '../../../src/storage/wal/record.js';
import { FileWal } from '../../../src/storage/wal/file-wal.js';
import { entries, withTempDir } from './helpers.js';

/** [start, end) of every record at the start of a segment file. */
function recordSpans(buf: Buffer): [number, number][] {
  const out: [number, number][] = [];
  let off = 0;
  for (;;) {
    const r = readRecordAt(buf, off, buf.length);
    if (!r.ok) return out;
    out.push([off, r.next]);
    off = r.next;
  }
}

async function writeFiveRecords(dir: string): Promise<string> {
  const wal = await FileWal.open(dir, { segmentBytes: 64 * 1024 });
  for (let i = 1; i <= 5; i++) await wal.append(entries(i * 10 - 9, i * 10, 1));
  await wal.close();
  const segs = (await readdir(dir)).filter((n) => n.endsWith('.wal'));
  assert.equal(segs.length, 1);
  return join(dir, segs[0]!);
}

/** 600 entries over several 4 KiB segments, then the second segment deleted; returns the segment names as written. */
async function walWithLostMiddleSegment(dir: string): Promise<string[]> {
  const wal = await FileWal.open(dir, { segmentBytes: 4096 });
  for (let i = 1; i <= 600; i += 10) await wal.append(entries(i, i + 9, 1));
  await wal.close();
  const segs = (await readdir(dir)).filter((n) => n.endsWith('.wal')).sort();
  assert.ok(segs.length >= 3);
  await unlink(join(dir, segs[1]!));
  return segs;
}

function isCorrupt(file: string, offset: number | null) {
  return (err: unknown) => {
    assert.ok(err instanceof IntegrityError, `expected IntegrityError, got ${String(err)}`);
    assert.equal(err.code, 'CORRUPT');
    assert.equal(err.exitCode, 7);
    assert.equal(err.details?.file, file);
    assert.equal(err.details?.offset, offset);
    assert.ok(err.message.includes(file));
    if (offset !== null) assert.ok(err.message.includes(`byte offset ${offset}`), err.message);
    return true;
  };
}

test('torn tail: garbage after the last record is cut, writing resumes there', async () => {
  await withTempDir(async (dir) => {
    const path = await writeFiveRecords(dir);
    const buf = await readFile(path);
    const end = recordSpans(buf).at(-1)![1];
    Buffer.from('this is not a record, just garbage').copy(buf, end);
    await writeFile(path, buf);

    const wal = await FileWal.open(dir, { segmentBytes: 64 * 1024 });
    assert.deepEqual(wal.recovery.tornTail?.file, path);
    assert.equal(wal.recovery.tornTail?.offset, end);
    assert.equal(wal.lastIndex(), 50);
    await wal.append(entries(51, 51, 1));
    await wal.close();
    const again = await FileWal.open(dir, { segmentBytes: 64 * 1024 });
    assert.equal(again.recovery.tornTail, null);
    assert.equal(again.lastIndex(), 51);
    await again.close();
  });
});

test('torn tail: a half-written last record (rest zeros) is dropped', async () => {
  await withTempDir(async (dir) => {
    const path = await writeFiveRecords(dir);
    const buf = await readFile(path);
    const [start, end] = recordSpans(buf).at(-1)!;
    buf.fill(0, start + Math.floor((end - start) / 2), end);
    await writeFile(path, buf);
    const wal = await FileWal.open(dir, { segmentBytes: 64 * 1024 });
    assert.equal(wal.recovery.tornTail?.offset, start);
    assert.equal(wal.recovery.tornTail?.reason, 'checksum mismatch');
    assert.equal(wal.lastIndex(), 40);
    await wal.close();
  });
});

test('torn tail: a file cut short inside the last record (EOF) is dropped, where a crash can cut it: a record larger than a segment, written past the preallocated size', async () => {
  // A preallocated segment is never shorter than its preallocated size (a shorter one was
  // truncated: refused through wal/HEAD, wal-head.test.ts); a record larger than a segment grows
  // its own segment's file, and a crash in that write can leave the file ending inside it.
  await withTempDir(async (dir) => {
    await writeFiveRecords(dir);
    const wal = await FileWal.open(dir, { segmentBytes: 64 * 1024 });
    await wal.append([{ index: 51, term: 1, payload: { type: 'command', data: Buffer.alloc(100 * 1024, 7) } }]);
    await wal.close();
    const path = join(dir, (await readdir(dir)).filter((n) => n.endsWith('.wal')).sort().at(-1)!);
    const buf = await readFile(path);
    const [start, end] = recordSpans(buf).at(-1)!;
    assert.ok(end > 64 * 1024, 'the record runs past the preallocated size');
    await writeFile(path, buf.subarray(0, end - 3));
    const again = await FileWal.open(dir, { segmentBytes: 64 * 1024 });
    assert.equal(again.recovery.tornTail?.offset, start);
    assert.equal(again.lastIndex(), 50);
    await again.close();
  });
});

test('corruption: a flipped byte in a middle record is refused naming file and offset', async () => {
  await withTempDir(async (dir) => {
    const path = await writeFiveRecords(dir);
    const buf = await readFile(path);
    const [start, end] = recordSpans(buf)[1]!;
    buf[end - 2]! ^= 0xff;
    await writeFile(path, buf);
    await assert.rejects(FileWal.open(dir, { segmentBytes: 64 * 1024 }), isCorrupt(path, start));
    assert.deepEqual(await readFile(path), buf, 'a refused recovery must not modify the file');
  });
});

test('corruption: a zeroed record in the middle (valid records after it) is refused', async () => {
  await withTempDir(async (dir) => {
    const path = await writeFiveRecords(dir);
    const buf = await readFile(path);
    const [start, end] = recordSpans(buf)[2]!;
    buf.fill(0, start, end);
    await writeFile(path, buf);
    await assert.rejects(FileWal.open(dir, { segmentBytes: 64 * 1024 }), isCorrupt(path, start));
  });
});

test('corruption: a bad record at the end of one segment with valid records in the next is refused', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: 4096 });
    for (let i = 1; i <= 400; i += 10) await wal.append(entries(i, i + 9, 1));
    await wal.close();
    const segs = (await readdir(dir)).filter((n) => n.endsWith('.wal')).sort();
    assert.ok(segs.length >= 2);
    const first = join(dir, segs[0]!);
    const buf = await readFile(first);
    const [start] = recordSpans(buf).at(-1)!;
    buf[start + 4]! ^= 0x01; // checksum byte
    await writeFile(first, buf);
    await assert.rejects(FileWal.open(dir, { segmentBytes: 4096 }), isCorrupt(first, start));
  });
});

test('corruption: a lost middle segment (gap in the log) is refused, naming the lost range and the segment after it', async () => {
  await withTempDir(async (dir) => {
    const segs = await walWithLostMiddleSegment(dir);
    const lostFirst = Number(segs[1]!.slice(0, -'.wal'.length));
    const nextFirst = Number(segs[2]!.slice(0, -'.wal'.length));
    await assert.rejects(FileWal.open(dir, { segmentBytes: 4096 }), (err: unknown) => {
      assert.ok(err instanceof IntegrityError);
      assert.equal(err.exitCode, 7);
      assert.ok(err.message.includes(`log entries ${lostFirst}..${nextFirst - 1} are missing: the WAL segment before ${segs[2]} was lost`), err.message);
      return true;
    });
  });
});

test('a crash right after a roll (new segment renamed with its carry records, nothing else written yet) recovers and continues', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: 4096 });
    await wal.setHardState({ term: 3, votedFor: 2 });
    await wal.append(entries(1, 20, 3));
    await wal.close();
    // The renamed spare: a preallocated segment with a higher name holding only the carry
    // records (the hard state), written and fdatasynced before the rename.
    const seg = Buffer.alloc(4096);
    encodeHardStateRecord({ term: 3, votedFor: 2 }).copy(seg, 0);
    await writeFile(join(dir, '00000000000000000021.wal'), seg);
    const again = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.equal(again.recovery.tornTail, null);
    assert.equal(again.lastIndex(), 20);
    assert.deepEqual(again.hardState(), { term: 3, votedFor: 2 });
    await again.append(entries(21, 25, 3));
    await again.close();
    const third = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.equal(third.lastIndex(), 25);
    assert.deepEqual(third.hardState(), { term: 3, votedFor: 2 });
    await third.close();
  });
});

test('before any term or compact point a roll carries nothing: a renamed all-zero segment is the crash right after that roll, and recovers', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: 4096 });
    await wal.append(entries(1, 20, 0));
    await wal.close();
    await writeFile(join(dir, '00000000000000000021.wal'), Buffer.alloc(4096));
    const again = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.equal(again.lastIndex(), 20);
    await again.close();
  });
});

test('corruption: a segment after the first that does not begin with a record (truncated to 0, zero-filled, or its first record torn) lost its carry records and what followed: refused naming it at offset 0, nothing modified', async () => {
  for (const damage of ['truncated to 0 bytes', 'zero-filled', 'first record torn', 'middle segment truncated'] as const) {
    await withTempDir(async (dir) => {
      const wal = await FileWal.open(dir, { segmentBytes: 4096 });
      await wal.setHardState({ term: 3, votedFor: 2 });
      for (let i = 1; i <= 400; i += 10) await wal.append(entries(i, i + 9, 3));
      await wal.setHardState({ term: 4, votedFor: 1 });
      await wal.close();
      const segs = (await readdir(dir)).filter((n) => n.endsWith('.wal')).sort();
      assert.ok(segs.length >= 3);
      const path = join(dir, damage === 'middle segment truncated' ? segs[1]! : segs.at(-1)!);
      const buf = await readFile(path);
      if (damage === 'zero-filled') buf.fill(0);
      if (damage === 'first record torn') buf.fill(0x5a, 12, recordSpans(buf).at(-1)![1]);
      const damaged = damage === 'truncated to 0 bytes' || damage === 'middle segment truncated' ? Buffer.alloc(0) : buf;
      await writeFile(path, damaged);
      await assert.rejects(FileWal.open(dir, { segmentBytes: 4096 }), (err: unknown) => {
        isCorrupt(path, 0)(err);
        assert.match((err as Error).message, /begin/);
        return true;
      }, damage);
      assert.deepEqual(await readFile(path), damaged, `${damage}: a refused recovery must not modify the file`);
    });
  }
});

test('corruption: a damaged last record in a segment followed by a segment without a record (emptied) is refused, not cut as a torn tail with the later segment deleted', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: 4096 });
    await wal.setHardState({ term: 3, votedFor: 2 });
    for (let i = 1; i <= 400; i += 10) await wal.append(entries(i, i + 9, 3));
    await wal.close();
    const segs = (await readdir(dir)).filter((n) => n.endsWith('.wal')).sort();
    assert.ok(segs.length >= 3);
    // The segment before the tail was fsynced before the tail existed: its last record cannot be
    // torn, and the tail cannot lack its carry records.
    const before = join(dir, segs.at(-2)!);
    const buf = await readFile(before);
    const [start, end] = recordSpans(buf).at(-1)!;
    buf.fill(0x5a, start + 12, end);
    await writeFile(before, buf);
    await writeFile(join(dir, segs.at(-1)!), Buffer.alloc(0));
    await assert.rejects(FileWal.open(dir, { segmentBytes: 4096 }), isCorrupt(before, start));
    assert.deepEqual(await readFile(before), buf, 'a refused recovery must not cut the damaged record');
    assert.deepEqual((await readdir(dir)).filter((n) => n.endsWith('.wal')).sort(), segs, 'nor delete the later segment');
  });
});

test('corruption: a flipped length bit in a middle record of the tail segment is refused, not cut as a torn tail', async () => {
  await withTempDir(async (dir) => {
    const path = await writeFiveRecords(dir);
    const buf = await readFile(path);
    const [start] = recordSpans(buf)[1]!;
    // A larger length that still fits in the preallocated segment: the records it would
    // swallow are valid and acknowledged.
    buf.writeUInt32BE(buf.readUInt32BE(start) ^ (1 << 12), start);
    await writeFile(path, buf);
    await assert.rejects(FileWal.open(dir, { segmentBytes: 64 * 1024 }), isCorrupt(path, start));
    assert.deepEqual(await readFile(path), buf, 'a refused recovery must not modify the file');
  });
});

test('a torn tail in the last segment and a lost middle segment: refused, and the torn tail is left as it was', async () => {
  await withTempDir(async (dir) => {
    const segs = await walWithLostMiddleSegment(dir);
    const lastPath = join(dir, segs.at(-1)!);
    const buf = await readFile(lastPath);
    const [start, end] = recordSpans(buf).at(-1)!;
    buf.fill(0x5a, start + 12, end); // garbage in the last record, nothing valid after it
    await writeFile(lastPath, buf);
    await assert.rejects(FileWal.open(dir, { segmentBytes: 4096 }), /missing/);
    assert.deepEqual(await readFile(lastPath), buf, 'the torn tail must not be cut before the refusal');
  });
});
