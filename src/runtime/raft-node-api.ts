/**
 * What {@link RaftNode} (raft-node.ts) is built from and answers with: its options, where its
 * outbound peer requests go, what a committed write answers, and the NOT_LEADER error it
 * refuses with.
 */
import type { NodeId, LogIndex, Outbound, RaftCore } from '../core/index.js';
import { NoLeaderError } from '../errors.js';
import type { ApplyResult, KvStateMachine } from '../state-machine/index.js';
import type { LogStorage, SnapshotPolicy, SnapshotStore } from '../storage/index.js';
import type { Logger } from './logger.js';
import type { SnapshotSummary } from './node-snapshots.js';

/** Default {@link RaftNodeOptions.maxUncommittedEntries}. */
export const DEFAULT_MAX_UNCOMMITTED_ENTRIES = 10_000;
/**
 * Default {@link RaftNodeOptions.maxUncommittedBytes}: 256 MiB. The entry bound alone let a
 * leader hold 10 000 uncommitted 1 MiB values (10 GiB) while its quorum was away.
 */
export const DEFAULT_MAX_UNCOMMITTED_BYTES = 256 * 1024 * 1024;

/** Where outbound requests to peers go (the gRPC implementation is peer-sender.ts). */
export interface PeerSender {
  send(m: Outbound): void;
  close(): void;
}

/**
 * What a {@link RaftNode} drives and owns until `stop()`: the core (built from the durable state
 * `log` and `snapshots` hold), the state machine restored to the snapshot, the logger, the tick
 * length and the snapshot policy.
 */
export interface RaftNodeOptions {
  readonly id: NodeId;
  readonly core: RaftCore;
  readonly log: LogStorage;
  readonly snapshots: SnapshotStore;
  readonly sm: KvStateMachine;
  readonly logger: Logger;
  readonly tickMs: number;
  readonly snapshotPolicy: SnapshotPolicy;
  /** Index of the latest snapshot the node restarted from (0 = none). */
  readonly snapshotIndex: LogIndex;
  /** Proposals refused with RESOURCE_EXHAUSTED while this many entries are uncommitted (default 10000). */
  readonly maxUncommittedEntries?: number;
  /**
   * Proposals refused with RESOURCE_EXHAUSTED when they would take the uncommitted entries past
   * this many bytes (default {@link DEFAULT_MAX_UNCOMMITTED_BYTES}); one proposal is always
   * accepted when nothing is uncommitted, however large.
   */
  readonly maxUncommittedBytes?: number;
  /**
   * Client writes that would grow the state machine past this many bytes are refused with
   * RESOURCE_EXHAUSTED (state-quota.ts; default `defaultMaxStateBytes()` there).
   */
  readonly maxStateBytes?: number;
  /** Wall clock (unix ms) for proposal times; default Date.now. */
  readonly unixMs?: () => number;
  /**
   * Milliseconds handed to the core with ticks and reads, dating leader leases; default
   * `leaseClock()` of lease-clock.ts over performance.now() and Date.now() (it counts a host
   * suspension, which the monotonic clock alone misses).
   */
  readonly leaseClock?: () => number;
  /** Called once when the node stops because of a fatal error (storage). */
  readonly onFatal?: (err: Error) => void;
  /** Called whenever another snapshot file becomes the node's latest (written, received, or set at a restart). */
  readonly onLatestSnapshot?: (s: SnapshotSummary) => void;
}

/** What a committed write answers. */
export interface WriteOutcome {
  readonly index: LogIndex;
  readonly result: ApplyResult;
}

/** A follower/leader hint for NOT_LEADER answers. */
export function notLeaderError(leaderId: NodeId, address: string | undefined): NoLeaderError {
  return new NoLeaderError(leaderId ? `not the leader; the leader is node ${leaderId}` : 'not the leader; no leader is known', {
    code: 'NOT_LEADER',
    leaderId: leaderId || null,
    leaderAddress: address ?? null,
  });
}
