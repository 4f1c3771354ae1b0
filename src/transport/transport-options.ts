/**
 * {@link GrpcTransportOptions}: what a GrpcTransport is built with, its defaults, and the check
 * its constructor runs (a ConfigError for an option no transport can work with).
 */
import { ConfigError } from '../errors.js';
import { badArgument, checkNodeId, checkOptions } from './arguments.js';
import { ChannelPool } from './channels.js';
import { MAX_TIMER_MS, type Clock, type RandomSource } from './clock.js';

export interface GrpcTransportOptions {
  /** This node's id; filtered out of every fan-out (a membership's own `selfId` wins). */
  readonly selfId?: number;
  /** Sent as `raftctl-cluster-id` metadata on every request when set. */
  readonly clusterId?: string;
  /** Shared channel pool; the transport creates (and then owns and closes) one when absent. */
  readonly pool?: ChannelPool;
  /** Time source of every backoff sleep (default: the system clock). */
  readonly clock?: Clock;
  /** Jitter source of backoff delays (default Math.random). */
  readonly random?: RandomSource;
  /** Unary AppendEntries one peer may have queued or running (default 100; a whole number ≥ 1). Invalid options are a ConfigError from the constructor. */
  readonly appendQueueCapacity?: number;
  /** How long `GrpcTransport.openReplicationStream` waits for the data connection (default 1000 ms). */
  readonly streamConnectTimeoutMs?: number;
  /** Deadline of each DiscoverLeader call when the caller gives none (default 100 ms, d-engine's auto_discovery timeout). */
  readonly discoveryTimeoutMs?: number;
  /**
   * How long a replication stream waits for the answer to its oldest request before it counts
   * as broken and the peer's data connection is redialled (default
   * {@link DEFAULT_REPLICATION_RESPONSE_TIMEOUT_MS}; 0: no limit, as d-engine).
   */
  readonly replicationResponseTimeoutMs?: number;
}

/**
 * Default replication-stream response timeout: a follower answers each Append after one fsync,
 * so 5 s without any answer (while requests wait) means a frozen or unreachable peer (etcd's
 * peer streams use the same 5 s read timeout). A node sets at least four election timeouts.
 */
export const DEFAULT_REPLICATION_RESPONSE_TIMEOUT_MS = 5_000;

/**
 * Throws a ConfigError for an option no transport can work with: options that are not an object
 * (`null`), a `selfId` that is not a node id (1..2^32−1), a `clusterId` that is not a string, a
 * `pool`, `clock` or `random` of the wrong kind, an append lane capacity that is
 * not a whole number ≥ 1, a connect wait or default discovery deadline that is not a finite number
 * of milliseconds > 0 (every stream open or discovery would fail as an unreachable peer), a
 * response timeout that is not a finite number ≥ 0, and a connect wait or response timeout above
 * {@link MAX_TIMER_MS} (its timer would fire at once: every stream open failed "cannot connect
 * ... within 3000000000 ms" a few ms after it began).
 */
export function validateOptions(options: GrpcTransportOptions): void {
  const where = 'GrpcTransport';
  checkOptions(where, 'options', options);
  if (options.selfId !== undefined) checkNodeId(where, 'selfId', options.selfId);
  if (options.clusterId !== undefined && typeof options.clusterId !== 'string') throw badArgument(where, 'clusterId', 'a string or absent', options.clusterId);
  if (options.pool !== undefined && !(options.pool instanceof ChannelPool)) throw badArgument(where, 'pool', 'a ChannelPool or absent', options.pool);
  const clock = options.clock as Partial<Clock> | undefined;
  if (clock !== undefined && !(typeof clock === 'object' && clock !== null && typeof clock.now === 'function' && typeof clock.sleep === 'function')) {
    throw badArgument(where, 'clock', 'a Clock {now(), sleep(ms, signal)} or absent', clock);
  }
  if (options.random !== undefined && typeof options.random !== 'function') throw badArgument(where, 'random', 'a function returning a number in [0, 1) or absent', options.random);
  const { appendQueueCapacity: capacity, streamConnectTimeoutMs: connect, discoveryTimeoutMs: discovery, replicationResponseTimeoutMs: response } = options;
  if (capacity !== undefined && !(Number.isSafeInteger(capacity) && capacity >= 1)) throw new ConfigError(`appendQueueCapacity must be a whole number ≥ 1 (got ${capacity})`);
  for (const [name, v] of [['streamConnectTimeoutMs', connect], ['discoveryTimeoutMs', discovery]] as const) {
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new ConfigError(`${name} must be a finite number of milliseconds > 0 (got ${String(v)})`);
  }
  if (response !== undefined && !(typeof response === 'number' && Number.isFinite(response) && response >= 0)) {
    throw new ConfigError(`replicationResponseTimeoutMs must be a finite number of milliseconds ≥ 0 (got ${String(response)})`);
  }
  // Both are waited for with a timer, which fires at once past MAX_TIMER_MS (a DiscoverLeader
  // deadline is grpc-js's, which takes any length).
  for (const [name, v] of [['streamConnectTimeoutMs', connect], ['replicationResponseTimeoutMs', response]] as const) {
    if (v !== undefined && v > MAX_TIMER_MS) throw new ConfigError(`${name} must be at most ${MAX_TIMER_MS} ms (Node's timer limit, about 24.8 days; got ${v})`);
  }
}
