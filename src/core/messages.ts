/**
 * Messages the core consumes (`Inbound`) and produces (`Outbound`). Each maps 1:1 onto a
 * wire message (see PROTOCOL.md "Core messages and their carriers"); `from`/`to` are the
 * node ids at either end, filled by the runtime where the wire has no field for them.
 *
 * Correlation contract (the runtime depends on it): every Append, Vote, PreVote and
 * Snapshot request stepped into a core yields exactly one response message, even when the
 * request is stale or rejected, and the responses to one peer leave in request order.
 * An outbound Append carries `seq` (per peer, strictly increasing, core-local, never on the
 * wire); the runtime copies the seq of the request being answered into the AppendResponse
 * it steps in (FIFO order on the replication stream makes this exact).
 */
import type { Entry, LogId, LogIndex, NodeId, SnapshotMeta, Term } from './types.js';

interface Envelope {
  readonly from: NodeId;
  readonly to: NodeId;
  /** Sender's current term (for PreVote: the term the sender would campaign in). */
  readonly term: Term;
}

/** RequestVote (Raft §5.2). `leadershipTransfer`: vote even inside a leader lease (dissertation §4.2.3; transfer itself §3.10). */
export interface VoteMsg extends Envelope {
  readonly type: 'Vote';
  readonly lastLogIndex: LogIndex;
  readonly lastLogTerm: Term;
  readonly leadershipTransfer: boolean;
}

/** Pre-Vote request (dissertation §9.6): `term` is the sender's term + 1; changes no state. */
export interface PreVoteMsg extends Envelope {
  readonly type: 'PreVote';
  readonly lastLogIndex: LogIndex;
  readonly lastLogTerm: Term;
}

/** Answer to Vote / PreVote; `lastLogIndex/Term` are the responder's. */
export interface VoteResponseMsg extends Envelope {
  readonly type: 'VoteResponse' | 'PreVoteResponse';
  readonly voteGranted: boolean;
  readonly lastLogIndex: LogIndex;
  readonly lastLogTerm: Term;
}

/** AppendEntries (Raft §5.3). Also the heartbeat and the ReadIndex / lease confirmation round. */
export interface AppendMsg extends Envelope {
  readonly type: 'Append';
  readonly leaderId: NodeId;
  readonly prevLogIndex: LogIndex;
  readonly prevLogTerm: Term;
  readonly entries: readonly Entry[];
  readonly leaderCommitIndex: LogIndex;
  /** Core-local correlation number, per peer, increasing; never on the wire. */
  readonly seq: number;
  /**
   * Set on an empty Append whose only news is the commit index (never on a heartbeat or a
   * probe). The runtime may hold it briefly and drop it when a later Append to the same peer,
   * carrying at least this commit index, goes first (as if lost on the FIFO stream). Never on
   * the wire.
   */
  readonly commitOnly?: true;
}

/** The oneof of AppendEntriesResponse. */
export type AppendResult =
  /** `lastMatch` = the verified prefix (prevLogIndex + entries.length, its term). */
  | { readonly kind: 'success'; readonly lastMatch: LogId }
  /** Consistency check failed; hints for fast backtracking (Raft §5.3 optimization). */
  | { readonly kind: 'conflict'; readonly conflictTerm?: Term; readonly conflictIndex?: LogIndex }
  /** The request's term was stale. */
  | { readonly kind: 'higherTerm'; readonly higherTerm: Term };

/** AppendEntriesResponse. Inbound: `seq` = the seq of the answered Append (set by the runtime). */
export interface AppendResponseMsg extends Envelope {
  readonly type: 'AppendResponse';
  readonly result: AppendResult;
  readonly seq: number;
}

/**
 * InstallSnapshot. Outbound: "stream your latest snapshot file to `to`". Inbound: stepped in
 * by the receiving runtime once the whole file is received and verified, with that file's
 * metadata.
 */
export interface SnapshotMsg extends Envelope {
  readonly type: 'Snapshot';
  readonly leaderId: NodeId;
  readonly snapshot: SnapshotMeta;
}

/**
 * Answer to Snapshot. `snapshotIndex` names the snapshot answered (its last included index):
 * the core's follower copies it from the request, a runtime that pushed a snapshot file fills
 * in that file's index. The leader ignores answers for an older snapshot than the one it is
 * waiting for, so a late success cannot be credited to a newer transfer.
 */
export interface SnapshotResponseMsg extends Envelope {
  readonly type: 'SnapshotResponse';
  readonly success: boolean;
  readonly snapshotIndex: LogIndex;
}

/** Leader transfer: campaign now, skipping Pre-Vote, with the transfer flag (dissertation §3.10). No response. */
export interface TimeoutNowMsg extends Envelope {
  readonly type: 'TimeoutNow';
}

/**
 * A follower asks the leader for a read index (dissertation §6.4 "followers"). Unary,
 * raftctl-only (needs a RaftPeerExt carrier). `ctx` is the follower's read id, echoed back.
 */
export interface ReadIndexMsg extends Envelope {
  readonly type: 'ReadIndex';
  readonly ctx: number;
}

/** Leader's answer: `index` once leadership was confirmed by a quorum round, or a rejection. */
export interface ReadIndexResponseMsg extends Envelope {
  readonly type: 'ReadIndexResponse';
  readonly ctx: number;
  readonly index?: LogIndex;
  readonly rejected?: 'NOT_LEADER';
  readonly leaderHint?: NodeId;
}

/**
 * Local report from the runtime: the replication stream / RPC to `from` failed, or (with
 * `snapshot: true`) a snapshot transfer to it failed. `to` is this node; `term` is ignored.
 * Only a snapshot failure ends the SNAPSHOT state: a failed Append stream says nothing about
 * a transfer that may still be in flight.
 */
export interface UnreachableMsg extends Envelope {
  readonly type: 'Unreachable';
  readonly snapshot?: boolean;
}

/** Everything `RaftCore.step` accepts. */
export type Inbound =
  | VoteMsg
  | PreVoteMsg
  | VoteResponseMsg
  | AppendMsg
  | AppendResponseMsg
  | SnapshotMsg
  | SnapshotResponseMsg
  | TimeoutNowMsg
  | ReadIndexMsg
  | ReadIndexResponseMsg
  | UnreachableMsg;

/** Everything the core asks the runtime to send. */
export type Outbound = Exclude<Inbound, UnreachableMsg>;

/** True for request messages that must be answered exactly once. */
export function isRequest(m: Inbound): boolean {
  return m.type === 'Append' || m.type === 'Vote' || m.type === 'PreVote' || m.type === 'Snapshot';
}
