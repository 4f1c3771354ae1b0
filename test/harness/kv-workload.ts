/**
 * A concurrent KV workload that records a client history for the linearizability checker
 * (test/harness/linearizability.ts).
 *
 * Contract:
 * - `clients` concurrent clients, each with its own EndpointClient (as an application holds
 *   one), send operations on a few keys through the operator's path (src/app/kv.ts: kvWrite
 *   and kvGet, which route to the leader, follow NOT_LEADER hints and rediscover), each with a
 *   fresh CallBudget (`--timeout` / `--wait-timeout`). A client starts its next operation when
 *   its last one ended.
 * - Mix (seeded): get, put (a value unique in the run: `c<client>.<n>`), cas (expected = the
 *   value this client last saw for the key, or absent), delete. Reads are gets with the
 *   linearizable or the lease policy (chosen per operation by `leaseShare`), or scans whose
 *   prefix is the key (`scanShare`), recorded as a read of that key; eventual gets (`eventualShare`) are sent but not recorded: they promise
 *   no linearizability.
 * - Recording: invoke and completion times from performance.now() around the call. A write
 *   answered `applied` is `ok` (cas: succeeded); answered `unknown` is `unknown`; a write the
 *   client was told certainly changed nothing (kvWrite threw) is left out of the history, so if
 *   it took effect after all the checker sees an unexplained value. A get that failed is left
 *   out (it observed nothing); a get answered is `ok` with the value.
 */
import { CallBudget } from '../../src/app/operator.js';
import { RaftCtlError } from '../../src/errors.js';
import { kvGet, kvScan, kvWrite, type Consistency, type KvContext, type KvWrite } from '../../src/app/kv.js';
import { EndpointClient } from '../../src/transport/endpoint-client.js';
import type { HistoryOp, KvOp, RegValue } from './linearizability.js';
import { SeededRandom } from './random.js';

/** Options of {@link KvWorkload}. */
export interface KvWorkloadOptions {
  readonly endpoints: readonly string[];
  readonly clients: number;
  readonly keys: readonly string[];
  readonly seed: number;
  /** Share of gets sent with the lease policy (the rest linearizable). Default 0.5. */
  readonly leaseShare?: number;
  /** Share of reads that are scans of the key as a prefix. Default 0.15. */
  readonly scanShare?: number;
  /** Share of gets sent with the eventual policy (not recorded). Default 0.05. */
  readonly eventualShare?: number;
  /**
   * Per-attempt deadline (`--timeout`); default 400, 600, 800 or 1000 ms by client (short ones
   * give up on a paused node sooner, so their next request reaches it while it is still paused).
   */
  readonly timeoutMs?: number;
  /** Bound on one operation (`--wait-timeout`), default 3000 ms. */
  readonly waitTimeoutMs?: number;
}

/** A recorded operation: a {@link HistoryOp} plus how a read was sent (for the report). */
export interface RecordedOp extends HistoryOp {
  readonly policy?: Consistency | 'scan';
}

/** Counts of what the workload did. */
export interface WorkloadCounts {
  ok: number;
  unknown: number;
  refused: number;
  readFailed: number;
  eventual: number;
  /** Why writes were refused and reads failed: error code (or class) → count. */
  failures: Record<string, number>;
}

/** The running workload (see the module contract). */
export class KvWorkload {
  readonly history: RecordedOp[] = [];
  readonly counts: WorkloadCounts = { ok: 0, unknown: 0, refused: 0, readFailed: 0, eventual: 0, failures: {} };
  #stopping = false;
  #running: Promise<void> | null = null;
  #nextId = 0;

  constructor(private readonly o: KvWorkloadOptions) {}

  /** Starts the clients. */
  start(): void {
    const rng = new SeededRandom(this.o.seed);
    this.#running = Promise.all(Array.from({ length: this.o.clients }, (_, c) => this.#client(c, rng.fork()))).then(() => undefined);
  }

  /** Lets every client finish its current operation, then resolves. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running;
  }

  async #client(c: number, rng: SeededRandom): Promise<void> {
    const client = new EndpointClient();
    const lastSeen = new Map<string, RegValue>();
    // Each client starts at another endpoint, as operators' clients would.
    const endpoints = this.o.endpoints.map((_, i) => this.o.endpoints[(i + c) % this.o.endpoints.length]!);
    try {
      for (let n = 0; !this.#stopping; n++) {
        const key = rng.pick(this.o.keys);
        const ctx: KvContext = { client, endpoints, budget: new CallBudget(this.o.timeoutMs ?? 400 + 200 * (c % 4), this.o.waitTimeoutMs ?? 3000) };
        try {
          const roll = rng.next();
          if (roll < 0.4) await this.#get(ctx, c, key, rng, lastSeen);
          else {
            const value = `c${c}.${n}`;
            const op: KvOp = roll < 0.65
              ? { kind: 'put', value }
              : roll < 0.88
                ? { kind: 'cas', expected: rng.chance(0.85) ? (lastSeen.get(key) ?? null) : null, value }
                : { kind: 'delete' };
            await this.#write(ctx, c, key, op, lastSeen);
          }
        } finally {
          ctx.budget.dispose();
        }
      }
    } finally {
      client.close();
    }
  }

  #failure(what: string, err: unknown): void {
    const code = err instanceof RaftCtlError ? err.code : err instanceof Error ? err.name : 'non-error';
    const k = `${what} ${code}`;
    this.counts.failures[k] = (this.counts.failures[k] ?? 0) + 1;
  }

  async #get(ctx: KvContext, c: number, key: string, rng: SeededRandom, lastSeen: Map<string, RegValue>): Promise<void> {
    const r = rng.next();
    const eventualShare = this.o.eventualShare ?? 0.05;
    const eventual = r < eventualShare;
    const policy: Consistency | 'scan' = eventual
      ? 'eventual'
      : r < eventualShare + (this.o.scanShare ?? 0.15)
        ? 'scan'
        : rng.chance(this.o.leaseShare ?? 0.5) ? 'lease' : 'linearizable';
    const invokeMs = performance.now();
    let value: RegValue;
    try {
      if (policy === 'scan') {
        const scanned = await kvScan(ctx, Buffer.from(key));
        value = scanned.entries.find((e) => e.key === key)?.value ?? null;
      } else {
        const got = await kvGet(ctx, Buffer.from(key), policy);
        value = got.found ? got.value : null;
      }
    } catch (err) {
      this.counts.readFailed++;
      this.#failure('read', err);
      return;
    }
    const completeMs = performance.now();
    if (eventual) {
      this.counts.eventual++;
      return;
    }
    lastSeen.set(key, value);
    this.counts.ok++;
    this.history.push({ id: this.#nextId++, client: c, key, op: { kind: 'get' }, invokeMs, completeMs, result: { status: 'ok', value }, policy });
  }

  async #write(ctx: KvContext, c: number, key: string, op: KvOp, lastSeen: Map<string, RegValue>): Promise<void> {
    const k = Buffer.from(key);
    const write: KvWrite = op.kind === 'put'
      ? { op: 'put', key: k, value: Buffer.from(op.value) }
      : op.kind === 'cas'
        ? { op: 'cas', key: k, expected: op.expected === null ? null : Buffer.from(op.expected), value: Buffer.from(op.value) }
        : { op: 'delete', key: k };
    const invokeMs = performance.now();
    let verdict;
    try {
      verdict = await kvWrite(ctx, write);
    } catch (err) {
      this.counts.refused++; // certainly not proposed: not part of the history
      this.#failure('write', err);
      return;
    }
    const completeMs = performance.now();
    const id = this.#nextId++;
    if (verdict.result.outcome === 'unknown') {
      this.counts.unknown++;
      this.history.push({ id, client: c, key, op, invokeMs, completeMs, result: { status: 'unknown' } });
      return;
    }
    this.counts.ok++;
    const succeeded = verdict.result.succeeded === true;
    if (op.kind === 'put' || (op.kind === 'cas' && succeeded)) lastSeen.set(key, op.value);
    if (op.kind === 'delete') lastSeen.set(key, null);
    this.history.push({ id, client: c, key, op, invokeMs, completeMs, result: op.kind === 'cas' ? { status: 'ok', succeeded } : { status: 'ok' } });
  }
}
