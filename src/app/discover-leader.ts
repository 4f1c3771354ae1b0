/**
 * `raftctl leader discover`: which node leads, at which address and term, and what each
 * endpoint believes. Asks every endpoint DiscoverLeader concurrently (d-engine reference §3.8)
 * and picks the answer with the highest term, then the highest leader id, as d-engine's own
 * learners do (reference §3.7, joiner step 2).
 *
 * A leader named only by others, whose own address was among the endpoints asked (in any
 * spelling of it: the command's AddressBook decides) and could not be connected, is not reported: right after a leader dies its followers name it for up to an
 * election timeout, and `wait leader` or a runbook must not take that for a leader.
 */
import type { LeaderDiscoveryResponse } from '../transport/messages.js';
import { dialableAddress } from '../transport/membership.js';
import { addressBookOf, type OperatorContext } from './operator.js';
import { EXIT, NoLeaderError, NotReadyError } from '../errors.js';
import { errorText, GRPC_CODE, grpcCodeOf, LEARNER_HINT, leaderVerdict, leaderlessVerdict, settle, SILENT_NODE_MS, stragglerGraceMs, StragglerTimeoutError, unreachableAt, withoutStragglers, type Settled, type Verdict } from './verdict.js';

/** What one endpoint believes (`error` is the failure's one-line text, or null). */
export interface LeaderView {
  readonly endpoint: string;
  readonly leaderId: number | null;
  readonly term: number | null;
  readonly error: string | null;
}

/** The JSON shape of `leader discover` (CLI.md, "JSON shapes"). Unknown values are null. */
export interface LeaderDiscovery {
  readonly leaderId: number | null;
  readonly address: string | null;
  readonly term: number | null;
  /** One per endpoint, in the order the endpoints were given. */
  readonly views: LeaderView[];
}

/** An answer names a leader when both its leader id and term are set (d-engine's validity rule). */
function namesLeader(r: LeaderDiscoveryResponse | null): r is LeaderDiscoveryResponse & { leaderId: number; term: number } {
  return r != null && (r.leaderId ?? 0) > 0 && (r.term ?? 0) > 0;
}

/**
 * Asks every endpoint of `ctx` concurrently, one attempt each within `--timeout`, and returns
 * the result with its verdict: exit 0 when some endpoint names a leader; 3 when the leader named
 * is one whose own endpoint was asked and could not be connected (result: leader null, views as
 * answered); otherwise 3 when a
 * live node answered without one, 5 when the nodes only timed out (or `--wait-timeout` cut
 * them off), 4 when none could be connected ("most informative wins", CLI.md). Never rejects
 * for per-endpoint failures.
 */
export async function discoverLeader(ctx: OperatorContext): Promise<Verdict<LeaderDiscovery>> {
  return (await askForLeader(ctx)).verdict;
}

/**
 * Whether every endpoint of `ctx` is a d-engine learner: each refuses GetClusterMetadata with
 * PERMISSION_DENIED, as only learners do (reference §3.6; candidates answer it). Learners also
 * refuse client writes and leader reads ("Not leader", §3.9) and DiscoverLeader (§3.8): no
 * endpoint of them names the leader until one is promoted.
 */
export async function allLearners(ctx: OperatorContext): Promise<boolean> {
  const answers = await Promise.all(
    ctx.endpoints.map(async (endpoint) => {
      try {
        await ctx.client.getClusterMetadata(endpoint, ctx.budget.callOptions());
        return false;
      } catch (error) {
        return grpcCodeOf(error) === GRPC_CODE.PERMISSION_DENIED;
      }
    }),
  );
  return answers.length > 0 && answers.every(Boolean);
}

/** "E is a d-engine learner" or "E1, E2 are d-engine learners". */
export function learnersText(endpoints: readonly string[]): string {
  return endpoints.length === 1 ? `${endpoints[0]} is a d-engine learner` : `${endpoints.join(', ')} are d-engine learners`;
}

/**
 * gRPC codes of live Raft nodes that cannot name a leader right now (d-engine reference §3.8,
 * docs/runtime.md): NOT_FOUND, a follower whose leader is not in its configuration (yet);
 * PERMISSION_DENIED, a candidate or learner.
 */
const NOT_FOUND = 5;
const PERMISSION_DENIED = 7;

/**
 * DiscoverLeader of every endpoint, concurrently. A node still silent {@link SILENT_NODE_MS} (or
 * a quarter of what is left of `--wait-timeout`, if less) after another named the leader (a
 * hung one: it accepts connections and answers nothing until `--timeout`) is not waited for:
 * its outcome is a {@link StragglerTimeoutError}, so one hung node does not make every
 * discovery, `wait leader` poll and kv redirect last all of `--timeout`. Every answer is
 * awaited instead when the silent one is the named leader's own endpoint (whether it answers is
 * what tells a live leader from a dead one the others still name), and unless more than half of
 * the endpoints answered with no term above the named leader's: a newer leader needs the votes of
 * a majority, which then shows its term in at least one of those answers (a partitioned old
 * leader that answers first naming itself is not taken while the others are slow).
 */
async function askEveryEndpoint(ctx: OperatorContext): Promise<Settled<LeaderDiscoveryResponse>[]> {
  const calls = ctx.endpoints.map((endpoint) => settle(ctx.budget, endpoint, (options) => ctx.client.discoverLeader(endpoint, { nodeId: 0, requesterAddress: '' }, options)));
  const graceMs = stragglerGraceMs(ctx.budget, SILENT_NODE_MS);
  const early = await withoutStragglers(calls, (o) => namesLeader(o.value), graceMs);
  if (early.every((o) => o !== undefined)) return early as Settled<LeaderDiscoveryResponse>[];
  const { best, bestEndpoint } = newestLeader(early.filter((o): o is Settled<LeaderDiscoveryResponse> => o !== undefined));
  const leaderAddress = best?.leaderAddress ? dialableAddress(best.leaderAddress, bestEndpoint) : '';
  // The leader's own endpoint may be given in another spelling than it advertises (localhost:P).
  const book = addressBookOf(ctx);
  const silent = early.flatMap((o, i) => (o === undefined ? [ctx.endpoints[i]!] : []));
  const leaderSilent = leaderAddress !== '' && (await book.find(leaderAddress, silent)) !== undefined;
  const answered = early.filter((o) => o?.value != null);
  const newerTerm = answered.some((o) => (o!.value!.term ?? 0) > (best?.term ?? 0));
  if (leaderSilent || newerTerm || answered.length * 2 <= ctx.endpoints.length) return Promise.all(calls);
  return early.map(
    (o, i) => o ?? { endpoint: ctx.endpoints[i]!, value: null, error: new StragglerTimeoutError(ctx.endpoints[i]!, `within ${graceMs} ms of another endpoint naming the leader (not waited for further)`, 'check the node: it accepts connections but does not answer (hung?)') },
  );
}

/** The answer naming a leader with the highest term, then the highest leader id (d-engine's learners' rule), and who gave it. */
function newestLeader(outcomes: readonly Settled<LeaderDiscoveryResponse>[]): { best: (LeaderDiscoveryResponse & { leaderId: number; term: number }) | null; bestEndpoint: string } {
  let best: (LeaderDiscoveryResponse & { leaderId: number; term: number }) | null = null;
  let bestEndpoint = '';
  for (const o of outcomes) {
    const r = o.value;
    if (!namesLeader(r)) continue;
    if (best === null || r.term > best.term || (r.term === best.term && r.leaderId > best.leaderId)) {
      best = r;
      bestEndpoint = o.endpoint;
    }
  }
  return { best, bestEndpoint };
}

/**
 * {@link discoverLeader}'s verdict, and whether the cluster looks like it is still electing one:
 * no leader was named, and some live node answered without one (no leader known yet, "not
 * ready", a candidate's PERMISSION_DENIED, a follower's NOT_FOUND), as opposed to endpoints
 * that are not Raft nodes at all (UNIMPLEMENTED) or refuse for good.
 */
export async function askForLeader(ctx: OperatorContext): Promise<{ verdict: Verdict<LeaderDiscovery>; electing: boolean }> {
  const outcomes = await askEveryEndpoint(ctx);
  const newest = newestLeader(outcomes);
  const bestEndpoint = newest.bestEndpoint;
  let best = newest.best;

  // A leader reported at 0.0.0.0:P (reference §1.6) is dialled at the answering endpoint's host.
  // The named leader's own endpoint, asked in this run, could not be connected: a dead leader.
  const leaderAddress = best?.leaderAddress ? dialableAddress(best.leaderAddress, bestEndpoint) || null : null;
  const deadLeader = leaderAddress === null ? undefined : await unreachableAt(addressBookOf(ctx), outcomes, leaderAddress);
  const named = best;
  if (deadLeader) best = null;

  const views: LeaderView[] = outcomes.map((o) => ({
    endpoint: o.endpoint,
    leaderId: namesLeader(o.value) ? o.value.leaderId : null,
    term: o.value && (o.value.term ?? 0) > 0 ? (o.value.term as number) : null,
    error: o.error == null ? null : errorText(o.error),
  }));
  const result: LeaderDiscovery = {
    leaderId: best?.leaderId ?? null,
    address: best ? leaderAddress : null,
    term: best?.term ?? null,
    views,
  };
  const exitCode = leaderVerdict(best !== null, outcomes);
  const electing = best === null && outcomes.some((o) => o.error == null || o.error instanceof NotReadyError || o.error instanceof NoLeaderError || grpcCodeOf(o.error) === PERMISSION_DENIED || grpcCodeOf(o.error) === NOT_FOUND);
  if (deadLeader && named) {
    const verdict: Verdict<LeaderDiscovery> = {
      result,
      exitCode: EXIT.NO_LEADER,
      code: 'NO_LEADER',
      message: `leader discovery: the nodes name node ${named.leaderId} at ${leaderAddress} (term ${named.term}) as leader, but it cannot be connected (${errorText(deadLeader.error)})`,
      hint: `it is down or cut off, and the others will elect a new leader within an election timeout: retry shortly, or run \`raftctl wait leader\``,
    };
    return { verdict, electing: true };
  }
  // Every endpoint refused with PERMISSION_DENIED, which candidates do too: if all of them are
  // learners, "an election is in progress" is the wrong advice (a learner names no leader until
  // it is promoted). `electing` stays true: `wait leader` may outlast a promotion.
  if (best === null && outcomes.length > 0 && outcomes.every((o) => grpcCodeOf(o.error) === PERMISSION_DENIED) && (await allLearners(ctx))) {
    const verdict: Verdict<LeaderDiscovery> = {
      result,
      exitCode: EXIT.NO_LEADER,
      code: 'LEARNER_ENDPOINT',
      message: `leader discovery: ${learnersText(ctx.endpoints)}: learners refuse DiscoverLeader and cannot name the leader`,
      hint: LEARNER_HINT,
    };
    return { verdict, electing };
  }
  return { verdict: leaderlessVerdict(result, exitCode, 'leader discovery', outcomes), electing };
}
