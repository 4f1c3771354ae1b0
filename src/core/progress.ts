/**
 * The leader's view of one peer (Raft Figure 2 nextIndex/matchIndex), with the flow-control
 * states of etcd's design: PROBE (one Append at a time until a match is found), REPLICATE
 * (pipelined Appends, at most `maxInflight` carrying entries), SNAPSHOT (a snapshot is being
 * sent; only heartbeats meanwhile).
 */
import type { LogIndex, NodeId } from './types.js';

export type ProgressState = 'PROBE' | 'REPLICATE' | 'SNAPSHOT';

/** One sent Append, remembered until its response (or a later one) arrives. */
interface SentAppend {
  readonly seq: number;
  readonly prevLogIndex: LogIndex;
  readonly carriesEntries: boolean;
}

/** Bound on remembered Appends per peer (heartbeats to a dead peer would otherwise accumulate). */
const MAX_REMEMBERED = 4096;

export class Progress {
  readonly id: NodeId;
  matchIndex: LogIndex = 0;
  nextIndex: LogIndex;
  state: ProgressState = 'PROBE';
  /** PROBE: an Append is outstanding; no further probe until its answer or the next heartbeat. */
  probeSent = false;
  /** SNAPSHOT: index of the snapshot being sent. */
  pendingSnapshot: LogIndex = 0;
  /** Next seq to put on an Append to this peer. */
  nextSeq = 1;
  /** Highest seq answered in the current term (leadership acknowledged by the peer up to that Append). */
  ackedSeq = 0;
  /** Responses to Appends with a lower seq were sent before the last state change: their conflicts are stale. */
  resetSeq = 0;
  /** Any response since the last CheckQuorum round (Raft dissertation §6.2). */
  recentActive = false;
  /** Ticks since the last response from this peer. */
  ticksSinceContact = 0;
  /** leaderCommitIndex carried by the last Append sent to this peer (commit broadcasts skip peers that have it). */
  sentCommit: LogIndex = 0;
  #sent: SentAppend[] = [];
  #head = 0;
  #inflight = 0;

  constructor(id: NodeId, nextIndex: LogIndex) {
    this.id = id;
    this.nextIndex = nextIndex;
  }

  /** Entry-carrying Appends not yet answered. */
  get inflight(): number {
    return this.#inflight;
  }

  /** True when REPLICATE may not send another entry-carrying Append. */
  isFull(maxInflight: number): boolean {
    return this.#inflight >= maxInflight;
  }

  /** Records an outgoing Append and returns its seq. */
  recordSent(prevLogIndex: LogIndex, carriesEntries: boolean): number {
    const seq = this.nextSeq++;
    if (this.#sent.length - this.#head >= MAX_REMEMBERED) this.#dropHead();
    this.#sent.push({ seq, prevLogIndex, carriesEntries });
    if (carriesEntries) this.#inflight++;
    return seq;
  }

  /**
   * Forgets every Append with seq <= `seq` (answered, or lost on the FIFO stream) and
   * returns the prevLogIndex of the one with exactly `seq`, if remembered.
   */
  settle(seq: number): LogIndex | undefined {
    let found: LogIndex | undefined;
    while (this.#head < this.#sent.length && this.#sent[this.#head]!.seq <= seq) {
      const s = this.#sent[this.#head]!;
      if (s.seq === seq) found = s.prevLogIndex;
      this.#dropHead();
    }
    if (this.#head > 64 && this.#head * 2 > this.#sent.length) {
      this.#sent = this.#sent.slice(this.#head);
      this.#head = 0;
    }
    return found;
  }

  becomeProbe(nextIndex: LogIndex): void {
    this.state = 'PROBE';
    this.nextIndex = Math.max(nextIndex, this.matchIndex + 1);
    this.probeSent = false;
    this.pendingSnapshot = 0;
    this.#resetFlow();
  }

  becomeReplicate(): void {
    this.state = 'REPLICATE';
    this.nextIndex = this.matchIndex + 1;
    this.probeSent = false;
    this.pendingSnapshot = 0;
    this.#resetFlow();
  }

  becomeSnapshot(snapshotIndex: LogIndex): void {
    this.state = 'SNAPSHOT';
    this.pendingSnapshot = snapshotIndex;
    this.probeSent = false;
    this.#resetFlow();
  }

  #resetFlow(): void {
    this.resetSeq = this.nextSeq;
    this.#sent = [];
    this.#head = 0;
    this.#inflight = 0;
  }

  #dropHead(): void {
    const s = this.#sent[this.#head++]!;
    if (s.carriesEntries) this.#inflight--;
  }
}
