/**
 * gRPC channels by connection class, cached per (address, class, compression).
 *
 * Like d-engine (reference §2.4) raftctl keeps separate HTTP/2 connections per peer for
 * `control` (elections, cluster management, discovery, join, health, admin), `data`
 * (AppendEntries and the replication stream) and `bulk` (snapshots), so a snapshot transfer
 * never delays a heartbeat. grpc-js shares subchannels (TCP connections) between channels to the
 * same address unless `grpc.use_local_subchannel_pool` is set, so every channel sets it: a peer
 * sees one connection per class (and one more per class where both a gzip and a plain channel
 * are in use, since request compression is a channel option in grpc-js).
 */
import { Client, credentials as grpcCredentials, logVerbosity, setLogVerbosity, type ChannelCredentials, type ChannelOptions } from '@grpc/grpc-js';
import { ConfigError } from '../errors.js';
import { MAX_TIMER_MS } from './clock.js';
import { closedError } from './status.js';
import { checkOptions } from './arguments.js';

export type ConnectionClass = 'control' | 'data' | 'bulk';

/** The largest message raftctl sends to d-engine: tonic's default receive limit (reference §1.6). */
export const DENGINE_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export interface ChannelPoolOptions {
  /** Channel credentials; plaintext when absent (TLS, roadmap item 7, will build these in one module, src/transport/credentials.ts, which does not exist yet). */
  readonly credentials?: ChannelCredentials;
  /** Largest message accepted from peers (default 64 MiB: we accept more than we send). */
  readonly maxReceiveMessageBytes?: number;
  /** Largest message we send (default 4 MiB, d-engine's receive limit). */
  readonly maxSendMessageBytes?: number;
  /** Reconnect backoff after a failed connect (default 100 ms growing to 1 s; the initial one never above a `reconnectMaxMs` given). */
  readonly reconnectInitialMs?: number;
  readonly reconnectMaxMs?: number;
  /** Extra grpc-js channel options (tests use this for keepalive tuning). */
  readonly extraOptions?: ChannelOptions;
}

/**
 * The reconnect backoff `o` asks for: 100 ms growing to 1 s by default; an initial one not given
 * is at most the maximum given (`{ reconnectMaxMs: 50 }` is 50 ms from the start).
 */
function reconnectBackoffOf(o: ChannelPoolOptions): { initial: number; max: number } {
  const max = o.reconnectMaxMs ?? 1000;
  return { initial: o.reconnectInitialMs ?? Math.min(100, max), max };
}

/**
 * Throws a ConfigError for a ChannelPool option no pool can work with: message limits that are
 * not whole numbers of bytes ≥ 1 (grpc-js would take -1 as no limit, or fail every call), or
 * reconnect backoffs that are not whole numbers of milliseconds ≥ 1 with the initial one at most
 * the maximum. Before, `new ChannelPool({ maxSendMessageBytes: -1 })` was accepted.
 */
export function checkChannelPoolOptions(o: ChannelPoolOptions): void {
  checkOptions('ChannelPool', 'options', o);
  if (o.extraOptions !== undefined) checkOptions('ChannelPool', 'extraOptions', o.extraOptions);
  const whole = (name: string, v: number | undefined, max: number): void => {
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= 1 && v <= max)) throw new ConfigError(`ChannelPool: ${name} must be a whole number from 1 to ${max} (got ${String(v)})`);
  };
  whole('maxReceiveMessageBytes', o.maxReceiveMessageBytes, 2 ** 31 - 1);
  whole('maxSendMessageBytes', o.maxSendMessageBytes, 2 ** 31 - 1);
  whole('reconnectInitialMs', o.reconnectInitialMs, MAX_TIMER_MS);
  whole('reconnectMaxMs', o.reconnectMaxMs, MAX_TIMER_MS);
  // An initial backoff left to its default follows a lower maximum (reconnectBackoffOf).
  const { initial, max } = reconnectBackoffOf(o);
  if (o.reconnectInitialMs !== undefined && initial > max) throw new ConfigError(`ChannelPool: reconnectInitialMs (${initial}) must be at most reconnectMaxMs (${max}${o.reconnectMaxMs === undefined ? ', the default' : ''})`);
}

/** Keepalive per class, from d-engine's `[network.<class>]` defaults (reference §2.4). */
const CLASS_OPTIONS: Record<ConnectionClass, ChannelOptions> = {
  control: { 'grpc.keepalive_time_ms': 30_000, 'grpc.keepalive_timeout_ms': 5_000 },
  data: { 'grpc.keepalive_time_ms': 120_000, 'grpc.keepalive_timeout_ms': 30_000 },
  bulk: { 'grpc.keepalive_time_ms': 600_000, 'grpc.keepalive_timeout_ms': 60_000 },
};

const GZIP = 2; // grpc-js CompressionAlgorithms.gzip

interface CachedChannel {
  readonly client: Client;
  readonly address: string;
  readonly cls: ConnectionClass;
  lastUsed: number;
}

function key(address: string, cls: ConnectionClass, compress: boolean): string {
  return `${address}|${cls}|${compress ? 'gzip' : 'identity'}`;
}

/**
 * Owns every client channel of one process. Channels are opened lazily, reused for every call
 * of their class, rebuilt when a peer's address changes or after a connection failure
 * ({@link evictAddress}), and closed when a member leaves ({@link retainPeers}) or on
 * {@link close}.
 */
export class ChannelPool {
  readonly #channels = new Map<string, CachedChannel>();
  /** Last known address of each peer id, to notice address changes. */
  readonly #peerAddress = new Map<number, string>();
  readonly #options: Required<Omit<ChannelPoolOptions, 'credentials' | 'extraOptions'>> & Pick<ChannelPoolOptions, 'extraOptions'>;
  readonly #credentials: ChannelCredentials;
  #closed = false;

  /** Throws a ConfigError for an option no pool can work with (see {@link checkChannelPoolOptions}). */
  constructor(options: ChannelPoolOptions = {}) {
    checkChannelPoolOptions(options);
    this.#credentials = options.credentials ?? grpcCredentials.createInsecure();
    this.#options = {
      maxReceiveMessageBytes: options.maxReceiveMessageBytes ?? 64 * 1024 * 1024,
      maxSendMessageBytes: options.maxSendMessageBytes ?? DENGINE_MAX_MESSAGE_BYTES,
      reconnectInitialMs: reconnectBackoffOf(options).initial,
      reconnectMaxMs: reconnectBackoffOf(options).max,
      extraOptions: options.extraOptions,
    };
  }

  /** The grpc-js channel options a channel of this class gets. */
  channelOptions(cls: ConnectionClass, compress: boolean): ChannelOptions {
    return {
      'grpc.use_local_subchannel_pool': 1,
      'grpc.initial_reconnect_backoff_ms': this.#options.reconnectInitialMs,
      'grpc.max_reconnect_backoff_ms': this.#options.reconnectMaxMs,
      'grpc.min_reconnect_backoff_ms': this.#options.reconnectInitialMs,
      'grpc.max_receive_message_length': this.#options.maxReceiveMessageBytes,
      'grpc.max_send_message_length': this.#options.maxSendMessageBytes,
      'grpc.enable_retries': 0,
      // Nothing reads channelz (raftctl serves no channelz service): skip its per-call bookkeeping.
      'grpc.enable_channelz': 0,
      // No DNS TXT lookup for a service config (neither d-engine nor raftctl publishes one, and
      // one could change the call policy raftctl sets here): a TXT query a resolver never
      // answers kept the process alive for tens of seconds after the command ended.
      'grpc.service_config_disable_resolution': 1,
      ...CLASS_OPTIONS[cls],
      ...(compress ? { 'grpc.default_compression_algorithm': GZIP } : {}),
      ...this.#options.extraOptions,
    };
  }

  /**
   * The channel for `address` and class; opened on first use. Throws TRANSPORT_CLOSED after
   * {@link close}, and a ConfigError for a target grpc-js refuses outright (an empty address).
   */
  forAddress(address: string, cls: ConnectionClass, compress = false): Client {
    if (this.#closed) throw closedError('the channel pool');
    const k = key(address, cls, compress);
    const cached = this.#channels.get(k);
    if (cached) {
      cached.lastUsed = performance.now();
      return cached.client;
    }
    let client: Client;
    try {
      client = new Client(address, this.#credentials, this.channelOptions(cls, compress));
    } catch (err) {
      // grpc-js refuses some targets at once ("Could not parse target name \"\""): an address no
      // node can have, a usage error rather than a failure of this library.
      throw new ConfigError(`"${address}" is not an address a channel can be opened to (expected host:port)`, { cause: err, details: { endpoint: address, sent: false } });
    }
    this.#channels.set(k, { client, address, cls, lastUsed: performance.now() });
    return client;
  }

  /**
   * The channel for peer `peerId` at `address`. When the peer's address differs from the one
   * its channels were built for, those channels are closed first (a member's address changed),
   * unless another peer id still uses that address. Calls already running on a closed channel
   * (a replication stream, say) run to completion.
   */
  forPeer(peerId: number, address: string, cls: ConnectionClass, compress = false): Client {
    const known = this.#peerAddress.get(peerId);
    this.#peerAddress.set(peerId, address);
    if (known !== undefined && known !== address && ![...this.#peerAddress.values()].includes(known)) this.evictAddress(known);
    return this.forAddress(address, cls, compress);
  }

  /**
   * Closes every channel to `address` (all classes, or only `cls`), e.g. after a connection
   * failure; the next call of that class dials a new connection.
   */
  evictAddress(address: string, cls?: ConnectionClass): void {
    for (const [k, ch] of this.#channels) {
      if (ch.address === address && (cls === undefined || ch.cls === cls)) {
        ch.client.close();
        this.#channels.delete(k);
      }
    }
  }

  /** Closes the channels of peers that are no longer members. */
  retainPeers(memberIds: Iterable<number>): void {
    const keep = new Set(memberIds);
    for (const [id, address] of this.#peerAddress) {
      if (!keep.has(id)) {
        this.#peerAddress.delete(id);
        const stillUsed = [...this.#peerAddress.values()].includes(address);
        if (!stillUsed) this.evictAddress(address);
      }
    }
  }

  /** Number of open channels (for tests and status). */
  get size(): number {
    return this.#channels.size;
  }

  close(): void {
    this.#closed = true;
    for (const ch of this.#channels.values()) ch.client.close();
    this.#channels.clear();
    this.#peerAddress.clear();
  }
}

/**
 * Silences grpc-js's own log lines (e.g. "E No address added out of total 1 resolved" when a
 * port is taken) unless `GRPC_VERBOSITY` asks for them: the CLI reports every failure itself,
 * as one line (CLI.md "errors"), and a node logs NDJSON. Process-wide; called once at start.
 */
export function silenceGrpcLogs(): void {
  if (process.env.GRPC_VERBOSITY === undefined) setLogVerbosity(logVerbosity.NONE);
}
