// A StorageFs that models what a power loss keeps of one directory (a WAL's), for crash tests that
// go beyond kill -9 (faulty-fs.ts: there the page cache keeps every completed call, so an order of
// fsyncs that is wrong only on a power loss passes). POSIX gives no order to what was not fsynced:
// - a file's bytes are those of its last fdatasync (a file never synced is empty);
// - the directory holds the entries of its last fsync, plus any subset, applied in order, of the
//   creates, renames and unlinks since (so a later rename may survive an earlier one).
// Linux only (it reads a handle's bytes through /proc/self/fd). Files are told apart by inode, so
// a handle that outlives its file's rename (a WAL's spare renamed into a segment) is followed.
import { fstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { nodeStorageFs, type StorageFs } from '../../../src/storage/fs.js';
import { Crash, readsThrough } from './faulty-fs.js';

type DirOp = { op: 'create'; name: string; ino: number } | { op: 'rename'; from: string; to: string } | { op: 'unlink'; name: string };

/** One state a power loss may leave: file name → content. `ops` says which pending operations it kept (+) or lost (-). */
export interface PowerLossState {
  files: Map<string, Buffer>;
  ops: string;
}

/** What {@link powerLossFs} returns: the fs to hand to storage, and the crash controls. */
export interface PowerLossFs {
  fs: StorageFs;
  /** Kill the process (Crash, then nothing more runs) at the `n`-th mutating operation from now. */
  killAt(n: number): void;
  /** No kill pending (the next process starts on the same page cache). */
  revive(): void;
  /** True once the armed kill happened. */
  killed(): boolean;
  /** The process ends: what it left open is closed, as the kernel does. */
  exit(): Promise<void>;
  /** Every state a power loss now may leave of the directory (2^k for k operations since its last fsync, at most 2^10). */
  states(): PowerLossState[];
}

/** node:fs without fsyncs, for opening the states a power loss leaves (speed only: no power loss follows). */
export const unsyncedFs: StorageFs = { ...nodeStorageFs, sync: async () => undefined, syncNow: () => undefined, syncDir: async () => undefined };

/**
 * Tracks `dir` (which must exist; what it holds now counts as durable). Mutating operations are
 * opens for writing, writes (a handle's `write`, or reading its `fd`, as the WAL's `writeSync` does),
 * syncs, directory syncs, renames, unlinks and mkdirs.
 */
export function powerLossFs(dir: string): PowerLossFs {
  const base = nodeStorageFs;
  const durable = new Map<number, Buffer>(); // inode → bytes at its last fdatasync
  const inoOf = (path: string): number => statSync(path).ino;
  const listing = (): Map<string, number> => new Map(readdirSync(dir).map((n) => [n, inoOf(join(dir, n))]));
  let durableDir = listing();
  for (const [name, ino] of durableDir) durable.set(ino, readFileSync(join(dir, name)));
  let pending: DirOp[] = [];
  let budget = Infinity;
  let ops = 0;
  let killed = false;
  const open = new Set<FileHandle>();
  const step = (): void => {
    if (killed) throw new Crash('killed');
    if (++ops > budget) {
      killed = true;
      throw new Crash('killed');
    }
  };
  const read = (): void => {
    if (killed) throw new Crash('killed');
  };
  const inDir = (path: string): boolean => dirname(path) === dir;
  const synced = (h: FileHandle): void => {
    durable.set(fstatSync(h.fd).ino, readFileSync(`/proc/self/fd/${h.fd}`));
  };
  const wrap = (h: FileHandle): FileHandle =>
    new Proxy(h, {
      get(target, prop) {
        if (prop === 'fd') step();
        if (prop === 'write' || prop === 'truncate') {
          return async (...args: unknown[]) => {
            step();
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  const fs: StorageFs = {
    async open(path, flags, mode) {
      if (flags === 'r') read();
      else step();
      let existed = true;
      try {
        statSync(path);
      } catch {
        existed = false;
      }
      const h = await base.open(path, flags, mode);
      if (!existed && inDir(path)) pending.push({ op: 'create', name: basename(path), ino: fstatSync(h.fd).ino });
      open.add(h);
      return wrap(h);
    },
    // Syncs only record what they make durable (the model is the disk here; real fsyncs would
    // only make a run of every crash point slow).
    async sync(h) {
      step();
      synced(h);
    },
    syncNow(h) {
      step();
      synced(h);
    },
    async syncDir(d) {
      step();
      if (d === dir) {
        durableDir = listing();
        pending = [];
      }
    },
    async rename(from, to) {
      step();
      await base.rename(from, to);
      if (inDir(to)) pending.push({ op: 'rename', from: basename(from), to: basename(to) });
    },
    async unlink(path) {
      step();
      await base.unlink(path);
      if (inDir(path)) pending.push({ op: 'unlink', name: basename(path) });
    },
    async mkdir(d) {
      step();
      await base.mkdir(d);
    },
    ...readsThrough(base, read),
  };
  return {
    fs,
    killAt(n) {
      killed = false;
      budget = ops + n;
    },
    revive() {
      killed = false;
      budget = Infinity;
    },
    killed: () => killed,
    async exit() {
      for (const h of open) await h.close().catch(() => undefined);
      open.clear();
    },
    states() {
      const out: PowerLossState[] = [];
      const k = Math.min(pending.length, 10);
      for (let mask = 0; mask < 1 << k; mask++) {
        const names = new Map(durableDir);
        const kept = (i: number): boolean => i >= k || (mask & (1 << i)) !== 0;
        pending.forEach((o, i) => {
          if (!kept(i)) return;
          if (o.op === 'create') names.set(o.name, o.ino);
          else if (o.op === 'unlink') names.delete(o.name);
          else if (names.has(o.from)) {
            names.set(o.to, names.get(o.from)!);
            names.delete(o.from);
          }
        });
        const files = new Map<string, Buffer>();
        for (const [name, ino] of names) files.set(name, durable.get(ino) ?? Buffer.alloc(0));
        const ops = pending.map((o, i) => `${kept(i) ? '+' : '-'}${o.op} ${o.op === 'rename' ? `${o.from}->${o.to}` : o.name}`).join(' ');
        out.push({ files, ops });
      }
      return out;
    },
  };
}
