/**
 * The one seam between storage and node:fs. Every file operation of src/storage goes through a
 * {@link StorageFs}, so tests can count or fail fsyncs (group commit, crash behaviour) without
 * touching the real disk's semantics. {@link nodeStorageFs} is the production implementation.
 *
 * Durability vocabulary used throughout src/storage:
 * - `sync(handle)` = fdatasync: the file's data (and the metadata needed to read it) is on disk;
 * - `syncDir(dir)` = fsync of a directory: a create, rename or unlink inside it is on disk.
 */
import { constants as fsConstants, fdatasyncSync, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** node:fs/promises FileHandle, re-exported for StorageFs implementations. */
export type { FileHandle };

/** File-system operations used by storage. Implementations must keep node:fs semantics. */
export interface StorageFs {
  open(path: string, flags: string | number, mode?: number): Promise<FileHandle>;
  /** fdatasync of an open file. */
  sync(handle: FileHandle): Promise<void>;
  /**
   * The same fdatasync, blocking the calling thread (no thread-pool round trip). Optional: a
   * caller falls back to `sync` when it is absent. Throws as node:fs does.
   */
  syncNow?(handle: FileHandle): void;
  /** fsync of a directory, making creates, renames and unlinks inside it durable. */
  syncDir(dir: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  mkdir(dir: string): Promise<void>;
  readFile(path: string): Promise<Buffer>;
  stat(path: string): Promise<{ size: number; mtimeMs: number }>;
}

/** Production {@link StorageFs} over node:fs/promises. */
export const nodeStorageFs: StorageFs = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  sync: (handle) => handle.datasync(),
  syncNow: (handle) => fdatasyncSync(handle.fd),
  async syncDir(dir) {
    const h = await fsp.open(dir, fsConstants.O_RDONLY);
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  readdir: (dir) => fsp.readdir(dir),
  mkdir: (dir) => mkdirParents(dir),
  readFile: (path) => fsp.readFile(path),
  stat: (path) => fsp.stat(path),
};

/** Counters of a {@link countingFs}. */
export interface FsCounters {
  syncs: number;
  dirSyncs: number;
  renames: number;
}

/**
 * Wraps a {@link StorageFs} and counts syncs (both kinds), directory syncs and renames (tests
 * and metrics). `beforeSync`, when given, runs before each file sync and may delay it (to widen
 * the group commit window in tests) or throw (to simulate EIO); a wrapper with a hook offers no
 * `syncNow`, so every file sync goes through the hook.
 */
export function countingFs(base: StorageFs = nodeStorageFs, beforeSync?: () => Promise<void> | void): StorageFs & { counters: FsCounters } {
  const counters: FsCounters = { syncs: 0, dirSyncs: 0, renames: 0 };
  const baseSyncNow = base.syncNow?.bind(base);
  return {
    ...base,
    counters,
    syncNow:
      beforeSync || !baseSyncNow
        ? undefined
        : (handle) => {
            counters.syncs++;
            baseSyncNow(handle);
          },
    async sync(handle) {
      counters.syncs++;
      if (beforeSync) await beforeSync();
      await base.sync(handle);
    },
    async syncDir(dir) {
      counters.dirSyncs++;
      await base.syncDir(dir);
    },
    async rename(from, to) {
      counters.renames++;
      await base.rename(from, to);
    },
  };
}

/** True when `err` is a node:fs error with the given code (ENOENT, EEXIST, ...). */
export function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/**
 * Bytes an unprivileged writer may still write to the file system holding `dir` (statfs: free
 * blocks available × block size), or null when that cannot be read. For checks that a large
 * write has a chance to fit (a snapshot being received), not for accounting.
 */
export async function freeBytesAt(dir: string): Promise<number | null> {
  try {
    const s = await fsp.statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/**
 * `mkdir -p`: creates `dir` and its missing parents; an existing directory is fine, an existing
 * file is EEXIST. Each level is tried at most twice, so it always ends: Node 20's
 * `mkdir(..., {recursive: true})` loops forever (at full CPU) where a parent exists but refuses
 * the child with ENOENT, as `/proc` does.
 */
export async function mkdirParents(dir: string): Promise<void> {
  const attempt = async (): Promise<'done' | 'missing-parent'> => {
    try {
      await fsp.mkdir(dir);
      return 'done';
    } catch (err) {
      if (isErrno(err, 'EEXIST') && (await fsp.stat(dir)).isDirectory()) return 'done';
      if (isErrno(err, 'ENOENT') && dirname(dir) !== dir) return 'missing-parent';
      throw err;
    }
  };
  if ((await attempt()) === 'done') return;
  await mkdirParents(dirname(dir));
  if ((await attempt()) === 'missing-parent') {
    throw Object.assign(new Error(`ENOENT: cannot create ${dir} although its parent exists`), { code: 'ENOENT', path: dir });
  }
}

/**
 * Writes all of `buf` at `pos`. write(2) may write only part of a buffer when the disk fills up
 * (a short count, no error; the next write fails with ENOSPC), so a single write call is never
 * taken as having written everything.
 */
export async function writeFully(h: FileHandle, buf: Uint8Array, pos: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesWritten } = await h.write(buf, done, buf.length - done, pos + done);
    if (bytesWritten <= 0) throw Object.assign(new Error(`no byte written at offset ${pos + done}`), { code: 'EIO' });
    done += bytesWritten;
  }
}

/** fdatasyncs the file at `path` (opened read-only for it): its bytes and size are durable after. */
export async function syncFile(fs: StorageFs, path: string): Promise<void> {
  const h = await fs.open(path, 'r');
  try {
    await fs.sync(h);
  } finally {
    await h.close();
  }
}

/**
 * Writes `data` to `path` atomically: `path.tmp`, fsync, rename, directory fsync. After it
 * resolves the new content is durable and no reader ever sees a partial file.
 */
export async function writeFileAtomic(fs: StorageFs, dir: string, name: string, data: Uint8Array): Promise<void> {
  const tmp = `${dir}/${name}.tmp`;
  const h = await fs.open(tmp, 'w', 0o644);
  try {
    await writeFully(h, data, 0);
    await fs.sync(h);
  } finally {
    await h.close();
  }
  await fs.rename(tmp, `${dir}/${name}`);
  await fs.syncDir(dir);
}
