// A StorageFs that dies or fails at a chosen file operation: kill -9 (the process issues no other
// call), a disk that fails with EIO and keeps failing, or a disk full (ENOSPC) for one operation.
// Shared by the crash-point tests (crash-points.test.ts: every operation of a storage life;
// wal-head.test.ts: the named steps of a WAL segment roll).
import { basename } from 'node:path';
import { nodeStorageFs, type FileHandle, type StorageFs } from '../../../src/storage/fs.js';

/** The error a killed process's calls end in. */
export class Crash extends Error {
  readonly code = 'ECRASH';
}

/**
 * How a {@link faultyFs} fails from its `budget`-th mutating operation on:
 * - `crash`: a process killed there (kill -9): it issues no other call at all;
 * - `eio`: the disk fails (EIO) and keeps failing every write, sync, rename and unlink;
 * - `enospc-once`: that one operation finds the disk full (ENOSPC); later ones succeed.
 */
/**
 * The read-only operations of `base`, each after `before()` (which throws where a fault model
 * stops reads: a killed process reads nothing). Shared by the kill -9 and power-loss models.
 */
export function readsThrough(base: StorageFs, before: () => void): Pick<StorageFs, 'readdir' | 'readFile' | 'stat'> {
  return {
    async readdir(dir) {
      before();
      return base.readdir(dir);
    },
    async readFile(path) {
      before();
      return base.readFile(path);
    },
    async stat(path) {
      before();
      return base.stat(path);
    },
  };
}

export type FaultMode = 'crash' | 'eio' | 'enospc-once';

/**
 * A mutating operation as {@link faultyFs} sees it, before it runs: `kind` and the base name of
 * the file it acts on (a handle's operations name the file the handle was opened as; `rename`
 * names its target). `fd` is a write through `writeSync(handle.fd)`, as the WAL writes.
 */
export interface FsOp {
  kind: 'open' | 'write' | 'sync' | 'syncDir' | 'rename' | 'unlink' | 'mkdir' | 'fd';
  name: string;
}

/**
 * A StorageFs that performs `budget` mutating operations (opens, writes, syncs, renames, unlinks),
 * then fails as `mode` says; with `failAt`, it also fails at the first operation for which
 * `failAt` returns true (called once per operation, in order, so it may keep state). A handle's
 * `fd` counts as a write (the WAL writes through `writeSync(handle.fd)`). Syncs only count: after a
 * kill -9 the page cache keeps every completed write (power loss is the subject of wal-crash.test.ts, torn writes, and power-loss-fs.ts, the order of fsyncs),
 * and skipping them keeps a run of every crash point fast. `exit()` closes what the process had
 * open, as the kernel does.
 */
export function faultyFs(
  budget: number,
  mode: FaultMode = 'crash',
  failAt?: (op: FsOp) => boolean,
): StorageFs & { readonly ops: () => number; readonly log: string[]; readonly crashed: () => boolean; exit(): Promise<void> } {
  let ops = 0;
  /** `rename <to>`, `unlink <path>`, `syncDir <dir>`, in call order. */
  const log: string[] = [];
  const open = new Set<FileHandle>();
  let crashed = false;
  let failedAt = false;
  const step = (op: FsOp): void => {
    if (crashed) throw new Crash('killed');
    const chosen = !failedAt && failAt?.(op) === true;
    if (chosen) failedAt = true;
    if (!chosen && (++ops <= budget || (mode === 'enospc-once' && ops > budget + 1))) return;
    if (mode === 'crash') {
      crashed = true;
      throw new Crash('killed');
    }
    const code = mode === 'eio' ? 'EIO' : 'ENOSPC';
    throw Object.assign(new Error(`${code}: ${mode === 'eio' ? 'i/o error' : 'no space left on device'}, write`), { code });
  };
  const read = (): void => {
    if (crashed) throw new Crash('killed');
  };
  const wrap = (h: FileHandle, name: string): FileHandle => {
    const p = new Proxy(h, {
      get(target, prop) {
        if (prop === 'write' || prop === 'datasync' || prop === 'sync' || prop === 'truncate') {
          return async (...args: unknown[]) => {
            step({ kind: prop === 'write' || prop === 'truncate' ? 'write' : 'sync', name });
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        // The WAL writes small batches with writeSync(handle.fd, ...): reading fd is that write.
        if (prop === 'fd') step({ kind: 'fd', name });
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
    open.add(h);
    return p;
  };
  const names = new WeakMap<FileHandle, string>();
  const base = nodeStorageFs;
  return {
    ops: () => ops,
    log,
    crashed: () => crashed,
    async exit() {
      crashed = true;
      for (const h of open) await h.close().catch(() => undefined);
    },
    async open(path, flags, mode) {
      if (flags === 'r') read();
      else step({ kind: 'open', name: basename(path) });
      const h = wrap(await base.open(path, flags, mode), basename(path));
      names.set(h, basename(path));
      return h;
    },
    async sync(handle) {
      step({ kind: 'sync', name: names.get(handle) ?? '' });
    },
    syncNow(handle) {
      step({ kind: 'sync', name: names.get(handle) ?? '' });
    },
    async syncDir(dir) {
      step({ kind: 'syncDir', name: basename(dir) });
      log.push(`syncDir ${dir}`);
    },
    async rename(from, to) {
      step({ kind: 'rename', name: basename(to) });
      await base.rename(from, to);
      log.push(`rename ${to}`);
    },
    async unlink(path) {
      step({ kind: 'unlink', name: basename(path) });
      await base.unlink(path);
      log.push(`unlink ${path}`);
    },
    async mkdir(dir) {
      step({ kind: 'mkdir', name: basename(dir) });
      await base.mkdir(dir);
    },
    ...readsThrough(base, read),
  };
}
