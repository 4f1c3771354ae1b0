/**
 * Typed errors of the storage layer, built on the classes of src/errors.ts so every failure
 * carries the exit code of CLI.md:
 *
 * - corruption (a bad record followed by a valid one, a bad snapshot, a gap in the log) →
 *   {@link IntegrityError} code `CORRUPT`, exit 7, with `details.file` and `details.offset`;
 * - a data directory held by another live process → {@link DataDirLockedError}, exit 2;
 * - `--bootstrap`/`--peers`/`--join` on a directory that holds different state →
 *   {@link BootstrapRefusedError}, exit 2;
 * - an IO failure while writing (ENOSPC, EIO, ...) → {@link StorageIoError}, exit 1. After one,
 *   the WAL refuses every later write: a node must stop, never retry over a torn log.
 */
import { EXIT, IntegrityError, RaftCtlError, UsageError, type RaftCtlErrorOptions } from '../errors.js';

/** A corrupt WAL record, snapshot file or data directory (exit 7), naming the file and byte offset. */
export function corruptionError(file: string, offset: number | null, reason: string, options: RaftCtlErrorOptions = {}): IntegrityError {
  const where = offset === null ? file : `${file} at byte offset ${offset}`;
  return new IntegrityError('CORRUPT', `corrupt data in ${where}: ${reason}`, {
    hint: 'the node refuses to start: restore its data directory from a backup, or replace the node (remove it from the cluster, then add a new member with an empty directory; never restart a wiped voter under its old id)',
    ...options,
    details: { file, offset, ...options.details },
  });
}

/**
 * A path of the data directory of the wrong type: a directory where a file belongs (EISDIR: a
 * segment, `wal/HEAD`, FORMAT, a snapshot or LOCK replaced by a directory) or a file where a
 * directory belongs (ENOTDIR, or EEXIST from creating `wal/` or `snap/`). The layout is damaged:
 * IntegrityError CORRUPT (exit 7) naming `path`, where the raw error was an I/O failure (exit 1,
 * "a bug") whose message, for a read, named no file. Any other error is returned unchanged.
 */
export function wrongTypeError(err: unknown, path: string, expected: 'file' | 'directory', options: RaftCtlErrorOptions = {}): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  const wrong = expected === 'file' ? code === 'EISDIR' : code === 'ENOTDIR' || code === 'EEXIST';
  if (!wrong) return err;
  return corruptionError(path, null, expected === 'file' ? 'a directory stands where this file belongs' : 'a file (or something else) stands where this directory belongs', { cause: err, ...options });
}

/**
 * A file of the data directory that this user may not open (EACCES, EPERM: a chmod, a chown to
 * another user, an immutable file): like a `--data-dir` the OS refuses, it is the operator's to fix,
 * not a bug, and the state is intact. {@link UsageError} USAGE (exit 2) naming `path`, where the raw
 * error was a StorageIoError (exit 1, "a bug"). Any other error is returned unchanged.
 */
export function permissionError(err: unknown, path: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code !== 'EACCES' && code !== 'EPERM') return err;
  return new UsageError(`cannot use ${path}: permission denied (${code})`, {
    cause: err,
    hint: "give the node's user the data directory and everything in it (chown -R, chmod u+rw), then start the node again (the state in it is intact)",
    details: { file: path, errno: code },
  });
}

/** {@link wrongTypeError} and {@link permissionError} for a file of the data directory that is read or opened. */
export function fileAccessError(err: unknown, path: string): unknown {
  return permissionError(wrongTypeError(err, path, 'file'), path);
}

/** {@link wrongTypeError} for a temporary file's name (a spare, a `.tmp`, a `.part`), which raftctl removes on open: the hint says to remove what is there. */
export function wrongTypeTempError(err: unknown, path: string): unknown {
  return wrongTypeError(err, path, 'file', { hint: `raftctl keeps a temporary file under this name and removes it on start; a directory there is not raftctl's: remove ${path}, then start the node again` });
}

/** Another live process holds the data directory's LOCK (exit 2). */
export class DataDirLockedError extends RaftCtlError {
  constructor(
    readonly dir: string,
    readonly holderPid: number,
    options: RaftCtlErrorOptions = {},
  ) {
    super('DATA_DIR_LOCKED', EXIT.USAGE, `data directory ${dir} is in use by ${holderPid > 0 ? `process ${holderPid}` : 'another process'}`, {
      hint: 'stop the other node first, or choose another --data-dir',
      ...options,
      details: { dir, pid: holderPid, ...options.details },
    });
  }
}

/** Bootstrap or join flags that do not match the state already stored in the directory (exit 2). */
export class BootstrapRefusedError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('BOOTSTRAP_REFUSED', EXIT.USAGE, message, {
      hint: 'restart with only --id, --listen and --data-dir, or use an empty --data-dir',
      ...options,
    });
  }
}

/** A write, fsync, rename or delete failed (exit 1). The WAL is unusable afterwards. */
export class StorageIoError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('STORAGE_IO_ERROR', EXIT.BUG, message, options);
  }
}

/** What an operator does about a storage failure, by errno (none for others). */
const STORAGE_HINTS: Record<string, string> = {
  ENOSPC: 'the disk is full: free space on the data directory\'s file system, then start the node again (what it acknowledged is durable; its log is recovered on start)',
  EDQUOT: 'the disk quota is exhausted: raise it or free space, then start the node again (what it acknowledged is durable)',
  EIO: 'the disk reported an I/O error: check the device (dmesg, SMART); start the node again once it is healthy, or replace the node',
  EROFS: 'the file system is read-only (often remounted so after I/O errors): check the device, then start the node again',
  EACCES: 'this user may not write there: give the node\'s user the data directory and everything in it (chown -R), then start the node again',
  EPERM: 'the operation is not permitted there (an immutable file, a restrictive mount?): fix it, then start the node again',
};

/**
 * Wraps any thrown value from node:fs into a {@link StorageIoError} (a RaftCtlError passes
 * through); ENOSPC, EDQUOT, EIO, EROFS, EACCES and EPERM get a hint saying what to do.
 */
export function toStorageError(err: unknown, what: string): RaftCtlError {
  if (err instanceof RaftCtlError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const hint = typeof code === 'string' ? STORAGE_HINTS[code] : undefined;
  return new StorageIoError(`${what}: ${msg}`, { cause: err, ...(hint ? { hint } : {}) });
}
