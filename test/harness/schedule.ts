/**
 * One random seeded schedule: a cluster, a client workload (writes, linearizable and lease
 * reads), membership changes and faults (partitions, crashes, pauses, loss, duplication,
 * reordering, leadership transfers) during a fault phase; then everything heals and
 * liveness is required: a leader within 10 election timeouts, every pending proposal
 * committed or explicitly refused, every scheduled membership change completed, and at
 * least one command committed. The same seed replays the same run exactly.
 */
import { isJoint, isLearner, isVoter, type Configuration, type MembershipChange, type Status } from '../../src/core/index.js';
import { figure8, hardStateCrash, jointLagger, leaseAttack, meddler, staleLeader, transferAttack, type AdversaryContext } from './adversaries.js';
import { SimViolation } from './checker.js';
import { SeededRandom } from './random.js';
import { SimCluster } from './sim-cluster.js';

export interface SeedResult {
  readonly seed: number;
  readonly violation?: { readonly property: string; readonly message: string; readonly events: readonly string[] };
  /** Distinct log indexes known committed. */
  readonly committed: number;
  readonly configChanges: number;
  readonly steps: number;
}

/** One step of a membership operation: the change to propose and when it counts as done. */
interface ChangeStep {
  /** The change to propose now, or undefined to wait (checked again later). */
  readonly change: (c: Configuration, leader: Status) => MembershipChange | undefined;
  readonly done: (c: Configuration) => boolean;
  readonly onDone?: () => void;
}

/**
 * What a schedule concentrates on. `mixed` and `churn` are undirected (churn: frequent, brief
 * leader crashes and isolations); the others add a directed adversary (adversaries.ts).
 */
export type ScheduleMode = 'mixed' | 'churn' | 'figure8' | 'lease' | 'joint' | 'votes';

/** Knobs of `runSeed` that are not drawn from the seed. */
export interface SeedOptions {
  /**
   * Multiplies the fault phase (3-25 s of virtual time) and the number of membership
   * operations; faults scale with the phase. 1 (default) replays every seed exactly as before.
   */
  readonly faultScale?: number;
}

export function runSeed(seed: number, opts: SeedOptions = {}): SeedResult {
  const scale = opts.faultScale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError('faultScale must be a positive integer');
  // Faults of the storage and the network that a third of the seeds each get, decided by a
  // generator of their own (a seed without them replays as before they existed); the
  // environment forces them: RAFT_SIM_TORN=<rate> (0 = off) and RAFT_SIM_LATE=1|0.
  // - torn: that share of crashes tears the log write in progress, keeping a prefix of its
  //   records (sim-cluster.ts tearCrashes, from another generator of its own);
  // - late: during the fault phase 2 % of messages are held back by up to three election
  //   timeouts (a stalled stream holds everything behind it), half the requests in flight from
  //   a node that crashed are still delivered, and a snapshot transfer carries the sender's
  //   newest snapshot when it arrives.
  const env = globalThis.process?.env ?? {};
  const extra = new SeededRandom(seed * 69069 + 1013904223);
  const tornDrawn = extra.chance(1 / 3) ? 0.5 : 0;
  const lateDrawn = extra.chance(1 / 3);
  // A quarter of the seeds (RAFT_SIM_TIMING=runtime|sim forces it) run the node runtime's timing
  // (node-host.ts): an election timeout randomized from its minimum to twice that, with the
  // shortest minimums the runtime accepts (3, 4 ticks) or its default (10), and a lease drift
  // margin of min(100 ms, 2 ticks); the others keep a wider minimum and a one-tick margin.
  const runtimeTiming = env['RAFT_SIM_TIMING'] !== undefined ? env['RAFT_SIM_TIMING'] === 'runtime' : extra.chance(1 / 4);
  const runtimeEtMin = extra.pick([3, 4, 10]);
  const r = new SeededRandom(seed * 2654435761 + 1);
  const drawn = r.pick<ScheduleMode>(['mixed', 'mixed', 'churn', 'figure8', 'lease', 'joint', 'votes']);
  // RAFT_SIM_MODE=figure8 (etc.) runs every seed in one mode, for hunting a class of bug.
  const mode = (globalThis.process?.env?.['RAFT_SIM_MODE'] as ScheduleMode | undefined) ?? drawn;
  const nVoters = mode === 'figure8' || mode === 'joint' ? r.pick([3, 5, 5]) : r.pick([1, 3, 3, 3, 3, 5, 5, 7]);
  const voters = Array.from({ length: nVoters }, (_, i) => i + 1);
  // Timing: tick, election timeout and network latency vary together (latency stays well
  // under an election timeout). Leases need CheckQuorum; Pre-Vote and CheckQuorum are
  // sometimes off where that is a valid configuration.
  const tickMs = mode === 'lease' ? r.pick([10, 20, 50, 100]) : r.pick([20, 50, 100, 100, 100]);
  const etMinDrawn = r.pick([5, 10, 10, 10]);
  const etMin = runtimeTiming ? runtimeEtMin : etMinDrawn;
  // The randomized range must stay wide enough to break split votes (a range of one or two
  // ticks livelocks: found by 20,000 seeds); lease schedules keep it as narrow as that allows.
  const etMaxDrawn = mode === 'lease' ? etMin + Math.ceil(etMin / 2) + r.pick([0, 1]) : r.pick([etMin + Math.ceil(etMin / 2), 2 * etMin, 2 * etMin]);
  const etMax = runtimeTiming ? 2 * etMin : etMaxDrawn;
  const latMax = Math.max(2, Math.min(r.pick([3, 10, 30, 60]), Math.floor((etMin * tickMs) / 6)));
  const checkQuorum = mode === 'lease' || r.chance(0.85);
  const plannedOps = mode === 'joint' ? r.between(3, 6) : r.chance(0.7) ? r.between(1, 5) : 0;
  // Transfers during membership changes (adversaries.ts transferAttack, jointLagger,
  // staleLeader, leader-first removals) draw from their own generator, so a seed that does not
  // get them replays as before. RAFT_SIM_TRANSFER=1 turns them on wherever changes are planned,
  // RAFT_SIM_TRANSFER=0 off everywhere.
  const adv = new SeededRandom(seed * 40503 + 12345);
  const transferEnv = globalThis.process?.env?.['RAFT_SIM_TRANSFER'];
  const transfers = plannedOps > 0 && transferEnv !== '0' && (transferEnv === '1' || adv.chance(0.35));
  const compactOverride = transfers && adv.chance(0.6) ? adv.pick([2, 5, 10]) : undefined;
  /** A removal's victim: with transfers on, often the leader itself (dissertation §4.2.2). */
  const leaderFirst = (cfg: Configuration, st: Status): number | undefined => (transfers && adv.chance(0.5) && cfg.voters.includes(st.id) ? st.id : undefined);
  const c = SimCluster.create({
    seed,
    voters,
    tickMs,
    electionTimeoutMinTicks: etMin,
    electionTimeoutMaxTicks: etMax,
    checkQuorum,
    // Pre-Vote off only without membership changes: a voter left out of a newer configuration
    // (it lost the entry) then campaigns without Pre-Vote, never asks the new members, and
    // keeps taking each term first, so they rarely win (Raft §9.6 disruption; liveness only).
    preVote: plannedOps > 0 || r.chance(0.8),
    leaseDriftMs: runtimeTiming ? Math.min(100, 2 * tickMs) : tickMs,
    clockDrift: r.pick([0.002, 0.01, 0.02]),
    latencyMs: [1, latMax],
    persistMs: [0, Math.min(r.pick([1, 3, 10, 30, 100]), latMax * 2 + 1)],
    compactEvery: ((v: number) => compactOverride ?? v)(r.pick([0, 10, 30, 100])),
    compactKeep: ((v: number) => (compactOverride !== undefined ? 0 : v))(r.between(0, 5)),
    maxInflightAppends: r.pick([1, 4, 256]),
    maxEntriesPerAppend: mode === 'figure8' ? r.pick([1, 1, 2]) : r.pick([2, 8, 64, 1024]),
    maxAppendBytes: mode === 'figure8' ? r.pick([40, 100]) : r.pick([100, 1000, 1 << 20]),
  });
  const tornRate = env['RAFT_SIM_TORN'] !== undefined ? Number(env['RAFT_SIM_TORN']) : tornDrawn;
  if (tornRate > 0) c.tearCrashes(new SeededRandom(seed * 7919 + 31), tornRate);
  const et = c.electionTimeoutMs;
  if (env['RAFT_SIM_LATE'] !== undefined ? env['RAFT_SIM_LATE'] === '1' : lateDrawn) {
    c.spikeRate = 0.02;
    c.spikeMs = 3 * et;
    c.orphanRate = 0.5;
    c.newestSnapshot = true;
  }
  const faultEnd = r.between(3000, 25000) * scale;
  const proposalsEnd = faultEnd + 1500;
  // After healing, clients keep writing until proposalsEnd and until one write committed after the heal.
  let commandsAtHeal = Number.POSITIVE_INFINITY;
  let proposing = true;
  const stopProposing = () => c.now >= proposalsEnd && c.checker.commandsCommitted > commandsAtHeal;
  const removed = new Set<number>();
  let nextId = nVoters + 1;
  let configChanges = 0;
  let opsPending = 0;

  const upIds = () => [...c.nodes.values()].filter((n) => n.up && !removed.has(n.id)).map((n) => n.id);

  // Client writes: mostly to the leader, sometimes to a random node (refused or forwarded by the client).
  const proposer = () => {
    if (stopProposing()) {
      proposing = false;
      return;
    }
    const ids = upIds();
    const l = c.leader();
    // Clients back off while the leader holds a long uncommitted tail (as a real client
    // waits on its outstanding writes); otherwise a slow configuration never catches up.
    const st = l === undefined ? null : c.status(l);
    if (ids.length > 0 && !(st && st.lastLogIndex - st.commitIndex > 100)) {
      const burst = r.chance(0.2) ? r.between(2, 8) : 1;
      const target = l !== undefined && !removed.has(l) && r.chance(0.8) ? l : r.pick(ids);
      for (let i = 0; i < burst; i++) c.propose(target);
    }
    c.at(r.between(10, 150), proposer);
  };
  c.at(r.between(0, 100), proposer);

  // Client reads on random nodes with either policy.
  const reader = () => {
    if (!proposing) return;
    const ids = upIds();
    if (ids.length > 0) c.read(r.pick(ids), r.chance(0.5) ? 'lease' : 'linearizable');
    c.at(r.between(30, 300), reader);
  };
  c.at(r.between(0, 300), reader);

  // Membership operations, one after another, each retried on the current leader until done.
  const ops: ChangeStep[][] = [];
  const nOps = plannedOps * scale;
  for (let i = 0; i < nOps; i++) ops.push(planOp(r.pick(['add', 'promote', 'remove', 'replace', 'removeLearner'] as const)));
  opsPending = ops.length;

  function planOp(kind: 'add' | 'promote' | 'remove' | 'replace' | 'removeLearner'): ChangeStep[] {
    if (kind === 'remove') {
      let victim = 0;
      return [
        {
          change: (cfg, st) => {
            if (victim === 0 || !isVoter(cfg, victim)) {
              if (cfg.voters.length <= 1) return undefined;
              victim = leaderFirst(cfg, st) ?? r.pick(cfg.voters);
            }
            return { remove: [victim] };
          },
          done: (cfg) => cfg.voters.length <= 1 || (victim !== 0 && !isVoter(cfg, victim) && !isLearner(cfg, victim)),
          onDone: () => retire(victim),
        },
      ];
    }
    const id = nextId++;
    const add: ChangeStep = {
      change: () => {
        if (!c.nodes.has(id)) c.addNode(id);
        return { addLearners: [{ id, address: `10.0.0.${id}:9081` }] };
      },
      done: (cfg) => isLearner(cfg, id) || isVoter(cfg, id),
    };
    if (kind === 'add') return [add];
    // As an operator would (ARCHITECTURE.md: promoted only when caught up), promote a learner
    // only once the leader sees it within a few entries of the commit index.
    const caughtUp = (st: Status) => (st.peers.find((p) => p.id === id)?.matchIndex ?? -1) >= st.commitIndex - 5;
    if (kind === 'promote') return [add, { change: (_cfg, st) => (caughtUp(st) ? { promote: [id] } : undefined), done: (cfg) => isVoter(cfg, id) }];
    if (kind === 'removeLearner') {
      return [add, { change: () => ({ remove: [id] }), done: (cfg) => !isLearner(cfg, id), onDone: () => retire(id) }];
    }
    let victim = 0;
    return [
      add,
      {
        change: (cfg, st) => {
          if (!caughtUp(st)) return undefined;
          if (victim === 0 || !isVoter(cfg, victim)) victim = leaderFirst(cfg, st) ?? r.pick(cfg.voters);
          return { promote: [id], remove: [victim] };
        },
        done: (cfg) => isVoter(cfg, id) && victim !== 0 && !isVoter(cfg, victim),
        onDone: () => retire(victim),
      },
    ];
  }

  // A removed node stays up a while (a removed leader must step down by itself, and the
  // others must not need it), then its operator shuts it down.
  function retire(id: number): void {
    if (id === 0) return;
    removed.add(id);
    c.at(r.between(2 * et, 8 * et), () => c.crash(id));
  }

  const runOps = (opIndex: number, stepIndex: number) => {
    const op = ops[opIndex];
    if (!op) return;
    const step = op[stepIndex];
    if (!step) {
      configChanges++;
      opsPending--;
      c.at(r.between(0, 1500), () => runOps(opIndex + 1, 0));
      return;
    }
    const l = c.leader();
    const st = l === undefined ? null : c.status(l);
    if (st && !isJoint(st.configuration) && st.configIndex <= st.commitIndex) {
      if (step.done(st.configuration)) {
        c.note('op step done', { op: opIndex, step: stepIndex });
        step.onDone?.();
        runOps(opIndex, stepIndex + 1);
        return;
      }
      const change = step.change(st.configuration, st);
      if (change) {
        c.changeMembership(l!, change, st.configIndex);
        // The leader fails right after proposing C(old,new): the joint entry may be on a
        // minority, and the next election must need both halves (dissertation §4.3).
        if (mode === 'joint' && c.now < faultEnd && r.chance(0.4)) {
          const victim = l!;
          c.at(r.between(0, 30), () => {
            if (r.chance(0.5)) {
              c.crash(victim);
              c.at(r.between(20, 1500), () => {
                if (!removed.has(victim)) c.restart(victim);
              });
            } else {
              c.isolate(victim);
              c.at(r.between(100, 2000), () => c.heal());
            }
          });
        }
      } else c.note('op step waits', { op: opIndex, step: stepIndex });
    }
    c.at(150, () => runOps(opIndex, stepIndex));
  };
  if (ops.length > 0) c.at(r.between(200, faultEnd), () => runOps(0, 0));

  // Faults during [300, faultEnd).
  // Most schedules mix every fault kind; a "churn" third crashes and isolates leaders often
  // and briefly, which is what exposes commit-rule bugs (Raft Figure 8).
  const churn = mode === 'churn' || mode === 'figure8';
  const nFaults = Math.round(((churn ? r.between(10, 40) : r.between(1, 10)) * faultEnd) / 10000);
  const kinds = churn
    ? (['crashLeader', 'crashLeader', 'crash', 'crashMany', 'isolateLeader', 'partition', 'cutLeaderLink', 'transfer'] as const)
    : (['partition', 'isolateLeader', 'cutLeaderLink', 'crash', 'crashLeader', 'crashMany', 'pause', 'pauseLeader', 'drop', 'dupReorder', 'transfer'] as const);
  const actx: AdversaryContext = { c, r, removed, faultEnd };
  let meddled: { h: { outcome?: { status: string } }; term: number }[] = [];
  if (mode === 'figure8') figure8(actx, 0.7);
  if (mode === 'lease') leaseAttack(actx, r.between(20, 200));
  if (mode === 'votes') {
    hardStateCrash(actx, 0.15);
    c.lateUnaryRate = 0.5;
    c.dupRate = 0.05;
  }
  if (mode === 'joint' || (nOps > 0 && r.chance(0.3))) {
    let meddleId = 100;
    meddled = meddler(actx, r.between(20, 300), () => meddleId++).meddled;
  }
  if (transfers) {
    const tctx: AdversaryContext = { c, r: adv, removed, faultEnd };
    transferAttack(tctx, adv.pick([0.3, 0.7]), adv.between(20, 300));
    if (adv.chance(0.5)) jointLagger(tctx, adv.pick([0.3, 0.7]));
    let staleId = 300;
    if (adv.chance(0.5)) staleLeader(tctx, adv.between(5, 100), () => staleId++);
  }
  for (let i = 0; i < nFaults; i++) {
    const t = r.between(300, faultEnd - 1);
    const kind = r.pick<(typeof kinds)[number]>(kinds);
    c.at(t, () => {
      const ids = upIds();
      const l = c.leader();
      switch (kind) {
        case 'partition': {
          const a = ids.filter(() => r.chance(0.5));
          c.partition([a]);
          c.at(r.between(100, 4000), () => c.heal());
          return;
        }
        case 'isolateLeader':
          if (l === undefined) return;
          c.isolate(l);
          c.at(churn ? r.between(20, 800) : r.between(100, 4000), () => c.heal());
          return;
        case 'crash':
        case 'crashLeader': {
          const v = kind === 'crashLeader' && l !== undefined ? l : ids.length > 0 ? r.pick(ids) : undefined;
          if (v === undefined) return;
          c.crash(v);
          c.at(churn ? r.between(10, 600) : r.between(20, 3000), () => {
            if (!removed.has(v)) c.restart(v);
          });
          return;
        }
        case 'crashMany': {
          // Correlated failure (a rack loses power): several nodes at once lose what was not durable.
          const victims = ids.filter(() => r.chance(0.6));
          for (const v of victims) {
            c.crash(v);
            c.at(churn ? r.between(10, 600) : r.between(20, 2000), () => {
              if (!removed.has(v)) c.restart(v);
            });
          }
          return;
        }
        case 'cutLeaderLink': {
          // One link down: the leader and one follower cannot talk, both still reach the rest.
          const others = ids.filter((id) => id !== l);
          if (l === undefined || others.length === 0) return;
          c.cut(l, r.pick(others));
          c.at(churn ? r.between(20, 800) : r.between(100, 4000), () => c.heal());
          return;
        }
        case 'pause':
        case 'pauseLeader': {
          const v = kind === 'pauseLeader' && l !== undefined ? l : ids.length > 0 ? r.pick(ids) : undefined;
          if (v === undefined) return;
          const ms = Math.min(r.between(50, Math.round(2.5 * et)), Math.max(0, faultEnd - c.now));
          // Half the stops are host suspensions (the monotonic clock stops too), decided by the
          // seed's extra generator so the schedule's own draws stay as they were.
          if (extra.chance(0.5)) c.suspend(v, ms);
          else c.pause(v, ms);
          return;
        }
        case 'drop':
          c.dropRate = r.pick([0.02, 0.1, 0.3]);
          c.at(r.between(100, 3000), () => (c.dropRate = 0));
          return;
        case 'dupReorder':
          c.dupRate = r.pick([0.05, 0.2]);
          c.dupStreamRate = r.pick([0, 0.02, 0.1]);
          c.reorderRate = r.pick([0, 0.05, 0.2]);
          c.at(r.between(100, 3000), () => {
            c.dupRate = 0;
            c.dupStreamRate = 0;
            c.reorderRate = 0;
          });
          return;
        case 'transfer':
          if (l !== undefined) c.transfer(l, r.chance(0.5) ? 0 : r.pick(ids));
          return;
      }
    });
  }

  const result = (violation?: SeedResult['violation']): SeedResult => ({
    seed,
    ...(violation ? { violation } : {}),
    committed: c.checker.committedCount,
    configChanges,
    steps: c.stepsRun,
  });

  try {
    c.runFor(faultEnd);
    // Heal everything: network, loss, crashed nodes. Pauses end by themselves before faultEnd.
    c.heal();
    c.dropRate = c.dupRate = c.dupStreamRate = c.reorderRate = c.lateUnaryRate = c.spikeRate = c.orphanRate = 0;
    for (const n of c.nodes.values()) if (!n.up && !removed.has(n.id)) c.restart(n.id);
    const healedAt = c.now;
    commandsAtHeal = c.checker.commandsCommitted;
    if (!c.runUntil(() => c.leader() !== undefined, 10 * et)) {
      const states = [...c.nodes.values()].filter((n) => n.up).map((n) => {
        const st = c.status(n.id)!;
        return `${n.id}: ${st.role} t${st.term} last ${st.lastLogIndex}/${st.lastLogTerm} commit ${st.commitIndex} voters [${st.configuration.voters.join(',')}] outgoing [${st.configuration.votersOutgoing.join(',')}] @${st.configIndex}`;
      });
      return fail('liveness', `no leader within 10 election timeouts after healing at ${healedAt}ms (removed: ${[...removed].join(',') || 'none'}; ${states.join('; ')})`);
    }
    /** What still keeps the cluster from having settled ('' once settled). */
    const unsettled = (): string => {
      if (proposing) return 'writes still running';
      const l = c.leader();
      if (l === undefined) return 'no leader';
      if (opsPending > 0) return `membership ops left ${opsPending}`;
      const pending = [...c.nodes.values()].filter((n) => n.up && !removed.has(n.id) && n.proposals.size > 0).map((n) => `${n.id}:${n.proposals.size}`);
      if (pending.length > 0) return `pending proposals ${pending.join(',')}`;
      if (c.node(l).applied < c.checker.maxCommitted) return `leader ${l} applied ${c.node(l).applied} < committed ${c.checker.maxCommitted}`;
      const st = c.status(l)!;
      if (!isVoter(st.configuration, l)) return `leader ${l} is not a voter of its configuration`;
      const behind = c.liveMembers().filter((id) => !removed.has(id) && c.node(id).applied < st.commitIndex);
      if (behind.length > 0) return `members ${behind.join(',')} below the leader's commit index ${st.commitIndex}`;
      const unanswered = c.issuedReads.filter((h) => h.result === undefined && !removed.has(h.node) && c.node(h.node).epoch === h.epoch);
      if (unanswered.length > 0) return `${unanswered.length} reads neither served nor refused (first: ctx ${unanswered[0]!.ctx} on node ${unanswered[0]!.node})`;
      return '';
    };
    const settled = () => unsettled() === '';
    // Each membership operation still to run gets its own budget (learners may have a long log to catch up on).
    const budget = 10 * et * (1 + opsPending);
    let done = c.runUntil(settled, Math.max(proposalsEnd - c.now, 0) + budget);
    // A member far behind on a slow configuration (one small Append in flight, slow disks)
    // gets more time as long as the cluster keeps making progress (entries applied or
    // replicated somewhere: a new leader with a long tail of an older term commits nothing until
    // its followers reach its own first entry, seed lease 600359), and so does a membership
    // operation still waiting for its turn (up to 1.5 s between two, longer than 10 election
    // timeouts with short timings, while nothing need be applied).
    // (High-water marks per node: a restart resets a node's applied index to its snapshot.)
    // At most 60 such extensions per unit of `faultScale`: a longer schedule plans that many
    // more membership operations, each of which may wait for a new learner to replay the whole
    // log (seed 60010 at scale 4, joint, runtime timing: 2 entries per Append, one in flight).
    const highWater = new Map<string, number>();
    const mark = (key: string, v: number) => {
      if (v > (highWater.get(key) ?? -1)) highWater.set(key, v);
    };
    const progress = () => {
      for (const x of c.nodes.values()) {
        if (!x.up) continue;
        mark(`applied ${x.id}`, x.applied);
        mark(`log ${x.id}`, c.status(x.id)?.lastLogIndex ?? 0);
      }
      return [...highWater.values()].reduce((a, b) => a + b, 0);
    };
    progress();
    for (let extra = 0; !done && extra < 60 * scale; extra++) {
      const before = progress();
      done = c.runUntil(settled, 10 * et);
      if (!done && progress() <= before && opsPending === 0) break;
    }
    if (!done) {
      return fail('liveness', `not settled ${budget}ms after proposals were due to stop (${proposing ? 'no write committed since healing' : 'writes stopped'}): ${unsettled()}`);
    }
    for (const { h, term } of meddled) {
      if (h.outcome && h.outcome.status !== 'rejected') {
        return fail('one change at a time', `a membership change proposed in term ${term} while another was in progress was not refused: ${JSON.stringify(h.outcome)}`);
      }
    }
    return result();
  } catch (err) {
    if (err instanceof SimViolation) return result({ property: err.property, message: err.message, events: c.recentEvents() });
    const e = err as Error;
    return result({ property: 'exception', message: e.stack ?? String(e), events: c.recentEvents() });
  }

  function fail(property: string, message: string): SeedResult {
    return result({ property, message, events: c.recentEvents() });
  }
}
