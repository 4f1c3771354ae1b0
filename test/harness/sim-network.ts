/**
 * The simulated network and clock under a SimCluster: virtual time and the event queue,
 * message delivery with latency, loss, duplication, reordering and partitions (Appends and
 * their answers FIFO per stream unless reordered), failure reports (Unreachable) to the
 * sending runtime, and the event log. See sim-cluster.ts for the whole.
 */
import type { Inbound, Outbound, Ready } from '../../src/core/index.js';
import { Checker } from './checker.js';
import { DurableChecks } from './durable-checks.js';
import { EventLog } from './event-log.js';
import { SeededRandom } from './random.js';
import type { SimOptions } from './sim-options.js';
import { Topology } from './topology.js';
import { EventQueue, type Event, type ReadHandle, type SimNode } from './sim-node.js';

export class SimNetwork {
  readonly opts: SimOptions;
  readonly rng: SeededRandom;
  readonly checker = new Checker();
  readonly durableChecks = new DurableChecks(this.checker);
  readonly nodes = new Map<number, SimNode>();
  now = 0;
  dropRate = 0;
  dupRate = 0;
  /** Duplicates Appends and AppendResponses too (a unary fallback's retry can). */
  dupStreamRate = 0;
  /** Chance that a Vote/PreVote in flight to a node that restarted reaches the new incarnation (a retried RPC). */
  lateUnaryRate = 0;
  reorderRate = 0;
  /** Chance that a message is held back by up to `spikeMs` (a stream stalls everything behind it). */
  spikeRate = 0;
  spikeMs = 0;
  /** Chance that a request in flight from a node that crashed is still delivered (sim-runtime.ts ORPHAN_TYPES). */
  orphanRate = 0;
  /** Snapshot transfers carry the sender's newest snapshot at delivery (sim-runtime.ts withNewestSnapshot). */
  newestSnapshot = false;
  /** Called with every Ready a node collects, before its messages leave (adversaries watch here). */
  onReady: ((n: SimNode, rd: Ready) => void) | undefined;
  /** Called after a message was stepped into a node. */
  onDeliver: ((n: SimNode, m: Inbound) => void) | undefined;
  protected readonly net = new Topology();
  protected readonly queue = new EventQueue();
  protected eventSeq = 0;
  protected readonly fifo = new Map<string, number>();
  protected readonly log = new EventLog();
  stepsRun = 0;
  /** Every read issued, in order (liveness: each is served or refused unless its node crashed). */
  readonly issuedReads: ReadHandle[] = [];
  /** Every role change reported through Ready.softState, in order. */
  readonly roleLog: { t: number; node: number; role: string; term: number }[] = [];

  protected constructor(opts: SimOptions) {
    this.opts = opts;
    this.rng = new SeededRandom(opts.seed);
  }

  get tickMs(): number {
    return this.opts.tickMs ?? 100;
  }

  /** Ms in one maximum election timeout. */
  get electionTimeoutMs(): number {
    return (this.opts.electionTimeoutMaxTicks ?? 20) * this.tickMs;
  }

  /** The time the node's runtime hands its core (its lease clock, see SimCluster.restart). */
  nowOf(n: SimNode): number {
    return n.clock();
  }

  /** The node's monotonic clock (offset per incarnation; jumps forward across a pause, stops across a suspension). */
  monotonicOf(n: SimNode): number {
    return this.now * n.clockRate + n.clockOffset;
  }

  /** The node's wall clock (runs on across a pause and a suspension). */
  wallOf(n: SimNode): number {
    return this.now * n.clockRate + n.wallOffset;
  }

  protected push(e: Event): void {
    this.queue.push(e);
  }

  /** Runs `fn` at virtual time now + delay. */
  at(delay: number, fn: () => void): void {
    this.push({ kind: 'call', t: this.now + delay, seq: this.eventSeq++, fn });
  }

  protected blocked(a: number, b: number): boolean {
    return this.net.blocked(a, b);
  }

  protected send(from: SimNode, m0: Outbound): void {
    this.durableChecks.sending(from, m0);
    if (m0.type === 'SnapshotResponse') from.snapshotsUnanswered.shift();
    let m: Inbound = m0;
    let toEpoch = this.nodes.get(m.to)?.epoch ?? -1;
    let appendSeq = 0;
    if (m.type === 'AppendResponse') {
      const q = from.deliveredSeqs.get(m.to);
      const head = q?.shift();
      if (!head) return this.checker.fail('correlation', `node ${from.id} answered an Append from ${m.to} it never received`);
      m = { ...m, seq: head.seq };
      toEpoch = head.epoch;
    } else if (m.type === 'Append') {
      appendSeq = m.seq;
      m = { ...m, seq: 0 }; // the seq never travels on the wire
    }
    this.record('send', from.id, m);
    const target = this.nodes.get(m.to);
    if (!target || this.blocked(m.from, m.to)) {
      this.lost(m, 'partition');
      return;
    }
    const isStream = m.type === 'Append' || m.type === 'AppendResponse';
    const reliable = m.type === 'Snapshot' || m.type === 'SnapshotResponse';
    if (this.dropRate > 0 && this.rng.chance(this.dropRate)) {
      this.lost(m, 'drop');
      return;
    }
    const [lo, hi] = this.opts.latencyMs ?? [1, 10];
    let t = this.now + this.rng.between(lo, hi) + (reliable ? this.rng.between(5, 40) : 0);
    if (this.spikeRate > 0 && this.rng.chance(this.spikeRate)) t += this.rng.between(0, this.spikeMs);
    if (isStream) {
      const key = `${m.from}>${m.to}`;
      if (!(this.reorderRate > 0 && this.rng.chance(this.reorderRate))) t = Math.max(t, this.fifo.get(key) ?? 0);
      this.fifo.set(key, t);
    }
    const fromEpoch = from.epoch;
    this.push({ kind: 'deliver', t, seq: this.eventSeq++, msg: m, toEpoch, fromEpoch, appendSeq });
    if (!reliable && this.dupRate > 0 && this.rng.chance(this.dupRate) && m.type !== 'AppendResponse' && m.type !== 'Append') {
      this.push({ kind: 'deliver', t: t + this.rng.between(0, hi), seq: this.eventSeq++, msg: m, toEpoch, fromEpoch, appendSeq });
    }
    if (isStream && this.dupStreamRate > 0 && this.rng.chance(this.dupStreamRate)) {
      // Right behind the original, so the stream stays FIFO; the copy is answered too.
      const t2 = t + this.rng.between(0, 2);
      this.fifo.set(`${m.from}>${m.to}`, t2);
      this.push({ kind: 'deliver', t: t2, seq: this.eventSeq++, msg: m, toEpoch, fromEpoch, appendSeq });
    }
  }

  /**
   * A message that will never arrive. Like a real transport, a failed Append stream or
   * snapshot transfer is reported to the sending runtime, which steps in Unreachable.
   */
  protected lost(m: Inbound, why: string): void {
    this.record('lost', m.from, m, why);
    if (m.type === 'Unreachable') return;
    let reportTo = 0;
    let peer = 0;
    if (m.type === 'Snapshot' || (m.type === 'Append' && (why !== 'drop' || this.rng.chance(0.5)))) {
      reportTo = m.from;
      peer = m.to;
    } else if (m.type === 'SnapshotResponse') {
      reportTo = m.to;
      peer = m.from;
    }
    if (reportTo === 0) return;
    this.reportUnreachable(reportTo, peer, m.type === 'Snapshot' || m.type === 'SnapshotResponse');
  }

  /** The runtime of `reportTo` learns, a little later, that its stream or snapshot transfer to `peer` failed. */
  protected reportUnreachable(reportTo: number, peer: number, snapshot: boolean): void {
    const n = this.nodes.get(reportTo);
    if (!n || !n.up) return;
    const msg: Inbound = { type: 'Unreachable', from: peer, to: reportTo, term: 0, ...(snapshot ? { snapshot } : {}) };
    this.push({ kind: 'deliver', t: this.now + this.rng.between(5, 50), seq: this.eventSeq++, msg, toEpoch: n.epoch, fromEpoch: 0, appendSeq: 0 });
  }

  /** Records a schedule decision in the event log. */
  note(what: string, detail?: unknown): void {
    this.record(what, 0, detail);
  }

  protected record(kind: string, node: number, a?: unknown, b?: unknown): void {
    this.log.record(this.now, kind, node, a, b);
  }

  /** The last 200 events, oldest first, one line each. */
  recentEvents(): string[] {
    return this.log.lines();
  }
}
