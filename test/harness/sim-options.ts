/** Options of a simulated cluster, and the RaftConfig each simulated node gets from them. */
import type { RaftConfig, Random } from '../../src/core/index.js';

export interface SimOptions {
  readonly seed: number;
  readonly voters: readonly number[];
  readonly tickMs?: number;
  readonly latencyMs?: readonly [number, number];
  readonly persistMs?: readonly [number, number];
  readonly electionTimeoutMinTicks?: number;
  readonly electionTimeoutMaxTicks?: number;
  readonly checkQuorum?: boolean;
  readonly preVote?: boolean;
  readonly maxInflightAppends?: number;
  readonly maxEntriesPerAppend?: number;
  readonly maxAppendBytes?: number;
  readonly leaseDriftMs?: number;
  /** Compact a node's log once this many applied entries follow its snapshot (0 = never). */
  readonly compactEvery?: number;
  /** Applied entries kept behind the compaction point. */
  readonly compactKeep?: number;
  /** Clock-rate drift per node, as a fraction (e.g. 0.002 = ±0.2 %). */
  readonly clockDrift?: number;
  /**
   * The time each node hands its core: 'lease' (default) is the runtime's lease clock
   * (src/runtime/lease-clock.ts), 'monotonic' the monotonic clock alone, which misses a host
   * suspension (kept to show what the lease clock prevents).
   */
  readonly coreClock?: 'lease' | 'monotonic';
}

/** The core configuration of node `id` (only the options that are set override the core's defaults). */
export function raftConfig(opts: SimOptions, id: number, random: Random, tickMs: number): RaftConfig {
  return {
    id,
    random,
    tickMs,
    ...(opts.electionTimeoutMinTicks !== undefined ? { electionTimeoutMinTicks: opts.electionTimeoutMinTicks } : {}),
    ...(opts.electionTimeoutMaxTicks !== undefined ? { electionTimeoutMaxTicks: opts.electionTimeoutMaxTicks } : {}),
    ...(opts.checkQuorum !== undefined ? { checkQuorum: opts.checkQuorum } : {}),
    ...(opts.preVote !== undefined ? { preVote: opts.preVote } : {}),
    ...(opts.maxInflightAppends !== undefined ? { maxInflightAppends: opts.maxInflightAppends } : {}),
    ...(opts.maxEntriesPerAppend !== undefined ? { maxEntriesPerAppend: opts.maxEntriesPerAppend } : {}),
    ...(opts.maxAppendBytes !== undefined ? { maxAppendBytes: opts.maxAppendBytes } : {}),
    ...(opts.leaseDriftMs !== undefined ? { leaseDriftMs: opts.leaseDriftMs } : {}),
  };
}
