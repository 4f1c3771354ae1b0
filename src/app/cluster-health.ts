/**
 * `raftctl cluster health [--degraded-ok]`: proves a working quorum (CLI.md) with checks that
 * each say what they saw:
 *
 * 1. `leader`: some node leads (cluster status, src/app/cluster-status.ts).
 * 2. `quorum`: a majority of the voters (of both halves while joint) could be read and are not
 *    campaigning (a reachable candidate follows no leader; a d-engine voter at another term than
 *    the leader's is not following it either).
 * 3. `voters`: every voter could be read and none is a candidate. The only check `--degraded-ok`
 *    tolerates.
 * 4. `write`: a write of the health key {@link HEALTH_KEY} (a TTL of {@link HEALTH_TTL_SECS}
 *    seconds, so it never lingers) is applied through the leader.
 * 5. `linearizable-read`: a linearizable read through the leader returns the value just written.
 * 6. `commit-advancing`: the leader's commit index (raftctl nodes, GetNodeStatus) or applied
 *    revision (d-engine nodes, the `revision` of a Scan, PROTOCOL.md "Reading a d-engine node")
 *    moved past where it was before the write.
 *
 * Design choice: commit progress is proven by writing, not by watching the commit index of an
 * idle cluster (which only moves when someone writes). The health key is the only data the
 * check changes; it expires on its own.
 *
 * Deadlines: when `--wait-timeout` passes before every check has passed, the verdict is exit 5
 * (TIMEOUT), not 8: the checks it cut off failed for want of time, not because the cluster was
 * seen to be unhealthy. The result is printed all the same; checks that had not started by then
 * say `not run: --wait-timeout (N ms) passed`.
 */
import { EXIT, RaftCtlError } from '../errors.js';
import type { AddressBook } from '../transport/address-identity.js';
import { IMPROBABLE_SCAN_PREFIX } from './cluster-status-dengine.js';
import { readClusterStatus, type ClusterStatus } from './cluster-status.js';
import type { ReadOutcome } from './cluster-status-types.js';
import { utf8Bytes } from './kv-encoding.js';
import { kvGet, kvWrite, type KvContext } from './kv.js';
import { addressBookOf } from './operator.js';
import { cutOffText, errorText, errorVerdict, isUnreachable, leaderlessReason, leaderlessVerdict, leaderVerdict, StragglerTimeoutError, type Verdict } from './verdict.js';

/** The key the health check writes and reads back. */
export const HEALTH_KEY = '/raftctl/health';
/** The health key's TTL: it expires a minute after the last check. */
export const HEALTH_TTL_SECS = 60;

/** The checks, in the order they run and are printed. */
const CHECK_NAMES = ['leader', 'quorum', 'voters', 'write', 'linearizable-read', 'commit-advancing'] as const;

/** One check's result. */
export interface HealthCheck {
  readonly name: (typeof CHECK_NAMES)[number];
  readonly ok: boolean;
  readonly detail: string;
}

/** The JSON shape of `cluster health` (CLI.md, "JSON shapes"), plus `degraded`. */
export interface ClusterHealth {
  /** Every check passed. */
  readonly healthy: boolean;
  /** Only `voters` failed: the quorum works but a voter is down. */
  readonly degraded: boolean;
  readonly checks: HealthCheck[];
}

export interface HealthOptions {
  /** Exit 0 when only a voter is down (`--degraded-ok`). */
  readonly degradedOk?: boolean;
  /** The value written to the health key (default: a timestamp and a random nonce). */
  readonly nonce?: string;
}

const majority = (n: number): number => Math.floor(n / 2) + 1;

/** Voters that could be read, per configuration half, against each half's majority. */
function quorumChecks(status: ClusterStatus, outcomesOf: ReadonlyMap<number, readonly ReadOutcome[]>, stragglerWaitMs: number): HealthCheck[] {
  const config = status.config;
  if (!config) return [
    { name: 'quorum', ok: false, detail: 'the configuration could not be read' },
    { name: 'voters', ok: false, detail: 'the configuration could not be read' },
  ];
  // A voter counts when it could be read and is not campaigning: a candidate (one cut off from
  // the leader, or one started from another cluster's data directory) answers but follows nobody.
  const campaigning = new Map(status.members.filter((m) => m.reachable && m.role === 'candidate').map((m) => [m.id, m]));
  // A d-engine voter read at another term than the leader's (its role is then `unknown`): d-engine
  // has no Pre-Vote, so one cut off from the leader keeps raising its term, and a follower adopts
  // the leader's term from its AppendEntries (reference §3.1, §3.2). Reachable, but not following.
  const offTerm = new Map(
    status.source === 'd-engine' && status.leaderId !== null
      ? status.members.filter((m) => m.reachable && m.role === 'unknown').map((m) => [m.id, m])
      : [],
  );
  const counted = new Set(status.members.filter((m) => m.reachable && m.role !== 'candidate' && !offTerm.has(m.id)).map((m) => m.id));
  const halves = [config.voters, ...(config.votersOutgoing.length > 0 ? [config.votersOutgoing] : [])];
  const parts = halves.map((voters) => ({ voters, up: voters.filter((id) => counted.has(id)).length }));
  const quorumOk = parts.every((p) => p.voters.length > 0 && p.up >= majority(p.voters.length));
  const noun = campaigning.size > 0 || offTerm.size > 0 ? 'voters reachable and following' : 'voters reachable';
  const describe = parts.map((p) => `${p.up}/${p.voters.length} ${noun} (quorum ${majority(p.voters.length)})`).join('; ');
  const allVoters = [...new Set(halves.flat())];
  const problems = allVoters
    .filter((id) => !counted.has(id))
    .map((id) => {
      const c = campaigning.get(id);
      if (c) return `node ${id} is a candidate (term ${c.term ?? '-'}), not following the leader`;
      const o = offTerm.get(id);
      if (o) return `node ${id} is at term ${o.term ?? 0}, not the leader's term ${status.term ?? '-'} (cut off from the leader, or campaigning): not following it`;
      const mine = outcomesOf.get(id) ?? [];
      const wrong = mine.find((o) => o.error instanceof RaftCtlError && o.error.code === 'WRONG_CLUSTER');
      if (wrong) return `node ${id}'s address answers for another cluster (${String((wrong.error as RaftCtlError).details?.clusterId)})`;
      const failure = mine.find((o) => o.error != null)?.error;
      if (failure instanceof StragglerTimeoutError) return `node ${id} gave no answer within the ${Math.round(stragglerWaitMs)} ms left for it`;
      if (failure instanceof RaftCtlError && failure.exitCode === EXIT.INTEGRITY) return `node ${id} answered with a malformed message (${errorText(failure)})`;
      return failure === undefined || isUnreachable(failure) ? `node ${id} unreachable` : `node ${id} could not be read (${errorText(failure)})`;
    });
  return [
    { name: 'quorum', ok: quorumOk, detail: `${describe}${status.joint ? ' (joint configuration)' : ''}` },
    { name: 'voters', ok: problems.length === 0, detail: problems.length === 0 ? `all ${allVoters.length} voters reachable` : problems.join('; ') },
  ];
}

/**
 * Each member's outcomes: those whose endpoint names the member's address, in whatever spelling
 * (`localhost:P` given for a member at `127.0.0.1:P`: its failure is recorded under the endpoint
 * given, which is not asked again as a member).
 */
async function outcomesByMember(book: AddressBook, status: ClusterStatus, outcomes: readonly ReadOutcome[]): Promise<Map<number, ReadOutcome[]>> {
  const byMember = new Map<number, ReadOutcome[]>();
  for (const m of status.members) {
    const mine: ReadOutcome[] = [];
    if (m.address) for (const o of outcomes) if (await book.same(o.endpoint, m.address)) mine.push(o);
    byMember.set(m.id, mine);
  }
  return byMember;
}

/** The leader's progress counter: commit index (raftctl) or applied revision (d-engine); null when unknown. */
async function leaderProgress(ctx: KvContext, status: ClusterStatus, leaderEndpoint: string | null): Promise<number | null> {
  if (leaderEndpoint === null) return null;
  try {
    if (status.source === 'raftctl') return (await ctx.client.getNodeStatus(leaderEndpoint, ctx.budget.callOptions())).commitIndex ?? 0;
    return (await ctx.client.scan(leaderEndpoint, { clientId: 0, prefix: IMPROBABLE_SCAN_PREFIX }, ctx.budget.callOptions())).revision ?? 0;
  } catch {
    return null;
  }
}

function progressBefore(status: ClusterStatus): number | null {
  const leader = status.members.find((m) => m.id === status.leaderId);
  if (!leader) return null;
  return status.source === 'raftctl' ? leader.commitIndex : leader.appliedIndex;
}

const since = (start: number): string => `${Math.round(performance.now() - start)} ms`;

/** The detail of a check that `--wait-timeout` left no time for. */
const notRun = (ctx: KvContext): string => `not run: --wait-timeout (${ctx.budget.waitTimeoutMs} ms) passed`;

/**
 * Runs the checks against the cluster behind `ctx` and returns them with their verdict: 0
 * healthy (or degraded with `degradedOk`), 8 unhealthy, 5 when `--wait-timeout` passed before
 * every check had passed, 7 when the only answers were malformed (protocol violations), 2 (AMBIGUOUS_CLUSTER, every check failed, nothing written) when the
 * endpoints answer for different clusters equally. Never rejects for the cluster's failures or
 * the deadline.
 */
export async function clusterHealth(ctx: KvContext, options: HealthOptions = {}): Promise<Verdict<ClusterHealth>> {
  const checks: HealthCheck[] = [];
  // A hung member (accepting connections, answering nothing until --timeout) must not use up
  // --wait-timeout before the write and read checks: it is waited for at most half of what is
  // left, then left out (a StragglerTimeoutError outcome: a timeout, not a node seen down).
  const stragglerWaitMs = ctx.budget.remainingMs() / 2;
  const { status, outcomes, error } = await readClusterStatus(ctx, { stragglersUntil: performance.now() + stragglerWaitMs });
  if (error) {
    // The endpoints answer for different clusters equally: no cluster to judge, nothing written.
    const skipped = 'skipped: no cluster chosen';
    const result: ClusterHealth = {
      healthy: false,
      degraded: false,
      checks: [
        { name: 'leader', ok: false, detail: `no cluster chosen: ${error.message}` },
        ...CHECK_NAMES.slice(1).map((name) => ({ name, ok: false, detail: skipped })),
      ],
    };
    return errorVerdict(result, 'cluster health', error);
  }
  /** Some node was left out for want of time: failing checks then prove nothing (exit 5, not 8). */
  const leftOut = outcomes.some((o) => o.error instanceof StragglerTimeoutError);
  const leader = status.members.find((m) => m.id === status.leaderId);
  /** Why no leader is known, as `cluster status` would exit (OK when one is). */
  const leaderless = leaderVerdict(status.leaderId !== null, outcomes);
  checks.push(
    status.leaderId !== null
      ? { name: 'leader', ok: true, detail: `node ${status.leaderId} at ${leader?.address ?? 'an unknown address'}, term ${status.term ?? '-'}` }
      : { name: 'leader', ok: false, detail: `no leader known: ${leaderlessReason(leaderless, outcomes).reason}` },
  );
  const book = addressBookOf(ctx);
  checks.push(...quorumChecks(status, await outcomesByMember(book, status, outcomes), stragglerWaitMs));
  const quorumOk = checks.every((c) => c.name === 'voters' || c.ok);

  const outOfTime = ctx.budget.expired();
  if (!quorumOk || outOfTime) {
    const why = outOfTime ? notRun(ctx) : status.leaderId === null ? 'skipped: no leader' : 'skipped: no quorum';
    checks.push({ name: 'write', ok: false, detail: why }, { name: 'linearizable-read', ok: false, detail: why }, { name: 'commit-advancing', ok: false, detail: why });
    // The only answers were malformed (protocol violations): exit 7 as `cluster status` and
    // `kv` do, not 8: nothing about the cluster's health was learned.
    if (leaderless === EXIT.INTEGRITY) return leaderlessVerdict({ healthy: false, degraded: false, checks }, leaderless, 'cluster health', outcomes);
    return verdict(ctx, checks, options, leftOut);
  }

  // The write and the read start at the leader just found, not at the first endpoint given
  // (a frozen follower first in the list would cost a full --timeout per check).
  // The leader given as an endpoint in another spelling (localhost:P) is dialled as given: listed once, its connection reused.
  const leaderEndpoint = leader?.address ? ((await book.find(leader.address, ctx.endpoints)) ?? leader.address) : null;
  const atLeader: KvContext = leaderEndpoint ? { ...ctx, endpoints: [leaderEndpoint, ...ctx.endpoints.filter((e) => e !== leaderEndpoint)] } : ctx;
  const before = progressBefore(status);
  const nonce = options.nonce ?? `${new Date().toISOString()} ${Math.random().toString(36).slice(2, 10)}`;
  const key = utf8Bytes(HEALTH_KEY);
  let written = false;
  let started = performance.now();
  try {
    const w = await kvWrite(atLeader, { op: 'put', key, value: utf8Bytes(nonce), ttlSecs: HEALTH_TTL_SECS });
    written = w.result.outcome === 'applied';
    const cutOff = `outcome unknown, ${cutOffText(ctx.budget.waitTimeoutMs)}`;
    // kvWrite's error is a CutOffError's text ("H:P: cut off by ...") when the write was in flight then.
    const unknown = w.result.error?.endsWith(cutOffText(ctx.budget.waitTimeoutMs))
      ? `${cutOff} before ${w.result.endpoint ?? 'the leader'} answered`
      : ctx.budget.expired() ? `${cutOff}: ${w.result.error}` : `outcome unknown: ${w.result.error}`;
    checks.push({ name: 'write', ok: written, detail: written ? `${HEALTH_KEY} applied through ${w.result.endpoint} in ${since(started)}` : unknown });
  } catch (error) {
    checks.push({ name: 'write', ok: false, detail: errorText(error) });
  }

  started = performance.now();
  if (ctx.budget.expired()) {
    checks.push({ name: 'linearizable-read', ok: false, detail: notRun(ctx) }, { name: 'commit-advancing', ok: false, detail: notRun(ctx) });
    return verdict(ctx, checks, options, leftOut);
  }
  try {
    const read = await kvGet(atLeader, key, 'linearizable');
    if (!written) {
      checks.push({ name: 'linearizable-read', ok: true, detail: `answered in ${since(started)} (not compared: the health write did not complete)` });
    } else {
      const ok = read.value === nonce;
      checks.push({ name: 'linearizable-read', ok, detail: ok ? `read the value just written in ${since(started)}` : `read returned ${read.found ? `"${read.value}"` : 'nothing'}, not the value just written` });
    }
  } catch (error) {
    checks.push({ name: 'linearizable-read', ok: false, detail: errorText(error) });
  }

  const after = written ? await leaderProgress(ctx, status, leaderEndpoint) : null;
  if (!written) checks.push({ name: 'commit-advancing', ok: false, detail: 'skipped: the health write did not complete' });
  else if (before === null || after === null) checks.push({ name: 'commit-advancing', ok: true, detail: 'the health write committed (the leader\'s index could not be read to compare)' });
  else {
    const what = status.source === 'raftctl' ? 'commit index' : 'applied revision';
    checks.push({ name: 'commit-advancing', ok: after > before, detail: `leader ${what} ${before} → ${after}` });
  }
  return verdict(ctx, checks, options, leftOut);
}

/** 0 when every check passed (or only `voters` failed, with `degradedOk`); else 5 if `--wait-timeout` passed, else 8. */
function verdict(ctx: KvContext, checks: HealthCheck[], options: HealthOptions, leftOut: boolean): Verdict<ClusterHealth> {
  const failed = checks.filter((c) => !c.ok);
  const healthy = failed.length === 0;
  const degraded = failed.length > 0 && failed.every((c) => c.name === 'voters');
  const result: ClusterHealth = { healthy, degraded, checks };
  const failures = failed.map((c) => `${c.name} (${c.detail})`).join('; ');
  if (healthy || (degraded && options.degradedOk)) return { result, exitCode: EXIT.OK, message: null, hint: null, code: null };
  if (ctx.budget.expired() || leftOut) {
    return {
      result,
      exitCode: EXIT.TIMEOUT,
      code: 'TIMEOUT',
      message: leftOut && !ctx.budget.expired()
        ? `cluster health: some nodes gave no answer in the time --wait-timeout (${ctx.budget.waitTimeoutMs} ms) left for them: ${failures}`
        : `cluster health: --wait-timeout (${ctx.budget.waitTimeoutMs} ms) passed before the checks finished: ${failures}`,
      hint: 'raise --wait-timeout (above --timeout, which each call may take), or check that the nodes answer',
    };
  }
  return {
    result,
    exitCode: EXIT.UNHEALTHY,
    code: 'UNHEALTHY',
    message: `cluster health: ${degraded ? 'degraded' : 'unhealthy'}: ${failures}`,
    hint: degraded
      ? 'the quorum works but a voter is down: restart it, or pass --degraded-ok to accept this'
      : 'run `raftctl cluster status` to see which members are down or behind',
  };
}
