/**
 * What `raftctl bench` drives: one request shape (put or get of one key) against a raftctl or
 * d-engine cluster through d-engine's client API, or against etcd through etcd's own gRPC KV API
 * (`etcdserverpb.KV/Put` and `/Range`), so the same generator measures both.
 *
 * Each connection index has its own endpoint client (own TCP connections, src/cli/context.ts
 * `createClientSet`). raftctl targets send writes and leader reads to the leader and follow a
 * NOT_LEADER hint for later requests (a leader that cannot be connected, or a refusal without a
 * hint, starts a background DiscoverLeader whose answer later requests use); eventual reads are
 * spread over the endpoints, leaving one that could not be connected out for a second. A
 * measured request is one call (a refusal counts as a failed request); the unmeasured prefill writes go through `kv put`'s routing (src/app/kv-route.ts:
 * hints, rediscovery, unreachable endpoints skipped), starting at the leader the target knows.
 * etcd targets spread every request over the endpoints (etcd forwards to its leader).
 */
import { IntegrityError, NoLeaderError, RaftCtlError } from '../../errors.js';
import { discoverLeader } from '../discover-leader.js';
import { raceAbort } from '../../transport/abort.js';
import type { CallOptions } from '../../transport/call.js';
import type { EndpointClient } from '../../transport/endpoint-client.js';
import { clientResponseError, routeClientRequest, type KvClient } from '../kv-route.js';
import { CONSISTENCY_POLICIES, writeRequest, type Consistency } from '../kv.js';
import { sameBytes } from '../kv-encoding.js';
import type { CallBudget } from '../operator.js';

/**
 * The calls a bench target makes (a structural subset, so tests can fake it): the kv calls
 * and the leader discovery the routing may need, and etcd's Put and Range.
 */
export type BenchClient = KvClient & Pick<EndpointClient, 'etcdPut' | 'etcdRange'>;

export type TargetKind = 'raftctl' | 'etcd';

/** One request kind against one system. */
export interface BenchTarget {
  readonly kind: TargetKind;
  /** One measured write: a single call; rejects with its failure. */
  put(conn: number, key: Uint8Array, value: Uint8Array): Promise<void>;
  /**
   * One measured read: a single call; rejects with its failure, and with {@link keyNotFound}
   * when the answer holds no value for the key (every key read was written by the prefill: a
   * miss is stale or lost data, not a read to time).
   */
  get(conn: number, key: Uint8Array): Promise<void>;
  /**
   * One unmeasured write (the `get` prefill), routed to the leader the way `kv put` is; rejects
   * only when the routing gives up (no leader after following hints, nothing reachable, the
   * outcome unknown, `--wait-timeout` spent), or at once with `signal`'s reason when it aborts
   * (Ctrl-C: the routing may otherwise retry until `--wait-timeout`).
   */
  prefill(conn: number, key: Uint8Array, value: Uint8Array, signal?: AbortSignal): Promise<void>;
}

export interface TargetOptions {
  readonly clients: readonly BenchClient[];
  readonly endpoints: readonly string[];
  /** The command's budget: each measured request gets its `timeoutMs` (`--timeout`) as deadline; the routed prefill writes take their deadlines from it too. */
  readonly budget: CallBudget;
  /** raftctl: the leader's address (writes and leader reads go there). */
  readonly leader?: string;
  /** Unset: no consistency_policy (raftctl) / a linearizable Range (etcd). */
  readonly consistency?: Consistency;
}

const opts = (timeoutMs: number): CallOptions => ({ deadlineMs: timeoutMs });

/** The failure of a measured read that found no value (code KEY_NOT_FOUND, exit 7 when no read found one). */
export function keyNotFound(endpoint: string, key: Uint8Array): IntegrityError {
  return new IntegrityError('KEY_NOT_FOUND', `${endpoint} has no value for key ${new TextDecoder().decode(key)}, which the prefill wrote`, {
    details: { endpoint, sent: true },
    hint: 'an eventual read from a member that has not applied the prefill yet, or data lost: compare with `raftctl kv get --consistency linearizable`',
  });
}

/** How long an endpoint that could not be connected is left out of eventual reads. */
const DOWN_FOR_MS = 1000;

/** A target speaking d-engine's client API (raftctl or d-engine nodes). */
export function raftctlTarget(o: TargetOptions): BenchTarget {
  let leader = o.leader ?? o.endpoints[0]!;
  const client = (conn: number): BenchClient => o.clients[conn % o.clients.length]!;
  // A leader that stops answering (killed, partitioned) or a refusal without a hint: ask the
  // cluster again in the background, one discovery at a time, and move on to the leader it names.
  // Followers name the old leader until they elect another; the clients' backoff paces the
  // retries meanwhile.
  let discovering: Promise<void> | null = null;
  const rediscover = (): void => {
    discovering ??= discoverLeader({ client: o.clients[0]!, endpoints: o.endpoints, budget: o.budget })
      .then((found) => {
        if (found.result.address) leader = found.result.address;
      })
      .catch(() => undefined)
      .finally(() => {
        discovering = null;
      });
  };
  const follow =
    (endpoint: string) =>
    (error: unknown): never => {
      if (error instanceof NoLeaderError && error.leaderAddress) leader = error.leaderAddress;
      else if (endpoint === leader && (error instanceof NoLeaderError || (error instanceof RaftCtlError && error.details?.sent === false))) rediscover();
      throw error;
    };
  const check = (endpoint: string) => (response: Parameters<typeof clientResponseError>[0]): void => {
    const error = clientResponseError(response, endpoint);
    if (error) throw error;
  };
  // Eventual reads go to connection i's endpoint, skipping for a while one that could not be
  // connected (a dead node first in the list would otherwise take every read of its connections).
  const downUntil = new Map<string, number>();
  const readEndpoint = (conn: number): string => {
    if (o.consistency !== 'eventual') return leader;
    const now = performance.now();
    const live = o.endpoints.filter((e) => (downUntil.get(e) ?? 0) <= now);
    const from = live.length > 0 ? live : o.endpoints;
    return from[conn % from.length]!;
  };
  const noteDown =
    (endpoint: string) =>
    (error: unknown): never => {
      if (o.consistency === 'eventual' && error instanceof RaftCtlError && error.details?.sent === false) downUntil.set(endpoint, performance.now() + DOWN_FOR_MS);
      throw error;
    };
  return {
    kind: 'raftctl',
    put: (conn, key, value) => {
      const endpoint = leader;
      return client(conn).write(endpoint, writeRequest({ op: 'put', key, value }), opts(o.budget.timeoutMs)).then(check(endpoint)).catch(follow(endpoint));
    },
    get: (conn, key) => {
      const endpoint = readEndpoint(conn);
      const request = { clientId: 0, keys: [key], ...(o.consistency === undefined ? {} : { consistencyPolicy: CONSISTENCY_POLICIES[o.consistency] }) };
      return client(conn)
        .read(endpoint, request, opts(o.budget.timeoutMs))
        .then((response) => {
          check(endpoint)(response);
          if (!(response.readData?.results ?? []).some((r) => sameBytes(r.key, key))) throw keyNotFound(endpoint, key);
        })
        .catch(noteDown(endpoint))
        .catch(follow(endpoint));
    },
    prefill: async (conn, key, value, signal) => {
      const c = client(conn);
      // The known leader first, then the other endpoints (kv-route starts at the first).
      const endpoints = [leader, ...o.endpoints.filter((e) => e !== leader)];
      const request = writeRequest({ op: 'put', key, value });
      const routing = routeClientRequest({ client: c, endpoints, budget: o.budget }, (endpoint, callOptions) => c.write(endpoint, request, callOptions), { kind: 'write' });
      const routed = await (signal ? raceAbort(routing, signal) : routing);
      leader = routed.endpoint;
    },
  };
}

/** A target speaking etcd's KV API: Put; Range, serializable for `eventual`, linearizable otherwise (etcd has no lease reads for clients). */
export function etcdTarget(o: TargetOptions): BenchTarget {
  const client = (conn: number): BenchClient => o.clients[conn % o.clients.length]!;
  const endpoint = (conn: number): string => o.endpoints[conn % o.endpoints.length]!;
  const put = async (conn: number, key: Uint8Array, value: Uint8Array): Promise<void> => {
    await client(conn).etcdPut(endpoint(conn), { key, value }, opts(o.budget.timeoutMs));
  };
  return {
    kind: 'etcd',
    put,
    prefill: put,
    get: async (conn, key) => {
      const r = await client(conn).etcdRange(endpoint(conn), { key, serializable: o.consistency === 'eventual' }, opts(o.budget.timeoutMs));
      if ((r.kvs ?? []).length === 0) throw keyNotFound(endpoint(conn), key);
    },
  };
}
