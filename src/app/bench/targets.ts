/**
 * What `raftctl bench` drives: one request shape (put or get of one key) against a raftctl or
 * d-engine cluster through d-engine's client API, or against etcd through etcd's own gRPC KV API
 * (`etcdserverpb.KV/Put` and `/Range`), so the same generator measures both.
 *
 * Each connection index has its own endpoint client (own TCP connections, src/cli/context.ts
 * `createClientSet`). raftctl targets send writes and leader reads to the leader and follow a
 * NOT_LEADER hint for later requests; eventual reads are spread over the endpoints. etcd
 * targets spread every request over the endpoints (etcd forwards to its leader).
 */
import { NoLeaderError } from '../../errors.js';
import type { CallOptions } from '../../transport/call.js';
import type { EndpointClient } from '../../transport/endpoint-client.js';
import { clientResponseError } from '../kv-route.js';
import { CONSISTENCY_POLICIES, writeRequest, type Consistency } from '../kv.js';

/** The calls a bench target makes (a structural subset, so tests can fake it). */
export type BenchClient = Pick<EndpointClient, 'write' | 'read' | 'etcdPut' | 'etcdRange'>;

export type TargetKind = 'raftctl' | 'etcd';

/** One request kind against one system. */
export interface BenchTarget {
  readonly kind: TargetKind;
  put(conn: number, key: Uint8Array, value: Uint8Array): Promise<void>;
  get(conn: number, key: Uint8Array): Promise<void>;
}

export interface TargetOptions {
  readonly clients: readonly BenchClient[];
  readonly endpoints: readonly string[];
  /** Per-request deadline, ms. */
  readonly timeoutMs: number;
  /** raftctl: the leader's address (writes and leader reads go there). */
  readonly leader?: string;
  /** Unset: no consistency_policy (raftctl) / a linearizable Range (etcd). */
  readonly consistency?: Consistency;
}

const opts = (timeoutMs: number): CallOptions => ({ deadlineMs: timeoutMs });

/** A target speaking d-engine's client API (raftctl or d-engine nodes). */
export function raftctlTarget(o: TargetOptions): BenchTarget {
  let leader = o.leader ?? o.endpoints[0]!;
  const client = (conn: number): BenchClient => o.clients[conn % o.clients.length]!;
  const follow = (error: unknown): never => {
    if (error instanceof NoLeaderError && error.leaderAddress) leader = error.leaderAddress;
    throw error;
  };
  const check = (endpoint: string) => (response: Parameters<typeof clientResponseError>[0]): void => {
    const error = clientResponseError(response, endpoint);
    if (error) throw error;
  };
  const readEndpoint = (conn: number): string => (o.consistency === 'eventual' ? o.endpoints[conn % o.endpoints.length]! : leader);
  return {
    kind: 'raftctl',
    put: (conn, key, value) => {
      const endpoint = leader;
      return client(conn).write(endpoint, writeRequest({ op: 'put', key, value }), opts(o.timeoutMs)).then(check(endpoint)).catch(follow);
    },
    get: (conn, key) => {
      const endpoint = readEndpoint(conn);
      const request = { clientId: 0, keys: [key], ...(o.consistency === undefined ? {} : { consistencyPolicy: CONSISTENCY_POLICIES[o.consistency] }) };
      return client(conn).read(endpoint, request, opts(o.timeoutMs)).then(check(endpoint)).catch(follow);
    },
  };
}

/** A target speaking etcd's KV API: Put; Range, serializable for `eventual`, linearizable otherwise (etcd has no lease reads for clients). */
export function etcdTarget(o: TargetOptions): BenchTarget {
  const client = (conn: number): BenchClient => o.clients[conn % o.clients.length]!;
  const endpoint = (conn: number): string => o.endpoints[conn % o.endpoints.length]!;
  return {
    kind: 'etcd',
    put: async (conn, key, value) => {
      await client(conn).etcdPut(endpoint(conn), { key, value }, opts(o.timeoutMs));
    },
    get: async (conn, key) => {
      await client(conn).etcdRange(endpoint(conn), { key, serializable: o.consistency === 'eventual' }, opts(o.timeoutMs));
    },
  };
}
