/**
 * Peer RPC handlers (reference §3.1–§3.4, PROTOCOL.md): RequestVote, AppendEntries (unary
 * fallback), StreamAppendEntries, PreVote, TimeoutNow, ReadIndex (RaftPeerExt),
 * InstallSnapshot (receiver) and StreamSnapshot (leader serves its latest snapshot file).
 *
 * Every handler checks `raftctl-cluster-id` (mismatch → FAILED_PRECONDITION), steps the request
 * into the node and answers with the core's own answer, routed back by the node's
 * ResponseRouter. The core answers acknowledgements only after what they acknowledge is durable
 * (messagesAfterPersist), so a response leaving here is always backed by the disk (Raft §5.1).
 * StreamAppendEntries answers exactly one response per request, in request order.
 */
import { isNodeId, peerMessageProblem, secondLeaderProblem, type Inbound, type SnapshotMsg, type TimeoutNowMsg } from '../../core/index.js';
import { ProtocolError, RejectedError } from '../../errors.js';
import { snapshotMetaOf, type LogStorage, type SnapshotStore } from '../../storage/index.js';
import type { AppendEntriesRequest, AppendEntriesResponse, ReadIndexRequest, ReadIndexResponse, TimeoutNowRequest, VoteRequest, VoteResponse } from '../../transport/messages.js';
import { limitRepeated, MalformedMessage, ReplicationService, ElectionService, RaftPeerExtService, SnapshotService, SERVICE_NAMES, tolerantRequests, tolerantSingleRequestMethods } from '../../transport/services.js';
import { serveInstallSnapshot, serveStreamSnapshot, type SnapshotSink } from '../../transport/snapshot-serve.js';
import { raceAbort } from '../../transport/abort.js';
import { toServiceError, unaryHandler, type GrpcServer } from '../../transport/server.js';
import { appendFromWire, appendResponseToWire, readIndexFromWire, readIndexResponseToWire, voteFromWire, voteResponseToWire } from '../codec.js';
import type { Logger } from '../logger.js';
import { keepNewestSnapshots, summaryOf } from '../node-snapshots.js';
import type { RaftNode } from '../raft-node.js';
import type { SnapshotFileDigests } from '../snapshot-digests.js';
import { MAX_SNAPSHOT_BYTES_ORIGIN, type ReceiveAdmission, type SnapshotReceiveLimits } from '../snapshot-receive-limits.js';
import { checkClusterId, Code, statusError, type DuplexStreamLike, type ServiceImplementation } from './grpc-shapes.js';

/** What the peer handlers use: the node, the cluster id to check, the snapshot store and its files' digests, the logger. */
export interface PeerServiceContext {
  readonly node: RaftNode;
  readonly clusterId: string;
  readonly snapshots: SnapshotStore;
  /** Whole-file SHA-256 of snapshot files, announced by StreamSnapshot offers. */
  readonly digests: SnapshotFileDigests;
  readonly logger: Logger;
  /** Longest wait for the core's answer to one request (ms). */
  readonly answerTimeoutMs: number;
  /** Bounds on received pushes: size, how many at once, free disk space (none when absent). */
  readonly receiveLimits?: SnapshotReceiveLimits;
}

function running(node: RaftNode): void {
  if (node.stopped) throw statusError(Code.UNAVAILABLE, 'the node is shutting down');
}

/**
 * Node id 0 is invalid everywhere (PROTOCOL.md): a peer message naming it is refused, never
 * stepped; so is one naming this node itself as its sender (a node never sends itself a peer
 * request: an Append "from" itself made a node follow itself as its own leader, refusing writes
 * and timing out reads until the next election).
 */
function requireSender(node: RaftNode, from: number, field: string): void {
  if (!isNodeId(from)) throw statusError(Code.INVALID_ARGUMENT, `${field} must be a node id from 1 to 2^32-1 (got ${from})`);
  if (from === node.id) throw statusError(Code.INVALID_ARGUMENT, `${field} is ${from}, this node's own id: a node never sends itself a peer request`);
}

/**
 * A request the core would drop as malformed (core/validate.ts: terms without headroom,
 * entries that do not follow on, invalid configurations) is refused here, nothing stepped.
 */
function requireValid(msg: Inbound, request: string): void {
  const problem = peerMessageProblem(msg);
  if (problem !== null) throw invalidRequest(request, problem);
}

/**
 * An Append or Snapshot of this node's term from another sender than the leader it follows in
 * that term is refused here, nothing stepped (core/validate.ts secondLeaderProblem; the core
 * answers one that slips past this check as a leader does: `higherTerm`, nothing changed).
 */
function requireTermLeader(node: RaftNode, msg: Pick<Inbound, 'type' | 'term' | 'from'>, request: string): void {
  const problem = secondLeaderProblem(msg, node);
  if (problem !== null) throw invalidRequest(request, problem);
}

/** INVALID_ARGUMENT naming the request and what is wrong with it. */
function invalidRequest(request: string, problem: string): ReturnType<typeof statusError> {
  return statusError(Code.INVALID_ARGUMENT, `${request}: ${problem}`);
}

/**
 * Steps `msg` and waits for the core's answer, `answer` (a wait registered before the step, so
 * the answer cannot slip past it). Should the step throw, the wait is left to time out quietly.
 */
async function stepFor<T>(ctx: PeerServiceContext, msg: Inbound, answer: Promise<T>): Promise<T> {
  try {
    ctx.node.step(msg);
  } catch (err) {
    answer.catch(() => undefined);
    throw err;
  }
  return answer;
}

async function handleVote(ctx: PeerServiceContext, req: VoteRequest, pre: boolean): Promise<VoteResponse> {
  running(ctx.node);
  const msg = voteFromWire(req, ctx.node.id, pre);
  requireSender(ctx.node, msg.from, 'VoteRequest.candidate_id');
  requireValid(msg, pre ? 'PreVote' : 'RequestVote');
  return voteResponseToWire(await stepFor(ctx, msg, ctx.node.router.waitVote(msg.from, pre, ctx.answerTimeoutMs)));
}

async function handleAppend(ctx: PeerServiceContext, req: AppendEntriesRequest): Promise<AppendEntriesResponse> {
  running(ctx.node);
  const seq = ctx.node.router.nextSeq();
  const msg = appendFromWire(req, ctx.node.id, seq);
  requireSender(ctx.node, msg.from, 'AppendEntriesRequest.leader_id');
  requireValid(msg, 'AppendEntries');
  requireTermLeader(ctx.node, msg, 'AppendEntries');
  return appendResponseToWire(await stepFor(ctx, msg, ctx.node.router.waitAppend(msg.from, seq, ctx.answerTimeoutMs)));
}

/**
 * ReadIndex from a follower (dissertation §6.4, followers): steps it and answers with the core's
 * ReadIndexResponse (an index once a quorum round confirmed leadership, else a rejection).
 */
async function handleReadIndex(ctx: PeerServiceContext, req: ReadIndexRequest): Promise<ReadIndexResponse> {
  running(ctx.node);
  const msg = readIndexFromWire(req, ctx.node.id);
  requireSender(ctx.node, msg.from, 'ReadIndexRequest.from');
  requireValid(msg, 'ReadIndex');
  return readIndexResponseToWire(await stepFor(ctx, msg, ctx.node.router.waitRead(msg.from, msg.ctx, Math.max(ctx.answerTimeoutMs, 5000))));
}

/**
 * StreamAppendEntries: steps every request as it arrives, answers in order (FIFO). When the node
 * stops, the stream ends with UNAVAILABLE once the answers already queued on it are written
 * (they fail, the node answers nothing more): a stream the leader keeps open would otherwise
 * hold the server's shutdown until the leader's next Append (a heartbeat interval, or the whole
 * shutdown grace when that is longer). A stream opened while the node stops is refused at once.
 * A request that is refused (INVALID_ARGUMENT) ends the call once the requests before it were
 * answered; a message that does not decode ({@link MalformedMessage}, served through
 * {@link tolerantRequests}) likewise, and nothing after it is stepped.
 */
function streamAppend(ctx: PeerServiceContext) {
  return (call: DuplexStreamLike<AppendEntriesRequest | MalformedMessage, AppendEntriesResponse>): void => {
    try {
      checkPeer(ctx, call.metadata);
      running(ctx.node);
    } catch (err) {
      call.emit('error', toServiceError(err));
      return;
    }
    let chain: Promise<void> = Promise.resolve();
    let failed = false;
    let malformed = false;
    let received = 0;
    const onStop = (): void => {
      void chain.then(() => {
        if (failed || call.cancelled || call.writableEnded) return;
        failed = true;
        call.emit('error', toServiceError(statusError(Code.UNAVAILABLE, 'the node is shutting down')));
      });
    };
    const stopSignal = ctx.node.stopSignal;
    stopSignal.addEventListener('abort', onStop, { once: true });
    const forget = (): void => stopSignal.removeEventListener('abort', onStop);
    call.on('cancelled', forget);
    call.on('finish', forget);
    call.on('close', forget);
    call.on('data', (req) => {
      if (failed || malformed) return;
      const n = received++;
      let answer: Promise<AppendEntriesResponse>;
      if (req instanceof MalformedMessage) {
        malformed = true;
        answer = Promise.reject(invalidRequest('StreamAppendEntries', `request ${n} of the stream is refused: ${req.describe('AppendEntriesRequest')}`));
      } else {
        answer = handleAppend(ctx, req);
      }
      answer.catch(() => undefined);
      chain = chain.then(async () => {
        if (failed || call.cancelled || call.writableEnded) return;
        try {
          call.write(await answer);
        } catch (err) {
          failed = true;
          if (!call.cancelled && !call.writableEnded) call.emit('error', toServiceError(err));
        }
      });
    });
    call.on('end', () => {
      void chain.then(() => {
        if (!failed && !call.cancelled && !call.writableEnded) call.end();
      });
    });
    call.on('error', () => {
      failed = true;
    });
  };
}

/**
 * Entries one AppendEntriesRequest may carry, checked on the raw bytes before they are decoded
 * (services.ts limitRepeated): a raftctl leader sends at most 256 (NodeHost's
 * maxEntriesPerAppend), d-engine's about 1,100 (reference §3.2 batching).
 */
export const MAX_APPEND_ENTRIES = 65_536;

const appendGuard = limitRepeated(5, MAX_APPEND_ENTRIES, 'entries');

/** Milliseconds between two warnings about requests from another cluster. */
const MISMATCH_LOG_INTERVAL_MS = 10_000;
const lastMismatchLog = new WeakMap<PeerServiceContext, number>();

/**
 * Refuses a peer request carrying another cluster's id (FAILED_PRECONDITION) and says so in the
 * log, at most once per {@link MISMATCH_LOG_INTERVAL_MS}: a node restarted from another
 * cluster's data directory is otherwise isolated without a word on either side.
 */
function checkPeer(ctx: PeerServiceContext, metadata: Parameters<typeof checkClusterId>[0]): void {
  checkClusterId(metadata, ctx.clusterId, (theirs) => {
    const now = performance.now();
    if (now - (lastMismatchLog.get(ctx) ?? Number.NEGATIVE_INFINITY) < MISMATCH_LOG_INTERVAL_MS) return;
    lastMismatchLog.set(ctx, now);
    ctx.logger.log('warn', 'refused a peer request from another cluster', { clusterId: ctx.clusterId, callerClusterId: theirs, hint: 'a member was started from another cluster\'s data directory, or --peers names a node of another cluster' });
  });
}

/**
 * The sink of one InstallSnapshot push: bytes into a `.part` file, then the core decides. Each
 * chunk is written to the file before the handler reads the next one off the stream, so a leader
 * sending faster than this disk writes is slowed by HTTP/2 flow control (grpc-js decodes at most
 * 16 messages ahead) instead of filling this node's memory. Exported for tests.
 *
 * A snapshot this node already holds under the same name (its own base, say, pushed again by a
 * leader that lost the answer or by a deposed one) is not replaced: the received copy is
 * discarded and the core decides on the file already there. A new file the core refuses (or
 * that fails validation) is removed when it contradicts the log ({@link contradictsLog}), so it
 * is never served, offered to learners or made the log's base on the next start; one the core
 * takes becomes the latest, and only then is the retention applied (a refused file must not push
 * this node's own snapshots out). No answer in time (the install may still run) removes nothing.
 * Finishes run one at a time on a node ({@link oneFinishAtATime}), so that what one of them finds
 * in `snap/`, renames or removes is not changed under it by another.
 */
export function installSink(ctx: PeerServiceContext, index: number, term: number, leaderId: number, leaderTerm: number, admission?: ReceiveAdmission): SnapshotSink {
  const receiver = ctx.snapshots.beginReceive(index, term);
  // A node that stops discards what is still being received (a finish decides for itself).
  admission?.onDiscard(() => receiver.abort());
  return {
    async write(data) {
      await receiver.write(data);
      admission?.wrote(data.byteLength);
    },
    finish: () => {
      admission?.onDiscard(null);
      return oneFinishAtATime(ctx.snapshots, finish).finally(() => admission?.release());
    },
    async abort() {
      try {
        await receiver.abort();
      } finally {
        admission?.release();
      }
    },
  };

  async function finish(): Promise<void> {
    // A finish that waited for its turn while the node stopped gives up: it would verify and
    // rename into a store being closed, then wait ten answer timeouts for a core that is gone.
    if (ctx.node.stopped) {
      await receiver.abort();
      throw nodeStopped();
    }
    const existing = (await ctx.snapshots.list()).find((f) => f.index === index && f.term === term);
    if (existing) await receiver.abort();
    const file = existing ?? (await receiver.finish());
    const header = await ctx.snapshots.header(file);
    if (ctx.node.stopped) throw nodeStopped(); // stepped, it would be ignored: no answer would come
    const msg: SnapshotMsg = {
      type: 'Snapshot',
      from: leaderId,
      to: ctx.node.id,
      term: leaderTerm,
      leaderId,
      snapshot: snapshotMetaOf(header),
    };
    let refused = false;
    try {
      const problem = peerMessageProblem(msg) ?? secondLeaderProblem(msg, ctx.node);
      if (problem !== null) {
        refused = true;
        // A RaftCtlError: the handler answers success: false and logs its code (a gRPC status
        // was logged as an INTERNAL failure of the sink).
        throw new ProtocolError(`InstallSnapshot: ${problem}`);
      }
      const res = await stepFor(ctx, msg, ctx.node.router.waitSnapshot(leaderId, msg.snapshot.index, ctx.answerTimeoutMs * 10));
      ctx.logger.log('info', 'snapshot received', { index, term, leaderId, accepted: res.success, ...(existing ? { alreadyHeld: true } : {}) });
      if (!res.success) {
        refused = true;
        throw new RejectedError('SNAPSHOT_REFUSED', `snapshot ${index}-${term} refused (this node already committed past it or the term is stale)`);
      }
    } catch (err) {
      if (refused && !existing && contradictsLog(ctx.node.log, index, term)) {
        await ctx.snapshots.remove(file).catch((e: unknown) => ctx.logger.log('warn', 'could not remove a refused snapshot file', { file: file.name, error: e instanceof Error ? e.message : String(e) }));
      }
      throw err;
    }
    ctx.node.latestSnapshot = summaryOf({ ...file, entryCount: header.entryCount, bodySha256: header.sha256 });
    await keepNewestSnapshots(ctx.snapshots, ctx.logger);
  }
}

/** A received push that the node stopped before it reached the core (RaftNode's own error). */
function nodeStopped(): RejectedError {
  return new RejectedError('NODE_STOPPED', 'the node is shutting down');
}

/** The tail of the InstallSnapshot finishes running on each snapshot store. */
const finishing = new WeakMap<SnapshotStore, Promise<unknown>>();

/**
 * Runs `fn` (an {@link installSink}'s finish) after every finish started before it on `store`
 * ended, however it ended. Two copies of one snapshot (a dead leader's push and its successor's,
 * or a push retried after its call broke) were both verified before either was renamed, so
 * neither found the other's file already held: the core took one and installed from the file,
 * and the refusal of the other, the log not compacted yet, deleted it under the install.
 */
function oneFinishAtATime<T>(store: SnapshotStore, fn: () => Promise<T>): Promise<T> {
  const run = (finishing.get(store) ?? Promise.resolve()).then(fn);
  finishing.set(store, run.catch(() => undefined));
  return run;
}

/**
 * Whether a snapshot covering up to (`index`, `term`) contradicts `log`: the log holds no entry
 * at `index` (beyond its end) or one of another term. At or below the compact point the log
 * cannot tell; such a file is older than this node's base and is not taken as a contradiction.
 */
export function contradictsLog(log: Pick<LogStorage, 'term' | 'compactPoint'>, index: number, term: number): boolean {
  if (index < log.compactPoint().index) return false;
  return log.term(index) !== term;
}

/** Registers the peer services on `server`. */
export function addPeerServices(server: GrpcServer, ctx: PeerServiceContext): void {
  const { node } = ctx;
  server.addService(SERVICE_NAMES.election, tolerantSingleRequestMethods(ElectionService), {
    RequestVote: unaryHandler<VoteRequest, VoteResponse>((req, call) => {
      checkPeer(ctx, call.metadata);
      return handleVote(ctx, req, false);
    }),
  });
  server.addService(SERVICE_NAMES.replication, {
    AppendEntries: tolerantRequests(ReplicationService.AppendEntries, appendGuard),
    StreamAppendEntries: tolerantRequests(ReplicationService.StreamAppendEntries, appendGuard),
  }, {
    AppendEntries: unaryHandler<AppendEntriesRequest, AppendEntriesResponse>((req, call) => {
      checkPeer(ctx, call.metadata);
      return handleAppend(ctx, req);
    }),
    StreamAppendEntries: streamAppend(ctx),
  } as ServiceImplementation);
  server.addService(SERVICE_NAMES.peerExt, tolerantSingleRequestMethods(RaftPeerExtService), {
    PreVote: unaryHandler<VoteRequest, VoteResponse>((req, call) => {
      checkPeer(ctx, call.metadata);
      return handleVote(ctx, req, true);
    }),
    TimeoutNow: unaryHandler<TimeoutNowRequest, Record<string, never>>((req, call) => {
      checkPeer(ctx, call.metadata);
      running(node);
      const msg: TimeoutNowMsg = { type: 'TimeoutNow', from: Number(req.leaderId ?? 0), to: node.id, term: Number(req.term ?? 0) };
      requireSender(ctx.node, msg.from, 'TimeoutNowRequest.leader_id');
      requireValid(msg, 'TimeoutNow');
      node.step(msg);
      return {};
    }),
    ReadIndex: unaryHandler<ReadIndexRequest, ReadIndexResponse>((req, call) => {
      checkPeer(ctx, call.metadata);
      return handleReadIndex(ctx, req);
    }),
  });
  server.addService(SERVICE_NAMES.snapshot, { InstallSnapshot: tolerantRequests(SnapshotService.InstallSnapshot), StreamSnapshot: tolerantRequests(SnapshotService.StreamSnapshot) }, {
    InstallSnapshot: serveInstallSnapshot({
      currentTerm: () => node.term,
      ...(ctx.receiveLimits ? { maxSnapshotBytes: ctx.receiveLimits.maxSnapshotBytes, maxSnapshotBytesOrigin: MAX_SNAPSHOT_BYTES_ORIGIN } : {}),
      async open(info, metadata) {
        checkPeer(ctx, metadata as unknown as { get(k: string): (string | Buffer)[] });
        running(node);
        if (node.role === 'leader' || node.role === 'candidate') throw statusError(Code.PERMISSION_DENIED, 'Not Follower or Learner.');
        requireSender(ctx.node, info.leaderId, 'InstallSnapshot leader_id');
        requireTermLeader(node, { type: 'Snapshot', term: info.leaderTerm, from: info.leaderId }, 'InstallSnapshot');
        // Last: a refusal above takes no slot. Throws RESOURCE_EXHAUSTED (logged by onFailure).
        const admission = await ctx.receiveLimits?.admit(info.maxBytes);
        // The node may have stopped (and discarded the receives it held) while the disk was asked.
        if (node.stopped) admission?.release();
        running(node);
        return installSink(ctx, info.lastIncludedIndex, info.lastIncludedTerm, info.leaderId, info.leaderTerm, admission);
      },
      // A leader abandoning its push (it stepped down or stopped, its deadline passed) is routine:
      // info, not the warning a corrupt or malformed transfer deserves.
      onFailure: (error) =>
        error.code === 'CANCELLED'
          ? ctx.logger.log('info', 'snapshot install cancelled by the sender', { code: error.code, error: error.message })
          : ctx.logger.log('warn', 'snapshot install failed', { code: error.code, error: error.message }),
      onWarning: (message) => ctx.logger.log('warn', message),
    }),
    StreamSnapshot: serveStreamSnapshot({
      async offer(metadata, signal) {
        checkPeer(ctx, metadata as unknown as { get(k: string): (string | Buffer)[] });
        if (node.role !== 'leader') throw statusError(Code.FAILED_PRECONDITION, 'Not the leader');
        const file = await ctx.snapshots.latest();
        if (!file) return null;
        const snaps = ctx.snapshots;
        // Usually hashed already, in the background, when the file became the latest; a pull
        // that comes first waits for that one pass (shared with any other pull of the file),
        // until the puller cancels or the transfer deadline passes (the pass runs on for the next).
        const sha256 = await raceAbort(ctx.digests.digest(file), signal);
        return {
          source: { size: file.bytes, sha256, open: () => snaps.bytes(file) },
          lastIncludedIndex: file.index,
          lastIncludedTerm: file.term,
          leaderTerm: node.term,
          leaderId: node.id,
        };
      },
      onDone: (o) => ctx.logger.log(o.ok ? 'info' : 'warn', 'snapshot served', o.ok ? { chunks: o.chunks, bytes: o.bytes } : { error: o.error.message }),
    }),
  } as unknown as ServiceImplementation);
}

