// File WAL: durability across reopen, group commit, segment rolls and deletion after compaction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeEntry } from '../../../src/storage/entry-codec.js';
import { countingFs, nodeStorageFs } from '../../../src/storage/fs.js';
import { FileWal, SYNC_FSYNC_MAX_MS, SYNC_FSYNC_RETRY, SYNC_WRITE_MAX_BYTES } from '../../../src/storage/wal/file-wal.js';
import { encodeCompactRecord, encodeEntriesRecord, encodeHardStateRecord, readRecordAt, RecordType } from '../../../src/storage/wal/record.js';
import { SPARE_NAME } from '../../../src/storage/wal/segment.js';
import { entries, ids, withTempDir } from './helpers.js';

/**
 * A StorageFs whose file syncs can be held: after `hold()` every fsync waits until `release()`
 * (which resolves once the held syncs may proceed). Blocking syncs are off (the hook disables them).
 */
function heldSyncs() {
  let gate: Promise<void> | null = null;
  let open!: () => void;
  return {
    fs: countingFs(nodeStorageFs, () => gate ?? undefined),
    hold(): void {
      gate = new Promise<void>((r) => (open = r));
    },
    async release(): Promise<void> {
      const g = gate;
      gate = null;
      open();
      await g;
    },
  };
}

test('append/recover round trip: entries, payload kinds and hard state survive reopen', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: 64 * 1024 });
    await wal.append(entries(1, 100, 1));
    await wal.append([
      { index: 101, term: 2, payload: { type: 'noop' } },
      { index: 102, term: 2, payload: { type: 'configuration', configuration: { voters: [1, 2, 3], votersOutgoing: [], learners: [{ id: 4, readOnly: true }], addresses: { 1: 'a:1', 4: 'd:4' } } } },
    ]);
    await wal.setHardState({ term: 2, votedFor: 3 });
    await wal.close();

    const again = await FileWal.open(dir, { segmentBytes: 64 * 1024 });
    assert.equal(again.recovery.tornTail, null);
    assert.equal(again.lastIndex(), 102);
    assert.deepEqual(again.hardState(), { term: 2, votedFor: 3 });
    const e50 = again.entries(50, 51)[0]!;
    assert.deepEqual(e50.payload, { type: 'command', data: Buffer.from('v50') });
    assert.equal(e50.proposedAtUnixMs, 1_700_000_000_050);
    const size = encodeEntry(again.entries(1, 2)[0]!).length;
    assert.deepEqual(ids(again.entries(1, 200, undefined, 2 * size)), [[1, 1], [2, 1]], 'recovered entries know their encoded size');
    assert.deepEqual(again.entries(101, 103).map((e) => e.payload), [
      { type: 'noop' },
      { type: 'configuration', configuration: { voters: [1, 2, 3], votersOutgoing: [], learners: [{ id: 4, readOnly: true }], addresses: { 1: 'a:1', 4: 'd:4' } } },
    ]);
    await again.close();
  });
});

test('group commit: 50 concurrent appends share fewer fsyncs, all durable on resolve', async () => {
  await withTempDir(async (dir) => {
    // Each fsync takes ~5 ms, so appends submitted meanwhile pile up for the next one.
    const fs = countingFs(nodeStorageFs, () => new Promise((r) => setTimeout(r, 5)));
    const wal = await FileWal.open(dir, { fs, segmentBytes: 1024 * 1024 });
    const before = fs.counters.syncs;
    const writes = [];
    for (let i = 1; i <= 50; i++) writes.push(wal.append(entries(i, i, 1)));
    await Promise.all(writes);
    const syncs = fs.counters.syncs - before;
    assert.ok(syncs >= 1 && syncs <= 3, `expected 1-3 fsyncs for 50 concurrent appends, got ${syncs}`);
    assert.equal(wal.durableIndex(), 50);
    await wal.close();
    const again = await FileWal.open(dir, { segmentBytes: 1024 * 1024 });
    assert.equal(again.lastIndex(), 50);
    await again.close();
  });
});

test('group commit: a write resolves only after the fsync that covers it', async () => {
  await withTempDir(async (dir) => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let gated = false;
    const fs = countingFs(nodeStorageFs, () => (gated ? gate : undefined));
    const wal = await FileWal.open(dir, { fs, segmentBytes: 64 * 1024 });
    gated = true;
    let resolved = false;
    const p = wal.append(entries(1, 1, 1)).then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(resolved, false, 'append resolved before its fsync finished');
    assert.equal(wal.durableIndex(), 0);
    release();
    await p;
    assert.equal(wal.durableIndex(), 1);
    await wal.close();
  });
});

test('a failed fsync rejects the write and every later write (no silent retry)', async () => {
  await withTempDir(async (dir) => {
    let fail = false;
    const fs = countingFs(nodeStorageFs, () => {
      if (fail) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    });
    const wal = await FileWal.open(dir, { fs, segmentBytes: 64 * 1024 });
    await wal.append(entries(1, 1, 1));
    fail = true;
    await assert.rejects(wal.append(entries(2, 2, 1)), (err: Error & { code?: string }) => err.code === 'STORAGE_IO_ERROR');
    fail = false;
    await assert.rejects(wal.append(entries(3, 3, 1)), (err: Error & { code?: string }) => err.code === 'STORAGE_IO_ERROR');
    await wal.close();
  });
});

test('segments roll, carry hard state, and are deleted after compaction; recovery agrees', async () => {
  await withTempDir(async (dir) => {
    const fs = countingFs();
    const wal = await FileWal.open(dir, { fs, segmentBytes: 4096 });
    await wal.setHardState({ term: 1, votedFor: 1 });
    for (let i = 1; i <= 1000; i += 10) await wal.append(entries(i, i + 9, 1));
    const segs = wal.segmentNames();
    assert.ok(segs.length >= 4, `expected several segments, got ${segs.length}`);
    assert.equal(segs[0], '00000000000000000001.wal');
    const dirSyncsBefore = fs.counters.dirSyncs;
    await wal.compact(900, 1);
    assert.ok(wal.segmentNames().length < segs.length, 'no segment was deleted');
    assert.ok(fs.counters.dirSyncs > dirSyncsBefore, 'segment deletion was not followed by a directory fsync');
    const files = (await readdir(dir)).filter((n) => n.endsWith('.wal')).sort();
    assert.deepEqual(files, wal.segmentNames());
    await wal.close();

    const again = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.deepEqual(again.compactPoint(), { index: 900, term: 1 });
    assert.equal(again.firstIndex(), 901);
    assert.equal(again.lastIndex(), 1000);
    assert.deepEqual(again.hardState(), { term: 1, votedFor: 1 });
    await again.close();
  });
});

test('truncate + compact + recovery: overwritten suffix stays gone after reopen', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: 4096 });
    await wal.append(entries(1, 120, 1));
    await wal.write({ truncateFrom: 40, entries: entries(40, 60, 2), hardState: { term: 2, votedFor: 0 } });
    await wal.truncateSuffix(55);
    await wal.compact(30, 1);
    await wal.close();
    const again = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.equal(again.firstIndex(), 31);
    assert.equal(again.lastIndex(), 54);
    assert.deepEqual(ids(again.entries(38, 42)), [[38, 1], [39, 1], [40, 2], [41, 2]]);
    assert.deepEqual(again.hardState(), { term: 2, votedFor: 0 });
    await again.append(entries(55, 56, 2));
    await again.close();
    const third = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.equal(third.lastIndex(), 56);
    await third.close();
  });
});

test('a record larger than a segment gets a segment of its own', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: 4096 });
    await wal.append(entries(1, 1, 1));
    const big = { index: 2, term: 1, payload: { type: 'command' as const, data: Buffer.alloc(10_000, 7) } };
    await wal.append([big]);
    await wal.append(entries(3, 3, 1));
    await wal.close();
    const again = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.equal(again.lastIndex(), 3);
    assert.deepEqual(again.entries(2, 3)[0]!.payload, big.payload);
    await again.close();
  });
});

test('hard state is durable on its own (no entries) and survives reopen', async () => {
  await withTempDir(async (dir) => {
    const walDir = join(dir, 'wal');
    const wal = await FileWal.open(walDir);
    await wal.setHardState({ term: 7, votedFor: 3 });
    await wal.close();
    const again = await FileWal.open(walDir);
    assert.deepEqual(again.hardState(), { term: 7, votedFor: 3 });
    assert.equal(again.lastIndex(), 0);
    await again.close();
  });
});

test('durableIndex never covers replacement entries whose write is still in flight', async () => {
  await withTempDir(async (dir) => {
    const syncs = heldSyncs();
    const wal = await FileWal.open(dir, { fs: syncs.fs, segmentBytes: 64 * 1024 });
    syncs.hold();
    const first = wal.append(entries(1, 10, 1));
    await new Promise((r) => setTimeout(r, 10)); // first batch is now waiting in fsync
    const second = wal.write({ truncateFrom: 5, entries: entries(5, 6, 2) });
    assert.equal(wal.durableIndex(), 0);
    await syncs.release();
    await first;
    assert.ok(wal.durableIndex() <= 4, `durableIndex ${wal.durableIndex()} covers entries 5-6 of term 2 before their fsync`);
    await second;
    assert.equal(wal.durableIndex(), 6);
    assert.deepEqual(ids(wal.entries(4, 7)), [[4, 1], [5, 2], [6, 2]]);
    await wal.close();
  });
});

test('small batches are fdatasynced on the calling thread while fsyncs are fast (unless a write asks for the background); slow ones move to the thread pool and blocking is retried later', async () => {
  await withTempDir(async (dir) => {
    let blocking = 0;
    let pooled = 0;
    let slowMs = 0;
    let clock = 0; // the WAL's clock: only a blocking fsync moves it, by slowMs
    const pathOf = new Map<number, string>(); // fd → path, so the background spare's fsync is not counted
    const fs = {
      ...nodeStorageFs,
      async open(path: string, flags: string | number, mode?: number) {
        const h = await nodeStorageFs.open(path, flags, mode);
        pathOf.set(h.fd, path);
        return h;
      },
      syncNow(handle: Parameters<NonNullable<typeof nodeStorageFs.syncNow>>[0]) {
        blocking++;
        nodeStorageFs.syncNow!(handle);
        clock += slowMs; // a disk whose fdatasync takes slowMs
      },
      async sync(handle: Parameters<typeof nodeStorageFs.sync>[0]) {
        if (!pathOf.get(handle.fd)?.endsWith(SPARE_NAME)) pooled++;
        await nodeStorageFs.sync(handle);
      },
    };
    const wal = await FileWal.open(dir, { fs, segmentBytes: 1024 * 1024, now: () => clock });
    blocking = 0;
    pooled = 0; // opening fsyncs through the pool (segment creation); count the appends only
    for (let i = 1; i <= 5; i++) await wal.append(entries(i, i, 1));
    assert.deepEqual({ blocking, pooled }, { blocking: 5, pooled: 0 }, 'fast fsyncs block');
    await wal.write({ entries: entries(6, 6, 1), syncInBackground: true });
    assert.deepEqual({ blocking, pooled }, { blocking: 5, pooled: 1 }, 'a write that asks for a background fsync gets the thread pool');
    pooled = 0;

    slowMs = 3 * SYNC_FSYNC_MAX_MS;
    let i = 7;
    while (pooled === 0) {
      await wal.append(entries(i, i, 1));
      i++;
      assert.ok(i < 40, 'a slow disk must move fsyncs to the thread pool');
    }
    const blockingBefore = blocking;
    for (let k = 0; k < SYNC_FSYNC_RETRY - 1; k++, i++) await wal.append(entries(i, i, 1));
    assert.equal(blocking, blockingBefore, `the next ${SYNC_FSYNC_RETRY} fsyncs use the thread pool`);
    slowMs = 0;
    await wal.append(entries(i, i, 1));
    i++;
    await wal.append(entries(i, i, 1));
    assert.equal(blocking, blockingBefore + 2, 'then blocking is tried again and kept while fast');
    assert.equal(wal.durableIndex(), i);

    const big = Array.from({ length: 1 }, () => ({ index: i + 1, term: 1, payload: { type: 'command' as const, data: Buffer.alloc(SYNC_WRITE_MAX_BYTES + 1) }, proposedAtUnixMs: 1_700_000_000_000 }));
    const pooledBefore = pooled;
    await wal.append(big);
    assert.equal(pooled, pooledBefore + 1, 'a batch above SYNC_WRITE_MAX_BYTES always uses the thread pool');
    await wal.close();
  });
});

test('a roll writes and fdatasyncs the carry records into the spare before renaming it into a segment', async () => {
  await withTempDir(async (dir) => {
    const events: string[] = [];
    const pathOf = new Map<unknown, string>();
    const fs = {
      ...nodeStorageFs,
      syncNow: undefined,
      async open(path: string, flags: string | number, mode?: number) {
        const h = await nodeStorageFs.open(path, flags, mode);
        pathOf.set(h, path);
        return h;
      },
      async sync(h: Parameters<typeof nodeStorageFs.sync>[0]) {
        events.push(`sync ${pathOf.get(h)?.split('/').pop()}`);
        await nodeStorageFs.sync(h);
      },
      async rename(from: string, to: string) {
        if (from.endsWith(SPARE_NAME)) {
          const head = await readFile(from);
          const first = readRecordAt(head, 0, head.length);
          events.push(`rename spare (starts with hard state: ${first.ok && first.record.type === RecordType.HARD_STATE})`);
        }
        await nodeStorageFs.rename(from, to);
      },
    };
    const wal = await FileWal.open(dir, { fs, segmentBytes: 4096 });
    await wal.setHardState({ term: 5, votedFor: 2 });
    for (let i = 1; wal.segmentNames().length < 2; i += 5) await wal.append(entries(i, i + 4, 5));
    await wal.close();
    // The first rename creates the first segment of the empty WAL (nothing to carry yet); the last is the roll.
    const rename = events.findLastIndex((e) => e.startsWith('rename spare'));
    assert.ok(rename > 0 && events.filter((e) => e.startsWith('rename spare')).length === 2, events.join(', '));
    assert.equal(events[rename], 'rename spare (starts with hard state: true)');
    assert.equal(events[rename - 1], `sync ${SPARE_NAME}`, `the spare must be fdatasynced right before the rename: ${events.join(', ')}`);
  });
});

test('a write with nothing to record resolves only after every earlier write is durable', async () => {
  await withTempDir(async (dir) => {
    const syncs = heldSyncs();
    const wal = await FileWal.open(dir, { fs: syncs.fs, segmentBytes: 64 * 1024 });
    await wal.append(entries(1, 3, 1));
    await wal.compact(2, 1);
    syncs.hold();
    const order: string[] = [];
    const append = wal.append(entries(4, 4, 1)).then(() => order.push('append'));
    const noop = wal.compact(1, 1).then(() => order.push('no-op compact'));
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(order, [], 'nothing resolves while the earlier write is not durable');
    await syncs.release();
    await Promise.all([append, noop]);
    assert.deepEqual(order, ['append', 'no-op compact']);
    await wal.close();
  });
});

type SpareWrite = (buf: Buffer, offset: number, length: number, position: number) => Promise<{ bytesWritten: number }>;

/** An ENOSPC error as the fs module raises it. */
const enospc = (syscall: string): Error => Object.assign(new Error(`ENOSPC: no space left on device, ${syscall}`), { code: 'ENOSPC' });

/** The real fs, except that writes to the spare segment go through `wrap(write)` (a disk filling up). */
function spareWritesThrough(wrap: (write: SpareWrite) => SpareWrite): typeof nodeStorageFs {
  return {
    ...nodeStorageFs,
    async open(path: string, flags: string | number, mode?: number) {
      const h = await nodeStorageFs.open(path, flags, mode);
      if (!path.endsWith(SPARE_NAME)) return h;
      const write = wrap((buf, offset, length, position) => h.write(buf, offset, length, position));
      return new Proxy(h, {
        get(target, prop, receiver) {
          if (prop === 'write') return write;
          const v = Reflect.get(target, prop, receiver);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    },
  } as typeof nodeStorageFs;
}

test('a spare segment whose preallocation fails (a full disk) is removed, not left holding the space it got', async () => {
  await withTempDir(async (dir) => {
    let writes = 0;
    const fs = spareWritesThrough((write) => async (buf, offset, length, position) => {
      if (++writes === 3) throw enospc('write');
      return write(buf, offset, length, position);
    });
    await assert.rejects(FileWal.open(dir, { fs, segmentBytes: 8 * 1024 * 1024 }), /ENOSPC|no space/);
    assert.deepEqual(await readdir(dir), [], 'no half-written spare is left behind');
  });
});

test('a spare whose background preallocation failed (the disk was full then) is preallocated again at the roll: the WAL goes on once space is back', async () => {
  // Scenario: right after open, the spare's preallocation hits ENOSPC (say, while a snapshot
  // briefly filled the disk); by the time the tail segment is full, the space is back.
  // Expectation: the roll prepares the spare again and every write succeeds, rather than the node
  // stopping on an ENOSPC that no longer holds (docs/storage.md "Segments").
  await withTempDir(async (dir) => {
    let spares = 0;
    const fs = {
      ...nodeStorageFs,
      async open(path: string, flags: string | number, mode?: number) {
        // The first spare becomes the first segment; the second one (the background spare) fails.
        if (path.endsWith(SPARE_NAME) && flags === 'w' && ++spares === 2) throw enospc('open');
        return nodeStorageFs.open(path, flags, mode);
      },
    } as typeof nodeStorageFs;
    const wal = await FileWal.open(dir, { fs, segmentBytes: 4096 });
    await wal.setHardState({ term: 1, votedFor: 1 });
    for (let i = 1; i <= 200; i += 10) await wal.append(entries(i, i + 9, 1));
    assert.ok(wal.segmentNames().length >= 2, 'the WAL rolled');
    await wal.close();
    const again = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.deepEqual(ids(again.entries(1, 201)), ids(entries(1, 200, 1)));
    await again.close();
  });
});

test('a spare that cannot be preallocated at the roll either fails the write and every later one (the node stops); reopened with space, nothing is lost', async () => {
  await withTempDir(async (dir) => {
    let full = false;
    const fs = {
      ...nodeStorageFs,
      async open(path: string, flags: string | number, mode?: number) {
        if (full && path.endsWith(SPARE_NAME) && flags === 'w') throw enospc('open');
        return nodeStorageFs.open(path, flags, mode);
      },
    } as typeof nodeStorageFs;
    const wal = await FileWal.open(dir, { fs, segmentBytes: 4096 });
    full = true;
    let acked = 0;
    let failure: (Error & { code?: string }) | null = null;
    // The spare prepared at open is used by the first roll; the second roll has none.
    for (let i = 1; i <= 2000 && !failure; i += 10) {
      try {
        await wal.append(entries(i, i + 9, 1));
        acked = i + 9;
      } catch (err) {
        failure = err as Error & { code?: string };
      }
    }
    assert.equal(failure?.code, 'STORAGE_IO_ERROR', 'the roll fails with a typed error');
    assert.match(failure!.message, /ENOSPC/);
    assert.match((failure as Error & { hint?: string }).hint ?? '', /free space .* start the node again/, 'the hint says what to do');
    await assert.rejects(wal.append(entries(acked + 1, acked + 1, 1)), (err: Error & { code?: string }) => err.code === 'STORAGE_IO_ERROR');
    await wal.close();
    const again = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.equal(again.lastIndex(), acked, 'every acknowledged entry, nothing else');
    assert.deepEqual(ids(again.entries(1, acked + 1)), ids(entries(1, acked, 1)));
    await again.append(entries(acked + 1, acked + 30, 1));
    await again.close();
  });
});

test('a segment is never shorter than its preallocated size: a short write (the disk filled up mid-write) is continued, so the full disk fails the preallocation', async () => {
  // Scenario: the disk has room for only part of the spare. write(2) then returns a short count
  // rather than an error (tmpfs and ext4 do), and only the next write fails with ENOSPC.
  // Expectation: the preallocation goes on after the short write, fails, and removes the partial
  // file; it never becomes a segment that appends would have to grow on a full disk
  // (docs/storage.md "Segments": appends inside a segment never change its size).
  await withTempDir(async (dir) => {
    let room = 12 * 1024;
    const fs = spareWritesThrough((write) => async (buf, offset, length, position) => {
      if (room === 0) throw enospc('write');
      const n = Math.min(length, room);
      room -= n;
      return write(buf, offset, n, position);
    });
    await assert.rejects(FileWal.open(dir, { fs, segmentBytes: 16 * 1024 }), (err: Error & { code?: string }) => err.code === 'STORAGE_IO_ERROR' && /ENOSPC/.test(err.message));
    assert.deepEqual(await readdir(dir), [], 'no short segment, no partial spare');
  });
});

test('open fsyncs every recovered segment and the directory before the WAL is used (records a killed process wrote but never fsynced are durable before the node votes or acknowledges on them)', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: 4096 });
    await wal.setHardState({ term: 3, votedFor: 2 });
    for (let i = 1; i <= 200; i += 10) await wal.append(entries(i, i + 9, 3));
    const segments = wal.segmentNames();
    assert.ok(segments.length >= 2, 'the WAL rolled');
    await wal.close();
    const synced = new Set<string>();
    const dirSyncs: string[] = [];
    const fs = {
      ...nodeStorageFs,
      async open(path: string, flags: string | number, mode?: number) {
        const h = await nodeStorageFs.open(path, flags, mode);
        return new Proxy(h, { get: (t, p, r) => (p === 'path' ? path : ((v) => (typeof v === 'function' ? v.bind(t) : v))(Reflect.get(t, p, r))) });
      },
      async sync(handle: Parameters<typeof nodeStorageFs.sync>[0]) {
        synced.add(String((handle as unknown as { path: string }).path).split('/').pop()!);
        await nodeStorageFs.sync(handle);
      },
      syncNow: undefined,
      async syncDir(d: string) {
        dirSyncs.push(d);
        await nodeStorageFs.syncDir(d);
      },
    } as typeof nodeStorageFs;
    const again = await FileWal.open(dir, { fs, segmentBytes: 4096 });
    try {
      assert.deepEqual(segments.filter((name) => !synced.has(name)), [], 'every segment fdatasynced at open');
      assert.ok(dirSyncs.includes(dir), 'the WAL directory fsynced at open');
      assert.deepEqual(again.hardState(), { term: 3, votedFor: 2 });
    } finally {
      await again.close();
    }
  });
});

test('an installed snapshot that discards a divergent log stays discarded after reopen, also when the segment before the snapshot index was deleted (the next segment starts right after it)', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: 4096 });
    await wal.setHardState({ term: 3, votedFor: 0 });
    // A follower's divergent log (term 1) spread over several segments, one record per 10 entries.
    for (let i = 1; i <= 600; i += 10) await wal.append(entries(i, i + 9, 1));
    const segs = wal.segmentNames();
    assert.ok(segs.length >= 3, `expected several segments, got ${segs.length}`);
    // The snapshot ends right before the second segment's first entry: that segment's first
    // record continues exactly at the snapshot index.
    const snapIndex = Number(segs[1]!.slice(0, 20)) - 1;
    // Snapshot (snapIndex, term 2) from the leader: the log's entry there is of term 1, so the
    // whole log is discarded (Raft §7), in memory at once.
    await wal.write({ compact: { index: snapIndex, term: 2 } });
    assert.equal(wal.lastIndex(), snapIndex);
    assert.ok(!wal.segmentNames().includes(segs[0]!), 'the first segment (entries up to the snapshot index) is deleted');
    await wal.close();

    const again = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.deepEqual(again.compactPoint(), { index: snapIndex, term: 2 });
    assert.equal(again.lastIndex(), snapIndex, 'the discarded divergent entries came back on recovery');
    assert.deepEqual(again.entries(snapIndex + 1, 1000), []);
    await again.close();
  });
});

test('a WAL written before discarding compactions recorded their TRUNCATE: entries after the compact point with a lower term (discarded by a snapshot install) are dropped at open, durably', async () => {
  await withTempDir(async (dir) => {
    // What an older raftctl left: the segment holding the snapshot's last entry (index 10)
    // deleted after COMPACT(10, term 2), the next segment starting at 11 with the divergent
    // entries of term 1 the install discarded, and no TRUNCATE after the COMPACT.
    const seg = Buffer.concat([
      encodeHardStateRecord({ term: 3, votedFor: 0 }),
      encodeEntriesRecord(entries(11, 20, 1).map(encodeEntry)),
      encodeCompactRecord(10, 2),
    ]);
    await writeFile(join(dir, '00000000000000000011.wal'), seg);
    const wal = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.deepEqual(wal.compactPoint(), { index: 10, term: 2 });
    assert.equal(wal.lastIndex(), 10, 'the divergent entries after the snapshot are back');
    await wal.close();
    const again = await FileWal.open(dir, { segmentBytes: 4096 });
    assert.equal(again.lastIndex(), 10);
    await again.append(entries(11, 12, 3));
    assert.deepEqual(ids(again.entries(11, 13)), [[11, 3], [12, 3]]);
    await again.close();
  });
});
