/**
 * A deterministic simulated cluster of RaftCores: virtual time, an event queue, a network
 * with latency, loss, duplication, reordering and partitions, crash/restart from durable
 * state, and paused processes whose monotonic clock jumps on resume. It plays the runtime:
 * it honours the Ready contract (persist with a delay, send acknowledgements only after
 * persistence, apply, advance) and the correlation contract (Append seqs are stripped in
 * transit and re-attached to responses from the per-stream FIFO order). Every fact is fed
 * to a Checker as it happens.
 *
 * Layers: sim-network.ts (clock, event queue, delivery, event log) < sim-runtime.ts (each
 * node's Ready loop and ticks) < this file (building the cluster, faults, clients, status).
 */
import {
  RaftCore,
  initialState,
  isVoter,
  members,
  emptyConfiguration,
  type Configuration,
  type MembershipChange,
  type Status,
} from '../../src/core/index.js';
import { SimViolation } from './checker.js';
import { raftConfig, type SimOptions } from './sim-options.js';
import { SimRuntime } from './sim-runtime.js';
import { SimNode, type Durable, type ProposalHandle, type ReadHandle } from './sim-node.js';
import type { SeededRandom } from './random.js';
import { leaseClock } from '../../src/runtime/lease-clock.js';

export { SimNode, type ProposalHandle, type ReadHandle, type SimOptions };


export class SimCluster extends SimRuntime {
  #ctx = 1;
  #proposalCounter = 0;

  private constructor(opts: SimOptions) {
    super(opts);
  }

  /** Builds and starts a cluster whose initial voters share one bootstrap configuration. */
  static create(opts: SimOptions): SimCluster {
    const c = new SimCluster(opts);
    const addresses: Record<number, string> = {};
    for (const id of opts.voters) addresses[id] = `10.0.0.${id}:9081`;
    const cfg: Configuration = { voters: [...opts.voters].sort((a, b) => a - b), votersOutgoing: [], learners: [], addresses };
    for (const id of opts.voters) c.addNode(id, cfg);
    return c;
  }

  /** Adds and starts a node: a bootstrap member if `configuration` is given, else an empty joiner. */
  addNode(id: number, configuration?: Configuration): SimNode {
    const st = configuration ? initialState(configuration) : { hardState: { term: 0, votedFor: 0 }, entries: [] };
    const durable: Durable = {
      hardState: st.hardState,
      snapshot: st.snapshot ?? { index: 0, term: 0, configuration: emptyConfiguration(), configIndex: 0 },
      entries: [],
      commitIndex: 0,
    };
    const n = new SimNode(id, durable, this.rng.fork());
    this.nodes.set(id, n);
    this.net.add(id);
    this.restart(id);
    return n;
  }

  node(id: number): SimNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }

  /** Splits the cluster: each listed group can only talk within itself; unlisted nodes form one more group. */
  partition(groups: readonly (readonly number[])[]): void {
    this.net.partition(groups);
    this.record('partition', 0, groups);
  }

  /** Cuts `id` off from everyone. */
  isolate(id: number): void {
    this.partition([[id]]);
  }

  /** Takes down the single link between `a` and `b` (both can still reach everyone else). */
  cut(a: number, b: number): void {
    this.net.cut(a, b);
    this.record('cut', 0, [a, b]);
  }

  heal(): void {
    this.net.heal();
    this.record('heal', 0);
  }

  /**
   * Makes some crashes tear the log write in progress: with chance `rate`, drawn from `rng`
   * (a generator of its own, so the schedule's other draws stay as they were), a crash keeps a
   * random prefix of the outstanding Ready's WAL records (sim-runtime.ts persistLog).
   */
  tearCrashes(rng: SeededRandom, rate: number): void {
    this.#torn = { rng, rate };
  }

  #torn: { rng: SeededRandom; rate: number } | undefined;

  /**
   * Stops a node at once: everything not yet durable is lost (or, see {@link tearCrashes}, a
   * prefix of the write in progress survives), in-flight messages to and from it too.
   */
  crash(id: number): void {
    const n = this.node(id);
    if (!n.up) return;
    const rd = n.outstanding;
    if (rd && this.#torn && this.#torn.rng.chance(this.#torn.rate)) {
      const records = (rd.snapshotToInstall ? 1 : 0) + (rd.truncateFrom !== undefined ? 1 : 0) + rd.entriesToAppend.length + (rd.hardState ? 1 : 0);
      if (records > 0) {
        const keep = this.#torn.rng.between(1, records);
        this.record('torn write', id, { keep, of: records });
        this.persistLog(n, rd, keep);
      }
    }
    n.up = false;
    n.paused = false;
    n.core = null;
    n.outstanding = null;
    const backlog = n.backlog;
    n.backlog = [];
    n.epoch++;
    n.deliveredSeqs.clear();
    n.requestsStepped = n.responsesEmitted = 0;
    // A transfer whose receiver died before answering fails at the sender (its RPC breaks).
    for (const sender of n.snapshotsUnanswered) this.reportUnreachable(sender, id, true);
    n.snapshotsUnanswered = [];
    for (const e of backlog) if (e.kind === 'deliver') this.lost(e.msg, 'crash');
    n.proposals.clear();
    n.reads.clear();
    n.role = 'follower';
    this.record('crash', id);
  }

  /** (Re)starts a node from its durable state. */
  restart(id: number): void {
    const n = this.node(id);
    if (n.up) return;
    n.epoch++;
    n.up = true;
    const d = n.durable;
    const cfg = raftConfig(this.opts, id, n.rng.fork(), this.tickMs);
    n.core = new RaftCore(cfg, { hardState: d.hardState, snapshot: d.snapshot, entries: [...d.entries], commitIndex: d.commitIndex });
    n.applied = d.snapshot.index;
    n.commitSeen = d.commitIndex;
    n.leaderConfig = undefined;
    const drift = this.opts.clockDrift ?? 0.002;
    n.clockRate = 1 + (this.rng.next() * 2 - 1) * drift;
    // Monotonic from this incarnation's start; a fast clock also ticks fast (timers run on it).
    n.clockOffset = this.rng.between(0, 1_000_000) - this.now * n.clockRate;
    n.wallOffset = n.clockOffset;
    const monotonic = () => this.monotonicOf(n);
    n.clock = this.opts.coreClock === 'monotonic' ? monotonic : leaseClock(monotonic, () => this.wallOf(n));
    n.tickInterval = this.tickMs / n.clockRate;
    this.record('restart', id);
    this.scheduleTick(n);
  }

  /**
   * Freezes a node's process for `ms`: it handles nothing, then resumes with its clock
   * jumped. `onResume` runs right after the resumed node's first tick, before it reads the
   * input that queued up while it was frozen.
   */
  pause(id: number, ms: number, onResume?: () => void): void {
    const n = this.node(id);
    if (!n.up || n.paused) return;
    n.paused = true;
    const epoch = n.epoch;
    this.record('pause', id, ms);
    this.at(ms, () => {
      if (n.epoch !== epoch || !n.paused) return;
      n.paused = false;
      this.record('resume', id);
      // A frozen process's overdue timer fires once on resume, then its queued input is read.
      n.core!.tick(this.nowOf(n));
      this.scheduleTick(n);
      onResume?.();
      const backlog = n.backlog;
      n.backlog = [];
      for (const e of backlog) this.dispatch({ ...e, t: this.now });
      this.drive(n);
    });
  }

  /**
   * Suspends node `id`'s host for `ms`: as {@link pause}, but its monotonic clock stops meanwhile
   * (Linux CLOCK_MONOTONIC across a suspend) while its wall clock runs on.
   */
  suspend(id: number, ms: number, onResume?: () => void): void {
    const n = this.node(id);
    if (!n.up || n.paused) return;
    n.clockOffset -= ms * n.clockRate;
    this.record('suspend', id, ms);
    this.pause(id, ms, onResume);
  }

  /** Proposes `key` (a unique string) at node `id`; returns a handle whose outcome fills in. */
  propose(id: number, key?: string): ProposalHandle | null {
    const n = this.nodes.get(id);
    if (!n || !n.up || n.paused) return null;
    const k = key ?? `p${++this.#proposalCounter}`;
    const transferring = this.#transferring(n);
    const pid = n.core!.propose(new TextEncoder().encode(k));
    const h: ProposalHandle = { key: k, node: id, ...transferring };
    n.proposals.set(pid, h);
    this.record('propose', id, k);
    this.drive(n);
    return h;
  }

  /** Issues a read at node `id`. */
  read(id: number, policy: 'linearizable' | 'lease'): ReadHandle | null {
    const n = this.nodes.get(id);
    if (!n || !n.up || n.paused) return null;
    const ctx = this.#ctx++;
    const h: ReadHandle = { ctx, node: id, policy, mustSee: this.checker.maxApplied, epoch: n.epoch };
    n.reads.set(ctx, h);
    this.issuedReads.push(h);
    this.record('readIndex', id, { ctx, policy, mustSee: h.mustSee });
    n.core!.readIndex(ctx, { policy, nowMs: this.nowOf(n) });
    this.drive(n);
    return h;
  }

  /** Proposes a membership change at node `id`. */
  changeMembership(id: number, change: MembershipChange, expectedConfigIndex?: number): ProposalHandle | null {
    const n = this.nodes.get(id);
    if (!n || !n.up || n.paused) return null;
    const transferring = this.#transferring(n);
    const pid = n.core!.proposeConfChange(change, expectedConfigIndex);
    const h: ProposalHandle = { key: `change#${pid}@${id}:${JSON.stringify(change)}`, node: id, ...transferring };
    n.proposals.set(pid, h);
    this.record('change', id, change);
    this.drive(n);
    return h;
  }

  /** A leader transferring leadership refuses every proposal (dissertation §3.10). */
  #transferring(n: SimNode): { mustRefuse?: string } {
    const st = n.core!.status();
    return st.role === 'leader' && st.leadTransferee !== 0 ? { mustRefuse: `during a transfer to ${st.leadTransferee} in term ${st.term}` } : {};
  }

  /** Asks node `id` to transfer leadership. */
  transfer(id: number, target = 0): boolean {
    const n = this.nodes.get(id);
    if (!n || !n.up || n.paused) return false;
    const r = n.core!.transferLeadership(target);
    this.record('transfer', id, r);
    this.drive(n);
    return r.ok;
  }

  status(id: number): Status | null {
    const n = this.nodes.get(id);
    if (!n || !n.up) return null;
    return n.core!.status();
  }

  /** The live, unpaused leader with the highest term, if any. */
  leader(): number | undefined {
    let best: SimNode | undefined;
    for (const n of this.nodes.values()) {
      if (!n.up || n.paused || n.role !== 'leader') continue;
      if (!best || n.term > best.term) best = n;
    }
    return best?.id;
  }

  /** Ids of the current leader's configuration members that are up. */
  liveMembers(): number[] {
    const l = this.leader();
    if (l === undefined) return [];
    return members(this.status(l)!.configuration).filter((id) => this.nodes.get(id)?.up);
  }

  isVoterOfLeader(id: number): boolean {
    const l = this.leader();
    return l !== undefined && isVoter(this.status(l)!.configuration, id);
  }
}

export { SimViolation };
