/**
 * `raftctl wait leader|healthy|caught-up ID|member-count N`: polls a condition with backoff
 * (100 ms growing by half up to 1 s) until it holds (exit 0) or `--wait-timeout` passes (exit
 * 5). Either way the result says what was last seen, so a runbook can print why it gave up.
 * Failures of single polls (a node down, no answer) are part of waiting, not errors.
 *
 * A poll still running when `--wait-timeout` passes ends with what its calls answered by then
 * (calls in flight are cancelled). If that meets the condition (one endpoint named the leader
 * while another hung), the wait succeeds: met, not cut off. Otherwise the poll is cut off: its
 * partial answer (values unknown) is dropped and the result says `cutOff: true`, so `detail`
 * and `error` always describe the same poll, the last one that finished.
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
  /** Whether the member could be read; null when `id` is not a member (nothing was asked). */
  readonly reachable: boolean | null;
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
  /** Polls started, a cut-off one included. */
  readonly attempts: number;
  readonly elapsedMs: number;
  /**
   * What the last poll that finished saw: LeaderDiscovery, ClusterHealth, CaughtUpDetail or
   * MemberCountDetail; null if no poll finished, or the last one failed (see `error`).
   */
  readonly detail: LeaderDiscovery | ClusterHealth | CaughtUpDetail | MemberCountDetail | null;
  /** The failure of the last poll that finished, if it failed (the same poll as `detail`). */
  readonly error: string | null;
  /** `--wait-timeout` cut off a poll still in flight; its partial answer is not in `detail`. */
  readonly cutOff: boolean;
}

/** Poll timing. */
export interface WaitOptions {
  readonly initialPollMs?: number;
  readonly maxPollMs?: number;
}

/**
 * One poll's answer. `fatal`: a verdict no later poll can change (the endpoints answer for
 * different clusters equally, exit 2): the wait ends with it at once.
 */
type Poll = { met: boolean; detail: WaitResult['detail']; fatal?: Verdict<unknown>; error?: string };

/** Whether a poll's verdict ends the wait: a usage error (AMBIGUOUS_CLUSTER) that waiting cannot fix. */
const isFatal = (v: Verdict<unknown>): boolean => v.exitCode === EXIT.USAGE;

/**
 * Verdicts of polls that learned nothing about the cluster: no endpoint could be connected (4),
 * none answered in time (5), only malformed answers (7). Such a poll failed: its result (every
 * field unknown) is not a `detail`; its message is the `error`, so a wait that gives up says why
 * (`wait member-count 3 -e <wrong port>` said only "not met", with `count: null`).
 */
const LEARNED_NOTHING: ReadonlySet<number> = new Set([EXIT.UNREACHABLE, EXIT.TIMEOUT, EXIT.INTEGRITY]);

/** A poll whose verdict learned nothing ({@link LEARNED_NOTHING}): failed, with the verdict's message. */
function failedPoll(v: Verdict<unknown>): Poll | null {
  return LEARNED_NOTHING.has(v.exitCode) ? { met: false, detail: null, error: v.message ?? 'failed' } : null;
}

function caughtUp(status: ClusterStatus, id: number, maxLag: number): Poll {
  const m = status.members.find((x) => x.id === id);
  const leader = status.members.find((x) => x.id === status.leaderId);
  let lag = m?.lag ?? null;
  // d-engine nodes report no match index: compare last log indexes there, in the leader's term
  // only. A raftctl leader without a match index for the member is not replicating to it
  // (unknown, never "caught up": a foreign node on its address may hold a longer log).
  if (status.source === 'd-engine' && m && lag === null && leader?.lastLogIndex != null && m.lastLogIndex != null && m.term !== null && m.term === status.term) {
    lag = Math.max(0, leader.lastLogIndex - m.lastLogIndex);
  }
  const detail: CaughtUpDetail = { id, leaderId: status.leaderId, member: m !== undefined, reachable: m ? m.reachable : null, lag, maxLag };
  return { met: status.leaderId !== null && detail.reachable === true && lag !== null && lag <= maxLag, detail };
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
      return failedPoll(v) ?? { met: v.result.leaderId !== null, detail: v.result };
    }
    case 'healthy': {
      // A health result always says why in its checks (the leader check names an unreachable cluster).
      const v = await clusterHealth(ctx, { degradedOk: condition.degradedOk ?? false });
      return isFatal(v) ? { met: false, detail: null, fatal: v } : { met: v.exitCode === EXIT.OK, detail: v.result };
    }
    case 'caught-up': {
      const v = await clusterStatus(ctx);
      return isFatal(v) ? { met: false, detail: null, fatal: v } : (failedPoll(v) ?? caughtUp(v.result, condition.id, condition.maxLag));
    }
    case 'member-count': {
      const v = await clusterStatus(ctx);
      return isFatal(v) ? { met: false, detail: null, fatal: v } : (failedPoll(v) ?? memberCount(v.result, condition.count));
    }
  }
}

/** The last poll that finished: what it saw, or its failure (never both). */
type Finished = { readonly met: boolean; readonly detail: WaitResult['detail']; readonly error: string | null };

/**
 * Polls `condition` until it holds or the command's budget runs out. Exit 0 when met, 5
 * (TIMEOUT) when `--wait-timeout` passed first, 2 at once when a poll finds that the endpoints
 * answer for different clusters equally (AMBIGUOUS_CLUSTER); never throws for a failed poll (one
 * that threw, or whose verdict learned nothing: {@link LEARNED_NOTHING}). A poll that
 * ends after the deadline without meeting the condition counts as cut off (see the module
 * comment): the result keeps the poll before it.
 */
export async function waitFor(ctx: KvContext, condition: WaitCondition, options: WaitOptions = {}): Promise<Verdict<WaitResult>> {
  const started = performance.now();
  const target = condition.kind === 'caught-up' ? condition.id : condition.kind === 'member-count' ? condition.count : null;
  let delay = options.initialPollMs ?? 100;
  const maxDelay = options.maxPollMs ?? 1000;
  let attempts = 0;
  let last: Finished = { met: false, detail: null, error: null };
  let cutOff = false;
  const describe = (): string => condition.kind + (target === null ? '' : ` ${target}`);
  const result = (): WaitResult => ({
    condition: condition.kind, target, met: last.met, attempts,
    elapsedMs: Math.round(performance.now() - started), detail: last.detail, error: last.error, cutOff,
  });
  while (ctx.budget.remainingMs() > 0) {
    attempts++;
    let polled: Finished;
    let fatal: Verdict<unknown> | undefined;
    try {
      const p = await poll(ctx, condition);
      fatal = p.fatal;
      polled = { met: p.met, detail: p.detail, error: fatal ? fatal.message : (p.error ?? null) };
    } catch (e) {
      polled = { met: false, detail: null, error: errorText(e) };
    }
    if (fatal) {
      last = polled;
      return { result: result(), exitCode: fatal.exitCode, code: fatal.code, message: `wait ${describe()}: ${fatal.message}`, hint: fatal.hint };
    }
    if (!polled.met && ctx.budget.expired()) {
      cutOff = true;
      break;
    }
    last = polled;
    if (last.met) return { result: result(), exitCode: EXIT.OK, message: null, hint: null, code: null };
    if (ctx.budget.remainingMs() <= 0) break;
    await ctx.budget.pause(delay);
    delay = Math.min(maxDelay, Math.round(delay * 1.5));
  }
  const what = describe();
  const polls = `${attempts} ${attempts === 1 ? 'poll' : 'polls'}`;
  const finished = attempts - (cutOff ? 1 : 0);
  const cut = !cutOff ? '' : finished === 0 ? '; the only poll was cut off before it finished' : '; the last poll was cut off, detail is the one before';
  return {
    result: result(),
    exitCode: EXIT.TIMEOUT,
    code: 'TIMEOUT',
    message: `wait ${what}: not met within --wait-timeout (${ctx.budget.waitTimeoutMs} ms, ${polls}${cut})${last.error ? `; last finished poll failed: ${last.error}` : ''}`,
    hint: cutOff && finished === 0
      ? 'raise --wait-timeout: one poll needs up to --timeout per call'
      : 'raise --wait-timeout, or look at the detail of the last poll (--json)',
  };
}
