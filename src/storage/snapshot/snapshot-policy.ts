/**
 * Snapshot policy and the snapshot-then-compact sequence (STORAGE.md "Snapshot files":
 * "a snapshot every N applied entries (configurable) and on demand; the log behind it is
 * compacted, keeping a configurable tail; older snapshot files beyond a retain count are
 * deleted").
 *
 * Ordering contract of {@link createSnapshotAndCompact}: the snapshot file is durable (fsync,
 * rename, directory fsync) before the COMPACT record is written, so at every instant the entries
 * the log drops are covered by a durable snapshot (Raft §7). The frozen generation is released
 * whether or not the write succeeds.
 */
import { ConfigError } from '../../errors.js';
import type { ClusterConfiguration, KvRecord } from '../../state-machine/types.js';
import type { LogStorage } from '../log-storage.js';
import type { SnapshotStore, WrittenSnapshot } from './snapshot-store.js';
import { snapshotMetaOf } from './snapshot-format.js';

/**
 * When to snapshot and how much log to keep behind a snapshot.
 *
 * A snapshot is due once `everyEntries` entries were applied since the last one **and** the log
 * written since then is at least `logToSnapshotRatio` times that snapshot's size or has reached
 * `maxLogBytes` (Raft dissertation §5.1.3, "when to snapshot": a snapshot costs the size of the
 * state, so taking one only after the log has grown as large keeps its cost amortized to a
 * fixed fraction of the log writes, however large the state is; the byte cap bounds the log
 * when the state is huge). However few entries were applied, one is also due once that log has
 * reached both `maxLogBytes` and `logToSnapshotRatio` times the last snapshot: the node holds
 * its log in memory until a snapshot lets it compact, and with large entries the entry count
 * alone let it grow without bound (10 000 entries of 1 MiB values are 10 GB), while a snapshot
 * every 64 MiB of a multi-gigabyte state would rewrite the state many times over. The byte rules
 * apply when the caller passes a {@link LogGrowth}; without one only entries count.
 * `everyEntries` 0 turns automatic snapshots off altogether.
 *
 * Behind a snapshot the log keeps `keepLogEntries` entries, or fewer when they add up to more
 * than `maxLogBytes` ({@link compactionTarget}).
 */
export interface SnapshotPolicy {
  /** Take a snapshot once this many entries were applied since the last one (0 = only on demand). */
  everyEntries: number;
  /** Entries kept in the log behind the snapshot's index (lets slow followers catch up without one). */
  keepLogEntries: number;
  /** Log bytes since the last snapshot needed per byte of that snapshot (default 1; 0 = entries only). */
  logToSnapshotRatio?: number;
  /** Log bytes since the last snapshot at which one is due whatever its size; also the most the kept tail may hold (default 64 MiB). */
  maxLogBytes?: number;
}

/** How much log a node applied since its last snapshot, and that snapshot's size (bytes). */
export interface LogGrowth {
  readonly logBytes: number;
  readonly snapshotBytes: number;
}

/** Defaults: every 10 000 applied entries, keep 1 000 entries of log. */
export const DEFAULT_SNAPSHOT_POLICY: SnapshotPolicy = { everyEntries: 10_000, keepLogEntries: 1_000 };
/** Default {@link SnapshotPolicy.logToSnapshotRatio}. */
export const DEFAULT_LOG_TO_SNAPSHOT_RATIO = 1;
/** Default {@link SnapshotPolicy.maxLogBytes}. */
export const DEFAULT_MAX_LOG_BYTES = 64 * 1024 * 1024;

/** Validates a policy; throws ConfigError (exit 2). */
export function checkSnapshotPolicy(p: SnapshotPolicy): SnapshotPolicy {
  if (!Number.isSafeInteger(p.everyEntries) || p.everyEntries < 0) throw new ConfigError(`snapshot interval must be ≥ 0 entries, got ${p.everyEntries}`);
  if (!Number.isSafeInteger(p.keepLogEntries) || p.keepLogEntries < 0) throw new ConfigError(`kept log tail must be ≥ 0 entries, got ${p.keepLogEntries}`);
  if (p.logToSnapshotRatio !== undefined && !(p.logToSnapshotRatio >= 0 && Number.isFinite(p.logToSnapshotRatio))) throw new ConfigError(`log-to-snapshot ratio must be a number ≥ 0, got ${p.logToSnapshotRatio}`);
  if (p.maxLogBytes !== undefined && !(Number.isSafeInteger(p.maxLogBytes) && p.maxLogBytes > 0)) throw new ConfigError(`maximum log bytes before a snapshot must be > 0, got ${p.maxLogBytes}`);
  return p;
}

/** True when the policy asks for a snapshot now (see {@link SnapshotPolicy}). Pure. */
export function snapshotDue(appliedIndex: number, lastSnapshotIndex: number, policy: SnapshotPolicy, growth?: LogGrowth): boolean {
  if (policy.everyEntries <= 0 || appliedIndex <= lastSnapshotIndex) return false;
  const enoughEntries = appliedIndex - lastSnapshotIndex >= policy.everyEntries;
  if (!growth) return enoughEntries;
  const cap = policy.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES;
  const proportional = (policy.logToSnapshotRatio ?? DEFAULT_LOG_TO_SNAPSHOT_RATIO) * growth.snapshotBytes;
  if (enoughEntries) return growth.logBytes >= Math.min(cap, proportional);
  return growth.logBytes >= Math.max(cap, proportional);
}

/**
 * The index to compact the log to after a snapshot at `snapshotIndex` (0 = nothing): it keeps
 * the `keepLogEntries` entries before it, or with `entryBytes` (a live entry's size, 0 once it
 * is gone) only as many of them as fit in `maxLogBytes`, at least one if the policy keeps any.
 * Pure.
 */
export function compactionTarget(snapshotIndex: number, policy: SnapshotPolicy, entryBytes?: (index: number) => number): number {
  const byCount = Math.max(0, snapshotIndex - policy.keepLogEntries);
  if (!entryBytes || policy.keepLogEntries === 0) return byCount;
  const budget = policy.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES;
  let kept = 0;
  let target = snapshotIndex;
  while (target > byCount && (kept === 0 || kept + entryBytes(target) <= budget)) {
    kept += entryBytes(target);
    target--;
  }
  return target;
}

/** What {@link createSnapshotAndCompact} needs from the state machine (KvStateMachine.beginSnapshot()). */
export interface SnapshotSourceLike {
  readonly index: number;
  readonly term: number;
  readonly configuration: ClusterConfiguration;
  /** Index of the entry that set `configuration`. */
  readonly configIndex: number;
  records(signal?: AbortSignal): AsyncIterable<KvRecord>;
  release(): void;
}

/** Result of {@link createSnapshotAndCompact}. */
export interface SnapshotAndCompactResult {
  snapshot: WrittenSnapshot;
  /** The log's compact point afterwards. */
  compactedTo: { index: number; term: number };
  /**
   * The store's retention failed (an old file that cannot be deleted: EIO, EPERM). The new
   * snapshot is durable and the log compacted all the same; the caller reports it as a warning.
   */
  retentionError?: unknown;
}

/**
 * Writes `source` to `store`, compacts `log` to `compactionTarget(index, policy)` when that moves
 * the compact point forward and the log still holds the entry there, then applies the store's
 * retention. Releases `source`. A failed retention does not fail the call (the snapshot is
 * durable, the log compacted): it is returned as `retentionError`, as the runtime logs it.
 */
export async function createSnapshotAndCompact(
  source: SnapshotSourceLike,
  store: SnapshotStore,
  log: LogStorage,
  policy: SnapshotPolicy,
): Promise<SnapshotAndCompactResult> {
  let snapshot: WrittenSnapshot;
  try {
    snapshot = await store.create(snapshotMetaOf(source), source.records());
  } finally {
    source.release();
  }
  const target = Math.min(compactionTarget(source.index, policy, (i) => log.entryBytes(i)), log.lastIndex());
  const term = log.term(target);
  if (target > log.compactPoint().index && term !== undefined) await log.compact(target, term);
  const retentionError = await store.keepNewest().then(
    () => undefined,
    (err: unknown) => err,
  );
  return { snapshot, compactedTo: log.compactPoint(), ...(retentionError === undefined ? {} : { retentionError }) };
}
