/**
 * The runtime's view of snapshot files: a file's summary for status, the retention run after a
 * snapshot was written or taken, and how applied entries count toward the snapshot policy.
 */
import type { Entry } from '../core/index.js';
import type { SnapshotStore, StoredEntry, WrittenSnapshot } from '../storage/index.js';
import type { Logger } from './logger.js';

/** A snapshot file's identity and digest. */
export interface SnapshotSummary {
  readonly name: string;
  readonly index: number;
  readonly term: number;
  readonly bytes: number;
  /** Hex SHA-256 of the body. */
  readonly sha256: string;
}

/** The summary of a written or received snapshot (the body's SHA-256, as in its header). */
export function summaryOf(w: WrittenSnapshot): SnapshotSummary {
  const digest = w as unknown as { bodySha256?: string; sha256?: string };
  return { name: w.name, index: w.index, term: w.term, bytes: w.bytes, sha256: digest.bodySha256 ?? digest.sha256 ?? '' };
}

/**
 * Applies `store`'s retention after a snapshot was written or taken. A failure (an old file that
 * cannot be deleted: EIO, EPERM) is logged as a warning, never thrown: the new snapshot is durable,
 * and failing it would leave the log uncompacted (docs/storage.md "Retention").
 */
export async function keepNewestSnapshots(store: SnapshotStore, logger: Logger): Promise<void> {
  await store.keepNewest().catch((e: unknown) => logger.log('warn', 'snapshot retention failed', { error: e instanceof Error ? e.message : String(e) }));
}

/**
 * Bytes an entry counts for in the snapshot policy's log growth and the leader's uncommitted
 * bound: its command plus 32 for index, term and framing.
 */
export function entryBytes(e: Pick<Entry, 'payload'> | Pick<StoredEntry, 'payload'>): number {
  return 32 + (e.payload.type === 'command' ? e.payload.data.byteLength : 0);
}
