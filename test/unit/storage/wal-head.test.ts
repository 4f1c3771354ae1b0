// wal/HEAD (src/storage/wal/head.ts): a deleted or truncated newest WAL segment is refused (exit 7)
// instead of silently restarting without its entries, term and vote; every crash point of a segment roll and
// of recovery's repair still recovers; directories without HEAD (older raftctl) still open;
// compaction's deletions never trip the check; the roll pays one small atomic write, appends none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IntegrityError } from '../../../src/errors.js';
import { bootstrapWrite } from '../../../src/storage/data-dir/data-dir.js';
import { countingFs, nodeStorageFs } from '../../../src/storage/fs.js';
import { openNodeStorage } from '../../../src/storage/node-storage.js';
import { FileWal } from '../../../src/storage/wal/file-wal.js';
import { HEAD_NAME, HEAD_TMP_NAME } from '../../../src/storage/wal/head.js';
import { encodeHardStateRecord, readRecordAt } from '../../../src/storage/wal/record.js';
import type { ClusterConfiguration } from '../../../src/state-machine/types.js';
import { Crash, faultyFs, type FsOp } from './faulty-fs.js';
import { entries, withTempDir } from './helpers.js';

const SEGMENT = 4096;

async function segmentsOf(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.endsWith('.wal')).sort();
}

/** The segment name HEAD records (its first field; the second is the size). */
async function headOf(dir: string): Promise<string> {
  return (await readFile(join(dir, HEAD_NAME), 'latin1')).split(' ')[0]!;
}

/** A WAL of term 3 (voted for 2) over several segments, then term 4 (voted for 1) in the newest. */
async function rolledWal(dir: string): Promise<string[]> {
  const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
  await wal.setHardState({ term: 3, votedFor: 2 });
  for (let i = 1; i <= 400; i += 10) await wal.append(entries(i, i + 9, 3));
  await wal.setHardState({ term: 4, votedFor: 1 });
  await wal.close();
  const segs = await segmentsOf(dir);
  assert.ok(segs.length >= 3, `rolled: ${segs.join(' ')}`);
  assert.equal(await headOf(dir), segs.at(-1), 'HEAD names the newest segment');
  return segs;
}

function isCorruptNaming(file: string, pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof IntegrityError, `expected IntegrityError, got ${String(err)}`);
    assert.equal(err.code, 'CORRUPT');
    assert.equal(err.exitCode, 7);
    assert.equal(err.details?.file, file);
    assert.ok(err.message.includes(file), err.message);
    assert.match(err.message, pattern);
    return true;
  };
}

test('the newest segment deleted (or the newest two, or HEAD\'s segment between others) from a stopped node: refused with exit 7 naming it, nothing modified', async () => {
  for (const lost of ['newest', 'newest two', 'HEAD\'s, with a newer one left by a crash'] as const) {
    await withTempDir(async (dir) => {
      const segs = await rolledWal(dir);
      let missing = segs.at(-1)!;
      if (lost === 'newest') await unlink(join(dir, missing));
      if (lost === 'newest two') {
        await unlink(join(dir, segs.at(-1)!));
        await unlink(join(dir, segs.at(-2)!));
      }
      if (lost === 'HEAD\'s, with a newer one left by a crash') {
        // A roll killed before updating HEAD left a newer segment holding only its carry records;
        // then the segment HEAD names is deleted: the newer one does not say it existed, and no
        // gap in the indexes shows (it holds no entry).
        const seg = Buffer.alloc(SEGMENT);
        encodeHardStateRecord({ term: 4, votedFor: 1 }).copy(seg, 0);
        await writeFile(join(dir, '00000000000000000999.wal'), seg);
        await unlink(join(dir, missing));
      }
      const before = (await readdir(dir)).sort();
      await assert.rejects(FileWal.open(dir, { segmentBytes: SEGMENT }), isCorruptNaming(join(dir, missing), /missing/), lost);
      assert.deepEqual((await readdir(dir)).sort(), before, `${lost}: a refused open modifies nothing`);
    });
  }
});

test('through openNodeStorage (a node restart): the lost newest segment is refused with exit 7 and the LOCK is released', async () => {
  const config: ClusterConfiguration = { voters: [1], votersOutgoing: [], learners: [], addresses: { 1: '127.0.0.1:7001' } };
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    const ns = await openNodeStorage(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: config }, segmentBytes: SEGMENT, initialWrite: bootstrapWrite(config) });
    await ns.log.setHardState({ term: 2, votedFor: 1 });
    for (let i = 2; i <= 300; i += 10) await ns.log.append(entries(i, i + 9, 2));
    await ns.close();
    const walDir = join(path, 'wal');
    const newest = (await segmentsOf(walDir)).at(-1)!;
    await unlink(join(walDir, newest));
    await assert.rejects(openNodeStorage(path, { nodeId: 1, intent: { kind: 'restart' }, segmentBytes: SEGMENT }), isCorruptNaming(join(walDir, newest), /newest WAL segment is missing/));
    assert.ok(!(await readdir(path)).includes('LOCK'), 'LOCK released');
  });
});

test('the newest segment truncated (at a record boundary, inside a record, or to a few bytes): refused with exit 7 naming it, nothing modified; a segment grown past its preallocated size by a large record is fine', async () => {
  for (const cut of ['at a record boundary', 'inside a record', 'to 5 bytes'] as const) {
    await withTempDir(async (dir) => {
      const segs = await rolledWal(dir);
      const path = join(dir, segs.at(-1)!);
      const buf = await readFile(path);
      const ends: number[] = [];
      for (let off = 0, r = readRecordAt(buf, 0, buf.length); r.ok; off = r.next, r = readRecordAt(buf, off, buf.length)) ends.push(r.next);
      assert.ok(ends.length >= 3, `records in the newest segment: ${ends.length}`);
      const at = cut === 'at a record boundary' ? ends.at(-2)! : cut === 'inside a record' ? ends.at(-1)! - 3 : 5;
      await writeFile(path, buf.subarray(0, at));
      await assert.rejects(FileWal.open(dir, { segmentBytes: SEGMENT }), isCorruptNaming(path, /truncated/), cut);
      assert.equal((await readFile(path)).length, at, `${cut}: a refused open modifies nothing`);
    });
  }
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
    await wal.setHardState({ term: 1, votedFor: 1 });
    await wal.append(entries(1, 5, 1));
    await wal.append([{ index: 6, term: 1, payload: { type: 'command', data: Buffer.alloc(3 * SEGMENT, 7) } }]);
    await wal.append(entries(7, 9, 1));
    await wal.close();
    const again = await FileWal.open(dir, { segmentBytes: SEGMENT });
    assert.equal(again.lastIndex(), 9);
    await again.close();
  });
});

/**
 * The steps of a roll, in order (file-wal.ts `roll`), each a crash point: `at` returns true at the
 * operation the process is killed before. Armed once the WAL is open and the first append is durable.
 */
function rollCrashPoints(): { name: string; at: () => (op: FsOp) => boolean }[] {
  /** The first op of `kind` on a name matching `name`, after `after` (a previous step) happened. */
  const step = (kind: FsOp['kind'], name: RegExp, after?: (op: FsOp) => boolean) => () => {
    let ready = after === undefined;
    return (op: FsOp): boolean => {
      if (!ready) {
        ready = after!(op);
        return false;
      }
      return op.kind === kind && name.test(op.name);
    };
  };
  const segRename = (op: FsOp) => op.kind === 'rename' && /\.wal$/.test(op.name);
  const headRename = (op: FsOp) => op.kind === 'rename' && op.name === HEAD_NAME;
  return [
    { name: 'carry records written to the spare, before its rename', at: step('rename', /\.wal$/) },
    { name: 'segment renamed, before the directory fsync', at: step('syncDir', /./, segRename) },
    { name: 'segment durable, before HEAD.tmp is created', at: step('open', /^HEAD\.tmp$/) },
    { name: 'HEAD.tmp written, before its fdatasync', at: step('sync', /^HEAD\.tmp$/) },
    { name: 'HEAD.tmp durable, before its rename', at: step('rename', /^HEAD$/) },
    { name: 'HEAD renamed, before the directory fsync', at: step('syncDir', /./, headRename) },
    { name: 'roll done, before the first record in the new segment', at: step('fd', /^spare\.tmp$/, headRename) },
  ];
}

test('kill -9 at every step of a segment roll: the restart recovers every acknowledged write and the vote, HEAD names the newest segment, and losing that segment afterwards is refused', async () => {
  for (const point of rollCrashPoints()) {
    await withTempDir(async (dir) => {
      let armed = false;
      const at = point.at();
      const fs = faultyFs(Infinity, 'crash', (op) => armed && at(op));
      const wal = await FileWal.open(dir, { fs, segmentBytes: SEGMENT });
      await wal.setHardState({ term: 5, votedFor: 3 });
      let acked = 0;
      armed = true;
      let crash: unknown = null;
      for (let i = 1; crash === null && i <= 2000; i += 10) {
        try {
          await wal.append(entries(i, i + 9, 5));
          acked = i + 9;
        } catch (err) {
          crash = err;
        }
      }
      assert.ok(crash instanceof Crash || (crash as { cause?: unknown } | null)?.cause instanceof Crash, `${point.name}: the crash point was reached (${String(crash)})`);
      assert.ok(acked > 0, `${point.name}: something was acknowledged before the roll`);
      await wal.close().catch(() => undefined);
      await fs.exit();

      const again = await FileWal.open(dir, { segmentBytes: SEGMENT });
      try {
        assert.deepEqual(again.hardState(), { term: 5, votedFor: 3 }, point.name);
        assert.ok(again.lastIndex() >= acked, `${point.name}: acknowledged ${acked}, recovered ${again.lastIndex()}`);
        assert.equal(again.term(acked), 5, point.name);
        assert.ok(!(await readdir(dir)).includes(HEAD_TMP_NAME), `${point.name}: HEAD.tmp removed`);
        assert.equal(await headOf(dir), (await segmentsOf(dir)).at(-1), `${point.name}: HEAD advanced to the newest segment`);
        await again.append(entries(again.lastIndex() + 1, again.lastIndex() + 5, 5));
      } finally {
        await again.close();
      }
      const newest = (await segmentsOf(dir)).at(-1)!;
      await unlink(join(dir, newest));
      await assert.rejects(FileWal.open(dir, { segmentBytes: SEGMENT }), isCorruptNaming(join(dir, newest), /missing/), point.name);
    });
  }
});

test('recovery\'s repair moves HEAD back before deleting the empty segments after a torn tail: killed in between, the next open still recovers', async () => {
  // Before any term or compact point a roll carries nothing, so a torn record followed by empty
  // segments is a torn tail (recover.ts): those segments are deleted. HEAD named the last of them.
  const build = async (dir: string): Promise<{ torn: string; later: string[] }> => {
    const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
    for (let i = 1; i <= 120; i += 10) await wal.append(entries(i, i + 9, 0));
    await wal.close();
    const torn = (await segmentsOf(dir)).at(-1)!;
    const buf = await readFile(join(dir, torn));
    let off = 0;
    for (let r = readRecordAt(buf, off, buf.length); r.ok; r = readRecordAt(buf, off, buf.length)) off = r.next;
    buf.fill(0x5a, off, off + 20); // a torn write after the last record
    await writeFile(join(dir, torn), buf);
    const later = ['00000000000000000900.wal', '00000000000000000901.wal'];
    for (const name of later) await writeFile(join(dir, name), Buffer.alloc(SEGMENT));
    await writeFile(join(dir, HEAD_NAME), `${later.at(-1)} ${SEGMENT}\n`);
    return { torn, later };
  };
  for (const killed of [false, true]) {
    await withTempDir(async (dir) => {
      const { torn, later } = await build(dir);
      if (killed) {
        // Killed at the repair's first unlink: HEAD already names the torn segment.
        const fs = faultyFs(Infinity, 'crash', (op) => op.kind === 'unlink' && later.includes(op.name));
        await assert.rejects(FileWal.open(dir, { fs, segmentBytes: SEGMENT }));
        await fs.exit();
        assert.equal(await headOf(dir), torn, 'HEAD moved back before any deletion');
        assert.deepEqual((await segmentsOf(dir)).slice(-2), later, 'nothing deleted yet');
      }
      const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
      try {
        assert.equal(wal.lastIndex(), 120);
        assert.notEqual(wal.recovery.tornTail, null);
        assert.equal(await headOf(dir), torn);
        assert.equal((await segmentsOf(dir)).at(-1), torn, 'the empty later segments are deleted');
      } finally {
        await wal.close();
      }
    });
  }
});

test('a WAL written without HEAD (an older raftctl) opens and gets one; a HEAD older than every segment (left behind by an older raftctl\'s rolls and compaction) is advanced', async () => {
  await withTempDir(async (dir) => {
    const segs = await rolledWal(dir);
    await rm(join(dir, HEAD_NAME));
    const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
    assert.equal(wal.lastIndex(), 400);
    assert.deepEqual(wal.hardState(), { term: 4, votedFor: 1 });
    await wal.close();
    assert.equal(await headOf(dir), segs.at(-1));

    await writeFile(join(dir, HEAD_NAME), `00000000000000000000.wal ${SEGMENT}\n`);
    const again = await FileWal.open(dir, { segmentBytes: SEGMENT });
    assert.equal(again.lastIndex(), 400);
    await again.close();
    assert.equal(await headOf(dir), segs.at(-1));
  });
});

test('a damaged HEAD (emptied, garbage, no newline, no size, a negative size) is refused with exit 7 naming it; a leftover HEAD.tmp is removed', async () => {
  for (const content of ['', 'garbage\n', '00000000000000000001.wal 4096', '00000000000000000001.wal\n', '00000000000000000001.wal -1\n']) {
    await withTempDir(async (dir) => {
      await rolledWal(dir);
      await writeFile(join(dir, HEAD_NAME), content);
      await assert.rejects(FileWal.open(dir, { segmentBytes: SEGMENT }), isCorruptNaming(join(dir, HEAD_NAME), /HEAD does not name a WAL segment/), JSON.stringify(content));
    });
  }
  await withTempDir(async (dir) => {
    const segs = await rolledWal(dir);
    await writeFile(join(dir, HEAD_TMP_NAME), '000000');
    const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
    await wal.close();
    assert.ok(!(await readdir(dir)).includes(HEAD_TMP_NAME));
    assert.equal(await headOf(dir), segs.at(-1));
  });
});

test('compaction deleting old segments never trips the check; a roll costs one HEAD write (two renames, each with its directory fsync), an append without a roll none', async () => {
  await withTempDir(async (dir) => {
    const fs = countingFs(nodeStorageFs);
    const wal = await FileWal.open(dir, { fs, segmentBytes: SEGMENT });
    await wal.setHardState({ term: 2, votedFor: 1 });
    let rolls = 0;
    for (let i = 1; i <= 1200; i += 10) {
      const segsBefore = wal.segmentNames().at(-1);
      const renames = fs.counters.renames;
      const dirSyncs = fs.counters.dirSyncs;
      await wal.append(entries(i, i + 9, 2));
      const rolled = wal.segmentNames().at(-1) !== segsBefore;
      if (rolled) rolls++;
      assert.equal(fs.counters.renames - renames, rolled ? 2 : 0, `append ${i}: renames`);
      assert.equal(fs.counters.dirSyncs - dirSyncs, rolled ? 2 : 0, `append ${i}: directory fsyncs`);
      if (i % 100 === 91) await wal.compact(i, 2);
    }
    assert.ok(rolls >= 5, `${rolls} rolls`);
    await wal.close();
    const segs = await segmentsOf(dir);
    assert.ok(!segs.includes('00000000000000000001.wal'), 'compaction deleted old segments');
    assert.equal(await headOf(dir), segs.at(-1));
    const again = await FileWal.open(dir, { segmentBytes: SEGMENT });
    assert.equal(again.lastIndex(), 1200);
    assert.equal(again.compactPoint().index, 1191);
    await again.close();
  });
});

// Power loss while an open writes HEAD. After a kill -9 the page cache still holds writes and
// renames that were never fsynced, so an open reads them; a power loss during that open may still
// take them away (POSIX orders none of them), while HEAD, once renamed, may stay. HEAD must name
// only what is durable, or the start after the power loss is refused as a lost or truncated
// segment that no crash can produce.

/** The first `syncDir` after HEAD's rename: HEAD is renamed, its directory not yet fsynced. */
function afterHeadRename(): (op: FsOp) => boolean {
  let renamed = false;
  return (op) => {
    if (renamed && op.kind === 'syncDir') return true;
    if (op.kind === 'rename' && op.name === HEAD_NAME) renamed = true;
    return false;
  };
}

test('power loss while an open writes HEAD (no HEAD before: an older raftctl) for a newest segment grown past its preallocated size by a write never fsynced: the next open recovers instead of refusing the segment as truncated', async () => {
  await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { segmentBytes: SEGMENT });
    await wal.setHardState({ term: 1, votedFor: 1 });
    await wal.append(entries(1, 5, 1));
    await wal.append([{ index: 6, term: 1, payload: { type: 'command', data: Buffer.alloc(3 * SEGMENT, 7) } }]);
    await wal.close();
    await rm(join(dir, HEAD_NAME)); // written by a raftctl without HEAD
    const grown = (await segmentsOf(dir)).at(-1)!;
    const path = join(dir, grown);
    const buf = await readFile(path);
    assert.ok(buf.length > SEGMENT, `the record grew the segment: ${buf.length} bytes`);
    // That raftctl was killed -9 before the large record's fdatasync: durable are the preallocated
    // size and the carry records before the record, the rest lives in the page cache only.
    let big = 0;
    for (let r = readRecordAt(buf, 0, buf.length); r.ok && r.next <= SEGMENT; r = readRecordAt(buf, big, buf.length)) big = r.next;
    const durable = Buffer.alloc(SEGMENT);
    buf.copy(durable, 0, 0, big);

    const ops: FsOp[] = [];
    const stop = afterHeadRename();
    const fs = faultyFs(Infinity, 'crash', (op) => {
      ops.push(op);
      return stop(op);
    });
    await assert.rejects(FileWal.open(dir, { fs, segmentBytes: SEGMENT }));
    await fs.exit();
    assert.notEqual(await readFile(join(dir, HEAD_NAME), 'latin1').catch(() => null), null, 'HEAD was renamed into place before the kill');
    // The power loss: the segment's growth is gone unless this open fdatasynced it (the last op is
    // the one the process was killed before).
    if (!ops.slice(0, -1).some((o) => o.kind === 'sync' && o.name === grown)) await writeFile(path, durable);

    const again = await FileWal.open(dir, { segmentBytes: SEGMENT });
    try {
      assert.ok(again.lastIndex() >= 5, `recovered ${again.lastIndex()}`);
      assert.deepEqual(again.hardState(), { term: 1, votedFor: 1 });
    } finally {
      await again.close();
    }
  });
});

test('power loss while an open advances HEAD over a segment whose rename a killed roll left without its directory fsync: the next open recovers instead of refusing the segment as missing', async () => {
  await withTempDir(async (dir) => {
    // A roll killed -9 after renaming the spare into the new segment, before fsyncing wal/.
    let armed = false;
    let renamed = '';
    const segDirSync = (op: FsOp): boolean => {
      if (renamed === '' && op.kind === 'rename' && op.name.endsWith('.wal')) renamed = op.name;
      else if (renamed !== '' && op.kind === 'syncDir') return true;
      return false;
    };
    const fs1 = faultyFs(Infinity, 'crash', (op) => armed && segDirSync(op));
    const wal = await FileWal.open(dir, { fs: fs1, segmentBytes: SEGMENT });
    await wal.setHardState({ term: 5, votedFor: 3 });
    armed = true;
    let acked = 0;
    for (let i = 1; i <= 2000; i += 10) {
      try {
        await wal.append(entries(i, i + 9, 5));
        acked = i + 9;
      } catch {
        break;
      }
    }
    await wal.close().catch(() => undefined);
    await fs1.exit();
    assert.notEqual(renamed, '', 'the roll renamed a segment');
    assert.ok(acked > 0);

    // The restart advances HEAD to that segment and is killed right after HEAD's rename.
    const fs2 = faultyFs(Infinity, 'crash', afterHeadRename());
    await assert.rejects(FileWal.open(dir, { fs: fs2, segmentBytes: SEGMENT }));
    await fs2.exit();
    assert.equal(await headOf(dir), renamed, 'HEAD names the new segment');
    // The power loss: wal/ was never fsynced after the segment's rename, so that rename may be
    // lost while HEAD's is kept (POSIX orders neither against the other).
    if (!fs2.log.some((l) => l.startsWith('syncDir '))) await rename(join(dir, renamed), join(dir, 'spare.tmp'));

    const again = await FileWal.open(dir, { segmentBytes: SEGMENT });
    try {
      assert.deepEqual(again.hardState(), { term: 5, votedFor: 3 });
      assert.ok(again.lastIndex() >= acked, `acknowledged ${acked}, recovered ${again.lastIndex()}`);
    } finally {
      await again.close();
    }
  });
});
