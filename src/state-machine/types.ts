/**
 * Plain data types shared by the KV state machine and its callers (runtime, storage). No
 * behaviour here; every number is a safe integer (ids uint32, index/term/revision/time ≤ 2^53−1).
 */

/** A learner of a {@link ClusterConfiguration}. */
export interface ConfigurationLearner {
  readonly id: number;
  readonly readOnly: boolean;
}

/**
 * A cluster configuration (raftctl.raft.v1.Configuration). A non-empty `votersOutgoing` is the
 * joint configuration C_old,new (Raft dissertation §4.3): `voters` is C_new, `votersOutgoing` C_old.
 */
export interface ClusterConfiguration {
  readonly voters: readonly number[];
  readonly votersOutgoing: readonly number[];
  readonly learners: readonly ConfigurationLearner[];
  /** Node id → "host:port". */
  readonly addresses: Readonly<Record<number, string>>;
}

/** An empty configuration (no members): the state before the bootstrap entry is applied. */
export function emptyConfiguration(): ClusterConfiguration {
  return { voters: [], votersOutgoing: [], learners: [], addresses: {} };
}

/**
 * What the state machine applies: one committed log entry, already decoded from the log's
 * envelope. `command` holds the bytes of a `raftctl.raft.v1.WriteCommand` (d-engine's
 * WriteCommand plus the leader-proposed `expire`).
 * `proposedAtUnixMs` is the leader's clock at proposal (Entry field 100); TTL expiry is computed
 * from it so every replica computes the same expiry. Apply never reads a clock.
 */
export type ApplyEntry =
  | { index: number; term: number; kind: 'command'; command: Uint8Array; proposedAtUnixMs?: number }
  | { index: number; term: number; kind: 'noop' }
  | { index: number; term: number; kind: 'configuration'; configuration: ClusterConfiguration };

/** One key of the state machine as it appears in a snapshot body (key order). */
export interface KvRecord {
  key: Buffer;
  value: Buffer;
  /** Unix ms after which reads hide the key; 0 = no expiry. */
  expiresAtUnixMs: number;
}
