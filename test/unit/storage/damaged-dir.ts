// A realistic data directory built through the real storage code, one damage applied to a copy
// of it, and the directory opened the way `node start` opens it. Shared by the damage sweep
// (damage-sweep.test.ts) and the real-process checks (test/integration/runtime/data-dir.test.ts).
import { chmod, cp, mkdir, open, readFile, readdir, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { bootstrapWrite, type DataDirIntent } from '../../../src/storage/data-dir/data-dir.js';
import { encodeEntry, toApplyEntry, type StoredEntry } from '../../../src/storage/entry-codec.js';
import { nodeStorageFs, type StorageFs } from '../../../src/storage/fs.js';
import type { HardState } from '../../../src/storage/log-storage.js';
import { loadRestoredState, openNodeStorage, type NodeStorage } from '../../../src/storage/node-storage.js';
import { encodeEntriesRecord, readRecordAt } from '../../../src/storage/wal/record.js';
import { encodeWriteCommand } from '../../../src/state-machine/command.js';
import { KvStateMachine } from '../../../src/state-machine/kv-state-machine.js';
import type { ClusterConfiguration } from '../../../src/state-machine/types.js';

/** Segment size of the built directory: small, so that a short life spans several segments. */
export const SEGMENT_BYTES = 4096;
const config: ClusterConfiguration = { voters: [1], votersOutgoing: [], learners: [], addresses: { 1: '127.0.0.1:7001' } };
const bootstrap: DataDirIntent = { kind: 'bootstrap', configuration: config };
/** A pid no process has (above Linux's pid_max): a LOCK naming it is stale. */
export const DEAD_OWNER = { pid: 2_000_000_000, startTime: '1' };

/** What the built directory's node acknowledged (every write below resolved: fsynced). */
export interface Acked {
  hardState: HardState;
  /** index → term of every entry appended (all of them durable; all applied). */
  entries: Map<number, number>;
  lastIndex: number;
  /** The state machine's key/value pairs with every entry applied. */
  kv: Map<string, string>;
}

export function kvOf(sm: KvStateMachine): Map<string, string> {
  return new Map(sm.scan(Buffer.alloc(0), 0).entries.map((p) => [Buffer.from(p.key).toString(), Buffer.from(p.value).toString()]));
}

function command(i: number, bytes: number): StoredEntry['payload'] {
  return { type: 'command', data: Buffer.from(encodeWriteCommand({ op: 'insert', key: Buffer.from(`k${i % 5}`), value: Buffer.from(`v${i}`.padEnd(bytes, '.')), ttlSecs: 0 })) };
}

/** Offset just past the last valid record of a segment file (where the next record goes). */
async function writtenEnd(path: string): Promise<number> {
  const buf = await readFile(path);
  let off = 0;
  for (;;) {
    const r = readRecordAt(buf, off, buf.length);
    if (!r.ok) return off;
    off = r.next;
  }
}

/** Byte offsets where the records of a segment file begin, and the end of the last one. */
export async function recordStarts(path: string): Promise<number[]> {
  const buf = await readFile(path);
  const out: number[] = [];
  let off = 0;
  for (;;) {
    out.push(off);
    const r = readRecordAt(buf, off, buf.length);
    if (!r.ok) return out;
    off = r.next;
  }
}

/**
 * How the built directory's node ended: `stopped` after a vote rolled the WAL (the newest segment
 * holds no entry; a stale LOCK added), or `killed` (kill -9) after 7 more entries in that segment
 * (its files as they were: the preallocated `wal/spare.tmp` and the LOCK left behind).
 */
export type DirShape = 'stopped' | 'killed';

/**
 * Builds, in `dir`, the directory of a single-node cluster's life (segments of {@link SEGMENT_BYTES}):
 * the bootstrap entry; a new term with a vote; command entries over several segments;
 * configuration (membership) entries; two snapshots each followed by a compaction that deletes
 * the oldest segments; a segment that holds only carry and hard-state records in the middle
 * (a vote rolled the WAL, then an entry larger than a segment got its own) and another as the
 * newest segment (the node stopped right after a vote rolled it); then a stale LOCK (a node
 * killed with -9), or the files of a node killed with entries in the newest segment ({@link DirShape}).
 * Returns what was acknowledged.
 */
export async function buildDataDir(dir: string, shape: DirShape = 'stopped'): Promise<Acked> {
  const live = shape === 'killed' ? `${dir}.live` : dir;
  const ns = await openNodeStorage(live, { nodeId: 1, intent: bootstrap, lockOwner: DEAD_OWNER, segmentBytes: SEGMENT_BYTES, retainSnapshots: 2, initialWrite: bootstrapWrite(config) });
  const sm = new KvStateMachine();
  const acked: Acked = { hardState: { term: 1, votedFor: 0 }, entries: new Map(), lastIndex: 0, kv: new Map() };
  let term = 1;
  const applied = (es: readonly StoredEntry[]) => {
    for (const e of es) {
      sm.apply(toApplyEntry(e));
      acked.entries.set(e.index, e.term);
      acked.lastIndex = e.index;
    }
  };
  applied(ns.log.entries(1, 2));
  const append = async (payloads: StoredEntry['payload'][]) => {
    const first = ns.log.lastIndex() + 1;
    const es = payloads.map((payload, k) => ({ index: first + k, term, payload, proposedAtUnixMs: 1_700_000_000_000 + first + k }));
    await ns.log.append(es);
    applied(es);
  };
  const commands = (n: number, bytes = 120) => append(Array.from({ length: n }, (_, k) => command(ns.log.lastIndex() + 1 + k, bytes)));
  const vote = async (hs: HardState) => {
    term = hs.term;
    await ns.log.setHardState(hs);
    acked.hardState = hs;
  };
  const snapshotAndCompact = async (keep: number) => {
    const src = sm.beginSnapshot();
    let written;
    try {
      written = await ns.snapshots.create(src, src.records());
    } finally {
      src.release();
    }
    await ns.snapshots.keepNewest();
    const at = written.index - keep;
    await ns.log.compact(at, ns.log.term(at)!);
  };
  /** Appends one command entry sized so that the tail segment has less room left than a hard-state record (21 bytes). */
  const fillTail = async () => {
    const names = ns.log.segmentNames();
    const room = SEGMENT_BYTES - (await writtenEnd(join(live, 'wal', names.at(-1)!)));
    const index = ns.log.lastIndex() + 1;
    for (let bytes = room; bytes > 0; bytes--) {
      const e = { index, term, payload: command(index, bytes), proposedAtUnixMs: 1_700_000_000_000 + index };
      const size = encodeEntriesRecord([encodeEntry(e)]).length;
      if (size <= room && room - size < 21) {
        await ns.log.append([e]);
        applied([e]);
        if (ns.log.segmentNames().length !== names.length) throw new Error('fillTail rolled the WAL');
        return;
      }
    }
    throw new Error(`fillTail: no entry fits the ${room} bytes left`);
  };

  try {
    await vote({ term: 2, votedFor: 1 });
    await commands(30);
    await append([{ type: 'configuration', configuration: { ...config, voters: [1, 2], addresses: { ...config.addresses, 2: '127.0.0.1:7002' } } }]);
    await commands(10);
    await snapshotAndCompact(5);
    await vote({ term: 3, votedFor: 0 });
    await vote({ term: 3, votedFor: 2 });
    await commands(12);
    // A segment holding nothing but carry and hard-state records, between segments with entries.
    await fillTail();
    await vote({ term: 4, votedFor: 1 });
    await commands(1, SEGMENT_BYTES + 500);
    await commands(8);
    await append([{ type: 'configuration', configuration: { ...config, voters: [1, 2, 3], addresses: { ...config.addresses, 2: '127.0.0.1:7002', 3: '127.0.0.1:7003' } } }]);
    await commands(20);
    await snapshotAndCompact(45);
    await commands(6);
    // The newest segment holds no entry: a vote rolled the WAL, and the node stopped.
    await fillTail();
    await vote({ term: 5, votedFor: 2 });
    if (shape === 'killed') {
      // Entries in the newest segment; then kill -9: the files as they are now (a process's
      // completed writes survive it), with the spare segment and the LOCK left behind.
      await commands(7);
      acked.kv = kvOf(sm);
      await copyDataDir(live, dir);
      return acked;
    }
  } finally {
    await ns.close();
    if (shape === 'killed') await rm(live, { recursive: true, force: true });
  }
  acked.kv = kvOf(sm);
  // A node killed with -9 leaves its LOCK behind (stale: its pid is gone).
  await writeFile(join(dir, 'LOCK'), JSON.stringify(DEAD_OWNER));
  return acked;
}

/** What a start found: the hard state, the snapshot's index (0 without one), the log and the rebuilt state. */
export interface Started {
  hardState: HardState;
  snapshotIndex: number;
  /** index → term of the log's live entries. */
  entries: Map<number, number>;
  lastIndex: number;
  kv: Map<string, string>;
}

/**
 * Opens `dir` the way `node start` (a restart) does (NodeHost.start): data directory, WAL
 * recovery, snapshot store, the restored state (making a received snapshot the log's base when
 * the log does not hold its last entry, after verifying it), the state machine restored from the
 * snapshot (which verifies its body) and the log applied. Throws what the start would report.
 */
export async function openLikeStart(dir: string, fs: StorageFs = nodeStorageFs): Promise<Started> {
  const ns: NodeStorage = await openNodeStorage(dir, { nodeId: 1, intent: { kind: 'restart' }, segmentBytes: SEGMENT_BYTES, retainSnapshots: 2, fs });
  try {
    let loaded = await loadRestoredState(ns.log, ns.snapshots, ns.dataDir.snapDir);
    if (loaded.snapshot && ns.log.term(loaded.snapshot.index) !== loaded.snapshot.term) {
      if (loaded.snapshotFile) await ns.snapshots.verify(loaded.snapshotFile);
      await ns.log.compact(loaded.snapshot.index, loaded.snapshot.term);
      loaded = await loadRestoredState(ns.log, ns.snapshots, ns.dataDir.snapDir);
    }
    const sm = new KvStateMachine();
    if (loaded.snapshot && loaded.snapshotFile) await sm.restore(loaded.snapshot, ns.snapshots.records(loaded.snapshotFile));
    for (const e of loaded.entries) sm.apply(toApplyEntry(e));
    return {
      hardState: loaded.hardState,
      snapshotIndex: loaded.snapshot?.index ?? 0,
      entries: new Map(loaded.entries.map((e) => [e.index, e.term])),
      lastIndex: ns.log.lastIndex(),
      kv: kvOf(sm),
    };
  } finally {
    await ns.close();
  }
}

/**
 * A file system on which `path` (a file or a directory) cannot be opened, read or listed (EACCES),
 * as a chmod 000 makes it for a user other than root (for whom chmod does not block reads).
 */
export function deniedFs(path: string): StorageFs {
  const denied = () => Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES', path }));
  return {
    ...nodeStorageFs,
    open: (p, flags, mode) => (p === path ? denied() : nodeStorageFs.open(p, flags, mode)),
    readFile: (p) => (p === path ? denied() : nodeStorageFs.readFile(p)),
    readdir: (p) => (p === path ? denied() : nodeStorageFs.readdir(p)),
  };
}

/** The kinds of damage the sweep applies (`unreadable`: chmod 000, or {@link deniedFs} as root). */
export type DamageKind = 'truncate' | 'flip' | 'zero' | 'delete' | 'directory' | 'file' | 'unreadable';

/** One damage to one file (`delete`, `file`, `unreadable`: also to `wal` or `snap`): `at` and `to` are byte offsets (truncate length; flipped byte; zeroed range [at, to)). */
export interface Damage {
  kind: DamageKind;
  /** Path relative to the data directory. */
  file: string;
  at?: number;
  to?: number;
}

export function describeDamage(d: Damage): string {
  const where = d.kind === 'truncate' ? ` to ${d.at} bytes` : d.kind === 'flip' ? ` at byte ${d.at}` : d.kind === 'zero' ? ` bytes ${d.at}..${d.to}` : '';
  return `${d.kind} ${d.file}${where}`;
}

/** Applies `d` to the data directory `dir`. */
export async function applyDamage(dir: string, d: Damage): Promise<void> {
  const path = join(dir, d.file);
  switch (d.kind) {
    case 'truncate':
      await truncate(path, d.at!);
      return;
    case 'flip':
    case 'zero': {
      const h = await open(path, 'r+');
      try {
        if (d.kind === 'flip') {
          const b = Buffer.alloc(1);
          await h.read(b, 0, 1, d.at!);
          b[0] = b[0]! ^ 0x5a;
          await h.write(b, 0, 1, d.at!);
        } else {
          await h.write(Buffer.alloc(d.to! - d.at!), 0, d.to! - d.at!, d.at!);
        }
      } finally {
        await h.close();
      }
      return;
    }
    case 'delete':
      await rm(path, { recursive: true });
      return;
    case 'file':
      await rm(path, { recursive: true });
      await writeFile(path, 'not a directory\n');
      return;
    case 'directory':
      await unlink(path);
      await mkdir(path);
      return;
    case 'unreadable':
      await chmod(path, 0);
      return;
  }
}

/** Copies the data directory `from` to `to` (a fresh path). */
export async function copyDataDir(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  await cp(from, to, { recursive: true });
}

/** The files of a data directory, relative to it, with their sizes. */
export async function dataDirFiles(dir: string): Promise<{ file: string; bytes: number }[]> {
  const out: { file: string; bytes: number }[] = [];
  for (const sub of ['', 'wal', 'snap']) {
    for (const name of (await readdir(join(dir, sub))).sort()) {
      const file = sub ? `${sub}/${name}` : name;
      const s = await stat(join(dir, file));
      if (s.isFile()) out.push({ file, bytes: s.size });
    }
  }
  return out;
}

export { basename };
