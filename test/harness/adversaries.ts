/**
 * Directed adversaries for the random schedules: each aims faults at the moment a known class
 * of Raft bug would show, instead of waiting for a random fault to land there.
 *
 * - figure8: crash a new leader right after its first Append that repairs an earlier-term
 *   tail, before its own entries reach a quorum (Raft Figure 8, §5.4.2).
 * - lease: right after a leader's heartbeat round is acknowledged, isolate it (or cut one of
 *   its links) and issue lease reads on it every few ms while the rest elect and write
 *   (dissertation §6.4.1, §4.2.3).
 * - hardStateCrash: crash a node while a Ready carrying a new term or vote is outstanding, or
 *   right after it was made durable (vote durability, Raft §5.1).
 * - meddler: propose membership changes while another is in progress; each must be refused
 *   (CHANGE_IN_PROGRESS or NOT_LEADER), never accepted (dissertation §4.3: one at a time).
 * - transferAttack: leadership transfers where §3.10 meets §4.3 and §6.4: right after a leader
 *   appends a configuration entry and while its configuration is joint or uncommitted, to any
 *   member (either half, a learner, itself, or "most caught up"); reads on both ends and
 *   proposals on the transferring leader (which must refuse them) follow.
 * - jointLagger: cut a member off as a leader enters a joint configuration, so that it comes
 *   back behind a compacted log and installs a snapshot taken while joint (dissertation §5).
 * - staleLeader: proposals (commands, additions and removals of learners the schedule never
 *   uses) on a leader that a newer term has already replaced, so configuration entries of a
 *   dead term reach logs and are truncated, or survive when that leader wins again.
 */
import { isJoint, members, type MembershipChange } from '../../src/core/index.js';
import type { SeededRandom } from './random.js';
import type { ProposalHandle, SimCluster, SimNode } from './sim-cluster.js';

export interface AdversaryContext {
  readonly c: SimCluster;
  readonly r: SeededRandom;
  /** Nodes that must not be restarted (removed from the cluster). */
  readonly removed: ReadonlySet<number>;
  /** The fault phase ends here; adversaries stay quiet afterwards. */
  readonly faultEnd: number;
}

function restartLater(ctx: AdversaryContext, id: number, lo: number, hi: number): void {
  ctx.c.at(ctx.r.between(lo, hi), () => {
    if (!ctx.removed.has(id)) ctx.c.restart(id);
  });
}

/**
 * Raft Figure 8: a leader crashes right after it starts repairing an older-term tail, or
 * right after a quorum acknowledged an older-term entry it repaired (a leader that counts
 * that quorum as commitment has applied the entry by then; the next leader may not hold it).
 */
export function figure8(ctx: AdversaryContext, chance: number): void {
  const { c, r } = ctx;
  const armedTerm = new Map<number, number>();
  const quorumTerm = new Map<number, number>();
  /** Leader id -> [term, commit index when it took office]: entries above it are its repairs. */
  const inOffice = new Map<number, [number, number]>();
  const crashSoon = (n: SimNode, lo: number, hi: number, why: string) => {
    const epoch = n.epoch;
    c.at(r.between(lo, hi), () => {
      if (n.epoch !== epoch || !n.up) return;
      c.note(why, n.id);
      c.crash(n.id);
      restartLater(ctx, n.id, 5, 400);
    });
  };
  const prevDeliver = c.onDeliver;
  c.onDeliver = (n, m) => {
    prevDeliver?.(n, m);
    if (c.now >= ctx.faultEnd || n.role !== 'leader' || m.type !== 'AppendResponse' || m.result.kind !== 'success') return;
    const { index, term } = m.result.lastMatch;
    if (term >= n.term || quorumTerm.get(n.id) === n.term) return;
    const st = c.status(n.id);
    if (!st || st.role !== 'leader') return;
    const office = inOffice.get(n.id);
    if (!office || office[0] !== n.term || index <= office[1]) return;
    const holders = st.peers.filter((p) => p.matchIndex >= index && st.configuration.voters.includes(p.id)).length + 1;
    if (holders * 2 <= st.configuration.voters.length) return;
    quorumTerm.set(n.id, n.term);
    if (!r.chance(chance)) return;
    const [, lat] = c.opts.latencyMs ?? [1, 10];
    const [, per] = c.opts.persistMs ?? [0, 3];
    crashSoon(n, per + 1, per + 2 * lat + 2, 'figure8: crash the leader once a quorum holds an older-term entry');
  };
  const prev = c.onReady;
  c.onReady = (n, rd) => {
    prev?.(n, rd);
    if (rd.softState?.role === 'leader') inOffice.set(n.id, [rd.softState.term, c.status(n.id)!.commitIndex]);
    if (c.now >= ctx.faultEnd || n.role !== 'leader' || armedTerm.get(n.id) === n.term) return;
    const repairs = rd.messages.some((m) => m.type === 'Append' && m.entries.length > 0 && m.entries[0]!.term < m.term);
    if (!repairs) return;
    armedTerm.set(n.id, n.term);
    if (!r.chance(chance)) return;
    const [, lat] = c.opts.latencyMs ?? [1, 10];
    const [, per] = c.opts.persistMs ?? [0, 3];
    const epoch = n.epoch;
    // Soon enough that its own entries have not reached a quorum, late enough that some of
    // the repaired ones may have (and, if it wrongly counted them, that it applied them).
    c.at(r.between(0, 6 * lat + 2 * per + 5), () => {
      if (n.epoch !== epoch || !n.up) return;
      c.note('figure8: crash the repairing leader', n.id);
      c.crash(n.id);
      restartLater(ctx, n.id, 5, 400);
    });
  };
}

/** Leases: isolate a leader (or cut one link) just after a confirmed round; read on it while the rest write. */
export function leaseAttack(ctx: AdversaryContext, everyMs: number): void {
  const { c, r } = ctx;
  const et = c.electionTimeoutMs;
  let armed: number | undefined;
  /** A follower whose link to the leader was cut a while before the attack (or undefined). */
  let preCut: number | undefined;
  const arm = () => {
    preCut = undefined;
    if (c.now >= ctx.faultEnd - 4 * et) return;
    const l = c.leader();
    if (l === undefined) {
      c.at(everyMs, arm);
      return;
    }
    const others = [...c.nodes.values()].filter((x) => x.up && x.id !== l && !ctx.removed.has(x.id)).map((x) => x.id);
    if (others.length >= 2 && r.chance(0.3)) {
      // Cut one follower off first; attack once it has nearly timed out.
      const cut = r.pick(others);
      c.cut(l, cut);
      const ticks = c.opts.electionTimeoutMinTicks ?? 10;
      c.at(Math.round(c.tickMs * ticks * r.between(60, 95) / 100), () => {
        preCut = cut;
        armed = l;
      });
      return;
    }
    armed = l;
  };
  const prev = c.onDeliver;
  c.onDeliver = (n, m) => {
    prev?.(n, m);
    if (armed === undefined || n.id !== armed || m.type !== 'AppendResponse' || n.role !== 'leader') return;
    const l = armed;
    armed = undefined;
    const others = [...c.nodes.values()].filter((x) => x.up && x.id !== l && !ctx.removed.has(x.id)).map((x) => x.id);
    if (others.length === 0) {
      c.at(everyMs, arm);
      return;
    }
    const cutOne = preCut !== undefined || r.chance(0.3);
    c.note('lease attack', { leader: l, cutOne, preCut });
    // Settle the round being answered first, then take the leader away (within the same ms).
    c.at(0, () => {
      if (!cutOne) {
        c.isolate(l);
        return;
      }
      const acked = others.filter((id) => id !== preCut);
      if (preCut !== undefined && acked.length > 0) {
        // The follower cut off earlier is about to time out. Restart one that just
        // acknowledged the round: it must still honour the lease after restarting
        // (dissertation §4.2.3), or the cut-off one wins with its vote while the old leader
        // serves lease reads.
        const b = acked.includes(m.from) ? m.from : r.pick(acked);
        c.crash(b);
        c.at(r.between(1, 20), () => {
          if (!ctx.removed.has(b)) c.restart(b);
        });
        return;
      }
      c.cut(l, r.pick(others));
    });
    const step = r.between(2, 8);
    const until = c.now + r.between(Math.round(1.2 * et), Math.round(2.5 * et));
    const readOnOld = () => {
      if (c.now >= until) return;
      c.read(l, 'lease');
      c.at(step, readOnOld);
    };
    const writeOnNew = () => {
      if (c.now >= until) return;
      const nl = c.leader();
      if (nl !== undefined && nl !== l) {
        c.propose(nl);
        c.read(nl, r.chance(0.5) ? 'lease' : 'linearizable');
      }
      c.at(r.between(3, 10), writeOnNew);
    };
    c.at(step, readOnOld);
    c.at(r.between(3, 10), writeOnNew);
    c.at(until - c.now, () => {
      c.heal();
      c.at(r.between(et, 3 * et), arm);
    });
  };
  c.at(r.between(300, 2000), arm);
}

/** Crash nodes while a Ready with a new term or vote is outstanding, or right after it is durable. */
export function hardStateCrash(ctx: AdversaryContext, chance: number): void {
  const { c, r } = ctx;
  const prev = c.onReady;
  c.onReady = (n, rd) => {
    prev?.(n, rd);
    if (!rd.hardState || c.now >= ctx.faultEnd || ctx.removed.has(n.id) || !r.chance(chance)) return;
    const [, per] = c.opts.persistMs ?? [0, 3];
    const epoch = n.epoch;
    c.at(r.between(0, per + 3), () => {
      if (n.epoch !== epoch || !n.up) return;
      c.note('crash with hard state pending or just durable', n.id);
      c.crash(n.id);
      restartLater(ctx, n.id, 1, 150);
    });
  };
}

/**
 * Proposes a change at the leader whenever one is in progress (uncommitted configuration
 * entry, or joint); every such proposal must be refused. Returns the handles to check.
 */
export function meddler(ctx: AdversaryContext, everyMs: number, nextId: () => number): { readonly meddled: { h: ProposalHandle; term: number }[] } {
  const { c, r } = ctx;
  const meddled: { h: ProposalHandle; term: number }[] = [];
  const go = () => {
    if (c.now >= ctx.faultEnd) return;
    const l = c.leader();
    const st = l === undefined ? null : c.status(l);
    if (st && (st.configIndex > st.commitIndex || isJoint(st.configuration))) {
      const id = nextId();
      const change: MembershipChange = r.chance(0.5) ? { addLearners: [{ id, address: `10.0.0.${id}:9081` }] } : { remove: [r.pick(st.configuration.voters)] };
      const h = c.changeMembership(l!, change);
      if (h) meddled.push({ h, term: st.term });
    }
    c.at(r.between(1, everyMs), go);
  };
  c.at(r.between(0, everyMs), go);
  return { meddled };
}

/** Leader `n` just handed out a configuration entry of its own term in `rd`. */
function appendsConfig(n: SimNode, rd: { readonly entriesToAppend: readonly { readonly term: number; readonly payload: { readonly type: string } }[] }): boolean {
  return n.role === 'leader' && rd.entriesToAppend.some((e) => e.payload.type === 'configuration' && e.term === n.term);
}

/** Leadership transfers during membership changes, with reads and proposals around them (see module comment). */
export function transferAttack(ctx: AdversaryContext, chance: number, everyMs: number): void {
  const { c, r } = ctx;
  const et = c.electionTimeoutMs;
  const [, lat] = c.opts.latencyMs ?? [1, 10];
  const attack = (id: number, epoch: number, why: string) => {
    const n = c.nodes.get(id);
    if (!n || n.epoch !== epoch || !n.up || n.paused || c.now >= ctx.faultEnd) return;
    const st = c.status(id);
    if (!st || st.role !== 'leader') return;
    const target = r.pick([0, id, ...members(st.configuration)]);
    c.note(`transfer attack (${why})`, { leader: id, target });
    if (!c.transfer(id, target)) return;
    // The transferring leader must refuse writes and changes (the handles check it).
    if (r.chance(0.5)) c.propose(id);
    if (r.chance(0.3)) c.changeMembership(id, { remove: [r.pick(st.configuration.voters)] });
    // Reads on the old leader (its lease must be gone) and on the target, until after the handover.
    const until = c.now + r.between(Math.round(et / 2), 2 * et);
    const readBoth = () => {
      if (c.now >= until) return;
      c.read(id, r.chance(0.5) ? 'lease' : 'linearizable');
      if (target !== 0 && target !== id) c.read(target, r.chance(0.5) ? 'lease' : 'linearizable');
      c.at(r.between(2, 20), readBoth);
    };
    readBoth();
  };
  const prev = c.onReady;
  c.onReady = (n, rd) => {
    prev?.(n, rd);
    if (c.now >= ctx.faultEnd || !appendsConfig(n, rd) || !r.chance(chance)) return;
    const epoch = n.epoch;
    c.at(r.between(0, 3 * lat), () => attack(n.id, epoch, 'configuration appended'));
  };
  const go = () => {
    if (c.now >= ctx.faultEnd) return;
    const l = c.leader();
    const st = l === undefined ? null : c.status(l);
    if (st && (isJoint(st.configuration) || st.configIndex > st.commitIndex) && r.chance(0.3)) attack(l!, c.node(l!).epoch, 'change in flight');
    c.at(r.between(1, everyMs), go);
  };
  c.at(r.between(0, everyMs), go);
}

/** Cuts a member off as its leader enters a joint configuration; it returns behind a compacted log. */
export function jointLagger(ctx: AdversaryContext, chance: number): void {
  const { c, r } = ctx;
  const et = c.electionTimeoutMs;
  const prev = c.onReady;
  c.onReady = (n, rd) => {
    prev?.(n, rd);
    if (c.now >= ctx.faultEnd || !appendsConfig(n, rd) || !r.chance(chance)) return;
    const st = c.status(n.id);
    if (!st || !isJoint(st.configuration)) return;
    const others = members(st.configuration).filter((id) => id !== n.id && c.nodes.get(id)?.up && !ctx.removed.has(id));
    if (others.length === 0) return;
    const v = r.pick(others);
    c.note('joint lagger', v);
    c.at(r.between(0, 5), () => {
      c.isolate(v);
      c.at(r.between(et, 4 * et), () => c.heal());
    });
  };
}

/** Proposals on leaders a newer term already replaced (see module comment). */
export function staleLeader(ctx: AdversaryContext, everyMs: number, nextId: () => number): void {
  const { c, r } = ctx;
  const go = () => {
    if (c.now >= ctx.faultEnd) return;
    const newest = c.leader();
    const newestTerm = newest === undefined ? 0 : c.node(newest).term;
    for (const n of c.nodes.values()) {
      if (!n.up || n.paused || n.role !== 'leader' || n.term >= newestTerm) continue;
      const st = c.status(n.id);
      if (!st || st.role !== 'leader') continue;
      c.propose(n.id);
      if (r.chance(0.5)) {
        // A replaced leader's entries may still commit: it can win a later term with them if the
        // newer leader's own entries never spread (seed 803274 with an earlier version, which also
        // promoted and removed members here, derailed a planned operation that way). Only
        // learners the schedule never uses are added and removed, so whatever commits is harmless.
        const phantoms = st.configuration.learners.filter((l) => l.id >= 300).map((l) => l.id);
        const id = nextId();
        const change: MembershipChange =
          phantoms.length > 0 && r.chance(0.4) ? { remove: [r.pick(phantoms)] } : { addLearners: [{ id, address: `10.0.0.${id}:9081` }] };
        c.note('stale leader change', { leader: n.id, change });
        c.changeMembership(n.id, change);
      }
    }
    c.at(r.between(1, everyMs), go);
  };
  c.at(r.between(0, everyMs), go);
}
