/**
 * Getting a client request to the leader (CLI.md, "endpoints" and "retries"): start at the first
 * endpoint, follow NOT_LEADER hints (raftctl's `ClientResponse{error: NOT_LEADER, metadata}` and
 * the admin trailers), and when a node refuses without naming the leader (d-engine's
 * FAILED_PRECONDITION "Not leader", or a hint that names no address) ask the cluster again
 * with DiscoverLeader. Endpoints that cannot be connected are skipped (nothing was sent). A
 * leader named by a hint or a rediscovery that is one of the endpoints given, in whatever
 * spelling (`127.0.0.1:P` named, `localhost:P` given: the command's AddressBook decides), is
 * that endpoint: dialled as given, with its connect-wait treatment and dead/slow state.
 *
 * Writes are never retried blindly: only refusals that prove the write was not proposed (not
 * the leader, nothing sent, a node not ready yet) lead to another attempt; a definite rejection
 * is thrown. Every other failure of a write is returned to the caller, which reports the outcome
 * as unknown (exit 5).
 * Reads may also be retried after timeouts and "not ready" answers.
 */
import { EXIT, NoLeaderError, NotReadyError, RaftCtlError, RejectedError, UnreachableError } from '../errors.js';
import type { CallOptions } from '../transport/call.js';
import type { EndpointClient } from '../transport/endpoint-client.js';
import type { ClientResponse } from '../transport/messages.js';
import { ErrorCode } from '../transport/messages.js';
import { parseLeaderHint } from '../transport/membership.js';
import { isRetryable } from '../transport/status.js';
import { allLearners, discoverLeader, learnersText } from './discover-leader.js';
import { CutOffError, errorText, GRPC_CODE, grpcCodeOf, LEARNER_HINT, SILENT_NODE_MS } from './verdict.js';
import { addressBookOf, type OperatorClient, type OperatorContext } from './operator.js';

/** The calls the kv use cases make (a structural subset, so tests can fake it). */
export type KvClient = OperatorClient & Pick<EndpointClient, 'write' | 'read' | 'watch'>;

/** An operator context whose client can also write, read and watch. */
export interface KvContext extends OperatorContext {
  readonly client: KvClient;
}

/** At most this many redirects and retries per request (then the last error stands). */
export const MAX_ATTEMPTS = 8;

/** gRPC codes that prove a request was refused before anything was proposed. */
const REFUSAL_CODES = new Set([3 /* INVALID_ARGUMENT */, 5 /* NOT_FOUND */, 6 /* ALREADY_EXISTS */, 7 /* PERMISSION_DENIED */, 8 /* RESOURCE_EXHAUSTED */, 9 /* FAILED_PRECONDITION */, 11 /* OUT_OF_RANGE */, 12 /* UNIMPLEMENTED */, 16 /* UNAUTHENTICATED */]);

/**
 * Whether a failed write certainly changed nothing: nothing left this host (a connect failure,
 * the command's own budget), the node was not the leader, or it refused the request outright.
 * Timeouts, cancellations, dropped connections, internal errors, PROPOSE_FAILED and the like
 * leave the outcome unknown.
 */
export function writeCertainlyRefused(error: unknown): boolean {
  if (!(error instanceof RaftCtlError)) return false;
  if (error instanceof NoLeaderError) return true;
  if (error.details?.refused === true) return true;
  if (error.details?.sent === false) return true;
  // No endpoint in the details: raised here before a call (e.g. --wait-timeout spent).
  if (error.details?.endpoint === undefined) return error.exitCode !== EXIT.BUG;
  const code = error.details.grpcCode;
  return typeof code === 'number' && REFUSAL_CODES.has(code);
}

/**
 * Turns a ClientResponse's non-SUCCESS `error` into a RaftCtlError: NOT_LEADER becomes a
 * NoLeaderError carrying the leader hint of `metadata`; INVALID_REQUEST and RATE_LIMITED are
 * definite refusals (exit 6); CLUSTER_UNAVAILABLE a not-ready node (exit 3); everything else
 * (PROPOSE_FAILED, TERM_OUTDATED, a code newer than raftctl, ...) a rejection whose effect on a
 * write is unknown. The node's explanation (`metadata.debug_message`) ends the message, and
 * RATE_LIMITED's hint names `metadata.retry_after_ms` when the node sent it. Returns null for
 * SUCCESS.
 */
export function clientResponseError(response: ClientResponse, endpoint: string): RaftCtlError | null {
  const code = response.error ?? ErrorCode.SUCCESS;
  if (code === ErrorCode.SUCCESS) return null;
  const details = { endpoint, sent: true, clientErrorCode: code };
  const debug = response.metadata?.debugMessage ? `: ${response.metadata.debugMessage}` : '';
  if (code === ErrorCode.NOT_LEADER) {
    const { leaderId, leaderAddress } = parseLeaderHint(response.metadata?.leaderId, response.metadata?.leaderAddress);
    return new NoLeaderError(`${endpoint} is not the leader`, {
      code: 'NOT_LEADER',
      leaderId,
      leaderAddress,
      details,
      hint: leaderAddress ? `the leader is at ${leaderAddress}` : 'retry once a leader is elected',
    });
  }
  if (code === ErrorCode.INVALID_REQUEST) {
    return new RejectedError('INVALID_REQUEST', `${endpoint} refused the request as invalid${debug}`, { details: { ...details, refused: true }, hint: 'nothing changed; check the key and value against the node\'s limits (raftctl nodes: keys up to 4 KiB, values up to 1 MiB)' });
  }
  if (code === ErrorCode.RATE_LIMITED) {
    const after = response.metadata?.retryAfterMs;
    return new RejectedError('RATE_LIMITED', `${endpoint} is rate-limiting requests${debug}`, { details: { ...details, refused: true }, hint: after != null ? `retry after ${after} ms` : 'retry later' });
  }
  if (code === ErrorCode.CLUSTER_UNAVAILABLE) return new NotReadyError(`${endpoint}: cluster unavailable${debug}`, { details, hint: 'the cluster has no working quorum right now; retry shortly' });
  const name = CLIENT_ERROR_NAMES[code] ?? `ERROR_${code}`;
  return new RejectedError(name, `${endpoint} answered ${name}${debug}`, { details });
}

const CLIENT_ERROR_NAMES: Record<number, string> = {
  1003: 'LEADER_CHANGED',
  3001: 'DISK_FULL',
  3003: 'STORAGE_IO_ERROR',
  4002: 'STALE_OPERATION',
  4006: 'PROPOSE_FAILED',
  4007: 'TERM_OUTDATED',
  4008: 'RETRY_REQUIRED',
  8888: 'GENERAL',
  9999: 'UNCATEGORIZED',
};

/** Where a routed request was answered. */
export interface Routed<T> {
  readonly endpoint: string;
  readonly value: T;
}

export interface RouteOptions {
  /** `write`: retried only after certain refusals; `read`: also after retryable failures. */
  readonly kind: 'read' | 'write';
  /** Any endpoint will do (eventual reads): rotate through the endpoints, never rediscover. */
  readonly anyNode?: boolean;
}



/**
 * `address`, a leader a node named (as it advertises itself: `127.0.0.1:P`), in the spelling of
 * the endpoint given or tried before that names the same node (`localhost:P`), if any: so it is
 * recognised as that endpoint (its connect-wait treatment, whether it was found dead or slow) and
 * dialled on its connection. Otherwise `address` itself.
 */
async function asKnown(ctx: KvContext, address: string, tried: Iterable<string>): Promise<string> {
  return (await addressBookOf(ctx).find(address, [...ctx.endpoints, ...tried])) ?? address;
}

/** The leader's address as the cluster reports it now, as {@link asKnown} spells it (null when no endpoint names one). */
async function rediscover(ctx: KvContext, tried: Iterable<string>): Promise<string | null> {
  const found = await discoverLeader(ctx);
  return found.result.address === null ? null : asKnown(ctx, found.result.address, tried);
}

/**
 * Sends `send` to the leader (or, with `anyNode`, to any endpoint) and returns the first
 * answer. For a write, any error that {@link writeCertainlyRefused} does not accept is thrown at
 * once, untried elsewhere.
 *
 * A NOT_LEADER hint naming a node that cannot be connected (a leader that just died, still
 * named by followers until they elect another) is not followed again: the request waits with
 * backoff and asks the cluster for the leader until one answers or `--wait-timeout` runs out.
 * Once any node has answered "not the leader", that answer is what is thrown when time runs out
 * (exit 3): "nothing could be connected" (exit 4) is reserved for a request no node answered.
 * Redirects and retries of other failures are capped at {@link MAX_ATTEMPTS}.
 */
export async function routeRequest<T>(ctx: KvContext, send: (endpoint: string, opts: CallOptions) => Promise<T>, options: RouteOptions): Promise<Routed<T>> {
  const dead = new Set<string>();
  /** Dead endpoints given up on only because they were not connected within SILENT_NODE_MS (slow, maybe far, not down). */
  const slow = new Set<string>();
  /** The next attempt gets all of --timeout to connect (a slow endpoint some node named leader). */
  let patient = false;
  /** Whether a named leader may be tried: not dead, or dead only for being slow to connect (then once more, patiently). */
  const mayTry = (endpoint: string): boolean => !dead.has(endpoint) || slow.has(endpoint);
  const tryNamed = (endpoint: string): void => {
    if (slow.delete(endpoint)) {
      dead.delete(endpoint);
      patient = true;
    }
    target = endpoint;
  };
  /** Why each endpoint could not be connected, for the error when none could. */
  const unreachable = new Map<string, RaftCtlError>();
  let target = ctx.endpoints[0]!;
  let backoffMs = 50;
  let attempts = 0;
  /** The last "not the leader" answer: the most informative failure once time runs out. */
  let notLeader: NoLeaderError | null = null;
  const nextLive = (): string | null => ctx.endpoints.find((e) => !dead.has(e) && e !== target) ?? ctx.endpoints.find((e) => !dead.has(e)) ?? null;
  /** Whether the endpoints were found to be d-engine learners (asked once, when no leader was found). */
  let learnersChecked = false;
  /** Waits (backoff) and asks the cluster for its leader; false when the budget ran out. */
  const awaitLeader = async (): Promise<boolean> => {
    await ctx.budget.pause(backoffMs);
    backoffMs = Math.min(backoffMs * 2, 500);
    if (ctx.budget.expired()) return false;
    const found = await rediscover(ctx, dead);
    if (found === null && notLeader && !learnersChecked) {
      learnersChecked = true;
      if (await allLearners(ctx)) {
        throw new NoLeaderError(`${learnersText(ctx.endpoints)}: learners refuse leader-only requests and cannot name the leader or the members`, {
          code: 'NOT_LEADER',
          cause: notLeader,
          ...(notLeader.details === undefined ? {} : { details: notLeader.details }),
          hint: LEARNER_HINT,
        });
      }
    }
    if (found !== null && mayTry(found)) tryNamed(found);
    else target = nextLive() ?? target;
    return true;
  };

  /** Whether the attempt under way was given the connect timeout. */
  let connectTimeout = false;
  for (;;) {
    // Out of time after definite refusals: "not the leader" says more than "timed out".
    if (notLeader && ctx.budget.expired()) throw notLeader;
    ctx.budget.check();
    try {
      // A given endpoint not connected within SILENT_NODE_MS is left for the next one (nothing was
      // sent to it); a leader some node named is worth all of --timeout (it answered that node
      // lately, and may just be far away), as is the last endpoint left.
      // A given endpoint that was slow to connect is tried patiently when a node names it leader.
      connectTimeout = !patient && ctx.endpoints.includes(target) && ctx.endpoints.some((e) => e !== target && !dead.has(e));
      patient = false;
      const callOptions = ctx.budget.callOptions();
      return { endpoint: target, value: await send(target, connectTimeout ? { ...callOptions, connectTimeoutMs: SILENT_NODE_MS } : callOptions) };
    } catch (error) {
      if (!(error instanceof RaftCtlError)) throw error;
      // Time ran out and this attempt certainly changed nothing: "not the leader" is the answer.
      if (notLeader && ctx.budget.expired() && writeCertainlyRefused(error)) throw notLeader;
      // --wait-timeout cancelled a call before it was sent: a timeout (exit 5, TIMEOUT: nothing
      // was sent, so not an unknown outcome), as for every command; not "unreachable".
      if (error.details?.sent === false && ctx.budget.expired()) throw ctx.budget.expiredError();
      // --wait-timeout cancelled a call in flight (CANCELLED), or the call's deadline, capped at
      // the budget's end, passed: say which deadline ran out (not "call cancelled" or "raise
      // --timeout"). The request was sent: for a write the caller reports the outcome unknown.
      if (cutOffByBudget(ctx, error)) {
        throw new CutOffError(target, ctx.budget.waitTimeoutMs, {
          cause: error,
          details: { sent: true },
          hint: options.kind === 'write' ? 'raise --wait-timeout' : `raise --wait-timeout, or check that ${target} answers (\`raftctl cluster status\`)`,
        });
      }
      if (error.details?.sent === false) {
        dead.add(target);
        // Given up on at the connect timeout (CANCELLED; a refused connection is UNAVAILABLE).
        if (connectTimeout && grpcCodeOf(error) === GRPC_CODE.CANCELLED) slow.add(target);
        unreachable.set(target, error);
        const next = ctx.endpoints.find((e) => !dead.has(e));
        if (next) {
          target = next;
          continue;
        }
        if (!notLeader) throw noneConnected(error, unreachable); // no node could be connected at all
        dead.clear(); // every node is unreachable now; one may come back within the budget
        slow.clear();
        if (!(await awaitLeader())) throw notLeader;
        continue;
      }
      if (error instanceof NoLeaderError && !options.anyNode) {
        notLeader = error;
        const hinted = error.leaderAddress ? await asKnown(ctx, error.leaderAddress, dead) : null;
        if (hinted && hinted !== target && mayTry(hinted) && ++attempts <= MAX_ATTEMPTS) {
          tryNamed(hinted);
          continue;
        }
        if (!(await awaitLeader())) throw error;
        continue;
      }
      // A write is tried again only after a refusal that proves nothing was proposed and may pass
      // later (a d-engine node whose readiness gate answered "Service is not ready").
      const retryWrite = error.details?.refused === true && isRetryable(error);
      if ((options.kind === 'write' && !retryWrite) || !isRetryable(error) || ++attempts > MAX_ATTEMPTS) throw error;
      await ctx.budget.pause(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 500);
      target = options.anyNode ? (nextLive() ?? target) : ((await rediscover(ctx, dead)) ?? nextLive() ?? target);
    }
  }
}

/**
 * Whether a failure of a sent call is `--wait-timeout` cutting it off (as src/app/verdict.ts
 * settle decides): once the budget's timer fired, any failure but a definite answer (not the
 * leader, a refusal) is that cancellation; just before, a timeout is the call's deadline capped
 * at the budget's end.
 */
function cutOffByBudget(ctx: KvContext, error: RaftCtlError): boolean {
  if (error.exitCode === EXIT.TIMEOUT && ctx.budget.expired()) return true;
  return ctx.budget.timedOut() && !writeCertainlyRefused(error);
}

/**
 * The error when no endpoint could be connected: `last` itself for a single endpoint, else one
 * UNREACHABLE error naming every endpoint's failure (as `leader discover` does), not only the
 * last one tried.
 */
export function noneConnected(last: RaftCtlError, failures: ReadonlyMap<string, RaftCtlError>): RaftCtlError {
  if (failures.size <= 1 || last.exitCode !== EXIT.UNREACHABLE) return last;
  const why = [...failures.values()].map((e) => errorText(e)).join('; ');
  return new UnreachableError(`no endpoint could be connected (${why})`, {
    cause: last,
    details: { ...last.details, sent: false },
    hint: 'check --endpoints (or RAFTCTL_ENDPOINTS) and that the nodes are running',
  });
}

/**
 * Sends a client request whose answer is a ClientResponse: a non-SUCCESS `error` in the body is
 * raised as {@link clientResponseError} says, so NOT_LEADER hints are followed like statuses.
 */
export function routeClientRequest(ctx: KvContext, send: (endpoint: string, opts: CallOptions) => Promise<ClientResponse>, options: RouteOptions): Promise<Routed<ClientResponse>> {
  return routeRequest(
    ctx,
    async (endpoint, opts) => {
      const response = await send(endpoint, opts);
      const error = clientResponseError(response, endpoint);
      if (error) throw error;
      return response;
    },
    options,
  );
}
