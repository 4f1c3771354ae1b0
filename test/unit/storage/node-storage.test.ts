// End to end through storage and the state machine: bootstrap, apply, snapshot + compaction by
// policy, restart from the data directory alone, rebuild the same state from snapshot + log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, IntegrityError } from '../../../src/errors.js';
import { bootstrapWrite } from '../../../src/storage/data-dir/data-dir.js';
import { toApplyEntry } from '../../../src/storage/entry-codec.js';
import type { LogStorage } from '../../../src/storage/log-storage.js';
import { loadRestoredState, openNodeStorage } from '../../../src/storage/node-storage.js';
import { nodeStorageFs, type StorageFs } from '../../../src/storage/fs.js';
import { checkSnapshotPolicy, compactionTarget, createSnapshotAndCompact, DEFAULT_MAX_LOG_BYTES, snapshotDue } from '../../../src/storage/snapshot/snapshot-policy.js';
import { encodeWriteCommand } from '../../../src/state-machine/command.js';
import { KvStateMachine } from '../../../src/state-machine/kv-state-machine.js';
import type { ClusterConfiguration } from '../../../src/state-machine/types.js';
import { withTempDir } from './helpers.js';

const config: ClusterConfiguration = { voters: [1], votersOutgoing: [], learners: [], addresses: { 1: '127.0.0.1:7001' } };
const T0 = 1_700_000_000_000;

function applyFromLog(sm: KvStateMachine, log: LogStorage): void {
  for (const e of log.entries(sm.appliedIndex + 1, log.lastIndex() + 1)) sm.apply(toApplyEntry(e));
}

const MiB = 1024 * 1024;

test('policy helpers: due every N entries, compaction keeps a tail', () => {
  const policy = { everyEntries: 100, keepLogEntries: 10 };
  assert.equal(snapshotDue(99, 0, policy), false);
  assert.equal(snapshotDue(100, 0, policy), true);
  assert.equal(snapshotDue(1000, 0, { everyEntries: 0, keepLogEntries: 0 }), false);
  assert.equal(compactionTarget(100, policy), 90);
  assert.equal(compactionTarget(5, policy), 0);
  // With entry sizes, the kept tail also fits in maxLogBytes (at least one entry is kept).
  assert.equal(compactionTarget(100, policy, () => 300), 90);
  assert.equal(compactionTarget(100, { ...policy, maxLogBytes: 3 * MiB }, () => MiB), 97, 'three 1 MiB entries fit in 3 MiB');
  assert.equal(compactionTarget(100, { ...policy, maxLogBytes: MiB }, () => 5 * MiB), 99, 'an entry over the budget alone is still kept');
  assert.equal(compactionTarget(100, { ...policy, keepLogEntries: 0 }, () => 1), 100);
});

test('policy: with the log growth known, a snapshot also waits until the log since the last one is as large as it (dissertation §5.1.3) or reaches maxLogBytes', () => {
  const policy = { everyEntries: 100, keepLogEntries: 10 };
  assert.equal(snapshotDue(99, 0, policy, { logBytes: 60_000, snapshotBytes: 0 }), false, 'below the byte cap the entry count comes first');
  assert.equal(snapshotDue(99, 0, policy, { logBytes: DEFAULT_MAX_LOG_BYTES, snapshotBytes: 0 }), true, 'the byte cap needs no entry count: 10 000 entries of 1 MiB would be 10 GB held in memory');
  assert.equal(snapshotDue(3, 0, policy, { logBytes: DEFAULT_MAX_LOG_BYTES, snapshotBytes: 1e9 }), false, 'without the entry count, a state over the cap waits for a log as large as itself');
  assert.equal(snapshotDue(3, 0, policy, { logBytes: 1e9, snapshotBytes: 1e9 }), true, '(a snapshot every 64 MiB would rewrite a 1 GB state 16 times per GB written)');
  assert.equal(snapshotDue(100, 100, policy, { logBytes: DEFAULT_MAX_LOG_BYTES, snapshotBytes: 0 }), false, 'nothing applied since the last snapshot');
  assert.equal(snapshotDue(100, 0, { ...policy, everyEntries: 0 }, { logBytes: 1e12, snapshotBytes: 0 }), false, 'everyEntries 0: only on demand');
  assert.equal(snapshotDue(100, 0, policy, { logBytes: 5_000, snapshotBytes: 0 }), true, 'no snapshot yet: entries decide');
  assert.equal(snapshotDue(500, 100, policy, { logBytes: 999_999, snapshotBytes: 1_000_000 }), false, 'log smaller than the last snapshot');
  assert.equal(snapshotDue(500, 100, policy, { logBytes: 1_000_000, snapshotBytes: 1_000_000 }), true);
  assert.equal(snapshotDue(500, 100, { ...policy, logToSnapshotRatio: 2 }, { logBytes: 1_500_000, snapshotBytes: 1_000_000 }), false);
  assert.equal(snapshotDue(500, 100, { ...policy, logToSnapshotRatio: 0 }, { logBytes: 1, snapshotBytes: 1_000_000 }), true, 'ratio 0 = entries only');
  assert.equal(snapshotDue(500, 100, { ...policy, maxLogBytes: 4096 }, { logBytes: 4096, snapshotBytes: 1e9 }), true, 'the byte cap bounds the log whatever the state size');
  assert.equal(snapshotDue(500, 100, policy, { logBytes: DEFAULT_MAX_LOG_BYTES, snapshotBytes: 1e12 }), true);
  assert.throws(() => checkSnapshotPolicy({ ...policy, logToSnapshotRatio: -1 }), ConfigError);
  assert.throws(() => checkSnapshotPolicy({ ...policy, maxLogBytes: 0 }), ConfigError);
});

test('bootstrap → writes → snapshot + compaction → restart rebuilds the same state', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'node1');
    const policy = { everyEntries: 150, keepLogEntries: 20 };
    const ns = await openNodeStorage(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: config }, segmentBytes: 8192 });
    assert.equal(ns.dataDir.created, true);
    await ns.log.write(bootstrapWrite(config));
    const sm = new KvStateMachine();
    applyFromLog(sm, ns.log);
    let lastSnapshot = 0;
    for (let i = 2; i <= 400; i++) {
      const command = encodeWriteCommand({ op: 'insert', key: Buffer.from(`k/${i % 97}`), value: Buffer.from(`v${i}`), ttlSecs: i % 10 === 0 ? 30 : 0 });
      await ns.log.append([{ index: i, term: 1, payload: { type: 'command', data: command }, proposedAtUnixMs: T0 + i }]);
      applyFromLog(sm, ns.log);
      if (snapshotDue(sm.appliedIndex, lastSnapshot, policy)) {
        const r = await createSnapshotAndCompact(sm.beginSnapshot(), ns.snapshots, ns.log, policy);
        lastSnapshot = r.snapshot.index;
        assert.deepEqual(r.compactedTo, { index: r.snapshot.index - 20, term: 1 });
      }
    }
    assert.equal(lastSnapshot, 300);
    assert.equal(ns.log.firstIndex(), 281);
    const expected = sm.scan(Buffer.alloc(0), T0);
    await ns.close();

    // Restart from the data directory alone.
    const again = await openNodeStorage(path, { nodeId: 1, intent: { kind: 'restart' }, segmentBytes: 8192 });
    assert.equal(again.dataDir.created, false);
    const loaded = await loadRestoredState(again.log, again.snapshots);
    assert.deepEqual([loaded.snapshot?.index, loaded.snapshot?.term], [300, 1]);
    assert.deepEqual(loaded.snapshot?.configuration, config);
    assert.deepEqual([loaded.entries[0]?.index, loaded.entries.at(-1)?.index], [301, 400]);
    const sm2 = new KvStateMachine();
    await sm2.restore(loaded.snapshot!, again.snapshots.records(loaded.snapshotFile!));
    for (const e of loaded.entries) sm2.apply(toApplyEntry(e));
    assert.equal(sm2.appliedIndex, 400);
    assert.deepEqual(sm2.scan(Buffer.alloc(0), T0), expected);
    assert.deepEqual(sm2.configuration, config);
    assert.equal((await again.snapshots.list()).length, 2, 'retain count 2');
    await again.close();
  });
});

test('a log compacted beyond the latest snapshot is refused as corruption', async () => {
  await withTempDir(async (root) => {
    const ns = await openNodeStorage(join(root, 'n'), { nodeId: 1, intent: { kind: 'bootstrap', configuration: config }, segmentBytes: 8192 });
    await ns.log.write(bootstrapWrite(config));
    for (let i = 2; i <= 10; i++) await ns.log.append([{ index: i, term: 1, payload: { type: 'noop' } }]);
    assert.equal((await loadRestoredState(ns.log, ns.snapshots)).entries.length, 10);
    await ns.log.compact(5, 1);
    await assert.rejects(loadRestoredState(ns.log, ns.snapshots), IntegrityError);
    // The message names the snapshot directory the runtime passes (it said "snap/" only).
    await assert.rejects(loadRestoredState(ns.log, ns.snapshots, ns.dataDir.snapDir), (err: unknown) => {
      assert.ok(err instanceof IntegrityError && err.exitCode === 7);
      assert.equal(err.details?.file, ns.dataDir.snapDir);
      assert.ok(err.message.includes(ns.dataDir.snapDir), err.message);
      return true;
    });
    await ns.close();
  });
});

test('a corrupt WAL refuses to open and releases the LOCK', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'node1');
    const ns = await openNodeStorage(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: config }, segmentBytes: 8192 });
    await ns.log.write(bootstrapWrite(config));
    for (let i = 2; i <= 5; i++) await ns.log.append([{ index: i, term: 1, payload: { type: 'noop' } }]);
    await ns.close();
    const seg = join(path, 'wal', (await readdir(join(path, 'wal'))).find((n) => n.endsWith('.wal'))!);
    const buf = await readFile(seg);
    buf[20]! ^= 0xff; // inside the first record; valid records follow
    await writeFile(seg, buf);
    await assert.rejects(openNodeStorage(path, { nodeId: 1, intent: { kind: 'restart' }, segmentBytes: 8192 }), (err: unknown) => {
      assert.ok(err instanceof IntegrityError);
      assert.equal(err.exitCode, 7);
      assert.equal(err.details?.file, seg);
      return true;
    });
    assert.ok(!(await readdir(path)).includes('LOCK'), 'LOCK left behind after a failed open');
  });
});

test('a path of the data directory replaced by one of the wrong type (a directory for FORMAT, LOCK, a segment, wal/HEAD, a snapshot or a temporary file\'s name; a file for wal/ or snap/) is refused as corruption (exit 7) naming it, not an I/O error (exit 1) naming nothing', async () => {
  const cases: { what: string; path: (dir: string, seg: string, snap: string) => string; as: 'dir' | 'file' }[] = [
    { what: 'FORMAT', path: (d) => join(d, 'FORMAT'), as: 'dir' },
    { what: 'LOCK', path: (d) => join(d, 'LOCK'), as: 'dir' },
    { what: 'a segment', path: (d, seg) => join(d, 'wal', seg), as: 'dir' },
    { what: 'wal/HEAD', path: (d) => join(d, 'wal', 'HEAD'), as: 'dir' },
    { what: 'the latest snapshot', path: (d, _s, snap) => join(d, 'snap', snap), as: 'dir' },
    { what: 'wal/', path: (d) => join(d, 'wal'), as: 'file' },
    { what: 'snap/', path: (d) => join(d, 'snap'), as: 'file' },
    { what: 'wal/spare.tmp', path: (d) => join(d, 'wal', 'spare.tmp'), as: 'dir' },
    { what: 'wal/HEAD.tmp', path: (d) => join(d, 'wal', 'HEAD.tmp'), as: 'dir' },
    { what: 'a snapshot .part', path: (d) => join(d, 'snap', '9-1.snap.1.1.part'), as: 'dir' },
  ];
  for (const c of cases) {
    await withTempDir(async (root) => {
      const dir = join(root, 'node1');
      const ns = await openNodeStorage(dir, { nodeId: 1, intent: { kind: 'bootstrap', configuration: config }, segmentBytes: 8192, initialWrite: bootstrapWrite(config) });
      for (let i = 2; i <= 5; i++) await ns.log.append([{ index: i, term: 1, payload: { type: 'noop' } }]);
      const sm = new KvStateMachine();
      applyFromLog(sm, ns.log);
      const snap = (await createSnapshotAndCompact(sm.beginSnapshot(), ns.snapshots, ns.log, { everyEntries: 1, keepLogEntries: 2 })).snapshot;
      await ns.close();
      const seg = (await readdir(join(dir, 'wal'))).find((n) => n.endsWith('.wal'))!;
      const path = c.path(dir, seg, snap.name);
      await rm(path, { recursive: true, force: true });
      if (c.as === 'dir') await mkdir(path);
      else await writeFile(path, 'x');
      const restart = async () => {
        const again = await openNodeStorage(dir, { nodeId: 1, intent: { kind: 'restart' }, segmentBytes: 8192 });
        try {
          await loadRestoredState(again.log, again.snapshots);
          await again.snapshots.header((await again.snapshots.latest())!);
        } finally {
          await again.close();
        }
      };
      await assert.rejects(restart(), (err: unknown) => {
        assert.ok(err instanceof IntegrityError, `${c.what}: ${String(err)}`);
        assert.equal(err.exitCode, 7);
        assert.equal(err.details?.file, path, c.what);
        assert.ok(err.message.includes(path), err.message);
        return true;
      }, c.what);
    });
  }
});

test('discardCreated (a failed first start) leaves a directory the same command starts again, whichever step a crash stops it at', async () => {
  const bootstrap = { kind: 'bootstrap', configuration: config } as const;
  // "Crash" = the discard stops at its n-th unlink: before or after FORMAT went, or part-way
  // through the files.
  for (let crashAt = 1; crashAt <= 4; crashAt++) {
    await withTempDir(async (root) => {
      const path = join(root, 'n1');
      let armed = false;
      let unlinks = 0;
      const fs: StorageFs = {
        ...nodeStorageFs,
        async unlink(p: string): Promise<void> {
          if (armed && ++unlinks === crashAt) throw new Error(`crash at unlink ${crashAt}`);
          await nodeStorageFs.unlink(p);
        },
      };
      const first = await openNodeStorage(path, { nodeId: 1, intent: bootstrap, fs, initialWrite: bootstrapWrite(config) });
      assert.equal(first.log.lastIndex(), 1, 'the initial write is in the log before FORMAT');
      armed = true;
      await first.discardCreated().catch(() => undefined);
      // The crashed process's LOCK would be stale for the next one; this process still owns it.
      await rm(join(path, 'LOCK'), { force: true });
      const again = await openNodeStorage(path, { nodeId: 1, intent: bootstrap, initialWrite: bootstrapWrite(config) });
      try {
        assert.equal(again.log.lastIndex(), 1, `crash at unlink ${crashAt}: started afresh by the same command`);
        assert.deepEqual(again.log.hardState(), { term: 1, votedFor: 0 });
      } finally {
        await again.close();
      }
    });
  }
});

test('FORMAT is written only after the initial write is durable: a first start stopped before FORMAT is started afresh; FORMAT over emptied or zeroed segments is refused (exit 7), whatever the flags', async () => {
  const bootstrap = { kind: 'bootstrap', configuration: config } as const;
  const fresh = (path: string) => openNodeStorage(path, { nodeId: 1, intent: bootstrap, initialWrite: bootstrapWrite(config) });
  await withTempDir(async (root) => {
    // A first start that stopped between its initial write and FORMAT.
    const unfinished = join(root, 'unfinished');
    await (await fresh(unfinished)).close();
    await rm(join(unfinished, 'FORMAT'));
    const started = await fresh(unfinished);
    assert.equal(started.log.lastIndex(), 1);
    await started.close();

    // A FORMAT.tmp left by a commitFormat cut before its rename is removed.
    await writeFile(join(unfinished, 'FORMAT.tmp'), '{"format":1');
    await (await openNodeStorage(unfinished, { nodeId: 1, intent: { kind: 'restart' } })).close();
    assert.equal((await readdir(unfinished)).includes('FORMAT.tmp'), false);

    // The same, with the initial write torn by a power loss (its last record cut): started afresh too.
    const torn = join(root, 'torn');
    await (await fresh(torn)).close();
    await rm(join(torn, 'FORMAT'));
    const [segment] = (await readdir(join(torn, 'wal'))).filter((n) => n.endsWith('.wal'));
    const bytes = await readFile(join(torn, 'wal', segment!));
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    bytes.fill(0, end - 4, end); // the hard state record's last bytes never reached the disk
    await writeFile(join(torn, 'wal', segment!), bytes);
    const restarted = await fresh(torn);
    assert.equal(restarted.log.lastIndex(), 1);
    await restarted.close();

    // A first start without an initial write (a joining node) still records its hard state before FORMAT.
    const joining = join(root, 'joining');
    const joinIntent = { kind: 'join', clusterId: 'c1' } as const;
    await (await openNodeStorage(joining, { nodeId: 4, intent: joinIntent })).close();
    const rejoined = await openNodeStorage(joining, { nodeId: 4, intent: { kind: 'restart' } });
    assert.deepEqual(rejoined.log.hardState(), { term: 0, votedFor: 0 });
    await rejoined.close();

    // The same without FORMAT, but the node had voted: not a first start's writes.
    const voted = join(root, 'voted');
    const v = await fresh(voted);
    await v.log.write({ hardState: { term: 2, votedFor: 1 } });
    await v.close();
    await rm(join(voted, 'FORMAT'));
    await assert.rejects(fresh(voted), (e: unknown) => e instanceof IntegrityError && e.exitCode === 7);

    // A served node whose segments were emptied, or zeroed: its term and vote are gone.
    for (const damage of ['emptied', 'zeroed'] as const) {
      const path = join(root, damage);
      const n = await fresh(path);
      await n.log.write({ hardState: { term: 5, votedFor: 1 } });
      await n.close();
      for (const name of await readdir(join(path, 'wal'))) {
        const file = join(path, 'wal', name);
        await writeFile(file, damage === 'emptied' ? Buffer.alloc(0) : Buffer.alloc((await readFile(file)).length));
      }
      for (const intent of [{ kind: 'restart' } as const, bootstrap]) {
        await assert.rejects(openNodeStorage(path, { nodeId: 1, intent, initialWrite: bootstrapWrite(config) }), (e: unknown) => {
          assert.ok(e instanceof IntegrityError && e.exitCode === 7, String(e));
          assert.match((e as Error).message, /holds no record/);
          return true;
        }, `${damage}, ${intent.kind}`);
      }
    }
  });
});

test('a WAL this user may not write (EACCES: wal/ left owned by another user) stops the start with a usage error (exit 2) naming the segment, whose hint says to fix the ownership; the LOCK is released', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'node1');
    const ns = await openNodeStorage(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: config }, segmentBytes: 8192, initialWrite: bootstrapWrite(config) });
    await ns.close();
    const fs: StorageFs = {
      ...nodeStorageFs,
      async open(p, flags, mode) {
        if (p.includes('/wal/') && flags !== 'r') throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
        return nodeStorageFs.open(p, flags, mode);
      },
    };
    await assert.rejects(openNodeStorage(path, { nodeId: 1, intent: { kind: 'restart' }, segmentBytes: 8192, fs }), (err: Error & { code?: string; exitCode?: number; hint?: string }) => {
      // The user's permissions, like a --data-dir the OS refuses (exit 2), not "a bug" (exit 1).
      assert.equal(err.code, 'USAGE');
      assert.equal(err.exitCode, 2);
      assert.match(err.message, /EACCES/);
      assert.match(err.message, /wal\/0+1\.wal/);
      assert.match(err.hint ?? '', /chown -R/);
      return true;
    });
    assert.ok(!(await readdir(path)).includes('LOCK'), 'the LOCK is released');
  });
});

/**
 * Scenario: createSnapshotAndCompact's snapshot is durable, but deleting an old snapshot file
 * fails (EIO on unlink). Expected: as in the runtime (RaftNode.snapshot), the call still
 * compacts the log behind the new snapshot and resolves, reporting the failure as
 * `retentionError`; it used to reject before compacting, so a policy loop wrote a new file on
 * every retry and never compacted (STORAGE.md "Snapshot files": the log behind it is compacted).
 */
test('createSnapshotAndCompact: a retention that fails (an old file cannot be deleted) neither fails the durable snapshot nor skips the compaction', async () => {
  await withTempDir(async (root) => {
    const ns = await openNodeStorage(join(root, 'n'), { nodeId: 1, intent: { kind: 'bootstrap', configuration: config }, segmentBytes: 8192, retainSnapshots: 1 });
    try {
      await ns.log.write(bootstrapWrite(config));
      const sm = new KvStateMachine();
      const policy = { everyEntries: 10, keepLogEntries: 2 };
      for (let i = 2; i <= 20; i++) {
        await ns.log.append([{ index: i, term: 1, payload: { type: 'command', data: encodeWriteCommand({ op: 'insert', key: Buffer.from(`k${i}`), value: Buffer.from('v'), ttlSecs: 0 }) }, proposedAtUnixMs: T0 + i }]);
        applyFromLog(sm, ns.log);
        if (i === 10) await createSnapshotAndCompact(sm.beginSnapshot(), ns.snapshots, ns.log, policy);
      }
      const eio = Object.assign(new Error('EIO: i/o error, unlink'), { code: 'EIO' });
      ns.snapshots.keepNewest = () => Promise.reject(eio);
      const r = await createSnapshotAndCompact(sm.beginSnapshot(), ns.snapshots, ns.log, policy);
      assert.equal(r.snapshot.index, 20);
      assert.deepEqual(r.compactedTo, { index: 18, term: 1 }, 'the log is compacted behind the new snapshot');
      assert.equal(r.retentionError, eio);
      assert.deepEqual((await ns.snapshots.list()).map((s) => s.index), [10, 20], 'the old file is still there');
    } finally {
      await ns.close();
    }
  });
});
