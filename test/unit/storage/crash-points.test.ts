// Crash points and disk faults: a node's storage life — first start, appends and hard states,
// WAL segment rolls, truncation, snapshot + compaction, retention, and the install of a snapshot
// received from a leader — meets a fault at its Nth file-system operation, for every N:
// - kill -9 there (the process's completed syscalls stay done and it issues no other);
// - the disk fails there with EIO and keeps failing; or it is full (ENOSPC) for that one
//   operation: every error must be a typed storage error with its documented exit code.
// The directory is then opened again on a healthy disk the way a restart does (stale LOCK taken
// over), and must: open without error, hold every acknowledged entry and the acknowledged hard
// state, and rebuild the state machine (snapshot + log) exactly as it was at that point
// (STORAGE.md "Rules", "Snapshot files"). The uncrashed life also checks the rule that every
// rename, and every deletion of a file that held state, is followed by an fsync of its directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RaftCtlError, UsageError } from '../../../src/errors.js';
import { bootstrapWrite, type DataDirIntent } from '../../../src/storage/data-dir/data-dir.js';
import { toApplyEntry, type StoredEntry } from '../../../src/storage/entry-codec.js';
import type { StorageFs } from '../../../src/storage/fs.js';
import type { HardState } from '../../../src/storage/log-storage.js';
import { loadRestoredState, openNodeStorage, type NodeStorage } from '../../../src/storage/node-storage.js';
import { FileSnapshotStore } from '../../../src/storage/snapshot/snapshot-store.js';
import { encodeWriteCommand } from '../../../src/state-machine/command.js';
import { KvStateMachine } from '../../../src/state-machine/kv-state-machine.js';
import type { ClusterConfiguration } from '../../../src/state-machine/types.js';
import { Crash, faultyFs } from './faulty-fs.js';
import { withTempDir } from './helpers.js';

const config: ClusterConfiguration = { voters: [1], votersOutgoing: [], learners: [], addresses: { 1: '127.0.0.1:7001' } };
const intent: DataDirIntent = { kind: 'bootstrap', configuration: config };
/** A pid no process has (above Linux's pid_max): the crashed run's LOCK is stale at once. */
const DEAD_OWNER = { pid: 2_000_000_000, startTime: '1' };

type Kv = ReadonlyMap<string, string>;

function kvOf(sm: KvStateMachine): Kv {
  return new Map(sm.scan(Buffer.alloc(0), 0).entries.map((p) => [Buffer.from(p.key).toString(), Buffer.from(p.value).toString()]));
}

/** What the crashed run had acknowledged: durable writes it saw resolve, and the state at every applied index. */
interface Acked {
  hardState: HardState;
  /** index → term of every entry applied (committed and durable). */
  entries: Map<number, number>;
  applied: number;
  /** The state machine at each applied index (and at an installed snapshot's index). */
  stateAt: Map<number, Kv>;
}

function command(i: number): StoredEntry['payload'] {
  return { type: 'command', data: Buffer.from(encodeWriteCommand({ op: 'insert', key: Buffer.from(`k${i % 7}`), value: Buffer.from(`v${i}`.padEnd(100 + (i % 5) * 150, '.')), ttlSecs: 0 })) };
}

/** The leader's snapshot this node receives and installs: the node's state plus keys it never saw, at `index`, term 3. */
async function leaderSnapshot(dir: string, sm: KvStateMachine, index: number): Promise<{ store: FileSnapshotStore; state: Kv }> {
  const leader = new KvStateMachine();
  const src = sm.beginSnapshot();
  await leader.restore(src, src.records());
  src.release();
  for (let i = leader.appliedIndex + 1; i <= index; i++) leader.apply(toApplyEntry({ index: i, term: 3, payload: command(i * 3), proposedAtUnixMs: 1 }));
  const store = await FileSnapshotStore.open(dir);
  const s = leader.beginSnapshot();
  await store.create(s, s.records());
  s.release();
  return { store, state: kvOf(leader) };
}

/**
 * One node's storage life on `fs`, recording what it acknowledged, with each kind of write made
 * as RaftNode makes it. Killed (`errors` absent), it rejects with the first failure. Otherwise it
 * reacts to storage errors as the runtime does, collecting them in `errors`: a failed snapshot,
 * receive or retention is given up (the policy or the leader tries again later), while a failed
 * log write or install stops the node (its storage is closed, closing errors ignored).
 */
async function life(dir: string, leaderDir: string, fs: StorageFs, acked: Acked, errors?: unknown[]): Promise<void> {
  let ns: NodeStorage;
  try {
    ns = await openNodeStorage(dir, { nodeId: 1, intent, fs, lockOwner: DEAD_OWNER, segmentBytes: 4096, retainSnapshots: 2, initialWrite: bootstrapWrite(config) });
  } catch (err) {
    if (!errors) throw err;
    errors.push(err);
    return;
  }
  /** Runs a step whose failure the runtime survives. */
  const survivable = async <T>(step: () => Promise<T>): Promise<T | undefined> => {
    if (!errors) return step();
    try {
      return await step();
    } catch (err) {
      errors.push(err);
      return undefined;
    }
  };
  try {
    await run(ns, leaderDir, acked, survivable);
  } catch (err) {
    if (!errors) throw err;
    errors.push(err);
  }
  await ns.close().catch((err: unknown) => {
    if (!errors) throw err;
  });
}

async function run(ns: NodeStorage, leaderDir: string, acked: Acked, survivable: <T>(step: () => Promise<T>) => Promise<T | undefined>): Promise<void> {
  const sm = new KvStateMachine();
  const apply = (es: readonly StoredEntry[]) => {
    for (const e of es) {
      sm.apply(toApplyEntry(e));
      acked.entries.set(e.index, e.term);
      acked.applied = e.index;
      acked.stateAt.set(e.index, kvOf(sm));
    }
  };
  acked.hardState = { term: 1, votedFor: 0 };
  apply(ns.log.entries(1, 2));
  let term = 1;
  const append = async (n: number, commit = true): Promise<StoredEntry[]> => {
    const first = ns.log.lastIndex() + 1;
    const es = Array.from({ length: n }, (_, k) => ({ index: first + k, term, payload: command(first + k), proposedAtUnixMs: 1 }));
    await ns.log.append(es);
    if (commit) apply(es);
    return es;
  };
  for (let round = 0; round < 6; round++) {
    await append(4);
    await append(3);
    if (round === 1) {
      // A new term and a vote (Raft §5.2), then entries of that term that are overwritten (§5.3).
      term = 2;
      await ns.log.setHardState({ term, votedFor: 1 });
      acked.hardState = { term, votedFor: 1 };
      const lost = await append(3, false);
      await ns.log.truncateSuffix(lost[0]!.index);
      await append(2);
    }
    // RaftNode.snapshot: the file (with retention) is durable, then the log is compacted behind
    // it keeping 3 entries (Raft §7).
    const src = sm.beginSnapshot();
    const written = await survivable(async () => {
      try {
        return await ns.snapshots.create(src, src.records());
      } finally {
        src.release();
      }
    });
    if (written) await ns.log.compact(written.index - 3, ns.log.term(written.index - 3)!);
  }
  // A snapshot pushed by a leader of term 3, beyond this node's log: received into a .part,
  // verified, renamed (installSink); then installed as RaftNode does (restore, then one write:
  // compact point and the new term), and only then the retention.
  const at = ns.log.lastIndex() + 5;
  const leader = await leaderSnapshot(leaderDir, sm, at);
  acked.stateAt.set(at, leader.state); // known, not acknowledged: the state once the file is there
  const info = (await leader.store.latest())!;
  const file = await survivable(async () => {
    const receiver = ns.snapshots.beginReceive(info.index, info.term);
    for await (const chunk of leader.store.bytes(info, 1500)) await receiver.write(chunk);
    return receiver.finish();
  });
  // A failed receive ends the life: the leader would push again, and entries this node appended
  // meanwhile could contradict the snapshot (it covers committed entries of term 3).
  if (!file) return;
  await sm.restore(await ns.snapshots.header(file), ns.snapshots.records(file));
  await ns.log.write({ compact: { index: file.index, term: file.term }, hardState: { term: 3, votedFor: 0 } });
  acked.hardState = { term: 3, votedFor: 0 };
  acked.applied = file.index;
  acked.entries.set(file.index, file.term);
  acked.stateAt.set(file.index, leader.state);
  await survivable(() => ns.snapshots.keepNewest());
  term = 3;
  await append(6);
}

/** Opens `dir` as a restart does (the same bootstrap command if FORMAT was never written) and checks it against `acked`. */
async function restartAndCheck(dir: string, acked: Acked, what: string): Promise<void> {
  let ns: NodeStorage;
  try {
    ns = await openNodeStorage(dir, { nodeId: 1, intent: { kind: 'restart' }, segmentBytes: 4096 });
  } catch (err) {
    // A first start killed before FORMAT: never served, nothing acknowledged but its own initial write.
    assert.ok(err instanceof UsageError, `${what}: restart refused: ${String(err)}`);
    assert.ok(acked.applied <= 1, `${what}: FORMAT missing after writes were acknowledged`);
    ns = await openNodeStorage(dir, { nodeId: 1, intent, segmentBytes: 4096, initialWrite: bootstrapWrite(config) });
  }
  try {
    let loaded = await loadRestoredState(ns.log, ns.snapshots);
    if (loaded.snapshot && ns.log.term(loaded.snapshot.index) !== loaded.snapshot.term) {
      // NodeHost.start: a received snapshot whose install did not reach the log becomes its base.
      await ns.log.compact(loaded.snapshot.index, loaded.snapshot.term);
      loaded = await loadRestoredState(ns.log, ns.snapshots);
    }
    const hs = loaded.hardState;
    assert.ok(hs.term > acked.hardState.term || (hs.term === acked.hardState.term && hs.votedFor === acked.hardState.votedFor), `${what}: hard state ${JSON.stringify(hs)} lost the acknowledged ${JSON.stringify(acked.hardState)}`);
    const base = loaded.snapshot?.index ?? 0;
    for (const [index, term] of acked.entries) {
      if (index <= base) continue;
      assert.equal(ns.log.term(index), term, `${what}: acknowledged entry ${index} (term ${term}) lost; snapshot at ${base}`);
    }
    const sm = new KvStateMachine();
    if (loaded.snapshot && loaded.snapshotFile) await sm.restore(loaded.snapshot, ns.snapshots.records(loaded.snapshotFile));
    const upTo = Math.max(acked.applied, base);
    for (const e of ns.log.entries(base + 1, upTo + 1)) sm.apply(toApplyEntry(e));
    assert.equal(sm.appliedIndex, upTo, `${what}: the log does not reach the acknowledged index`);
    assert.deepEqual(kvOf(sm), acked.stateAt.get(upTo), `${what}: state at ${upTo} differs`);
  } finally {
    await ns.close();
  }
}

test('kill -9 before any file operation of a storage life (first start, rolls, truncation, snapshots, compaction, install): the restart recovers every acknowledged write', async () => {
  // The uncrashed run counts the operations; then one run per crash point.
  let total = 0;
  await withTempDir(async (root) => {
    const fs = faultyFs(Infinity);
    const acked: Acked = { hardState: { term: 0, votedFor: 0 }, entries: new Map(), applied: 0, stateAt: new Map([[0, new Map()]]) };
    await life(join(root, 'n'), join(root, 'leader'), fs, acked);
    total = fs.ops();
    await fs.exit();
    // The life covers what it claims: rolls, segments deleted by compaction, snapshot retention.
    assert.ok(fs.log.filter((op) => /^rename .*\.wal$/.test(op)).length >= 4, 'segments rolled');
    // STORAGE.md: every rename is followed by an fsync of its directory (at once), and so is the
    // deletion of a file that held state (before the next rename or the end of the life).
    fs.log.forEach((op, i) => {
      const [kind, path] = op.split(' ') as [string, string];
      if (kind === 'rename') assert.equal(fs.log[i + 1], `syncDir ${dirname(path)}`, `${op} not followed by a directory fsync`);
      if (kind === 'unlink' && !/(spare\.tmp|\.part|FORMAT\.tmp|HEAD\.tmp)$/.test(path)) {
        const next = fs.log.slice(i + 1).find((o) => o.startsWith('syncDir') || o.startsWith('rename'));
        assert.equal(next, `syncDir ${dirname(path)}`, `${op} not followed by a directory fsync`);
      }
    });
    assert.ok(!(await readdir(join(root, 'n', 'wal'))).includes('00000000000000000001.wal'), 'compaction deleted the first segment');
    assert.equal((await readdir(join(root, 'n', 'snap'))).length, 2, 'two snapshots retained');
    await restartAndCheck(join(root, 'n'), acked, 'no crash');
  });
  assert.ok(total > 100, `a life of ${total} operations`);
  for (let n = 0; n < total; n++) {
    await withTempDir(async (root) => {
      const fs = faultyFs(n);
      const acked: Acked = { hardState: { term: 0, votedFor: 0 }, entries: new Map(), applied: 0, stateAt: new Map([[0, new Map()]]) };
      await assert.rejects(life(join(root, 'n'), join(root, 'leader'), fs, acked), (err: Error) => err instanceof Crash || (err as { cause?: unknown }).cause instanceof Crash, `crash at ${n}`);
      // Background work of the killed run (a spare being preallocated) ends in refusals.
      await new Promise((r) => setTimeout(r, 1));
      await fs.exit();
      await restartAndCheck(join(root, 'n'), acked, `crash before operation ${n + 1} of ${total}`);
    });
  }
});

for (const mode of ['eio', 'enospc-once'] as const) {
  test(`${mode === 'eio' ? 'a disk that fails (EIO) and keeps failing' : 'a full disk (ENOSPC) for one operation'}, at any file operation of a storage life: a typed storage error (STORAGE_IO_ERROR, exit 1), and the restart on a healthy disk recovers every acknowledged write`, async () => {
    // Scenario: the same life as above, now on a disk that fails instead of a process that dies;
    // the node reacts as the runtime does (a failed snapshot or receive is given up, a failed log
    // write stops it). Expectation (docs/storage.md "Failures and exit codes"): every error is a
    // RaftCtlError with a documented code (STORAGE_IO_ERROR, or USAGE for a data directory the
    // OS refuses), never a raw errno error reported as a bug; and nothing the node acknowledged
    // is lost or half-written for the next start.
    let total = 0;
    await withTempDir(async (root) => {
      const fs = faultyFs(Infinity);
      await life(join(root, 'n'), join(root, 'leader'), fs, { hardState: { term: 0, votedFor: 0 }, entries: new Map(), applied: 0, stateAt: new Map() });
      total = fs.ops();
    });
    for (let n = 0; n < total; n++) {
      await withTempDir(async (root) => {
        const fs = faultyFs(n, mode);
        const acked: Acked = { hardState: { term: 0, votedFor: 0 }, entries: new Map(), applied: 0, stateAt: new Map([[0, new Map()]]) };
        const errors: unknown[] = [];
        await life(join(root, 'n'), join(root, 'leader'), fs, acked, errors);
        const what = `${mode} at operation ${n + 1} of ${total}`;
        for (const err of errors) {
          assert.ok(err instanceof RaftCtlError && (err.code === 'STORAGE_IO_ERROR' || err.code === 'USAGE'), `${what}: untyped or misreported error ${err instanceof RaftCtlError ? err.code : ''} ${String(err)}`);
        }
        await fs.exit();
        await restartAndCheck(join(root, 'n'), acked, what);
      });
    }
  });
}
