/**
 * Opening a node's data directory (STORAGE.md, "Data directory" and "Rules"):
 *
 * ```
 * FORMAT   {"format":1,"nodeId":N,"clusterId":"..."}   written once (tmp, fsync, rename, dir fsync)
 * LOCK     see lock.ts
 * wal/     segments (wal/file-wal.ts)
 * snap/    snapshot files (snapshot/snapshot-store.ts)
 * ```
 *
 * Rules, checked after the LOCK is held:
 * - new directory + `bootstrap`/`join` → `created: true`, FORMAT written by `commitFormat()`;
 * - new directory + `restart` → {@link UsageError} (exit 2): nothing to restart from;
 * - existing state + `restart` → opened; FORMAT's nodeId must equal the given id;
 * - existing state + `bootstrap`/`join` → refused with {@link BootstrapRefusedError} (exit 2)
 *   unless the node id and cluster id match what is stored (a repeated identical command line);
 * - log or snapshot files without FORMAT, or an unreadable FORMAT → IntegrityError CORRUPT (exit 7),
 *   except a first start that stopped before FORMAT (below);
 * - FORMAT but no WAL segment, whatever the flags → IntegrityError CORRUPT (exit 7): the log,
 *   and with it the node's term and vote, is gone (a wiped `wal/`); starting would let it vote a
 *   second time in a term it already voted in (Raft §5.2 needs the vote durable). FORMAT with
 *   segments that hold no record is refused the same way, by WAL recovery (`expectRecords`).
 *
 * FORMAT is the last step of a first start ({@link DataDir.commitFormat}): node-storage.ts writes
 * the initial write ({@link bootstrapWrite}: the configuration at index 1, term 1) into the new
 * WAL and makes it durable first. So FORMAT always means the WAL holds the node's state, and a
 * directory without FORMAT never served: a crash in a first start leaves no FORMAT over segments
 * that hold at most that initial write ({@link holdsOnlyFirstStartWrites}), which the next
 * start removes before starting afresh.
 */
import { dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { UsageError } from '../../errors.js';
import type { ClusterConfiguration } from '../../state-machine/types.js';
import { decodeEntry, type StoredEntry } from '../entry-codec.js';
import { BootstrapRefusedError, corruptionError, fileAccessError, permissionError, toStorageError, wrongTypeError } from '../errors.js';
import { isErrno, nodeStorageFs, writeFileAtomic, type StorageFs } from '../fs.js';
import type { LogWrite } from '../log-storage.js';
import { SNAPSHOT_SUFFIX } from '../snapshot/snapshot-format.js';
import { findValidRecord, isZero, readRecordAt, RecordType, type WalRecord } from '../wal/record.js';
import { parseSegmentFileName } from '../wal/segment.js';
import { clusterIdOf } from './cluster-id.js';
import { acquireLock, type DirLock, type LockOwner } from './lock.js';

/** File name of the FORMAT record. */
export const FORMAT_NAME = 'FORMAT';
/** The only FORMAT version this code reads and writes. */
export const FORMAT_VERSION = 1;

/** Contents of the FORMAT file. */
export interface FormatRecord {
  format: 1;
  nodeId: number;
  clusterId: string;
}

/** Why the node is starting. */
export type DataDirIntent =
  | { kind: 'bootstrap'; configuration: ClusterConfiguration; clusterToken?: string }
  | { kind: 'join'; clusterId: string }
  | { kind: 'restart' };

/** Options of {@link openDataDir}. */
export interface OpenDataDirOptions {
  nodeId: number;
  intent: DataDirIntent;
  fs?: StorageFs;
  /** Override of the LOCK owner (tests simulate other processes with it). */
  lockOwner?: LockOwner;
}

/** An open, locked data directory. Call {@link DataDir.close} to release the LOCK. */
export interface DataDir {
  path: string;
  walDir: string;
  snapDir: string;
  format: FormatRecord;
  lock: DirLock;
  /** True when this call creates the node (FORMAT is written by {@link DataDir.commitFormat}). */
  created: boolean;
  /**
   * Writes FORMAT for a created node (tmp, fsync, rename, directory fsyncs); a no-op otherwise.
   * Call it once the WAL's first segment exists: FORMAT is the last step of a first start, so
   * FORMAT without a segment always means a lost WAL, and segments without FORMAT that hold no
   * record are an unfinished first start, started afresh.
   */
  commitFormat(): Promise<void>;
  close(): Promise<void>;
}

/**
 * CRC-32 of a FORMAT record's fields, stored beside them as `crc32`: a damaged byte in FORMAT can
 * leave valid JSON (a cluster id character flipped to another one), which would start the node
 * with a wrong cluster id (its peers refuse it) or a wrong node id. Older raftctl ignore the field.
 */
export function formatChecksum(record: FormatRecord): number {
  return crc32(JSON.stringify({ format: record.format, nodeId: record.nodeId, clusterId: record.clusterId }));
}

/** The bytes of FORMAT for `record` (with its checksum). */
export function formatBytes(record: FormatRecord): Buffer {
  return Buffer.from(`${JSON.stringify({ format: record.format, nodeId: record.nodeId, clusterId: record.clusterId, crc32: formatChecksum(record) })}\n`);
}

function parseFormat(path: string, buf: Buffer): FormatRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(buf.toString('utf8'));
  } catch (err) {
    throw corruptionError(path, null, 'FORMAT is not valid JSON', { cause: err });
  }
  // Valid JSON of another shape (null, a number, an array) is as corrupt as invalid JSON.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw corruptionError(path, null, 'FORMAT is not a JSON object');
  const o = parsed as { format?: unknown; nodeId?: unknown; clusterId?: unknown };
  if (o.format === undefined) throw corruptionError(path, null, `FORMAT has no "format" field (this raftctl reads format ${FORMAT_VERSION})`);
  if (o.format !== FORMAT_VERSION) throw corruptionError(path, null, `unsupported format ${JSON.stringify(o.format)} (this raftctl reads format ${FORMAT_VERSION})`);
  if (typeof o.nodeId !== 'number' || !Number.isInteger(o.nodeId) || o.nodeId < 1 || o.nodeId > 0xffffffff) {
    throw corruptionError(path, null, 'FORMAT has no valid nodeId');
  }
  if (typeof o.clusterId !== 'string' || o.clusterId === '') throw corruptionError(path, null, 'FORMAT has no clusterId');
  const record: FormatRecord = { format: 1, nodeId: o.nodeId, clusterId: o.clusterId };
  // No crc32 field: written by a raftctl before the checksum (nothing to check).
  const sum = (parsed as { crc32?: unknown }).crc32;
  if (sum !== undefined && sum !== formatChecksum(record)) {
    throw corruptionError(path, null, `FORMAT's checksum (crc32 ${JSON.stringify(sum)}) does not match its contents (${formatChecksum(record)}): it is written atomically, so it was damaged (its node id or cluster id may be wrong)`);
  }
  return record;
}

async function listOrEmpty(fs: StorageFs, dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return [];
    throw permissionError(wrongTypeError(err, dir, 'directory'), dir);
  }
}

/** True when `dir`'s `wal/` holds at least one segment (a name the WAL reads as one). */
async function holdsWalSegments(fs: StorageFs, dir: string): Promise<boolean> {
  return (await listOrEmpty(fs, join(dir, 'wal'))).some((n) => parseSegmentFileName(n) !== null);
}

/**
 * True when `dir` holds no snapshot file and its WAL segments hold nothing but what a first start
 * writes before FORMAT: the initial hard state (term 0 or 1, no vote) and configuration entries
 * at index 1, then zeros (or, after at least one such record, a torn one that no valid record
 * follows: the initial write cut by a power loss).
 * Such a node never served (FORMAT comes first), so the state is safe to discard. Each segment
 * is read whole, since the answer leads to deletion.
 */
async function holdsOnlyFirstStartWrites(fs: StorageFs, dir: string): Promise<boolean> {
  if ((await listOrEmpty(fs, join(dir, 'snap'))).some((n) => n.endsWith(SNAPSHOT_SUFFIX))) return false;
  let sawRecord = false;
  let torn = false;
  for (const name of await listOrEmpty(fs, join(dir, 'wal'))) {
    if (parseSegmentFileName(name) === null) continue;
    const path = join(dir, 'wal', name);
    const buf = await fs.readFile(path).catch((err: unknown) => {
      throw fileAccessError(err, path);
    });
    if (torn) {
      if (!isZero(buf, 0, buf.length)) return false;
      continue;
    }
    for (let off = 0; ; ) {
      const r = readRecordAt(buf, off, buf.length);
      if (!r.ok) {
        if (r.zeroHeader && isZero(buf, off, buf.length)) break;
        // The initial write torn by a power loss (recovery's torn-tail rule): after a valid
        // first-start record, a bad one that no valid record follows, here or later.
        if (!sawRecord || findValidRecord(buf, off + 1, buf.length) >= 0) return false;
        torn = true;
        break;
      }
      if (!isFirstStartRecord(r.record)) return false;
      sawRecord = true;
      off = r.next;
    }
  }
  return true;
}

function isFirstStartRecord(record: WalRecord): boolean {
  if (record.type === RecordType.HARD_STATE) return record.hardState.term <= 1 && record.hardState.votedFor === 0;
  if (record.type !== RecordType.ENTRIES) return false;
  return record.entries.every((bytes) => {
    try {
      const e = decodeEntry(bytes);
      return e.index === 1 && e.term === 1 && e.payload.type === 'configuration';
    } catch {
      return false;
    }
  });
}

/** Deletes the WAL segments of `dir` (an unfinished first start's), durably. */
async function removeSegments(fs: StorageFs, dir: string): Promise<void> {
  const walDir = join(dir, 'wal');
  for (const name of await listOrEmpty(fs, walDir)) if (parseSegmentFileName(name) !== null) await fs.unlink(join(walDir, name));
  await fs.syncDir(walDir);
}

/** True when `dir` holds WAL segments or snapshot files. */
export async function holdsState(fs: StorageFs, dir: string): Promise<boolean> {
  if (await holdsWalSegments(fs, dir)) return true;
  return (await listOrEmpty(fs, join(dir, 'snap'))).some((n) => n.endsWith(SNAPSHOT_SUFFIX));
}

/** The cluster id an intent implies (null for a restart). */
export function intendedClusterId(intent: DataDirIntent): string | null {
  switch (intent.kind) {
    case 'bootstrap': return clusterIdOf(intent.configuration, intent.clusterToken);
    case 'join': return intent.clusterId;
    case 'restart': return null;
  }
}

/**
 * Creates (if needed), locks and validates a data directory. Throws DataDirLockedError,
 * BootstrapRefusedError, UsageError or IntegrityError as described in the module comment; on
 * any failure the LOCK is released again.
 */
export async function openDataDir(path: string, options: OpenDataDirOptions): Promise<DataDir> {
  const fs = options.fs ?? nodeStorageFs;
  const { nodeId, intent } = options;
  if (!Number.isInteger(nodeId) || nodeId < 1 || nodeId > 0xffffffff) throw new UsageError(`node id must be an integer in 1..4294967295, got ${nodeId}`);
  if (intendedClusterId(intent) === null && !(await exists(fs, path))) {
    // A restart needs the state a directory holds: refused before anything is created, so a
    // mistyped --data-dir leaves no empty directory behind.
    throw noNodeState(path, 'does not exist');
  }
  await createDirectory(path, fs);
  let lock: DirLock;
  try {
    lock = await acquireLock(fs, path, options.lockOwner);
  } catch (err) {
    throw unusableDirectory(path, err);
  }
  try {
    const formatPath = join(path, FORMAT_NAME);
    // A FORMAT.tmp is a commitFormat cut before its rename: whatever FORMAT says, the tmp is junk.
    await fs.unlink(`${formatPath}.tmp`).catch((err: unknown) => {
      if (!isErrno(err, 'ENOENT')) throw err;
    });
    let format: FormatRecord | null = null;
    try {
      format = parseFormat(formatPath, await fs.readFile(formatPath));
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw fileAccessError(err, formatPath);
    }
    let created = false;
    const wanted = intendedClusterId(intent);
    if (format === null) {
      // Segments that hold at most a first start's initial write, and no snapshot: a first start
      // that stopped before FORMAT (written last). It never served: a new start removes them.
      const holds = await holdsState(fs, path);
      const unfinished = holds && (await holdsOnlyFirstStartWrites(fs, path));
      if (holds && !unfinished) throw corruptionError(formatPath, null, 'the directory holds log or snapshot files but no FORMAT');
      if (wanted === null && unfinished) {
        throw new UsageError(`data directory ${path} holds a first start that did not finish`, { hint: 'run the command that first started this node again (with its --bootstrap or --peers)' });
      }
      if (wanted === null) {
        throw noNodeState(path, 'holds no node state');
      }
      if (unfinished) await removeSegments(fs, path);
      format = { format: 1, nodeId, clusterId: wanted };
      created = true;
    } else {
      if (format.nodeId !== nodeId) {
        throw new BootstrapRefusedError(`data directory ${path} holds the state of node ${format.nodeId}, not node ${nodeId}`, {
          details: { storedNodeId: format.nodeId, nodeId },
          hint: `pass --id ${format.nodeId} to start the node this directory belongs to, or give node ${nodeId} its own --data-dir`,
        });
      }
      // FORMAT is written only once the WAL's first segment exists (commitFormat), so FORMAT
      // without a segment means the WAL, and the term and vote in it, is gone (a wiped wal/):
      // neither a restart nor the original command line may go on, both could make the node vote
      // twice in one term.
      if (!(await holdsWalSegments(fs, path))) {
        throw corruptionError(join(path, 'wal'), null, 'FORMAT says this directory holds a node, but its write-ahead log has no segment: the term and vote it recorded are lost, and starting it could make it vote twice in one term', {
          hint: 'if this node never printed "listening on" (a first start of an older raftctl that crashed), delete the directory and start it again; otherwise remove it from the cluster and add a new member with an empty directory (never restart a wiped voter under its old id)',
        });
      }
      if (wanted !== null && wanted !== format.clusterId) {
        throw new BootstrapRefusedError(
          `data directory ${path} already holds state of cluster ${format.clusterId}; the ${intent.kind === 'join' ? '--join target' : 'initial configuration'} describes cluster ${wanted}`,
          { details: { storedClusterId: format.clusterId, clusterId: wanted } },
        );
      }
    }
    const walDir = join(path, 'wal');
    const snapDir = join(path, 'snap');
    for (const dir of [walDir, snapDir]) {
      await fs.mkdir(dir).catch((err: unknown) => {
        throw wrongTypeError(err, dir, 'directory');
      });
    }
    // A process killed inside commitFormat can leave FORMAT renamed into place without its
    // directory fsyncs; this start reads it and the node serves on it. FORMAT's entry was made
    // durable by the LOCK's directory fsync (acquireLock, before FORMAT was read); the data
    // directory's own entry in its parent (commitFormat's last fsync) is made durable here, so a
    // power loss after this start cannot take the directory away from a node that served.
    if (!created) await fs.syncDir(dirname(path));
    let committed = !created;
    const record = format;
    const commitFormat = async (): Promise<void> => {
      if (committed) return;
      try {
        await fs.syncDir(path); // wal/ and snap/ themselves
        await writeFileAtomic(fs, path, FORMAT_NAME, formatBytes(record));
        await fs.syncDir(dirname(path));
      } catch (err) {
        throw toStorageError(err, `writing ${formatPath}`);
      }
      committed = true;
    };
    return { path, walDir, snapDir, format, lock, created, commitFormat, close: () => lock.release() };
  } catch (err) {
    // The error that stopped the open is the one reported, not a failure to release the LOCK
    // (a stale LOCK is taken over by the next start).
    await lock.release().catch(() => undefined);
    throw toStorageError(err, `opening data directory ${path}`);
  }
}

/** Why the operating system would not let us create or lock a data directory, by errno. */
const UNUSABLE_BECAUSE: Record<string, string> = {
  EEXIST: 'it exists and is not a directory',
  ENOTDIR: 'a component of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'it cannot be created there',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links in the path',
};

/** A restart (no --bootstrap or --peers) of a directory without a node's state: a usage error. */
function noNodeState(path: string, what: 'holds no node state' | 'does not exist'): UsageError {
  return new UsageError(`data directory ${path} ${what}`, {
    hint: 'a new node starts with --bootstrap or --peers; if this was a member whose directory was lost, do not reuse its id: remove it from the cluster and add a new member',
  });
}

/** Whether `path` exists (an error other than ENOENT is left to the directory's creation to report). */
async function exists(fs: StorageFs, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch (err) {
    return !isErrno(err, 'ENOENT');
  }
}

/**
 * Creates `path` and its missing parents for a data directory (`--data-dir`); a directory the
 * operating system refuses (a file in the way, no permission, read-only, procfs) is a
 * {@link UsageError} (exit 2) naming the reason.
 */
export async function createDirectory(path: string, fs: StorageFs = nodeStorageFs): Promise<void> {
  try {
    await fs.mkdir(path);
  } catch (err) {
    throw unusableDirectory(path, err);
  }
}

/**
 * A data directory the OS refuses is a bad `--data-dir` (UsageError, exit 2); any other failure
 * (EIO, say) is a StorageIoError (exit 1); a RaftCtlError passes unchanged.
 */
function unusableDirectory(path: string, err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code in UNUSABLE_BECAUSE)) return toStorageError(err, `using data directory ${path}`);
  return new UsageError(`cannot use data directory ${path}: ${UNUSABLE_BECAUSE[code]} (${code})`, {
    hint: code === 'ENOSPC' ? 'free space on its file system, then run the same command again (the state already in the directory is intact)' : 'pass --data-dir a directory this user can create and write',
    cause: err,
    details: { path, errno: code },
  });
}

/** The entry every initial member writes at index 1, term 1: the initial configuration. */
export function bootstrapEntry(configuration: ClusterConfiguration): StoredEntry {
  return { index: 1, term: 1, payload: { type: 'configuration', configuration } };
}

/**
 * The write that bootstraps an empty log: the configuration entry at (1, 1) and term 1. The
 * runtime submits it when `log.lastIndex() === 0` and the intent is a bootstrap.
 */
export function bootstrapWrite(configuration: ClusterConfiguration): LogWrite {
  return { entries: [bootstrapEntry(configuration)], hardState: { term: 1, votedFor: 0 } };
}
