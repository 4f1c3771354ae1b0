/**
 * One call that opens everything a node keeps on disk, in the order that keeps the rules of
 * STORAGE.md: data directory (LOCK, FORMAT, bootstrap rules) → WAL recovery → snapshot store.
 * If any step fails, what was opened is closed again (the LOCK released) and the error is
 * rethrown unchanged (its exit code intact).
 *
 * Ownership: the returned object owns the LOCK, the WAL's files and the snapshot directory
 * until {@link NodeStorage.close}, which waits for pending WAL writes first.
 */
import { join } from 'node:path';
import { FORMAT_NAME, openDataDir, type DataDir, type DataDirIntent } from './data-dir/data-dir.js';
import type { StoredEntry } from './entry-codec.js';
import { corruptionError } from './errors.js';
import type { HardState, LogStorage, LogWrite } from './log-storage.js';
import { snapshotMetaOf, type SnapshotMeta } from './snapshot/snapshot-format.js';
import type { SnapshotInfo, SnapshotStore } from './snapshot/snapshot-store.js';
import type { LockOwner } from './data-dir/lock.js';
import { isErrno, nodeStorageFs, type StorageFs } from './fs.js';
import { FileSnapshotStore } from './snapshot/snapshot-store.js';
import { FileWal } from './wal/file-wal.js';

/** Options of {@link openNodeStorage}. */
export interface NodeStorageOptions {
  nodeId: number;
  intent: DataDirIntent;
  fs?: StorageFs;
  /** WAL segment size in bytes (default 64 MiB). */
  segmentBytes?: number;
  /** Snapshot files kept (default 2). */
  retainSnapshots?: number;
  lockOwner?: LockOwner;
  /**
   * The first start's initial write (`bootstrapWrite` of the initial configuration; default,
   * for a node that joins: the hard state term 0 without a vote): made durable in the new WAL
   * *before* FORMAT is committed, so FORMAT always means "this WAL holds the node's state" and
   * a directory without FORMAT never served.
   */
  initialWrite?: LogWrite;
}

/** Everything a node keeps on disk, opened and recovered. */
export interface NodeStorage {
  dataDir: DataDir;
  log: FileWal;
  snapshots: FileSnapshotStore;
  /** Waits for pending WAL writes, closes files, releases the LOCK. */
  close(): Promise<void>;
  /**
   * For a node that failed to start right after this call created its state (`dataDir.created`,
   * before it served): closes everything like {@link close}, but first removes FORMAT, then the
   * files of `wal/` and `snap/`, while the LOCK is still held (through the StorageFs seam), so
   * the directory is as empty as it was and the same command (say, with a free port) can
   * bootstrap it again. A crash in between leaves no FORMAT over at most the first start's
   * writes, which the next start discards (data-dir.ts). A no-op beyond `close` when the state
   * was not created now.
   */
  discardCreated(): Promise<void>;
}

/** Opens a node's data directory, WAL and snapshot store (see the module contract). */
export async function openNodeStorage(path: string, options: NodeStorageOptions): Promise<NodeStorage> {
  const fs = options.fs ?? nodeStorageFs;
  const lockOwner = options.lockOwner;
  const dataDir = await openDataDir(path, { nodeId: options.nodeId, intent: options.intent, fs, ...(lockOwner ? { lockOwner } : {}) });
  let log: FileWal | null = null;
  try {
    log = await FileWal.open(dataDir.walDir, { fs, expectRecords: !dataDir.created, ...(options.segmentBytes !== undefined ? { segmentBytes: options.segmentBytes } : {}) });
    const snapshots = await FileSnapshotStore.open(dataDir.snapDir, { fs, ...(options.retainSnapshots !== undefined ? { retain: options.retainSnapshots } : {}) });
    // Without an initial write (a joining node's first start) the hard state is recorded, so
    // that under FORMAT the WAL always holds a record (recover.ts `expectRecords`).
    if (dataDir.created) await log.write(options.initialWrite ?? { hardState: { term: 0, votedFor: 0 } });
    await dataDir.commitFormat(); // a new node's FORMAT, last: its initial write is durable now
    const opened = log;
    /** Closes the WAL, runs `beforeUnlock` while the LOCK is still held, then releases the LOCK. */
    const closeAll = async (beforeUnlock?: () => Promise<void>): Promise<void> => {
      try {
        await opened.close();
        await beforeUnlock?.();
      } finally {
        await dataDir.close();
      }
    };
    return {
      dataDir,
      log: opened,
      snapshots,
      close: () => closeAll(),
      discardCreated: () =>
        closeAll(async () => {
          if (!dataDir.created) return;
          // Every crash point leaves a state the next start recovers: FORMAT goes first (the
          // first start's writes without FORMAT: discarded by the next start), then the files.
          try {
            await fs.unlink(join(dataDir.path, FORMAT_NAME));
          } catch (err) {
            if (!isErrno(err, 'ENOENT')) throw err; // failed before FORMAT was committed
          }
          await fs.syncDir(dataDir.path);
          for (const dir of [dataDir.walDir, dataDir.snapDir]) {
            for (const name of await fs.readdir(dir)) await fs.unlink(join(dir, name));
            await fs.syncDir(dir);
          }
        }),
    };
  } catch (err) {
    if (log) await log.close().catch(() => undefined);
    await dataDir.close().catch(() => undefined); // the error reported is the one that stopped the open
    throw err;
  }
}

/** What a node restarts from; the shape of the Raft core's `RestoredState`. */
export interface LoadedState {
  hardState: HardState;
  /** The latest snapshot's metadata (absent when there is none). */
  snapshot?: SnapshotMeta;
  /** The file behind `snapshot`, to restore the state machine from. */
  snapshotFile?: SnapshotInfo;
  /** Every entry after the snapshot (or from index 1), contiguous. */
  entries: StoredEntry[];
}

/**
 * Reads what a restarting node hands to the core: hard state, the latest snapshot's header
 * (header checks only; the body is verified when the state machine restores from it) and the
 * entries after it. A log compacted beyond the latest snapshot (entries lost) is an
 * IntegrityError CORRUPT (exit 7), naming `snapDir` (the snapshot directory's path) or the file in it.
 */
export async function loadRestoredState(log: LogStorage, snapshots: SnapshotStore, snapDir = 'snap/'): Promise<LoadedState> {
  const file = await snapshots.latest();
  const compact = log.compactPoint();
  const hardState = log.hardState();
  if (!file) {
    if (compact.index > 0) throw corruptionError(snapDir, null, `the log is compacted to ${compact.index} but no snapshot file exists (the snapshots were deleted?)`);
    return { hardState, entries: log.entries(1, log.lastIndex() + 1) };
  }
  const header = await snapshots.header(file);
  if (compact.index > header.index) {
    throw corruptionError(join(snapDir, file.name), null, `the log is compacted to ${compact.index}, beyond the latest snapshot at ${header.index} (a newer snapshot was deleted?)`);
  }
  return { hardState, snapshot: snapshotMetaOf(header), snapshotFile: file, entries: log.entries(header.index + 1, log.lastIndex() + 1) };
}

/**
 * An older snapshot a restart could start from instead of `bad` (the latest, found corrupt): the
 * newest other file that verifies (header and body) and that the log continues from (its index at
 * or after the compact point, with the log's term there), or null. For the operator's hint only:
 * the start is still refused, since a node never skips a corrupt file on its own.
 */
export async function fallbackSnapshot(log: LogStorage, snapshots: SnapshotStore, bad: SnapshotInfo): Promise<SnapshotInfo | null> {
  const compact = log.compactPoint();
  for (const s of (await snapshots.list()).reverse()) {
    if (s.name === bad.name || s.index > bad.index) continue;
    if (s.index < compact.index) break;
    if (log.term(s.index) !== s.term) continue;
    try {
      await snapshots.verify(s);
    } catch {
      continue;
    }
    return s;
  }
  return null;
}
