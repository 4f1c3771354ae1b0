/**
 * The `node start` use case: validates what the command line asks for, starts a
 * {@link NodeHost}, and returns a handle the command keeps in the foreground. Flag parsing,
 * stdout/stderr and process signals stay in the command (commands/node/start.ts).
 *
 * Rules (CLI.md `node start`, STORAGE.md "Rules"): exactly one of `bootstrap` and `peers`, or
 * neither (a restart from the data directory with only id, listen and data dir); `listen` with
 * port 0 needs `bootstrap` or a restart (a `peers` list must name this node's real port);
 * `advertise` defaults to the bound address, must equal this node's `peers` entry, and on a
 * restart the address the stored configuration holds (NodeHost checks); an address others dial
 * (`advertise`, a `peers` entry, `listen` standing in for `advertise` on a bootstrap) must not
 * name an unspecified host (0.0.0.0, ::); `clusterToken` only
 * with `bootstrap` or `peers` (a restart's cluster id is in the data directory).
 */
import { hasUnspecifiedHost, isHostPort } from '../transport/address.js';
import { UsageError } from '../errors.js';
import type { Logger } from '../runtime/logger.js';
import { DEFAULT_TICK_MS, MAX_ELECTION_TIMEOUT_MS, NodeHost, parsePeers, type StartMode } from '../runtime/node-host.js';
import { checkWatchProgressInterval, MIN_WATCH_PROGRESS_MS } from '../runtime/watch-progress.js';

export { DEFAULT_MAX_UNCOMMITTED_BYTES, DEFAULT_MAX_UNCOMMITTED_ENTRIES } from '../runtime/raft-node-api.js';
export { defaultMaxStateBytes } from '../runtime/state-quota.js';
export { DEFAULT_WATCH_PROGRESS_MS } from '../runtime/watch-progress.js';

/** What `node start` asks for, as parsed from its flags (CLI.md). */
export interface NodeStartRequest {
  readonly id: number;
  readonly listen: string;
  readonly advertise?: string;
  readonly dataDir: string;
  readonly bootstrap: boolean;
  /** `1=H:P,2=H:P,...` as given on the command line. */
  readonly peers?: string;
  readonly clusterToken?: string;
  readonly heartbeatIntervalMs?: number;
  readonly electionTimeoutMs?: number;
  readonly snapshotEvery?: number;
  readonly snapshotLogRatio?: number;
  /** Proposals are refused with RESOURCE_EXHAUSTED while this many entries are uncommitted. */
  readonly maxUncommittedEntries?: number;
  /** Proposals are refused with RESOURCE_EXHAUSTED when they would take the uncommitted entries past this many bytes. */
  readonly maxUncommittedBytes?: number;
  /** Client writes that would grow the state past this many bytes are refused with RESOURCE_EXHAUSTED. */
  readonly maxStateBytes?: number;
  /** Milliseconds between Watch PROGRESS events to idle watchers (default 30 s; 0 = none; otherwise at least 100 ms). */
  readonly watchProgressIntervalMs?: number;
  readonly logger: Logger;
  /** Called once if the node stops on its own because of a fatal (storage) error. */
  readonly onFatal?: (err: Error) => void;
}

/** A started node, as the command sees it. */
export interface RunningNode {
  /** The bound `host:port` (the `listening on` line). */
  readonly address: string;
  readonly clusterId: string;
  /**
   * Graceful stop: in-flight fsync finished, streams closed, server shut down, LOCK released;
   * with `handOffLeadership`, a leader first hands its leadership to a caught-up follower.
   */
  stop(options?: { handOffLeadership?: boolean }): Promise<void>;
}

/**
 * Refuses (UsageError, exit 2) a `--heartbeat-interval` under 1 ms, an `--election-timeout`
 * under 3 heartbeat intervals (the default one if none is given), and an election timeout (given,
 * or the default 10 heartbeat intervals) above 24h ({@link MAX_ELECTION_TIMEOUT_MS}). `node start` checks them, and so does
 * `playground` before it starts any node (and makes any directory).
 */
export function checkTimings(t: { readonly heartbeatIntervalMs?: number; readonly electionTimeoutMs?: number }): void {
  if (t.heartbeatIntervalMs !== undefined && t.heartbeatIntervalMs < 1) throw new UsageError('--heartbeat-interval must be at least 1ms');
  // Against the default heartbeat too: the runtime would otherwise raise a shorter timeout to 3 ticks silently.
  const heartbeat = t.heartbeatIntervalMs ?? DEFAULT_TICK_MS;
  if (t.electionTimeoutMs !== undefined && t.electionTimeoutMs < heartbeat * 3) {
    throw new UsageError(`--election-timeout must be at least 3 heartbeat intervals (${heartbeat * 3} ms${t.heartbeatIntervalMs === undefined ? ` with the default --heartbeat-interval of ${DEFAULT_TICK_MS}ms` : ''})`, {
      hint: 'raise --election-timeout, or lower --heartbeat-interval',
    });
  }
  if (t.electionTimeoutMs !== undefined && t.electionTimeoutMs > MAX_ELECTION_TIMEOUT_MS) throw new UsageError('--election-timeout must be at most 24h', { hint: 'give a shorter --election-timeout (the default is 10 heartbeat intervals, 1s with the default --heartbeat-interval)' });
  if (t.electionTimeoutMs === undefined && heartbeat * 10 > MAX_ELECTION_TIMEOUT_MS) {
    throw new UsageError(`--heartbeat-interval ${t.heartbeatIntervalMs}ms: the election timeout it implies (10 heartbeat intervals, ${heartbeat * 10} ms) is above the 24h maximum`, {
      hint: 'lower --heartbeat-interval, or give an --election-timeout of at most 24h',
    });
  }
}

/**
 * Refuses (UsageError, exit 2) a `--watch-progress-interval` other than 0 (off) under
 * {@link MIN_WATCH_PROGRESS_MS}: each round walks every open watcher (up to 10,000), so a
 * millisecond interval would keep the node's event loop busy.
 */
export function checkWatchProgress(ms: number | undefined): void {
  if (ms === undefined) return;
  try {
    checkWatchProgressInterval(ms);
  } catch {
    throw new UsageError(`--watch-progress-interval must be at least ${MIN_WATCH_PROGRESS_MS}ms, or 0 (off); got ${ms}ms`, { hint: 'e.g. --watch-progress-interval 30s (the default, as d-engine), 1s, or off' });
  }
}

/** Starts a node (see the module contract). Errors keep their exit codes (2 usage/refused, 7 corrupt). */
export async function nodeStart(req: NodeStartRequest): Promise<RunningNode> {
  if (req.bootstrap && req.peers !== undefined) throw new UsageError('--bootstrap and --peers exclude each other', { hint: 'use --bootstrap for a single-node cluster, --peers for a static initial cluster' });
  if (!isHostPort(req.listen, { allowPortZero: true })) throw new UsageError(`--listen must be HOST:PORT with a port of 0 to 65535, got "${req.listen}"`, { hint: 'e.g. --listen 127.0.0.1:9081, or 127.0.0.1:0 for a free port' });
  if (req.advertise !== undefined && !isHostPort(req.advertise)) throw new UsageError(`--advertise must be HOST:PORT with a port of 1 to 65535, got "${req.advertise}"`, { hint: 'the address the other nodes dial, e.g. --advertise node-1.example:9081' });
  // 0.0.0.0 and :: are for listening: dialled, they reach the dialler's own machine, not this node.
  if (req.advertise !== undefined && hasUnspecifiedHost(req.advertise)) {
    throw new UsageError(`--advertise ${req.advertise} is not an address the other nodes can dial (it means every interface)`, { hint: 'give this machine\'s address or name, e.g. --advertise 10.0.0.5:9081' });
  }
  let mode: StartMode;
  if (req.bootstrap) {
    if (req.advertise === undefined && hasUnspecifiedHost(req.listen)) {
      throw new UsageError(`--listen ${req.listen} binds every interface, and the node would tell the others to dial ${req.listen}`, { hint: 'add --advertise HOST:PORT with this machine\'s address and the port, or listen on that address' });
    }
    mode = { kind: 'bootstrap' };
  }
  else if (req.peers !== undefined) {
    let peers: Record<number, string>;
    try {
      peers = parsePeers(req.peers);
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err), { hint: 'list every initial member once: --peers 1=HOST:PORT,2=HOST:PORT,3=HOST:PORT' });
    }
    const undiallable = Object.entries(peers).find(([, address]) => hasUnspecifiedHost(address));
    if (undiallable) throw new UsageError(`--peers entry ${undiallable[0]}=${undiallable[1]} is not an address the members can dial (it means every interface)`, { hint: 'list each member by the address the others reach it at; --listen may still be 0.0.0.0:PORT' });
    if (peers[req.id] === undefined) throw new UsageError(`--peers does not list this node (id ${req.id})`, { hint: `add ${req.id}=HOST:PORT (this node's address) to --peers, or pass the --id it lists` });
    if (/:0+$/.test(req.listen)) throw new UsageError('--listen with port 0 cannot be combined with --peers', { hint: 'give every member a fixed port in --peers and --listen' });
    // --peers names the address the others dial; a different --advertise would go nowhere.
    if (req.advertise !== undefined && req.advertise !== peers[req.id]) {
      throw new UsageError(`--advertise ${req.advertise} differs from this node's --peers entry ${peers[req.id]}`, { hint: `--peers is what the other members dial: put ${req.id}=${req.advertise} in every member's --peers, or drop --advertise` });
    }
    mode = { kind: 'peers', peers };
  } else {
    // The cluster id (which the token went into) is in the data directory; a token here would be ignored.
    if (req.clusterToken !== undefined) throw new UsageError('--cluster-token only applies to a first start (--bootstrap or --peers)', { hint: 'a restart reads its cluster id from --data-dir: drop --cluster-token' });
    mode = { kind: 'restart' };
  }
  checkTimings(req);
  checkWatchProgress(req.watchProgressIntervalMs);
  const host = await NodeHost.start({
    id: req.id,
    listen: req.listen,
    ...(req.advertise !== undefined ? { advertise: req.advertise } : {}),
    dataDir: req.dataDir,
    mode,
    ...(req.clusterToken !== undefined ? { clusterToken: req.clusterToken } : {}),
    ...(req.heartbeatIntervalMs !== undefined ? { tickMs: req.heartbeatIntervalMs } : {}),
    ...(req.electionTimeoutMs !== undefined ? { electionTimeoutMs: req.electionTimeoutMs } : {}),
    ...(req.snapshotEvery !== undefined ? { snapshotEvery: req.snapshotEvery } : {}),
    ...(req.snapshotLogRatio !== undefined ? { snapshotLogRatio: req.snapshotLogRatio } : {}),
    ...(req.maxUncommittedEntries !== undefined ? { maxUncommittedEntries: req.maxUncommittedEntries } : {}),
    ...(req.maxUncommittedBytes !== undefined ? { maxUncommittedBytes: req.maxUncommittedBytes } : {}),
    ...(req.maxStateBytes !== undefined ? { maxStateBytes: req.maxStateBytes } : {}),
    ...(req.watchProgressIntervalMs !== undefined ? { watchProgressIntervalMs: req.watchProgressIntervalMs } : {}),
    logger: req.logger,
    ...(req.onFatal ? { onFatal: req.onFatal } : {}),
  });
  return { address: host.address, clusterId: host.clusterId, stop: (options) => host.stop(options) };
}
