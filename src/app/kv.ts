/**
 * `raftctl kv put|get|del|cas|scan`: d-engine's client API (reference §6) through the leader
 * (src/app/kv-route.ts). Results are JSON-safe objects whose keys and values are UTF-8 text or
 * base64 (src/app/kv-encoding.ts).
 *
 * Writes report one of two outcomes: `applied` (the leader answered after applying the
 * command) or `unknown` (the request may have reached the leader but no answer came: a
 * timeout, a dropped connection, PROPOSE_FAILED ...). An unknown outcome is a verdict with exit
 * 5 and is never retried (CLI.md, "retries"). Definite failures (no leader after following
 * hints, nothing reachable, a refusal) are thrown as RaftCtlErrors.
 */
import { EXIT } from '../errors.js';
import type { ClientReadRequest, ClientWriteRequest, ScanResponse } from '../transport/messages.js';
import { ReadPolicy } from '../transport/messages.js';
import { compareBytes, displayBytes, sameBytes } from './kv-encoding.js';
import { routeClientRequest, routeRequest, writeCertainlyRefused, type KvContext } from './kv-route.js';
import { CutOffError, errorText, type Verdict } from './verdict.js';

export type { KvClient, KvContext } from './kv-route.js';

/** `--consistency` values and the ReadConsistencyPolicy each maps to. */
export const CONSISTENCY_POLICIES = { linearizable: ReadPolicy.LINEARIZABLE, lease: ReadPolicy.LEASE, eventual: ReadPolicy.EVENTUAL } as const;
export type Consistency = keyof typeof CONSISTENCY_POLICIES;

/** The client id raftctl sends (d-engine ignores it). */
const CLIENT_ID = 0;

/** The JSON shape of `kv put`, `kv del` and `kv cas`. */
export interface KvWriteResult {
  readonly op: 'put' | 'delete' | 'cas';
  readonly key: string;
  readonly keyEncoding: 'utf8' | 'base64';
  /** `applied`: the leader answered after applying; `unknown`: it may or may not have been applied. */
  readonly outcome: 'applied' | 'unknown';
  /** put/delete: true once applied; cas: whether the comparison held and the value was swapped; null when unknown. */
  readonly succeeded: boolean | null;
  /** The endpoint that answered (or was last asked, when the outcome is unknown). */
  readonly endpoint: string | null;
  /** Why the outcome is unknown (null when applied). */
  readonly error: string | null;
}

/** The JSON shape of `kv get` (CLI.md, "JSON shapes"). */
export interface KvGetResult {
  readonly key: string;
  readonly value: string | null;
  readonly found: boolean;
  readonly keyEncoding: 'utf8' | 'base64';
  /** null when the key was not found. */
  readonly valueEncoding: 'utf8' | 'base64' | null;
}

/** One entry of `kv scan`. */
export interface KvEntry {
  readonly key: string;
  readonly value: string;
  readonly keyEncoding: 'utf8' | 'base64';
  readonly valueEncoding: 'utf8' | 'base64';
}

/** The JSON shape of `kv scan`: entries sorted by key bytes. */
export interface KvScanResult {
  readonly prefix: string;
  readonly prefixEncoding: 'utf8' | 'base64';
  /** The leader's applied index at scan time. */
  readonly revision: number;
  readonly count: number;
  readonly entries: KvEntry[];
}

/** The write a `kv put|del|cas` sends. */
export type KvWrite =
  | { readonly op: 'put'; readonly key: Uint8Array; readonly value: Uint8Array; readonly ttlSecs?: number }
  | { readonly op: 'delete'; readonly key: Uint8Array }
  /** `expected` null: the key must not exist. */
  | { readonly op: 'cas'; readonly key: Uint8Array; readonly expected: Uint8Array | null; readonly value: Uint8Array };

/** The ClientWriteRequest of a write (CAS without `expected_value` means "must be absent"). */
export function writeRequest(write: KvWrite): ClientWriteRequest {
  switch (write.op) {
    case 'put':
      return { clientId: CLIENT_ID, command: { insert: { key: write.key, value: write.value, ttlSecs: write.ttlSecs ?? 0 } } };
    case 'delete':
      return { clientId: CLIENT_ID, command: { delete: { key: write.key } } };
    case 'cas':
      return {
        clientId: CLIENT_ID,
        command: { compareAndSwap: { key: write.key, newValue: write.value, ...(write.expected === null ? {} : { expectedValue: write.expected }) } },
      };
  }
}

/**
 * Sends one write to the leader. Verdicts: exit 0 when applied (for CAS also when the
 * comparison failed: see {@link casVerdict}); exit 5 with outcome `unknown` when the request may
 * have reached the leader and no answer says what happened. Throws for definite failures.
 */
export async function kvWrite(ctx: KvContext, write: KvWrite): Promise<Verdict<KvWriteResult>> {
  const key = displayBytes(write.key);
  const base = { op: write.op, key: key.text, keyEncoding: key.encoding };
  let lastEndpoint: string | null = null;
  try {
    const routed = await routeClientRequest(
      ctx,
      (endpoint, opts) => {
        lastEndpoint = endpoint;
        return ctx.client.write(endpoint, writeRequest(write), opts);
      },
      { kind: 'write' },
    );
    const succeeded = routed.value.writeResult?.succeeded ?? write.op !== 'cas';
    const result: KvWriteResult = { ...base, outcome: 'applied', succeeded, endpoint: routed.endpoint, error: null };
    return write.op === 'cas' ? casVerdict(result, write.expected === null) : { result, exitCode: EXIT.OK, message: null, hint: null, code: null };
  } catch (error) {
    if (writeCertainlyRefused(error)) throw error;
    const why = errorText(error);
    const result: KvWriteResult = { ...base, outcome: 'unknown', succeeded: null, endpoint: lastEndpoint, error: why };
    const command = `kv ${write.op === 'delete' ? 'del' : write.op}`;
    const readBack = write.op === 'put' || write.op === 'delete'
      ? 'the write may or may not have been applied; read the key back before retrying'
      : 'the swap may or may not have happened; read the key back before retrying';
    if (error instanceof CutOffError) {
      return {
        result,
        exitCode: EXIT.TIMEOUT,
        code: 'OUTCOME_UNKNOWN',
        message: `${command}: the outcome is unknown: the request was sent to ${lastEndpoint ?? 'the leader'}, but --wait-timeout (${ctx.budget.waitTimeoutMs} ms) ran out before it answered`,
        hint: `${readBack}, with a larger --wait-timeout`,
      };
    }
    return { result, exitCode: EXIT.TIMEOUT, code: 'OUTCOME_UNKNOWN', message: `${command}: the outcome is unknown (${why})`, hint: readBack };
  }
}

/**
 * A CAS whose comparison failed exits 6 (COMPARE_FAILED) with the result still printed.
 * `absent`: the CAS required the key not to exist (`--absent`), so the key exists.
 */
function casVerdict(result: KvWriteResult, absent: boolean): Verdict<KvWriteResult> {
  if (result.succeeded) return { result, exitCode: EXIT.OK, message: null, hint: null, code: null };
  if (absent) {
    return {
      result,
      exitCode: EXIT.REJECTED,
      code: 'COMPARE_FAILED',
      message: `kv cas: the comparison failed: key "${result.key}" exists (--absent); nothing was changed`,
      hint: 'the key already exists (another writer got there first?): read it with `raftctl kv get`, then swap with --expect CURRENT, or delete it first',
    };
  }
  return {
    result,
    exitCode: EXIT.REJECTED,
    code: 'COMPARE_FAILED',
    message: `kv cas: the comparison failed for key "${result.key}"; nothing was changed`,
    hint: 'read the current value with `raftctl kv get` and retry with the right --expect (or --absent if it should not exist)',
  };
}

/**
 * Reads one key. `consistency` unset sends no `consistency_policy` (the server's default,
 * linearizable); linearizable and lease reads go to the leader, eventual reads to any endpoint.
 * Reads are retried (other endpoints, rediscovery) within `--wait-timeout`.
 */
export async function kvGet(ctx: KvContext, key: Uint8Array, consistency?: Consistency): Promise<KvGetResult> {
  const request: ClientReadRequest = {
    clientId: CLIENT_ID,
    keys: [key],
    ...(consistency === undefined ? {} : { consistencyPolicy: CONSISTENCY_POLICIES[consistency] }),
  };
  const routed = await routeClientRequest(ctx, (endpoint, opts) => ctx.client.read(endpoint, request, opts), {
    kind: 'read',
    anyNode: consistency === 'eventual',
  });
  const hit = (routed.value.readData?.results ?? []).find((r) => sameBytes(r.key ?? new Uint8Array(), key));
  const k = displayBytes(key);
  if (!hit) return { key: k.text, value: null, found: false, keyEncoding: k.encoding, valueEncoding: null };
  const v = displayBytes(hit.value ?? new Uint8Array());
  return { key: k.text, value: v.text, found: true, keyEncoding: k.encoding, valueEncoding: v.encoding };
}

/** Scans every key starting with `prefix` on the leader (d-engine serves scans there only). */
export async function kvScan(ctx: KvContext, prefix: Uint8Array): Promise<KvScanResult> {
  const routed = await routeRequest<ScanResponse>(ctx, (endpoint, opts) => ctx.client.scan(endpoint, { clientId: CLIENT_ID, prefix }, opts), { kind: 'read' });
  const entries = [...(routed.value.entries ?? [])]
    .map((e) => ({ key: e.key ?? new Uint8Array(), value: e.value ?? new Uint8Array() }))
    .sort((a, b) => compareBytes(a.key, b.key))
    .map((e): KvEntry => {
      const k = displayBytes(e.key);
      const v = displayBytes(e.value);
      return { key: k.text, value: v.text, keyEncoding: k.encoding, valueEncoding: v.encoding };
    });
  const p = displayBytes(prefix);
  return { prefix: p.text, prefixEncoding: p.encoding, revision: routed.value.revision ?? 0, count: entries.length, entries };
}

