/**
 * A deterministic simulated cluster of RaftCores: virtual time, an event queue, a network
 * with latency, loss, duplication, reordering and partitions, crash/restart from durable
 * state, and paused processes whose monotonic clock jumps on resume. It plays the runtime:
 * it honours the Ready contract (persist with a delay, send acknowledgements only after
 * persistence, apply, advance) and the correlation contract (Append seqs are stripped in
 * transit and re-attached to responses from the per-stream FIFO order). Every fact is fed
 * to a Checker as it happens.
 */
import {
  RaftCore,
  initialState,
  isRequest,
  isVoter,
  members,
  emptyConfiguration,
  type Configuration,
  type Inbound,
  type MembershipChange,
  type Outbound,
  type ProposalOutcome,
  type Ready,
  type Status,
} from '../../src/core/index.js';
import { Checker, entryId, SimViolation } from './checker.js';
import { DurableChecks } from './durable-checks.js';
import { EventLog } from './event-log.js';
import { SeededRandom } from './random.js';
import { raftConfig, type SimOptions } from './sim-options.js';
import { Topology } from './topology.js';
import { EventQueue, SimNode, type Durable, type Event, type ProposalHandle, type ReadHandle } from './sim-node.js';

export { SimNode, type ProposalHandle, type ReadHandle, type SimOptions };


export class SimCluster {
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
  /** Called with every Ready a node collects, before its messages leave (adversaries watch here). */
  onReady: ((n: SimNode, rd: Ready) => void) | undefined;
  /** Called after a message was stepped into a node. */
  onDeliver: ((n: SimNode, m: Inbound) => void) | undefined;
  reorderRate = 0;
  readonly #net = new Topology();
  readonly #queue = new EventQueue();
  #seq = 0;
  readonly #fifo = new Map<string, number>();
  readonly #log = new EventLog();
  #ctx = 1;
  #proposalCounter = 0;
  stepsRun = 0;
  /** Every read issued, in order (liveness: each is served or refused unless its node crashed). */
  readonly issuedReads: ReadHandle[] = [];
  /** Every role change reported through Ready.softState, in order. */
  readonly roleLog: { t: number; node: number; role: string; term: number }[] = [];

  private constructor(opts: SimOptions) {
    this.opts = opts;
    this.rng = new SeededRandom(opts.seed);
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

  get tickMs(): number {
    return this.opts.tickMs ?? 100;
  }

  /** Ms in one maximum election timeout. */
  get electionTimeoutMs(): number {
    return (this.opts.electionTimeoutMaxTicks ?? 20) * this.tickMs;
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
    this.#net.add(id);
    this.restart(id);
    return n;
  }

  node(id: number): SimNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }

  /** The node's monotonic clock (offset per incarnation; jumps forward across a pause). */
  nowOf(n: SimNode): number {
    return this.now * n.clockRate + n.clockOffset;
  }

  // ---------------------------------------------------------------- event queue

  #push(e: Event): void {
    this.#queue.push(e);
  }

  /** Runs `fn` at virtual time now + delay. */
  at(delay: number, fn: () => void): void {
    this.#push({ kind: 'call', t: this.now + delay, seq: this.#seq++, fn });
  }

  /** Processes events until virtual time `this.now + ms`. */
  runFor(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      if (this.#queue.peekTime() > end) break;
      this.#dispatch(this.#queue.pop()!);
    }
    this.now = end;
  }

  /** Runs until `pred()` holds (checked after every event) or `maxMs` elapse; returns whether it held. */
  runUntil(pred: () => boolean, maxMs: number): boolean {
    const end = this.now + maxMs;
    if (pred()) return true;
    for (;;) {
      if (this.#queue.peekTime() > end) break;
      this.#dispatch(this.#queue.pop()!);
      if (pred()) return true;
    }
    this.now = end;
    return pred();
  }

  #dispatch(e: Event): void {
    this.now = e.t;
    this.stepsRun++;
    switch (e.kind) {
      case 'call':
        e.fn();
        return;
      case 'tick': {
        const n = this.nodes.get(e.node)!;
        if (!n.up || n.epoch !== e.epoch) return;
        if (n.paused) return; // resume() restarts the ticker
        this.#record('tick', n.id);
        n.core!.tick(this.nowOf(n));
        this.#drive(n);
        this.#scheduleTick(n);
        return;
      }
      case 'persist': {
        const n = this.nodes.get(e.node)!;
        if (!n.up || n.epoch !== e.epoch) return;
        if (n.paused) {
          n.backlog.push(e);
          return;
        }
        this.#completePersist(n);
        return;
      }
      case 'deliver': {
        const m = e.msg;
        const n = this.nodes.get(m.to);
        const sender = this.nodes.get(m.from);
        const senderGone = sender !== undefined && sender.epoch !== e.fromEpoch && m.type !== 'Unreachable';
        const retried = n !== undefined && n.up && !senderGone && (m.type === 'Vote' || m.type === 'PreVote') && this.lateUnaryRate > 0 && this.rng.chance(this.lateUnaryRate);
        if (!n || !n.up || (n.epoch !== e.toEpoch && !retried) || senderGone) {
          this.#lost(m, 'crash');
          return;
        }
        if (n.paused) {
          n.backlog.push(e);
          return;
        }
        if (m.type !== 'Unreachable' && this.#blocked(m.from, m.to)) {
          this.#lost(m, 'partition');
          return;
        }
        this.#stepInto(n, m, e.appendSeq);
        return;
      }
    }
  }

  #stepInto(n: SimNode, m: Inbound, appendSeq: number): void {
    this.#record('recv', n.id, m);
    if (isRequest(m)) n.requestsStepped++;
    if (m.type === 'Snapshot') n.snapshotsUnanswered.push(m.from);
    if (m.type === 'Append') {
      let q = n.deliveredSeqs.get(m.from);
      if (!q) n.deliveredSeqs.set(m.from, (q = []));
      q.push({ seq: appendSeq, epoch: this.nodes.get(m.from)?.epoch ?? 0 });
    }
    if (m.type === 'VoteResponse' && m.voteGranted) this.checker.voteGranted(m.term, m.to, m.from);
    n.core!.step(m);
    this.onDeliver?.(n, m);
    this.#drive(n);
  }

  #scheduleTick(n: SimNode): void {
    const jitter = this.rng.chance(0.1) ? this.rng.between(0, 5) : 0;
    this.#push({ kind: 'tick', t: this.now + n.tickInterval + jitter, seq: this.#seq++, node: n.id, epoch: n.epoch });
  }

  // ---------------------------------------------------------------- the runtime's Ready loop

  #drive(n: SimNode): void {
    if (!n.up || n.paused || n.outstanding || !n.core!.hasReady()) return;
    const rd = n.core!.ready();
    n.outstanding = rd;
    this.onReady?.(n, rd);
    for (const m of [...rd.messages, ...rd.messagesAfterPersist]) {
      if (m.type === 'AppendResponse' || m.type === 'VoteResponse' || m.type === 'PreVoteResponse' || m.type === 'SnapshotResponse') {
        n.responsesEmitted++;
      }
    }
    if (n.responsesEmitted !== n.requestsStepped) {
      this.checker.fail('correlation', `node ${n.id} answered ${n.responsesEmitted} of ${n.requestsStepped} requests`);
    }
    if (rd.softState) {
      this.#record('role', n.id, rd.softState);
      n.role = rd.softState.role;
      n.term = rd.softState.term;
      this.roleLog.push({ t: this.now, node: n.id, role: n.role, term: n.term });
      if (rd.softState.role === 'leader') this.checker.leaderElected(rd.softState.term, n.id);
    }
    if (n.role === 'leader') {
      // The commit decision was taken under the configuration of the previous Ready or one
      // appended since (at most one: a change is refused while another is uncommitted).
      const st = n.core!.status();
      if (rd.softState?.role === 'leader') this.checker.electedByQuorum(st.term, n.id, st.configuration);
      if (st.role === 'leader') this.checker.removedLeader(n.id, st.term, st.configuration, st.configIndex, st.commitIndex);
      if (rd.commitIndex > n.commitSeen && st.role === 'leader') {
        const last = rd.committedEntries[rd.committedEntries.length - 1];
        const configs = n.leaderConfig && n.leaderConfig.term === st.term ? [n.leaderConfig.configuration, st.configuration] : [st.configuration];
        this.durableChecks.leaderCommitted(n, st.term, rd.commitIndex, last?.index === rd.commitIndex ? last : undefined, configs, this.nodes);
      }
      n.leaderConfig = { term: st.term, configuration: st.configuration };
    }
    if (rd.commitIndex > n.commitSeen) n.commitSeen = rd.commitIndex;
    for (const m of rd.messages) this.#send(n, m);
    const [lo, hi] = this.opts.persistMs ?? [0, 3];
    this.#push({ kind: 'persist', t: this.now + this.rng.between(lo, hi), seq: this.#seq++, node: n.id, epoch: n.epoch });
  }

  #completePersist(n: SimNode): void {
    const rd = n.outstanding!;
    const d = n.durable;
    const durableTermNow = rd.hardState?.term ?? d.hardState.term;
    if (rd.snapshotToInstall) {
      this.durableChecks.truncated(n, rd.snapshotToInstall.index + 1, durableTermNow, 'snapshot install');
      d.snapshot = rd.snapshotToInstall;
      d.entries = [];
      if (rd.snapshotToInstall.index > n.applied) n.applied = rd.snapshotToInstall.index;
      n.installs++;
      this.#record('install', n.id, rd.snapshotToInstall.index);
    }
    if (rd.truncateFrom !== undefined) this.durableChecks.truncated(n, rd.truncateFrom, durableTermNow, 'truncate');
    if (rd.truncateFrom !== undefined) d.entries.length = Math.max(0, rd.truncateFrom - d.snapshot.index - 1);
    for (const e of rd.entriesToAppend) {
      const k = e.index - d.snapshot.index - 1;
      if (k !== d.entries.length) this.checker.fail('ready contract', `node ${n.id}: entry ${e.index} appended at WAL position ${k}`);
      const prevTerm = k === 0 ? d.snapshot.term : d.entries[k - 1]!.term;
      this.checker.entryPersisted(n.id, e, prevTerm, this.#configBefore(d, e.index));
      d.entries.push(e);
    }
    if (rd.hardState) d.hardState = rd.hardState;
    d.commitIndex = rd.commitIndex;
    if (rd.softState?.role === 'leader') {
      const base = d.snapshot.index;
      this.checker.leaderComplete(n.id, rd.softState.term, base, base + d.entries.length, (i) => {
        const e = d.entries[i - base - 1];
        return e ? entryId(e) : undefined;
      });
    }
    for (const m of rd.messagesAfterPersist) this.#send(n, m);
    for (const e of rd.committedEntries) {
      if (e.index !== n.applied + 1) this.checker.fail('state machine safety', `node ${n.id} applied ${e.index} after ${n.applied}`);
      n.applied = e.index;
      this.checker.applied(n.id, e, n.term);
    }
    for (const o of rd.proposals) this.#onOutcome(n, o);
    for (const r of rd.readStates) this.#onRead(n, r);
    n.outstanding = null;
    n.core!.advance(rd);
    this.#maybeCompact(n);
    this.#drive(n);
  }

  #configBefore(d: Durable, index: number): Configuration {
    for (let k = Math.min(index - d.snapshot.index - 2, d.entries.length - 1); k >= 0; k--) {
      const p = d.entries[k]!.payload;
      if (p.type === 'configuration') return p.configuration;
    }
    return d.snapshot.configuration;
  }

  #maybeCompact(n: SimNode): void {
    const every = this.opts.compactEvery ?? 0;
    if (every <= 0) return;
    const d = n.durable;
    const target = n.applied - (this.opts.compactKeep ?? 0);
    if (target - d.snapshot.index < every) return;
    const meta = n.core!.compact(target);
    d.entries = d.entries.slice(meta.index - d.snapshot.index);
    d.snapshot = meta;
    this.#record('compact', n.id, meta.index);
  }

  #onOutcome(n: SimNode, o: ProposalOutcome): void {
    const h = n.proposals.get(o.id);
    if (!h) return;
    n.proposals.delete(o.id);
    h.outcome = o;
    this.#record('outcome', n.id, { key: h.key, ...o });
    if (h.key.startsWith('change#')) return; // configuration entries are checked by their content
    if (o.status === 'committed') this.checker.commit(o.index, h.key, `ack to ${h.key} on node ${n.id}`, n.term);
    else if (o.status === 'rejected') this.checker.rejected(h.key, o.reason);
  }

  #onRead(n: SimNode, r: Ready['readStates'][number]): void {
    const h = n.reads.get(r.ctx);
    if (!h) return;
    n.reads.delete(r.ctx);
    if (r.status === 'ready') {
      h.result = { status: 'ready', index: r.index, served: n.applied };
      this.#record('read', n.id, { ctx: r.ctx, index: r.index, served: n.applied, mustSee: h.mustSee, policy: h.policy });
      this.checker.readServed(n.id, r.ctx, r.index, n.applied, h.mustSee, h.policy);
    } else {
      h.result = { status: 'rejected', reason: r.reason };
    }
  }

  // ---------------------------------------------------------------- network

  #blocked(a: number, b: number): boolean {
    return this.#net.blocked(a, b);
  }

  #send(from: SimNode, m0: Outbound): void {
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
    this.#record('send', from.id, m);
    const target = this.nodes.get(m.to);
    if (!target || this.#blocked(m.from, m.to)) {
      this.#lost(m, 'partition');
      return;
    }
    const isStream = m.type === 'Append' || m.type === 'AppendResponse';
    const reliable = m.type === 'Snapshot' || m.type === 'SnapshotResponse';
    if (this.dropRate > 0 && this.rng.chance(this.dropRate)) {
      this.#lost(m, 'drop');
      return;
    }
    const [lo, hi] = this.opts.latencyMs ?? [1, 10];
    let t = this.now + this.rng.between(lo, hi) + (reliable ? this.rng.between(5, 40) : 0);
    if (isStream) {
      const key = `${m.from}>${m.to}`;
      if (!(this.reorderRate > 0 && this.rng.chance(this.reorderRate))) t = Math.max(t, this.#fifo.get(key) ?? 0);
      this.#fifo.set(key, t);
    }
    const fromEpoch = from.epoch;
    this.#push({ kind: 'deliver', t, seq: this.#seq++, msg: m, toEpoch, fromEpoch, appendSeq });
    if (!reliable && this.dupRate > 0 && this.rng.chance(this.dupRate) && m.type !== 'AppendResponse' && m.type !== 'Append') {
      this.#push({ kind: 'deliver', t: t + this.rng.between(0, hi), seq: this.#seq++, msg: m, toEpoch, fromEpoch, appendSeq });
    }
    if (isStream && this.dupStreamRate > 0 && this.rng.chance(this.dupStreamRate)) {
      // Right behind the original, so the stream stays FIFO; the copy is answered too.
      const t2 = t + this.rng.between(0, 2);
      this.#fifo.set(`${m.from}>${m.to}`, t2);
      this.#push({ kind: 'deliver', t: t2, seq: this.#seq++, msg: m, toEpoch, fromEpoch, appendSeq });
    }
  }

  /**
   * A message that will never arrive. Like a real transport, a failed Append stream or
   * snapshot transfer is reported to the sending runtime, which steps in Unreachable.
   */
  #lost(m: Inbound, why: string): void {
    this.#record('lost', m.from, m, why);
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
    this.#reportUnreachable(reportTo, peer, m.type === 'Snapshot' || m.type === 'SnapshotResponse');
  }

  /** The runtime of `reportTo` learns, a little later, that its stream or snapshot transfer to `peer` failed. */
  #reportUnreachable(reportTo: number, peer: number, snapshot: boolean): void {
    const n = this.nodes.get(reportTo);
    if (!n || !n.up) return;
    const msg: Inbound = { type: 'Unreachable', from: peer, to: reportTo, term: 0, ...(snapshot ? { snapshot } : {}) };
    this.#push({ kind: 'deliver', t: this.now + this.rng.between(5, 50), seq: this.#seq++, msg, toEpoch: n.epoch, fromEpoch: 0, appendSeq: 0 });
  }

  // ---------------------------------------------------------------- faults

  /** Splits the cluster: each listed group can only talk within itself; unlisted nodes form one more group. */
  partition(groups: readonly (readonly number[])[]): void {
    this.#net.partition(groups);
    this.#record('partition', 0, groups);
  }

  /** Cuts `id` off from everyone. */
  isolate(id: number): void {
    this.partition([[id]]);
  }

  /** Takes down the single link between `a` and `b` (both can still reach everyone else). */
  cut(a: number, b: number): void {
    this.#net.cut(a, b);
    this.#record('cut', 0, [a, b]);
  }

  heal(): void {
    this.#net.heal();
    this.#record('heal', 0);
  }

  /** Stops a node at once: everything not yet durable is lost, in-flight messages to and from it too. */
  crash(id: number): void {
    const n = this.node(id);
    if (!n.up) return;
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
    for (const sender of n.snapshotsUnanswered) this.#reportUnreachable(sender, id, true);
    n.snapshotsUnanswered = [];
    for (const e of backlog) if (e.kind === 'deliver') this.#lost(e.msg, 'crash');
    n.proposals.clear();
    n.reads.clear();
    n.role = 'follower';
    this.#record('crash', id);
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
    n.tickInterval = this.tickMs / n.clockRate;
    this.#record('restart', id);
    this.#scheduleTick(n);
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
    this.#record('pause', id, ms);
    this.at(ms, () => {
      if (n.epoch !== epoch || !n.paused) return;
      n.paused = false;
      this.#record('resume', id);
      // A frozen process's overdue timer fires once on resume, then its queued input is read.
      n.core!.tick(this.nowOf(n));
      this.#scheduleTick(n);
      onResume?.();
      const backlog = n.backlog;
      n.backlog = [];
      for (const e of backlog) this.#dispatch({ ...e, t: this.now });
      this.#drive(n);
    });
  }

  // ---------------------------------------------------------------- clients

  /** Proposes `key` (a unique string) at node `id`; returns a handle whose outcome fills in. */
  propose(id: number, key?: string): ProposalHandle | null {
    const n = this.nodes.get(id);
    if (!n || !n.up || n.paused) return null;
    const k = key ?? `p${++this.#proposalCounter}`;
    const pid = n.core!.propose(new TextEncoder().encode(k));
    const h: ProposalHandle = { key: k, node: id };
    n.proposals.set(pid, h);
    this.#record('propose', id, k);
    this.#drive(n);
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
    this.#record('readIndex', id, { ctx, policy, mustSee: h.mustSee });
    n.core!.readIndex(ctx, { policy, nowMs: this.nowOf(n) });
    this.#drive(n);
    return h;
  }

  /** Proposes a membership change at node `id`. */
  changeMembership(id: number, change: MembershipChange, expectedConfigIndex?: number): ProposalHandle | null {
    const n = this.nodes.get(id);
    if (!n || !n.up || n.paused) return null;
    const pid = n.core!.proposeConfChange(change, expectedConfigIndex);
    const h: ProposalHandle = { key: `change#${pid}@${id}:${JSON.stringify(change)}`, node: id };
    n.proposals.set(pid, h);
    this.#record('change', id, change);
    this.#drive(n);
    return h;
  }

  /** Asks node `id` to transfer leadership. */
  transfer(id: number, target = 0): boolean {
    const n = this.nodes.get(id);
    if (!n || !n.up || n.paused) return false;
    const r = n.core!.transferLeadership(target);
    this.#record('transfer', id, r);
    this.#drive(n);
    return r.ok;
  }

  // ---------------------------------------------------------------- observation

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

  // ---------------------------------------------------------------- event log

  /** Records a schedule decision in the event log. */
  note(what: string, detail?: unknown): void {
    this.#record(what, 0, detail);
  }

  #record(kind: string, node: number, a?: unknown, b?: unknown): void {
    this.#log.record(this.now, kind, node, a, b);
  }

  /** The last 200 events, oldest first, one line each. */
  recentEvents(): string[] {
    return this.#log.lines();
  }
}

export { SimViolation };
