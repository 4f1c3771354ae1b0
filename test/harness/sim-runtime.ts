/**
 * The runtime each simulated node gets: it drains the core's Ready per the Ready contract
 * (persist with a delay, send acknowledgements only after persistence, apply, advance),
 * correlates Append answers by the per-stream FIFO order, ticks each node on its own clock,
 * and feeds every fact to the checkers. See sim-cluster.ts for the whole.
 */
import { isRequest, type Configuration, type Inbound, type ProposalOutcome, type Ready } from '../../src/core/index.js';
import { entryId } from './checker.js';
import { SimNetwork } from './sim-network.js';
import type { Durable, Event, SimNode } from './sim-node.js';

/** Requests that may still be read after their sender crashed (SimNetwork.orphanRate). */
const ORPHAN_TYPES: ReadonlySet<string> = new Set(['Append', 'Vote', 'PreVote', 'TimeoutNow', 'ReadIndex', 'ReadIndexResponse']);

/**
 * A runtime streams its newest snapshot file, which may be newer than the one the core named
 * when the transfer starts late (PROTOCOL.md; the answer then names the file's index): a
 * Snapshot from a node still leading its term carries that node's newest durable snapshot.
 */
function withNewestSnapshot(m: Inbound, sender: SimNode | undefined): Inbound {
  if (m.type !== 'Snapshot' || !sender?.up || sender.role !== 'leader' || sender.term !== m.term) return m;
  const newest = sender.durable.snapshot;
  return newest.index > m.snapshot.index ? { ...m, snapshot: newest } : m;
}

export class SimRuntime extends SimNetwork {
  /** Processes events until virtual time `this.now + ms`. */
  runFor(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      if (this.queue.peekTime() > end) break;
      this.dispatch(this.queue.pop()!);
    }
    this.now = end;
  }

  /** Runs until `pred()` holds (checked after every event) or `maxMs` elapse; returns whether it held. */
  runUntil(pred: () => boolean, maxMs: number): boolean {
    const end = this.now + maxMs;
    if (pred()) return true;
    for (;;) {
      if (this.queue.peekTime() > end) break;
      this.dispatch(this.queue.pop()!);
      if (pred()) return true;
    }
    this.now = end;
    return pred();
  }

  protected dispatch(e: Event): void {
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
        this.record('tick', n.id);
        n.core!.tick(this.nowOf(n));
        this.drive(n);
        this.scheduleTick(n);
        return;
      }
      case 'persist': {
        const n = this.nodes.get(e.node)!;
        if (!n.up || n.epoch !== e.epoch) return;
        if (n.paused) {
          n.backlog.push(e);
          return;
        }
        this.completePersist(n);
        return;
      }
      case 'deliver': {
        const m = e.msg;
        const n = this.nodes.get(m.to);
        const sender = this.nodes.get(m.from);
        const senderGone = sender !== undefined && sender.epoch !== e.fromEpoch && m.type !== 'Unreachable';
        const retried = n !== undefined && n.up && !senderGone && (m.type === 'Vote' || m.type === 'PreVote') && this.lateUnaryRate > 0 && this.rng.chance(this.lateUnaryRate);
        // A request already on its way when its sender crashed may still be read by the
        // receiver (a unary RPC, or stream bytes in the receiver's buffer); its answer goes to
        // the dead incarnation and is lost.
        const orphan = senderGone && n !== undefined && n.up && n.epoch === e.toEpoch && this.orphanRate > 0 && ORPHAN_TYPES.has(m.type) && this.rng.chance(this.orphanRate);
        if (orphan) this.record('orphan', m.to, m.type, e.fromEpoch);
        if (!n || !n.up || (n.epoch !== e.toEpoch && !retried) || (senderGone && !orphan)) {
          this.lost(m, 'crash');
          return;
        }
        if (n.paused) {
          n.backlog.push(e);
          return;
        }
        if (m.type !== 'Unreachable' && this.blocked(m.from, m.to)) {
          this.lost(m, 'partition');
          return;
        }
        this.stepInto(n, this.newestSnapshot && !senderGone ? withNewestSnapshot(m, sender) : m, e.appendSeq, e.fromEpoch);
        return;
      }
    }
  }

  protected stepInto(n: SimNode, m: Inbound, appendSeq: number, fromEpoch: number): void {
    this.record('recv', n.id, m);
    if (isRequest(m)) n.requestsStepped++;
    if (m.type === 'Snapshot') n.snapshotsUnanswered.push(m.from);
    if (m.type === 'Append') {
      let q = n.deliveredSeqs.get(m.from);
      if (!q) n.deliveredSeqs.set(m.from, (q = []));
      q.push({ seq: appendSeq, epoch: fromEpoch });
    }
    if (m.type === 'VoteResponse' && m.voteGranted) this.checker.voteGranted(m.term, m.to, m.from);
    n.core!.step(m);
    this.onDeliver?.(n, m);
    this.drive(n);
  }

  protected scheduleTick(n: SimNode): void {
    const jitter = this.rng.chance(0.1) ? this.rng.between(0, 5) : 0;
    this.push({ kind: 'tick', t: this.now + n.tickInterval + jitter, seq: this.eventSeq++, node: n.id, epoch: n.epoch });
  }

  protected drive(n: SimNode): void {
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
    // Leader Append-Only (Raft Figure 3): a node that led this term at its previous Ready and
    // still does never deletes entries from its log.
    if (n.role === 'leader' && !rd.softState && (rd.truncateFrom !== undefined || rd.snapshotToInstall)) {
      this.checker.fail('leader append-only', `leader ${n.id} of term ${n.term} truncates its log (from ${rd.truncateFrom ?? rd.snapshotToInstall?.index})`);
    }
    // Within an incarnation the commit index never moves back, and a received snapshot is
    // installed only past what this node had already committed and applied (Raft §7).
    if (rd.snapshotToInstall && (rd.snapshotToInstall.index <= n.commitSeen || rd.snapshotToInstall.index <= n.applied)) {
      this.checker.fail('snapshot behind commit installed', `node ${n.id} installs snapshot ${rd.snapshotToInstall.index} with commit index ${n.commitSeen}, applied ${n.applied}`);
    }
    if (rd.commitIndex < n.commitSeen) this.checker.fail('commit index regressed', `node ${n.id}: commit index ${rd.commitIndex} after ${n.commitSeen}`);
    if (rd.softState) {
      this.record('role', n.id, rd.softState);
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
      if (st.role === 'leader') this.#checkConfigAppends(n, rd);
    }
    if (rd.commitIndex > n.commitSeen) n.commitSeen = rd.commitIndex;
    for (const m of rd.messages) this.send(n, m);
    const [lo, hi] = this.opts.persistMs ?? [0, 3];
    this.push({ kind: 'persist', t: this.now + this.rng.between(lo, hi), seq: this.eventSeq++, node: n.id, epoch: n.epoch });
  }

  protected completePersist(n: SimNode): void {
    const rd = n.outstanding!;
    const d = n.durable;
    this.persistLog(n, rd);
    d.commitIndex = rd.commitIndex;
    if (rd.softState?.role === 'leader') {
      const base = d.snapshot.index;
      this.checker.leaderComplete(n.id, rd.softState.term, base, base + d.entries.length, (i) => {
        const e = d.entries[i - base - 1];
        return e ? entryId(e) : undefined;
      });
    }
    for (const m of rd.messagesAfterPersist) this.send(n, m);
    for (const e of rd.committedEntries) {
      if (e.index !== n.applied + 1) this.checker.fail('state machine safety', `node ${n.id} applied ${e.index} after ${n.applied}`);
      n.applied = e.index;
      this.checker.applied(n.id, e, n.term);
    }
    for (const o of rd.proposals) this.onOutcome(n, o);
    for (const r of rd.readStates) this.onRead(n, r);
    n.outstanding = null;
    n.core!.advance(rd);
    this.maybeCompact(n);
    this.drive(n);
  }

  /**
   * Makes `rd`'s log write durable on `n`, record by record in the runtime's WAL order
   * (LogWrite: snapshot install, truncation, each entry, hard state), running the durable
   * checks. `records` < Infinity keeps only that many records: the torn tail of a crash in
   * the middle of the write (storage.md: a torn tail is cut at a record boundary).
   */
  protected persistLog(n: SimNode, rd: Ready, records = Number.POSITIVE_INFINITY): void {
    const d = n.durable;
    let left = records;
    const take = (): boolean => left-- > 0;
    const durableTermNow = rd.hardState?.term ?? d.hardState.term;
    if (rd.snapshotToInstall) {
      if (!take()) return;
      this.durableChecks.truncated(n, rd.snapshotToInstall.index + 1, durableTermNow, 'snapshot install');
      d.snapshot = rd.snapshotToInstall;
      d.entries = [];
      if (rd.snapshotToInstall.index > n.applied) n.applied = rd.snapshotToInstall.index;
      n.installs++;
      this.checker.snapshotConfig(n.id, rd.snapshotToInstall, 'installed');
      this.record('install', n.id, rd.snapshotToInstall.index);
    }
    if (rd.truncateFrom !== undefined) {
      if (!take()) return;
      this.durableChecks.truncated(n, rd.truncateFrom, durableTermNow, 'truncate');
      d.entries.length = Math.max(0, rd.truncateFrom - d.snapshot.index - 1);
    }
    for (const e of rd.entriesToAppend) {
      if (!take()) return;
      const k = e.index - d.snapshot.index - 1;
      if (k !== d.entries.length) this.checker.fail('ready contract', `node ${n.id}: entry ${e.index} appended at WAL position ${k}`);
      const prevTerm = k === 0 ? d.snapshot.term : d.entries[k - 1]!.term;
      this.checker.entryPersisted(n.id, e, prevTerm, this.configBefore(d, e.index));
      d.entries.push(e);
    }
    if (rd.hardState && take()) {
      // Raft Figure 2: the durable term never decreases, and a vote cast in a term is never replaced.
      const h = d.hardState;
      if (rd.hardState.term < h.term || (rd.hardState.term === h.term && h.votedFor !== 0 && rd.hardState.votedFor !== h.votedFor)) {
        this.checker.fail('hard state regressed', `node ${n.id}: durable (term ${h.term}, votedFor ${h.votedFor}) overwritten by (term ${rd.hardState.term}, votedFor ${rd.hardState.votedFor})`);
      }
      d.hardState = rd.hardState;
    }
  }

  /**
   * One configuration change at a time (dissertation §4.1, §4.3): a leader appends a
   * configuration entry of its term only once every configuration entry before it in its log
   * is committed, and only once an entry of its own term is committed (a new leader's log may
   * hold an uncommitted configuration of an earlier term; Ongaro's single-server change fix).
   * Checked against the commit index of the Ready that hands the entry out (at least the one
   * at append time).
   */
  #checkConfigAppends(n: SimNode, rd: Ready): void {
    const d = n.durable;
    const keep = Math.max(0, Math.min(d.entries.length, (rd.truncateFrom ?? Number.POSITIVE_INFINITY) - d.snapshot.index - 1));
    const termAt = (i: number): number | undefined => {
      const k = rd.entriesToAppend.findIndex((e) => e.index === i);
      if (k >= 0) return rd.entriesToAppend[k]!.term;
      if (i === d.snapshot.index) return d.snapshot.term;
      return i - d.snapshot.index - 1 < keep ? d.entries[i - d.snapshot.index - 1]?.term : undefined;
    };
    for (let k = 0; k < rd.entriesToAppend.length; k++) {
      const e = rd.entriesToAppend[k]!;
      if (e.payload.type !== 'configuration' || e.term !== n.term) continue;
      let prev = d.snapshot.configIndex;
      let found = false;
      for (let j = k - 1; j >= 0 && !found; j--) {
        if (rd.entriesToAppend[j]!.payload.type === 'configuration') {
          prev = rd.entriesToAppend[j]!.index;
          found = true;
        }
      }
      for (let j = Math.min(keep, e.index - d.snapshot.index - 1) - 1; j >= 0 && !found; j--) {
        if (d.entries[j]!.payload.type === 'configuration') {
          prev = d.entries[j]!.index;
          found = true;
        }
      }
      if (prev > rd.commitIndex) {
        this.checker.fail('one change at a time', `leader ${n.id} of term ${n.term} appended configuration entry ${e.index} while the one at ${prev} is uncommitted (commit ${rd.commitIndex})`);
      }
      if (termAt(rd.commitIndex) !== n.term) {
        this.checker.fail('one change at a time', `leader ${n.id} of term ${n.term} appended configuration entry ${e.index} before committing an entry of its term (commit ${rd.commitIndex}, term ${termAt(rd.commitIndex)})`);
      }
    }
  }

  protected configBefore(d: Durable, index: number): Configuration {
    for (let k = Math.min(index - d.snapshot.index - 2, d.entries.length - 1); k >= 0; k--) {
      const p = d.entries[k]!.payload;
      if (p.type === 'configuration') return p.configuration;
    }
    return d.snapshot.configuration;
  }

  protected maybeCompact(n: SimNode): void {
    const every = this.opts.compactEvery ?? 0;
    if (every <= 0) return;
    const d = n.durable;
    const target = n.applied - (this.opts.compactKeep ?? 0);
    if (target - d.snapshot.index < every) return;
    const meta = n.core!.compact(target);
    this.checker.snapshotConfig(n.id, meta, 'took');
    d.entries = d.entries.slice(meta.index - d.snapshot.index);
    d.snapshot = meta;
    this.record('compact', n.id, meta.index);
  }

  protected onOutcome(n: SimNode, o: ProposalOutcome): void {
    const h = n.proposals.get(o.id);
    if (!h) return;
    n.proposals.delete(o.id);
    h.outcome = o;
    this.record('outcome', n.id, { key: h.key, ...o });
    if (h.mustRefuse !== undefined && o.status !== 'rejected') {
      this.checker.fail('refused during transfer', `${h.key} on node ${n.id} was proposed ${h.mustRefuse}, yet its outcome is ${JSON.stringify(o)}`);
    }
    if (h.key.startsWith('change#')) return; // configuration entries are checked by their content
    if (o.status === 'committed') this.checker.commit(o.index, h.key, `ack to ${h.key} on node ${n.id}`, n.term);
    else if (o.status === 'rejected') this.checker.rejected(h.key, o.reason);
  }

  protected onRead(n: SimNode, r: Ready['readStates'][number]): void {
    const h = n.reads.get(r.ctx);
    if (!h) return;
    n.reads.delete(r.ctx);
    if (r.status === 'ready') {
      h.result = { status: 'ready', index: r.index, served: n.applied };
      this.record('read', n.id, { ctx: r.ctx, index: r.index, served: n.applied, mustSee: h.mustSee, policy: h.policy });
      this.checker.readServed(n.id, r.ctx, r.index, n.applied, h.mustSee, h.policy);
    } else {
      h.result = { status: 'rejected', reason: r.reason };
    }
  }
}
