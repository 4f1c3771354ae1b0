/**
 * Assembles one running raftctl node: data directory → WAL recovery → state machine restore →
 * RaftCore → RaftNode → gRPC server with every service on one port → peer transport. The
 * opposite, {@link NodeHost.stop}, shuts down in the reverse order.
 *
 * Start order and its reasons:
 * 1. with port 0, bind the listen address first (the bound address is what goes into the
 *    initial configuration unless `advertise` is given); a fixed port is bound last (step 5);
 * 2. open the data directory (LOCK; bootstrap rules of STORAGE.md: a second process on the
 *    directory, or a bootstrap that does not match the stored state, is refused, exit 2; a
 *    corrupt WAL is refused naming file and offset, exit 7); on any failure the server is
 *    shut down again and the error is rethrown with its exit code;
 * 3. bootstrap an empty log with the configuration entry at (1, 1) (identical on every
 *    initial member), restore the state machine from the latest snapshot, build the core from
 *    the durable state (Raft Figure 2);
 * 4. register the services (health SERVING for d-engine's five services and ours);
 * 5. bind a fixed port, then start ticking. Only then is the node reported started.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { isNodeId, RaftCore, seededRandom, type Configuration, type NodeId } from '../core/index.js';
import { ConfigError, IntegrityError } from '../errors.js';
import { KvStateMachine, type KvLimits, type KvRecord } from '../state-machine/index.js';
import {
  bootstrapWrite,
  checkSnapshotPolicy,
  clusterIdOf,
  fallbackSnapshot,
  freeBytesAt,
  loadRestoredState,
  openNodeStorage,
  type DataDirIntent,
  type NodeStorage,
  type SnapshotPolicy,
} from '../storage/index.js';
import { isHostPort } from '../transport/address.js';
import type { Clock } from '../transport/clock.js';
import { EndpointClient } from '../transport/endpoint-client.js';
import { DEFAULT_REPLICATION_RESPONSE_TIMEOUT_MS, GrpcTransport } from '../transport/grpc-transport.js';
import { DENGINE_MAX_MESSAGE_BYTES } from '../transport/channels.js';
import { GrpcServer, splitHostPort } from '../transport/server.js';
import { coreEntryOf } from './codec.js';
import type { Logger } from './logger.js';
import { GrpcPeerSender, MAX_APPEND_BYTES } from './peer-sender.js';
import { SnapshotFileDigests } from './snapshot-digests.js';
import { defaultMaxSnapshotBytes, SnapshotReceiveLimits } from './snapshot-receive-limits.js';
import { DEFAULT_MAX_UNCOMMITTED_BYTES } from './raft-node-api.js';
import { RaftNode } from './raft-node.js';
import { checkWatchProgressInterval, DEFAULT_WATCH_PROGRESS_MS, WatchProgressTimer } from './watch-progress.js';
import { addAdminService } from './services/admin-service.js';
import { addClientService } from './services/client-services.js';
import { addClusterService } from './services/cluster-services.js';
import { addPeerServices } from './services/peer-services.js';

/**
 * The largest request a node accepts: a d-engine node's (tonic's default 4 MiB, reference §1.6).
 * Everything a correct client or peer sends fits: values of at most 1 MiB; Appends of at most
 * {@link MAX_APPEND_BYTES} of entries, or one larger entry alone (the largest a leader proposes
 * with the default limits is a 1 MiB value with its key; an expiry lists at most
 * MAX_EXPIRE_KEYS, 100, keys: about 410 KB of 4 KiB keys);
 * snapshot chunks of at most 4 MiB − 64 KiB with their envelope. At grpc-js's 64 MiB here, one
 * request of nested repeated fields could decode into gigabytes of objects (QA: 8 MB of them
 * took 250 MB of heap and stalled the event loop 0.6 s).
 */
export const NODE_MAX_REQUEST_BYTES = DENGINE_MAX_MESSAGE_BYTES;

/** How the node starts (CLI.md `node start`). */
export type StartMode =
  /** A single-node cluster. */
  | { readonly kind: 'bootstrap' }
  /** A static initial cluster: every member's id and address, this node included. */
  | { readonly kind: 'peers'; readonly peers: Readonly<Record<number, string>> }
  /** Restart from the data directory alone. */
  | { readonly kind: 'restart' };

/** What {@link NodeHost.start} needs: identity, addresses, data directory, start mode, timing, limits, logger. */
export interface NodeHostOptions {
  readonly id: NodeId;
  /** `host:port` to bind; port 0 picks a free one. */
  readonly listen: string;
  /** `host:port` peers and clients should use (default: the bound address). */
  readonly advertise?: string;
  readonly dataDir: string;
  readonly mode: StartMode;
  readonly clusterToken?: string;
  /** Milliseconds per tick = heartbeat interval (default 100). */
  readonly tickMs?: number;
  /** Minimum election timeout in ms (default 10 ticks); randomized up to twice that. */
  readonly electionTimeoutMs?: number;
  /** Snapshot every N applied entries (default 10000; 0 = only on demand). */
  readonly snapshotEvery?: number;
  /** Log bytes since the last snapshot needed per byte of it before the next (default 1; 0 = entries only; SnapshotPolicy). */
  readonly snapshotLogRatio?: number;
  /** Log entries kept behind a snapshot (default min(1000, snapshotEvery)). */
  readonly keepLogEntries?: number;
  /** Snapshot files kept (default 2). */
  readonly retainSnapshots?: number;
  /** Uncommitted entries beyond which proposals are refused (default 10000). */
  readonly maxUncommittedEntries?: number;
  /** Uncommitted bytes beyond which proposals are refused (default 256 MiB, see RaftNodeOptions). */
  readonly maxUncommittedBytes?: number;
  /** Client writes that would grow the state past this many bytes are refused (default: state-quota.ts defaultMaxStateBytes). */
  readonly maxStateBytes?: number;
  readonly kvLimits?: KvLimits;
  /**
   * Milliseconds between Watch PROGRESS rounds (default {@link DEFAULT_WATCH_PROGRESS_MS}, 30 s as
   * d-engine; 0 = none; otherwise at least 100 ms, MIN_WATCH_PROGRESS_MS): every key watcher with
   * nothing buffered gets a PROGRESS event at this node's applied index (watch-progress.ts).
   */
  readonly watchProgressIntervalMs?: number;
  /** Time of the watch progress timer (default the system clock; tests inject a manual one). */
  readonly watchProgressClock?: Clock;
  readonly logger: Logger;
  /** Random seed of the election timer (default: from crypto; logged at start). */
  readonly seed?: number;
  /** Called once when the node stops because of a fatal error. */
  readonly onFatal?: (err: Error) => void;
}

/** The election timers' PRNG (mulberry32, core/random.ts): deterministic for a seed. */
export { seededRandom };

/** Parses `1=h:p,2=h:p` into `{1: 'h:p', 2: 'h:p'}`; ConfigError (exit 2) on bad input. */
export function parsePeers(spec: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+)=(\S+)$/.exec(part);
    if (!m) throw new ConfigError(`bad --peers entry "${part}" (expected ID=HOST:PORT)`);
    if (!isHostPort(m[2]!)) throw new ConfigError(`bad --peers entry "${part}": "${m[2]}" is not HOST:PORT with a port of 1 to 65535 (expected ID=HOST:PORT)`);
    const id = Number(m[1]);
    if (!isNodeId(id)) throw new ConfigError(`bad node id ${m[1]} in --peers`);
    if (out[id] !== undefined) throw new ConfigError(`node id ${id} appears twice in --peers`);
    // One port serves one node: the second member could never listen where the others dial it.
    const other = Object.keys(out).find((k) => out[Number(k)] === m[2]);
    if (other !== undefined) throw new ConfigError(`address ${m[2]} appears twice in --peers (nodes ${other} and ${id})`);
    out[id] = m[2]!;
  }
  if (Object.keys(out).length === 0) throw new ConfigError('--peers lists no node');
  return out;
}

/** The initial configuration of a bootstrap (all voters, sorted). */
export function initialConfiguration(peers: Readonly<Record<number, string>>): Configuration {
  const voters = Object.keys(peers).map(Number).sort((a, b) => a - b);
  return { voters, votersOutgoing: [], learners: [], addresses: { ...peers } };
}

/**
 * Binds a node that was not bound first. A restart with port 0 binds the port of `stored` (this
 * node's address in the cluster configuration) on the `--listen` host, since that is where the
 * peers dial. A node that ends up on another port than `stored` names is logged as a warning:
 * the cluster cannot reach it there until its address is updated.
 */
async function listenWhereThePeersDial(o: NodeHostOptions, stored: string | undefined, listen: (on: string, why?: string) => Promise<string>, logger: Logger): Promise<string> {
  const wanted = splitHostPort(o.listen);
  // The configuration comes from peers (d-engine checks no address it stores, and a hostile peer
  // can write anything): an address that is not host:port names no port to bind again.
  const storedPort = stored === undefined || !isHostPort(stored) ? null : splitHostPort(stored).port;
  const address =
    o.mode.kind === 'restart' && wanted.port === 0 && storedPort !== null
      ? await listen(`${wanted.host}:${storedPort}`, ` (the port the cluster configuration names for node ${o.id}: ${stored})`)
      : await listen(o.listen);
  if (stored !== undefined && storedPort !== splitHostPort(address).port) {
    logger.log('warn', 'this node listens on another port than the cluster configuration names for it; peers cannot reach it until its address is updated', { nodeId: o.id, address, configured: stored });
  }
  return address;
}

/** How often a restore in progress logs how far it got. */
export const RESTORE_PROGRESS_MS = 5_000;

/**
 * A corrupt latest snapshot (its header, or its body found while restoring) refuses the start
 * (exit 7). When an older snapshot verifies and the log continues from it, the state is intact
 * without the corrupt file: the hint says so, naming both, instead of only "restore a backup or
 * replace the node". The node does not skip the file itself: an operator decides.
 */
async function withFallbackHint(err: unknown, log: NodeStorage['log'], storage: NodeStorage): Promise<unknown> {
  if (!(err instanceof IntegrityError) || typeof err.details?.file !== 'string') return err;
  const bad = await storage.snapshots.latest().catch(() => null);
  if (!bad || basename(err.details.file) !== bad.name) return err;
  const older = await fallbackSnapshot(log, storage.snapshots, bad).catch(() => null);
  if (!older) return err;
  return new IntegrityError(err.code, err.message, {
    cause: err,
    details: { ...err.details, fallbackSnapshot: older.name },
    hint: `the older snapshot ${older.name} is intact and the log continues from it: move ${bad.name} out of ${storage.dataDir.snapDir} (keep it for inspection) and start the node again; it then restores ${older.name} and replays the log`,
  });
}

/**
 * Restores `sm` from a snapshot's records, logging `restoring snapshot` before, every
 * {@link RESTORE_PROGRESS_MS} while it runs (records and key/value bytes restored so far), and `snapshot restored`
 * with its duration after: a node restoring a large snapshot is not yet listening, and a gigabyte
 * takes tens of seconds (about 20 s for 945 MB on 2 busy cores).
 */
async function restoreLogged(
  sm: KvStateMachine,
  meta: Parameters<KvStateMachine['restore']>[0],
  records: AsyncIterable<KvRecord>,
  what: { nodeId: number; file: string; bytes: number; records: number },
  logger: Logger,
): Promise<void> {
  const started = performance.now();
  const elapsedMs = () => Math.round(performance.now() - started);
  logger.log('info', 'restoring snapshot', { ...what, index: meta.index });
  const progress = setInterval(() => logger.log('info', 'restoring snapshot', { nodeId: what.nodeId, index: meta.index, restored: sm.restoredRecords, of: what.records, restoredBytes: sm.restoredBytes, ms: elapsedMs() }), RESTORE_PROGRESS_MS);
  try {
    await sm.restore(meta, records);
  } finally {
    clearInterval(progress);
  }
  logger.log('info', 'snapshot restored', { nodeId: what.nodeId, index: meta.index, records: sm.size, ms: elapsedMs() });
}

/** The heartbeat interval (one tick) when none is given, in ms. */
export const DEFAULT_TICK_MS = 100;

/**
 * The longest election timeout, in ms (24h). Node's timers hold at most 2^31-1 ms (24.8 days)
 * and fire after 1 ms beyond that; the longest timer the runtime derives from it is 4 election
 * timeouts (a follower's wait for an Append's answer), the heartbeat at most a third of it.
 */
export const MAX_ELECTION_TIMEOUT_MS = 86_400_000;

/** The longest a stop waits for a leadership hand-off (an election timeout, at most this). */
const HAND_OFF_MAX_WAIT_MS = 5_000;

/** A running node (see the module contract). */
export class NodeHost {
  private constructor(
    readonly node: RaftNode,
    readonly server: GrpcServer,
    readonly storage: NodeStorage,
    readonly transport: GrpcTransport,
    readonly client: EndpointClient,
    /** The bound `host:port`. */
    readonly address: string,
    readonly clusterId: string,
    readonly logger: Logger,
    /** The election timeout (its lower bound), the longest a leadership hand-off is waited for. */
    readonly electionTimeoutMs: number,
    /** Sends the watchers' PROGRESS events; stopped with the node. */
    private readonly watchProgress: WatchProgressTimer,
    /** The InstallSnapshot pushes being received; their files are discarded at the stop. */
    private readonly receiveLimits: SnapshotReceiveLimits,
  ) {}

  #stopping: Promise<void> | null = null;

  /** Starts a node (see the module contract). Rejects with the error's exit code intact. */
  static async start(o: NodeHostOptions): Promise<NodeHost> {
    const tickMs = o.tickMs ?? DEFAULT_TICK_MS;
    // Whole ticks, rounded up: the election timeout is a minimum (349 ms of 100 ms ticks is 400 ms, not 300).
    const electionTicks = Math.max(3, Math.ceil((o.electionTimeoutMs ?? tickMs * 10) / tickMs));
    if (!(tickMs >= 1)) throw new ConfigError(`heartbeat interval must be at least 1 ms, got ${tickMs}`);
    const watchProgressMs = o.watchProgressIntervalMs ?? DEFAULT_WATCH_PROGRESS_MS;
    try {
      checkWatchProgressInterval(watchProgressMs);
    } catch (err) {
      throw new ConfigError(err instanceof Error ? err.message : String(err));
    }
    const everyEntries = o.snapshotEvery ?? 10_000;
    const policy: SnapshotPolicy = checkSnapshotPolicy({
      everyEntries,
      keepLogEntries: o.keepLogEntries ?? Math.min(1_000, everyEntries || 1_000),
      ...(o.snapshotLogRatio !== undefined ? { logToSnapshotRatio: o.snapshotLogRatio } : {}),
    });
    const server = new GrpcServer({ maxReceiveMessageBytes: NODE_MAX_REQUEST_BYTES });
    const listen = async (on: string, why = ''): Promise<string> => {
      const bound = await server.listen(on).catch((err: unknown) => {
        const text = err instanceof Error ? err.message : String(err);
        // grpc-js wraps the OS error ("No address added out of total 1 resolved errors: [listen EADDRINUSE ...]").
        const inUse = /EADDRINUSE/.test(text);
        const reason = inUse ? 'the port is in use by another process' : /EADDRNOTAVAIL/.test(text) ? 'no interface of this machine has that address' : /EACCES/.test(text) ? 'permission denied (ports below 1024 need privileges)' : text;
        throw new ConfigError(`cannot listen on ${on}${why}: ${reason}`, {
          cause: err,
          hint: inUse ? `stop what listens there (e.g. \`ss -ltnp | grep ${on.slice(on.lastIndexOf(':') + 1)}\`) or pick another --listen port; 127.0.0.1:0 picks a free one` : 'check --listen (HOST:PORT on an address of this machine)',
        });
      });
      return `${bound.host}:${bound.port}`;
    };
    // Port 0 for a new node: bind first, the bound port goes into the configuration (nobody
    // knows the port until it is printed). Otherwise bind last, once every service is
    // registered, so no caller ever sees UNIMPLEMENTED from a half-started node; a restart with
    // port 0 then binds the port the cluster configuration names for this node (peers dial it).
    const bindFirst = splitHostPort(o.listen).port === 0 && o.mode.kind !== 'restart';
    let address = bindFirst ? await listen(o.listen) : o.listen;
    const advertise = o.advertise ?? address;
    let storage: NodeStorage | undefined;
    try {
      let intent: DataDirIntent;
      let config: Configuration | undefined;
      if (o.mode.kind === 'bootstrap') {
        config = initialConfiguration({ [o.id]: advertise });
      } else if (o.mode.kind === 'peers') {
        if (o.mode.peers[o.id] === undefined) throw new ConfigError(`--peers does not list this node (id ${o.id})`);
        config = initialConfiguration(o.mode.peers);
      }
      if (config) intent = { kind: 'bootstrap', configuration: config, ...(o.clusterToken ? { clusterToken: o.clusterToken } : {}) };
      else intent = { kind: 'restart' };
      const recoveryStart = performance.now();
      // A restart may take a while before it binds (the WAL replayed, the snapshot restored):
      // say so, so that a node recovering a large state does not look hung.
      if (o.mode.kind === 'restart') o.logger.log('info', 'recovering', { nodeId: o.id, dataDir: o.dataDir });
      storage = await openNodeStorage(o.dataDir, { nodeId: o.id, intent, retainSnapshots: o.retainSnapshots ?? 2, ...(config ? { initialWrite: bootstrapWrite(config) } : {}) });
      const clusterId = storage.dataDir.format.clusterId;
      if (config && clusterIdOf(config, o.clusterToken) !== clusterId) throw new ConfigError('internal: cluster id mismatch after bootstrap');
      const log = storage.log;
      let loaded: Awaited<ReturnType<typeof loadRestoredState>>;
      const sm = new KvStateMachine(o.kvLimits ? { limits: o.kvLimits } : {});
      let latest = null;
      try {
        loaded = await loadRestoredState(log, storage.snapshots, storage.dataDir.snapDir);
        if (loaded.snapshot && log.term(loaded.snapshot.index) !== loaded.snapshot.term) {
          // A snapshot received from a leader whose install did not reach the log (a crash
          // between the file's rename and the COMPACT record, or a push the core refused): make
          // it the log's base now, as the install would have (Raft §7: a log that does not hold
          // the snapshot's last entry is discarded). Verified first (header and body): the log it
          // discards must not be given up for a file that turns out corrupt, a refused start
          // modifies nothing.
          if (loaded.snapshotFile) await storage.snapshots.verify(loaded.snapshotFile);
          await log.compact(loaded.snapshot.index, loaded.snapshot.term);
          loaded = await loadRestoredState(log, storage.snapshots, storage.dataDir.snapDir);
        }
        if (o.mode.kind === 'restart') {
          o.logger.log('info', 'log recovered', { nodeId: o.id, firstIndex: log.firstIndex(), lastIndex: log.lastIndex(), ms: Math.round(performance.now() - recoveryStart) });
        }
        if (loaded.snapshot && loaded.snapshotFile) {
          const file = loaded.snapshotFile;
          const header = await storage.snapshots.header(file);
          await restoreLogged(sm, loaded.snapshot, storage.snapshots.records(file), { nodeId: o.id, file: file.name, bytes: file.bytes, records: header.entryCount }, o.logger);
          latest = { name: file.name, index: header.index, term: header.term, bytes: file.bytes, sha256: header.sha256 };
        }
      } catch (err) {
        throw await withFallbackHint(err, log, storage);
      }
      const seed = o.seed ?? randomBytes(4).readUInt32BE(0);
      const core = new RaftCore(
        {
          id: o.id,
          random: seededRandom(seed),
          electionTimeoutMinTicks: electionTicks,
          electionTimeoutMaxTicks: electionTicks * 2,
          heartbeatTicks: 1,
          tickMs,
          leaseDriftMs: Math.min(100, tickMs * 2),
          maxInflightAppends: 64,
          maxEntriesPerAppend: 256,
          maxAppendBytes: MAX_APPEND_BYTES,
        },
        {
          hardState: loaded.hardState,
          ...(loaded.snapshot ? { snapshot: loaded.snapshot } : {}),
          entries: loaded.entries.map(coreEntryOf),
        },
      );
      const logger = o.logger;
      let host: NodeHost | undefined;
      const digests = new SnapshotFileDigests(storage.snapshots, (file, err) =>
        logger.log('warn', 'could not hash a snapshot file for StreamSnapshot offers', { file: file.name, error: err instanceof Error ? err.message : String(err) }),
      );
      const node = new RaftNode({
        id: o.id,
        core,
        log,
        snapshots: storage.snapshots,
        sm,
        logger,
        tickMs,
        snapshotPolicy: policy,
        snapshotIndex: loaded.snapshot?.index ?? 0,
        ...(o.maxUncommittedEntries !== undefined ? { maxUncommittedEntries: o.maxUncommittedEntries } : {}),
        ...(o.maxUncommittedBytes !== undefined ? { maxUncommittedBytes: o.maxUncommittedBytes } : {}),
        ...(o.maxStateBytes !== undefined ? { maxStateBytes: o.maxStateBytes } : {}),
        onFatal: (err) => {
          void host?.stop();
          o.onFatal?.(err);
        },
        onLatestSnapshot: (s) => digests.prepare(s),
      });
      node.latestSnapshot = latest;
      // A restart keeps the address the cluster configuration holds (a new one needs a
      // configuration change); an --advertise that differs would be silently ignored.
      const configured = node.configuration.addresses[o.id];
      if (o.advertise !== undefined && configured !== undefined && configured !== o.advertise) {
        throw new ConfigError(`--advertise ${o.advertise} differs from the address the cluster configuration holds for node ${o.id} (${configured})`, {
          hint: `restart without --advertise (the other members dial ${configured}), or with --advertise ${configured}`,
        });
      }
      // Never shorter than the time a follower waits for the core's answer to an Append.
      const answerTimeoutMs = Math.max(2000, electionTicks * tickMs * 4);
      const transport = new GrpcTransport({ selfId: o.id, clusterId, replicationResponseTimeoutMs: Math.max(DEFAULT_REPLICATION_RESPONSE_TIMEOUT_MS, answerTimeoutMs) });
      const client = new EndpointClient();
      node.setPeerSender(
        new GrpcPeerSender({
          selfId: o.id,
          transport,
          configuration: () => node.configuration,
          step: (m) => node.step(m),
          snapshots: storage.snapshots,
          leaderTerm: () => (node.role === 'leader' ? node.term : 0),
          electionTimeoutMs: electionTicks * tickMs,
          logger,
          replaceCorruptSnapshot: () => node.snapshot(),
          snapshotDigest: (file) => digests.known(file),
        }),
      );
      const snapDir = storage.dataDir.snapDir;
      const receiveLimits = new SnapshotReceiveLimits(
        defaultMaxSnapshotBytes(node.stateQuota.maxBytes, o.maxUncommittedBytes ?? DEFAULT_MAX_UNCOMMITTED_BYTES),
        () => freeBytesAt(snapDir),
      );
      addPeerServices(server, { node, clusterId, snapshots: storage.snapshots, digests, logger, answerTimeoutMs, receiveLimits });
      addClusterService(server, node, clusterId);
      addClientService(server, { node });
      addAdminService(server, { node, clusterId, tickMs });
      if (!bindFirst) address = await listenWhereThePeersDial(o, node.configuration.addresses[o.id], listen, logger);
      const watchProgress = new WatchProgressTimer({ intervalMs: watchProgressMs, send: () => sm.watchProgress(), ...(o.watchProgressClock ? { clock: o.watchProgressClock } : {}) });
      host = new NodeHost(node, server, storage, transport, client, address, clusterId, logger, electionTicks * tickMs, watchProgress, receiveLimits);
      logger.log('info', 'node started', {
        nodeId: o.id,
        address,
        // What the peers dial: the configuration's entry (a restart with port 0 bound it).
        advertise: node.configuration.addresses[o.id] ?? advertise,
        clusterId,
        term: loaded.hardState.term,
        lastIndex: log.lastIndex(),
        snapshotIndex: loaded.snapshot?.index ?? 0,
        tickMs,
        electionTicks,
        watchProgressMs,
        // The effective quota (its default depends on the heap limit): every node should have the same.
        maxStateBytes: node.stateQuota.maxBytes,
        maxSnapshotBytes: receiveLimits.maxSnapshotBytes,
        seed,
      });
      const torn = log.recovery.tornTail;
      if (torn) logger.log('warn', 'torn WAL tail truncated', { file: torn.file, offset: torn.offset, reason: torn.reason });
      node.start();
      watchProgress.start();
      return host;
    } catch (err) {
      await server.shutdown(0).catch(() => undefined);
      // A node that never started leaves no half-built state behind: the same command with,
      // say, a free port must be able to bootstrap the directory again.
      if (storage) await storage.discardCreated().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Graceful shutdown: with `handOffLeadership`, a leader first hands its leadership to a
   * caught-up voter ({@link RaftNode.handOffLeadership}, at most an election timeout); then stops
   * the node (the Ready being persisted finishes: its fsync completes), closes replication
   * streams and channels, shuts the server down (running calls get up to `graceMs`, default
   * 1000 ms), then closes the storage (pending WAL writes, LOCK released). Idempotent: later
   * calls return the first one's promise.
   */
  stop(options: { graceMs?: number; handOffLeadership?: boolean } = {}): Promise<void> {
    if (!this.#stopping) {
      this.#stopping = (async () => {
        if (options.handOffLeadership) {
          // A leader with no other voter (a single-node cluster) has nobody to hand over to: no warning.
          const wasLeader = this.node.role === 'leader' && [...this.node.configuration.voters, ...this.node.configuration.votersOutgoing].some((v) => v !== this.node.id);
          const leader = await this.node.handOffLeadership(Math.min(this.electionTimeoutMs, HAND_OFF_MAX_WAIT_MS));
          if (leader !== null) this.logger.log('info', 'leadership handed over', { nodeId: this.node.id, leaderId: leader });
          else if (wasLeader) this.logger.log('warn', 'leadership not handed over; stopping anyway', { nodeId: this.node.id });
        }
        this.watchProgress.stop();
        await this.node.stop();
        // Before the server's shutdown: a push being received would hold it for its grace, then
        // be cancelled with its `.part` still on disk when the stop returned.
        await this.receiveLimits.discardAll();
        this.transport.close();
        this.client.close();
        this.node.sm.close();
        await this.server.shutdown(options.graceMs ?? 1000);
        await this.storage.close().catch(() => undefined);
        this.logger.log('info', 'node stopped', { nodeId: this.node.id });
      })();
    }
    return this.#stopping;
  }
}
