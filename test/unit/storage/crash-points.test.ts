// Crash points (kill -9): a node's storage life — first start, appends and hard states, WAL
// segment rolls, truncation, snapshot + compaction, retention, and the install of a snapshot
// received from a leader — is stopped before its Nth file-system operation, for every N. A
// killed process's completed syscalls stay done and it issues no other, so the crash is a
// StorageFs that refuses everything from operation N on. The directory is then opened again the
// way a restart does (stale LOCK taken over), and must: open without error, hold every
// acknowledged entry and the acknowledged hard state, and rebuild the state machine (snapshot +
// log) exactly as it was at that point (STORAGE.md "Rules", "Snapshot files").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UsageError } from '../../../src/errors.js';
import { bootstrapWrite, type DataDirIntent } from '../../../src/storage/data-dir/data-dir.js';
import { toApplyEntry, type StoredEntry } from '../../../src/storage/entry-codec.js';
import { nodeStorageFs, type FileHandle, type StorageFs } from '../../../src/storage/fs.js';
import type { HardState } from '../../../src/storage/log-storage.js';
import { loadRestoredState, openNodeStorage, type NodeStorage } from '../../../src/storage/node-storage.js';
import { FileSnapshotStore } from '../../../src/storage/snapshot/snapshot-store.js';
import { createSnapshotAndCompact } from '../../../src/storage/snapshot/snapshot-policy.js';
import { encodeWriteCommand } from '../../../src/state-machine/command.js';
import { KvStateMachine } from '../../../src/state-machine/kv-state-machine.js';
import type { ClusterConfiguration } from '../../../src/state-machine/types.js';
import { withTempDir } from './helpers.js';

const config: ClusterConfiguration = { voters: [1], votersOutgoing: [], learners: [], addresses: { 1: '127.0.0.1:7001' } };
const intent: DataDirIntent = { kind: 'bootstrap', configuration: config };
/** A pid no process has (above Linux's pid_max): the crashed run's LOCK is stale at once. */
const DEAD_OWNER = { pid: 2_000_000_000, startTime: '1' };

class Crash extends Error {
  readonly code = 'ECRASH';
}

/**
 * A StorageFs that performs `budget` mutating operations (opens, writes, syncs, renames, unlinks),
 * then refuses every call: a process killed there. A handle's `fd` counts as a write (the WAL
 * writes through `writeSync(handle.fd)`). Syncs only count: after a kill -9 the page
 * cache keeps every completed write (power loss is wal-crash.test.ts's subject), and skipping
 * them keeps a run of every crash point fast. `exit()` closes what the process had open.
 */
function crashingFs(budget: number): StorageFs & { readonly ops: () => number; readonly renamed: string[]; exit(): Promise<void> } {
  let ops = 0;
  const renamed: string[] = [];
  const open = new Set<FileHandle>();
  let crashed = false;
  const step = (): void => {
    if (crashed || ++ops > budget) {
      crashed = true;
      throw new Crash('killed');
    }
  };
  const read = (): void => {
    if (crashed) throw new Crash('killed');
  };
  const real = new WeakMap<object, FileHandle>();
  const wrap = (h: FileHandle): FileHandle => {
    const p = new Proxy(h, {
      get(target, prop) {
        if (prop === 'write' || prop === 'datasync' || prop === 'sync' || prop === 'truncate') {
          return async (...args: unknown[]) => {
            step();
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        // The WAL writes small batches with writeSync(handle.fd, ...): reading fd is that write.
        if (prop === 'fd') step();
        if (prop === 'read' || prop === 'stat') {
          return async (...args: unknown[]) => {
            read();
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    real.set(p, h);
    open.add(h);
    return p;
  };
  const base = nodeStorageFs;
  return {
    ops: () => ops,
    renamed,
    async exit() {
      crashed = true;
      for (const h of open) await h.close().catch(() => undefined);
    },
    async open(path, flags, mode) {
      if (flags === 'r') read();
      else step();
      return wrap(await base.open(path, flags, mode));
    },
    async sync() {
      step();
    },
    syncNow() {
      step();
    },
    async syncDir() {
      step();
    },
    async rename(from, to) {
      step();
      await base.rename(from, to);
      renamed.push(basename(to));
    },
    async unlink(path) {
      step();
      await base.unlink(path);
    },
    async mkdir(dir) {
      step();
      await base.mkdir(dir);
    },
    async readdir(dir) {
      read();
      return base.readdir(dir);
    },
    async readFile(path) {
      read();
      return base.readFile(path);
    },
    async stat(path) {
      read();
      return base.stat(path);
    },
  };
}

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
 * One node's storage life on `fs`, recording what it acknowledged; rejects (with a Crash) when
 * the file system stops answering. Mirrors what RaftNode does with each kind of write.
 */
async function life(dir: string, leaderDir: string, fs: StorageFs, acked: Acked): Promise<void> {
  const ns: NodeStorage = await openNodeStorage(dir, { nodeId: 1, intent, fs, lockOwner: DEAD_OWNER, segmentBytes: 4096, retainSnapshots: 2, initialWrite: bootstrapWrite(config) });
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
  const policy = { everyEntries: 0, keepLogEntries: 3 };
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
    // Snapshot + compaction (the snapshot durable before the COMPACT record), retention.
    const src = sm.beginSnapshot();
    await createSnapshotAndCompact(src, ns.snapshots, ns.log, policy);
  }
  // A snapshot pushed by a leader of term 3, beyond this node's log: received into a .part,
  // verified, renamed; then installed as RaftNode does (restore, then one write: compact point
  // and the new term), and only then the retention.
  const at = ns.log.lastIndex() + 5;
  const leader = await leaderSnapshot(leaderDir, sm, at);
  acked.stateAt.set(at, leader.state); // known, not acknowledged: the state once the file is there
  const info = (await leader.store.latest())!;
  const receiver = ns.snapshots.beginReceive(info.index, info.term);
  for await (const chunk of leader.store.bytes(info, 1500)) await receiver.write(chunk);
  const file = await receiver.finish();
  await sm.restore((await ns.snapshots.header(file)), ns.snapshots.records(file));
  await ns.log.write({ compact: { index: file.index, term: file.term }, hardState: { term: 3, votedFor: 0 } });
  acked.hardState = { term: 3, votedFor: 0 };
  acked.applied = file.index;
  acked.entries.set(file.index, file.term);
  acked.stateAt.set(file.index, leader.state);
  await ns.snapshots.keepNewest();
  term = 3;
  await append(6);
  await ns.close();
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
    const fs = crashingFs(Infinity);
    const acked: Acked = { hardState: { term: 0, votedFor: 0 }, entries: new Map(), applied: 0, stateAt: new Map([[0, new Map()]]) };
    await life(join(root, 'n'), join(root, 'leader'), fs, acked);
    total = fs.ops();
    await fs.exit();
    // The life covers what it claims: rolls, segments deleted by compaction, snapshot retention.
    assert.ok(fs.renamed.filter((n) => n.endsWith('.wal')).length >= 4, `segments rolled: ${fs.renamed.join(' ')}`);
    assert.ok(!(await readdir(join(root, 'n', 'wal'))).includes('00000000000000000001.wal'), 'compaction deleted the first segment');
    assert.equal((await readdir(join(root, 'n', 'snap'))).length, 2, 'two snapshots retained');
    await restartAndCheck(join(root, 'n'), acked, 'no crash');
  });
  assert.ok(total > 100, `a life of ${total} operations`);
  for (let n = 0; n < total; n++) {
    await withTempDir(async (root) => {
      const fs = crashingFs(n);
      const acked: Acked = { hardState: { term: 0, votedFor: 0 }, entries: new Map(), applied: 0, stateAt: new Map([[0, new Map()]]) };
      await assert.rejects(life(join(root, 'n'), join(root, 'leader'), fs, acked), (err: Error) => err instanceof Crash || (err as { cause?: unknown }).cause instanceof Crash, `crash at ${n}`);
      // Background work of the killed run (a spare being preallocated) ends in refusals.
      await new Promise((r) => setTimeout(r, 1));
      await fs.exit();
      await restartAndCheck(join(root, 'n'), acked, `crash before operation ${n + 1} of ${total}`);
    });
  }
});
