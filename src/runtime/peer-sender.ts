/**
 * Sends the core's outbound requests to peers over a {@link Transport}, one message per peer as
 * the core asks (ARCHITECTURE.md "Interfaces"), and steps every answer into the node as it
 * arrives, so one slow peer never gates another.
 *
 * - Append: one persistent StreamAppendEntries per peer (FIFO; the n-th response answers the
 *   n-th request). The core's `seq` stays with the request and is copied into the stepped
 *   AppendResponse. While the stream connects, requests wait in a bounded queue; when it breaks
 *   (or cannot connect) the queue is dropped, the peer is reported Unreachable to the core once,
 *   and a new stream is opened after a backoff (50 ms doubling to 1 s, d-engine's policy);
 *   requests arriving during the backoff are dropped (the core re-probes after the report).
 *   Each core Append is one wire request: the core bounds its size (`maxAppendBytes`, set by
 *   NodeHost to {@link MAX_APPEND_BYTES}).
 * - Commit-only Appends (the core's `commitOnly`: an empty Append whose only news is a moved
 *   commit index) wait up to {@link COMMIT_COALESCE_MS}; when another Append to the same peer
 *   goes first and lets the follower commit at least as far, the held one is dropped (to the
 *   core that is a request lost on the FIFO stream). "As far" is what the follower may commit
 *   from a request, min(leaderCommit, prevLogIndex + entries): a heartbeat anchored at an older
 *   matchIndex carries the commit index but does not let the follower reach it, so the held
 *   Append still goes first then. Under steady writes this halves the messages each
 *   follower handles (one Append and one answer per batch instead of two), and followers still
 *   learn a commit within a couple of milliseconds when writes stop.
 * - Vote, PreVote, TimeoutNow: unary calls on the control channel, deadline one election
 *   timeout; responses stepped in as they arrive; failures ignored (the election timer retries).
 * - Snapshot: the latest snapshot file is pushed over InstallSnapshot by a
 *   {@link SnapshotPusher} (snapshot-pusher.ts: one push per peer at a time, a request arriving
 *   meanwhile is pushed after it, the push claims the request's term and is skipped when this
 *   node no longer leads it); the answer is stepped in as a SnapshotResponse, a failure as
 *   Unreachable after a pause (200 ms doubling to 10 s) that ends when a replication stream to
 *   the peer connects again.
 * - ReadIndex: a follower's read-index request to the leader (`RaftPeerExt/ReadIndex`, deadline
 *   two election timeouts, at least 1 s); the answer (or a NOT_LEADER rejection on failure) is
 *   stepped in.
 */
import type { AppendMsg, Configuration, Inbound, NodeId, Outbound } from '../core/index.js';
import type { SnapshotInfo, SnapshotStore } from '../storage/index.js';
import type { Membership, ReplicationStream, Transport } from '../transport/types.js';
import type { AppendEntriesRequest } from '../transport/messages.js';
import { appendResponseFromWire, appendToWire, readIndexResponseFromWire, readIndexToWire, voteResponseFromWire, voteToWire } from './codec.js';
import type { Clock } from '../transport/clock.js';
import type { Logger } from './logger.js';
import { SnapshotPusher } from './snapshot-pusher.js';
import type { PeerSender } from './raft-node-api.js';

/** Wiring of a {@link GrpcPeerSender}: transport, the node's configuration, term and step, the snapshot store. */
export interface GrpcPeerSenderOptions {
  readonly selfId: NodeId;
  readonly transport: Transport;
  /** The current configuration (addresses of every member). */
  readonly configuration: () => Configuration;
  /** Steps an answer (or an Unreachable report) into the node. */
  readonly step: (m: Inbound) => void;
  readonly snapshots: SnapshotStore;
  /** The term this node currently leads, 0 when it is not the leader (snapshot pushes check it). */
  readonly leaderTerm: () => number;
  readonly electionTimeoutMs: number;
  readonly logger: Logger;
  /** Gzip AppendEntries (default false). */
  readonly compress?: boolean;
  /** Takes a fresh snapshot when the latest file is found corrupt after a failed push (snapshot-pusher.ts). */
  readonly replaceCorruptSnapshot?: () => Promise<unknown>;
  /** Time of the snapshot pusher's pause after a failed push (default the system clock). */
  readonly clock?: Clock;
  /** A snapshot file's whole-file SHA-256 when already known; pushes then read the file once (snapshot-pusher.ts). */
  readonly snapshotDigest?: (file: SnapshotInfo) => Uint8Array | undefined;
}

/**
 * Payload bytes of one Append, the core's `maxAppendBytes` (NodeHost sets it): with the largest
 * single entry the core may add past it (a 1 MiB value plus its key), a request stays well under
 * gRPC's default 4 MiB receive limit.
 */
export const MAX_APPEND_BYTES = 2 * 1024 * 1024;

const QUEUE_LIMIT = 512;
const BACKOFF_MIN_MS = 50;
const BACKOFF_MAX_MS = 1000;
/** Longest time a commit-only Append is held for a later Append to carry its commit index. */
export const COMMIT_COALESCE_MS = 2;

interface Queued {
  readonly req: AppendEntriesRequest;
  readonly seq: number;
}

/** A commit-only Append waiting for a later Append to make it redundant. */
interface Held extends Queued {
  /** How far it lets the follower commit ({@link commitReach}). */
  readonly reach: number;
  readonly timer: NodeJS.Timeout;
}

/**
 * The index up to which an Append lets a follower commit: min(leaderCommit, the last index the
 * request proves, prevLogIndex + entries) (Raft Figure 2, AppendEntries receiver rule 5, as
 * src/core/follower.ts applies it).
 */
function commitReach(m: AppendMsg): number {
  return Math.min(m.leaderCommitIndex, m.prevLogIndex + m.entries.length);
}

/** One peer's replication stream with reconnect (see the module contract). */
class PeerStream {
  #stream: ReplicationStream | null = null;
  #connecting = false;
  #backoffUntil = 0;
  #backoffMs = BACKOFF_MIN_MS;
  #queue: Queued[] = [];
  #closed = false;
  #generation = 0;
  #held: Held | null = null;

  constructor(
    readonly peer: NodeId,
    readonly o: GrpcPeerSenderOptions,
    readonly membership: () => Membership,
    /** Called each time a stream to the peer connected (the peer is reachable). */
    readonly onConnected: () => void = () => undefined,
  ) {}

  /** Sends the core's Append `m` (a commit-only one may be held, see the module contract). */
  sendAppend(m: AppendMsg): void {
    if (this.#closed) return;
    const held = this.#held;
    if (held) {
      clearTimeout(held.timer);
      this.#held = null;
      // `m` makes the held Append redundant only if it lets the follower commit as far (a
      // heartbeat anchored below the held Append's prevLogIndex does not).
      if (held.reach > commitReach(m)) this.#send(held.req, held.seq);
    }
    if (m.commitOnly) {
      const timer = setTimeout(() => this.#releaseHeld(), COMMIT_COALESCE_MS);
      timer.unref();
      this.#held = { req: appendToWire(m), seq: m.seq, reach: commitReach(m), timer };
      return;
    }
    this.#send(appendToWire(m), m.seq);
  }

  #releaseHeld(): void {
    const held = this.#held;
    this.#held = null;
    if (held) this.#send(held.req, held.seq);
  }

  #send(req: AppendEntriesRequest, seq: number): void {
    if (this.#closed) return;
    if (this.#stream) return this.#write(this.#stream, req, seq, this.#generation);
    if (Date.now() < this.#backoffUntil) return;
    if (this.#queue.length >= QUEUE_LIMIT) return;
    this.#queue.push({ req, seq });
    if (!this.#connecting) void this.#connect();
  }

  async #connect(): Promise<void> {
    this.#connecting = true;
    try {
      const stream = await this.o.transport.openReplicationStream(this.peer, this.membership(), this.o.compress ?? false);
      if (this.#closed) {
        stream.close();
        return;
      }
      this.#stream = stream;
      this.#backoffMs = BACKOFF_MIN_MS;
      this.onConnected();
      const gen = ++this.#generation;
      void stream.closed.then((err) => {
        if (this.#stream === stream) this.#broken(err ? err.message : 'closed');
      });
      const q = this.#queue;
      this.#queue = [];
      for (const { req, seq } of q) this.#write(stream, req, seq, gen);
    } catch (err) {
      this.#broken(err instanceof Error ? err.message : String(err));
    } finally {
      this.#connecting = false;
    }
  }

  #write(stream: ReplicationStream, req: AppendEntriesRequest, seq: number, gen: number): void {
    stream.send(req).then(
      (res) => {
        if (!this.#closed) this.o.step(appendResponseFromWire(res, this.peer, this.o.selfId, seq));
      },
      () => {
        if (gen === this.#generation && this.#stream === stream) this.#broken('stream broke');
      },
    );
  }

  #broken(reason: string): void {
    if (this.#closed) return;
    if (this.#stream) this.#stream.close();
    this.#stream = null;
    this.#generation++;
    this.#queue = [];
    this.#backoffUntil = Date.now() + this.#backoffMs;
    this.o.logger.log('debug', 'replication stream down', { peer: this.peer, reason, retryInMs: this.#backoffMs });
    this.#backoffMs = Math.min(BACKOFF_MAX_MS, this.#backoffMs * 2);
    this.o.step({ type: 'Unreachable', from: this.peer, to: this.o.selfId, term: 0 });
  }

  close(): void {
    this.#closed = true;
    this.#queue = [];
    if (this.#held) clearTimeout(this.#held.timer);
    this.#held = null;
    this.#stream?.close();
    this.#stream = null;
  }
}

/** The gRPC {@link PeerSender} (see the module contract). */
export class GrpcPeerSender implements PeerSender {
  readonly #o: GrpcPeerSenderOptions;
  readonly #streams = new Map<NodeId, PeerStream>();
  readonly #snapshots: SnapshotPusher;
  #closed = false;

  constructor(o: GrpcPeerSenderOptions) {
    this.#o = o;
    this.#snapshots = new SnapshotPusher({ ...o, membership: () => this.membership(), ...(o.replaceCorruptSnapshot ? { replaceCorrupt: o.replaceCorruptSnapshot } : {}) });
  }

  /** The transport's view of the current configuration. */
  membership(): Membership {
    const c = this.#o.configuration();
    const voters = new Set([...c.voters, ...c.votersOutgoing]);
    const members = Object.entries(c.addresses).map(([id, address]) => ({ id: Number(id), address, role: voters.has(Number(id)) ? ('voter' as const) : ('learner' as const) }));
    return { selfId: this.#o.selfId, members };
  }

  send(m: Outbound): void {
    if (this.#closed || m.to === this.#o.selfId) return;
    if (this.#o.configuration().addresses[m.to] === undefined) return;
    switch (m.type) {
      case 'Append': {
        let s = this.#streams.get(m.to);
        if (!s) {
          const peer = m.to;
          s = new PeerStream(peer, this.#o, () => this.membership(), () => this.#snapshots.peerReconnected(peer));
          this.#streams.set(m.to, s);
        }
        s.sendAppend(m);
        return;
      }
      case 'Vote':
      case 'PreVote': {
        const pre = m.type === 'PreVote';
        const req = voteToWire(m);
        const opts = { deadlineMs: this.#o.electionTimeoutMs };
        const call = pre ? this.#o.transport.preVote(m.to, req, this.membership(), opts) : this.#o.transport.requestVote(m.to, req, this.membership(), opts);
        call.then(
          (res) => !this.#closed && this.#o.step(voteResponseFromWire(res, m.to, this.#o.selfId, pre)),
          () => undefined,
        );
        return;
      }
      case 'TimeoutNow':
        this.#o.transport.timeoutNow(m.to, { term: m.term, leaderId: m.from }, this.membership(), { deadlineMs: this.#o.electionTimeoutMs }).catch(() => undefined);
        return;
      case 'Snapshot':
        this.#snapshots.push(m);
        return;
      case 'ReadIndex': {
        const opts = { deadlineMs: Math.max(1000, this.#o.electionTimeoutMs * 2) };
        this.#o.transport.readIndex(m.to, readIndexToWire(m), this.membership(), opts).then(
          (res) => !this.#closed && this.#o.step(readIndexResponseFromWire(res, m.to, this.#o.selfId)),
          () => !this.#closed && this.#o.step({ type: 'ReadIndexResponse', from: m.to, to: this.#o.selfId, term: m.term, ctx: m.ctx, rejected: 'NOT_LEADER' }),
        );
        return;
      }
      default:
        return;
    }
  }

  close(): void {
    this.#closed = true;
    this.#snapshots.close();
    for (const s of this.#streams.values()) s.close();
    this.#streams.clear();
  }
}
