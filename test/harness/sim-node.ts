/**
 * One simulated process: its RaftCore (null while crashed), what it has made durable, and
 * the runtime bookkeeping the simulation keeps for it. Also the event type of the queue.
 */
import type { Configuration, Entry, HardState, Inbound, ProposalOutcome, RaftCore, Ready, SnapshotMeta } from '../../src/core/index.js';
import type { SeededRandom } from './random.js';

export interface Durable {
  hardState: HardState;
  snapshot: SnapshotMeta;
  entries: Entry[];
  commitIndex: number;
}

export type Event =
  | { kind: 'deliver'; t: number; seq: number; msg: Inbound; toEpoch: number; fromEpoch: number; appendSeq: number }
  | { kind: 'tick'; t: number; seq: number; node: number; epoch: number }
  | { kind: 'persist'; t: number; seq: number; node: number; epoch: number }
  | { kind: 'call'; t: number; seq: number; fn: () => void };

/** A client request the simulation is tracking. */
export interface ProposalHandle {
  readonly key: string;
  readonly node: number;
  outcome?: ProposalOutcome;
  /** Why this proposal must be refused (set when it was made during a leadership transfer). */
  mustRefuse?: string;
}

export interface ReadHandle {
  readonly ctx: number;
  readonly node: number;
  readonly policy: 'linearizable' | 'lease';
  readonly mustSee: number;
  /** Incarnation of the node it was issued on (a crash drops its reads unanswered). */
  readonly epoch: number;
  result?: { status: 'ready'; index: number; served: number } | { status: 'rejected'; reason: string };
}

export class SimNode {
  core: RaftCore | null = null;
  up = false;
  paused = false;
  epoch = 0;
  /** This incarnation's monotonic clock is `now * clockRate + clockOffset` (sim-network.ts monotonicOf). */
  clockOffset = 0;
  /** Its wall clock is `now * clockRate + wallOffset`: it keeps running while the host is suspended. */
  wallOffset = 0;
  /** The time its runtime hands the core with ticks and reads (src/runtime/lease-clock.ts). */
  clock: () => number = () => 0;
  /** Rate of this incarnation's monotonic clock (ms of its clock per real ms); its ticks follow it. */
  clockRate = 1;
  tickInterval = 100;
  applied = 0;
  outstanding: Ready | null = null;
  backlog: Event[] = [];
  /** Per leader: seqs (and that leader's epoch) of Appends delivered here, oldest first. */
  readonly deliveredSeqs = new Map<number, { seq: number; epoch: number }[]>();
  requestsStepped = 0;
  /** Senders of Snapshot requests stepped in and not yet answered, oldest first (a crash fails their transfers). */
  snapshotsUnanswered: number[] = [];
  responsesEmitted = 0;
  readonly proposals = new Map<number, ProposalHandle>();
  readonly reads = new Map<number, ReadHandle>();
  /** Role and term as last reported through Ready.softState (what a runtime knows). */
  role: string = 'follower';
  term = 0;
  /** Snapshots received from a leader and installed. */
  installs = 0;
  /** Highest commit index reported by this incarnation's Readies. */
  commitSeen = 0;
  /** Leader: its configuration when its last Ready was collected. */
  leaderConfig: { term: number; configuration: Configuration } | undefined;
  constructor(
    readonly id: number,
    public durable: Durable,
    readonly rng: SeededRandom,
  ) {}
}


/** Binary min-heap of events by (time, insertion order): deterministic ordering. */
export class EventQueue {
  readonly #h: Event[] = [];

  get size(): number {
    return this.#h.length;
  }

  /** Time of the earliest event (Infinity if none). */
  peekTime(): number {
    return this.#h.length === 0 ? Number.POSITIVE_INFINITY : this.#h[0]!.t;
  }

  push(e: Event): void {
    const h = this.#h;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(h[p]!, h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  pop(): Event | undefined {
    const h = this.#h;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

function less(a: Event, b: Event): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}
