/**
 * `raftctl wait leader|healthy|caught-up ID|member-count N`: polls a condition with backoff
 * (100 ms growing by half up to 1 s) until it holds (exit 0) or `--wait-timeout` passes (exit
 * 5). Either way the result says what was last seen, so a runbook can print why it gave up.
 * Failures of single polls (a node down, no answer) are part of waiting, not errors.
 */
import { EXIT } from '../errors.js';
import { clusterHealth, type ClusterHealth } from './cluster-health.js';
import { clusterStatus, type ClusterStatus } from './cluster-status.js';
import { discoverLeader, type LeaderDiscovery } from './discover-leader.js';
import type { KvContext } from './kv.js';
import { errorText, type Verdict } from './verdict.js';

/** What `wait` can wait for. */
export type WaitCondition =
  | { readonly kind: 'leader' }
  | { readonly kind: 'healthy'; readonly degradedOk?: boolean }
  /** Member `id` is at most `maxLag` entries behind the leader (and reachable). */
  | { readonly kind: 'caught-up'; readonly id: number; readonly maxLag: number }
  /** The configuration has exactly `count` members (voters and learners) and is not joint. */
  | { readonly kind: 'member-count'; readonly count: number };

/** `wait caught-up`'s view of the member. */
export interface CaughtUpDetail {
  readonly id: number;
  readonly leaderId: number | null;
  readonly member: boolean;
  readonly reachable: boolean;
  /** Entries behind the leader (from the leader's match index, or last log indexes on d-engine); null when unknown. */
  readonly lag: number | null;
  readonly maxLag: number;
}

/** `wait member-count`'s view of the configuration. */
export interface MemberCountDetail {
  readonly count: number | null;
  readonly expected: number;
  readonly voters: number[];
  readonly learners: number[];
  readonly joint: boolean | null;
}

/** The JSON shape of every `wait` command. */
export interface WaitResult {
  readonly condition: WaitCondition['kind'];
  /** The member id (caught-up) or member count (member-count) waited for; null otherwise. */
  readonly target: number | null;
  readonly met: boolean;
  readonly attempts: number;
  readonly elapsedMs: number;
  /** What the last poll saw: LeaderDiscovery, ClusterHealth, CaughtUpDetail or MemberCountDetail; null if no poll answered. */
  readonly detail: LeaderDiscovery | ClusterHealth | CaughtUpDetail | MemberCountDetail | null;
  /** The last poll's failure, if it failed. */
  readonly error: string | null;
}

/** Poll timing. */
export interface WaitOptions {
  readonly initialPollMs?: number;
  readonly maxPollMs?: number;
}

type Poll = { met: boolean; detail: WaitResult['detail'] };

function caughtUp(status: ClusterStatus, id: number, maxLag: number): Poll {
  const m = status.members.find((x) => x.id === id);
  const leader = status.members.find((x) => x.id === status.leaderId);
  let lag = m?.lag ?? null;
  if (m && lag === null && leader?.lastLogIndex != null && m.lastLogIndex != null) lag = Math.max(0, leader.lastLogIndex - m.lastLogIndex);
  const detail: CaughtUpDetail = { id, leaderId: status.leaderId, member: m !== undefined, reachable: m?.reachable ?? false, lag, maxLag };
  return { met: status.leaderId !== null && detail.reachable && lag !== null && lag <= maxLag, detail };
}

function memberCount(status: ClusterStatus, expected: number): Poll {
  const c = status.config;
  const count = c ? new Set([...c.voters, ...c.votersOutgoing, ...c.learners]).size : null;
  const detail: MemberCountDetail = { count, expected, voters: c?.voters ?? [], learners: c?.learners ?? [], joint: status.joint };
  return { met: count === expected && status.joint === false, detail };
}

async function poll(ctx: KvContext, condition: WaitCondition): Promise<Poll> {
  switch (condition.kind) {
    case 'leader': {
      const v = await discoverLeader(ctx);
      return { met: v.result.leaderId !== null, detail: v.result };
    }
    case 'healthy': {
      const v = await clusterHealth(ctx, { degradedOk: condition.degradedOk ?? false });
      return { met: v.exitCode === EXIT.OK, detail: v.result };
    }
    case 'caught-up':
      return caughtUp((await clusterStatus(ctx)).result, condition.id, condition.maxLag);
    case 'member-count':
      return memberCount((await clusterStatus(ctx)).result, condition.count);
  }
}


/**
 * Polls `condition` until it holds or the command's budget runs out. Exit 0 when met, 5
 * (TIMEOUT) when `--wait-timeout` passed first; never throws for a failed poll.
 */
export async function waitFor(ctx: KvContext, condition: WaitCondition, options: WaitOptions = {}): Promise<Verdict<WaitResult>> {
  const started = performance.now();
  const target = condition.kind === 'caught-up' ? condition.id : condition.kind === 'member-count' ? condition.count : null;
  let delay = options.initialPollMs ?? 100;
  const maxDelay = options.maxPollMs ?? 1000;
  let attempts = 0;
  let last: Poll = { met: false, detail: null };
  let error: string | null = null;
  while (ctx.budget.remainingMs() > 0) {
    attempts++;
    try {
      last = await poll(ctx, condition);
      error = null;
    } catch (e) {
      error = errorText(e);
    }
    const result = (): WaitResult => ({ condition: condition.kind, target, met: last.met && error === null, attempts, elapsedMs: Math.round(performance.now() - started), detail: last.detail, error });
    if (last.met && error === null) return { result: result(), exitCode: EXIT.OK, message: null, hint: null, code: null };
    if (ctx.budget.remainingMs() <= 0) break;
    await ctx.budget.pause(delay);
    delay = Math.min(maxDelay, Math.round(delay * 1.5));
  }
  const result: WaitResult = { condition: condition.kind, target, met: false, attempts, elapsedMs: Math.round(performance.now() - started), detail: last.detail, error };
  const what = condition.kind + (target === null ? '' : ` ${target}`);
  return {
    result,
    exitCode: EXIT.TIMEOUT,
    code: 'TIMEOUT',
    message: `wait ${what}: not met within --wait-timeout (${ctx.budget.waitTimeoutMs} ms, ${attempts} ${attempts === 1 ? 'poll' : 'polls'})${error ? `; last poll failed: ${error}` : ''}`,
    hint: 'raise --wait-timeout, or look at the detail of the last poll (--json)',
  };
}
