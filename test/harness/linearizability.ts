/**
 * A linearizability checker for client histories of the KV API (Herlihy & Wing; search after
 * Wing & Gong with Lowe's memoisation, as in Porcupine).
 *
 * Contract:
 * - A {@link HistoryOp} is one client operation on one key: invoke time, completion time, the
 *   operation and what it returned. Times are one monotonic clock (performance.now()). Keys are
 *   independent registers, so {@link checkHistory} checks each key's sub-history on its own.
 * - The model is the state machine's register semantics for keys without TTL
 *   (src/state-machine/kv-state-machine.ts): `put` sets the value; `delete` removes the key and
 *   always succeeds (present or not); `cas` with `expected` null succeeds iff the key is absent,
 *   otherwise iff the value equals `expected`, and on success sets `value`; `get` returns the
 *   value or absent (null). The initial state is absent.
 * - An operation whose outcome is `unknown` (a timeout, UNAVAILABLE after sending,
 *   PROPOSE_FAILED) may take effect at any point after its invocation, or never: it has no
 *   return event, and the search succeeds once every operation with a known outcome is
 *   linearized. An unknown `get` constrains nothing and is dropped. Operations that certainly
 *   failed (the client was told nothing was proposed) must not be in the history at all.
 * - A completed operation must take effect between its invocation and its completion. Events at
 *   the same instant are taken as concurrent (calls sort before returns), which can only hide a
 *   violation, never invent one.
 * - The search is bounded by `maxSteps` per key; a key whose search exceeds it is reported
 *   `inconclusive`, never as linearizable. Its memo key is exact and does not grow with the
 *   history ({@link LinearizedSet}). Known limit (Wing–Gong): proving a violation near the end
 *   of a long, highly concurrent history means exhausting the linearizations of everything
 *   before it, which may run out of steps: such a key is reported `inconclusive` (a failure of
 *   the run, with its seed), not as a violation with a minimal history.
 *
 * Pure and deterministic; no clock, no I/O.
 */

/** A register's state: its value, or null when the key does not exist. */
export type RegValue = string | null;

/** An operation on one key. */
export type KvOp =
  | { readonly kind: 'put'; readonly value: string }
  | { readonly kind: 'delete' }
  /** `expected` null: the key must not exist. */
  | { readonly kind: 'cas'; readonly expected: RegValue; readonly value: string }
  | { readonly kind: 'get' };

/** What an operation returned: `get` → value (null = absent); `cas` → succeeded; put/delete → nothing. */
export type KvResult =
  | { readonly status: 'ok'; readonly value?: RegValue; readonly succeeded?: boolean }
  | { readonly status: 'unknown' };

/** One operation of a history. */
export interface HistoryOp {
  /** Unique within the history. */
  readonly id: number;
  readonly client: number;
  readonly key: string;
  readonly op: KvOp;
  readonly invokeMs: number;
  /** When the client got its answer (or, for an unknown outcome, gave up: shown, not used). */
  readonly completeMs: number;
  readonly result: KvResult;
}

/** The verdict on one key's sub-history. */
export type KeyVerdict = 'linearizable' | 'violation' | 'inconclusive';

/** The outcome of {@link checkHistory}. */
export interface CheckResult {
  /** True when every key is linearizable. */
  readonly ok: boolean;
  /** Per key: the verdict and the number of operations checked. */
  readonly keys: ReadonlyMap<string, { verdict: KeyVerdict; ops: number; steps: number }>;
  /** Keys that are not linearizable. */
  readonly violations: readonly string[];
  /** Keys whose search ran out of steps. */
  readonly inconclusive: readonly string[];
}

/** Options of the search. */
export interface CheckOptions {
  /**
   * Search steps per key before giving up as `inconclusive` (default 5,000,000: a linearizable
   * history of 8,000 operations by 10 clients, 1% of them unknown, takes about 2,600,000 steps
   * and a second; the memo grows with the steps, to a few hundred MB at the bound).
   */
  readonly maxSteps?: number;
}

/** The default step bound (see {@link CheckOptions.maxSteps}). */
export const DEFAULT_MAX_STEPS = 5_000_000;

/**
 * One step of the register model: whether `op` returning `result` is possible in `state`, and
 * the state after it. An unknown outcome is possible whenever the operation could run.
 */
export function stepModel(state: RegValue, op: KvOp, result: KvResult): { ok: boolean; next: RegValue } {
  const known = result.status === 'ok';
  switch (op.kind) {
    case 'put':
      return { ok: true, next: op.value };
    case 'delete':
      return { ok: true, next: null };
    case 'cas': {
      const matches = state === op.expected;
      if (known && result.succeeded !== matches) return { ok: false, next: state };
      return { ok: true, next: matches ? op.value : state };
    }
    case 'get':
      return { ok: !known || (result.value ?? null) === state, next: state };
  }
}

/** A call or return event in the search's doubly linked list. */
interface Event {
  readonly kind: 'call' | 'return';
  /** Index of the operation in the key's operation array. */
  readonly op: number;
  readonly time: number;
  /** The call's return event (undefined for an unknown outcome, and on return events). */
  match?: Event;
  prev: Event | null;
  next: Event | null;
}

function unlink(e: Event): void {
  e.prev!.next = e.next;
  if (e.next) e.next.prev = e.prev;
}

function relink(e: Event): void {
  e.prev!.next = e;
  if (e.next) e.next.prev = e;
}

/** The operations of one key that the search must consider (unknown gets dropped). */
function relevant(ops: readonly HistoryOp[]): HistoryOp[] {
  return ops.filter((o) => !(o.op.kind === 'get' && o.result.status === 'unknown')).sort((a, b) => a.invokeMs - b.invokeMs);
}

/**
 * The set of linearized operations, as an exact memo key whose size does not grow with the
 * history: operations are indexed in invocation order; `frontier` is the first operation with a
 * known outcome not yet linearized (every known one before it is), so the set is the frontier,
 * the known operations linearized beyond it (a window of concurrent operations) and a bitset
 * of the unknown-outcome operations, which may stay unlinearized for ever.
 */
class LinearizedSet {
  readonly #in: Uint8Array;
  readonly #unknownBit: Int32Array;
  readonly #unknownBits: Uint32Array;
  #frontier = 0;
  /** Known operations linearized beyond the frontier. */
  #above = 0;

  constructor(private readonly known: readonly boolean[]) {
    const n = known.length;
    this.#in = new Uint8Array(n);
    this.#unknownBit = new Int32Array(n).fill(-1);
    let u = 0;
    for (let i = 0; i < n; i++) if (!known[i]) this.#unknownBit[i] = u++;
    this.#unknownBits = new Uint32Array(Math.ceil(u / 32) + 1);
    this.#advance();
  }

  #advance(): void {
    const n = this.known.length;
    while (this.#frontier < n && (!this.known[this.#frontier] || this.#in[this.#frontier])) {
      if (this.known[this.#frontier] && this.#in[this.#frontier]) this.#above--;
      this.#frontier++;
    }
  }

  add(i: number): void {
    this.#in[i] = 1;
    const b = this.#unknownBit[i]!;
    if (b >= 0) this.#unknownBits[b >> 5]! |= 1 << (b & 31);
    else {
      this.#above++;
      if (i === this.#frontier) this.#advance();
    }
  }

  remove(i: number): void {
    this.#in[i] = 0;
    const b = this.#unknownBit[i]!;
    if (b >= 0) {
      this.#unknownBits[b >> 5]! &= ~(1 << (b & 31));
      return;
    }
    if (i > this.#frontier) {
      this.#above--;
      return;
    }
    // i < frontier: every known operation in (i, frontier) is linearized and now beyond it.
    for (let j = i + 1; j < this.#frontier; j++) if (this.known[j]) this.#above++;
    this.#frontier = i;
  }

  /** The exact memo key of this set with register state `state`. */
  key(state: RegValue): string {
    let k = `${this.#frontier}:`;
    for (let w = 0; w < this.#unknownBits.length; w++) k += this.#unknownBits[w]!.toString(36) + ',';
    k += ':';
    for (let j = this.#frontier + 1, found = 0; found < this.#above; j++) {
      if (this.known[j] && this.#in[j]) {
        k += j.toString(36) + ',';
        found++;
      }
    }
    return k + (state === null ? '\u0000' : `=${state}`);
  }
}

/**
 * Checks one key's operations (all with the same key). Returns the verdict and the number of
 * search steps taken.
 */
export function checkKey(keyOps: readonly HistoryOp[], options: CheckOptions = {}): { verdict: KeyVerdict; steps: number } {
  const ops = relevant(keyOps);
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const events: Event[] = [];
  let remaining = 0;
  ops.forEach((o, i) => {
    const call: Event = { kind: 'call', op: i, time: o.invokeMs, prev: null, next: null };
    events.push(call);
    if (o.result.status === 'ok') {
      const ret: Event = { kind: 'return', op: i, time: o.completeMs, prev: null, next: null };
      call.match = ret;
      events.push(ret);
      remaining++;
    }
  });
  // Calls before returns at the same instant: equal times count as concurrent.
  events.sort((a, b) => a.time - b.time || (a.kind === b.kind ? 0 : a.kind === 'call' ? -1 : 1));
  const head: Event = { kind: 'call', op: -1, time: -Infinity, prev: null, next: null };
  let prev = head;
  for (const e of events) {
    e.prev = prev;
    prev.next = e;
    prev = e;
  }

  const linearized = new LinearizedSet(ops.map((o) => o.result.status === 'ok'));
  const seen = new Set<string>();
  const stack: { call: Event; state: RegValue }[] = [];
  let state: RegValue = null;
  let entry = head.next;
  let steps = 0;

  while (remaining > 0) {
    if (++steps > maxSteps) return { verdict: 'inconclusive', steps };
    if (entry !== null && entry.kind === 'call') {
      const o = ops[entry.op]!;
      const r = stepModel(state, o.op, o.result);
      if (r.ok) {
        linearized.add(entry.op);
        const k = linearized.key(r.next);
        if (!seen.has(k)) {
          seen.add(k);
          stack.push({ call: entry, state });
          state = r.next;
          unlink(entry);
          if (entry.match) {
            unlink(entry.match);
            remaining--;
          }
          entry = head.next;
          continue;
        }
        linearized.remove(entry.op);
      }
      entry = entry.next;
      continue;
    }
    // A return event (an operation that must have taken effect by now) or the end: backtrack.
    const top = stack.pop();
    if (!top) return { verdict: 'violation', steps };
    const call = top.call;
    state = top.state;
    linearized.remove(call.op);
    if (call.match) {
      relink(call.match);
      remaining++;
    }
    relink(call);
    entry = call.next;
  }
  return { verdict: 'linearizable', steps };
}

/** Splits a history by key. */
export function byKey(history: readonly HistoryOp[]): Map<string, HistoryOp[]> {
  const m = new Map<string, HistoryOp[]>();
  for (const o of history) {
    let l = m.get(o.key);
    if (!l) m.set(o.key, (l = []));
    l.push(o);
  }
  return m;
}

/** Checks every key of `history` (see the module contract). */
export function checkHistory(history: readonly HistoryOp[], options: CheckOptions = {}): CheckResult {
  const keys = new Map<string, { verdict: KeyVerdict; ops: number; steps: number }>();
  const violations: string[] = [];
  const inconclusive: string[] = [];
  for (const [key, ops] of byKey(history)) {
    const { verdict, steps } = checkKey(ops, options);
    keys.set(key, { verdict, ops: ops.length, steps });
    if (verdict === 'violation') violations.push(key);
    if (verdict === 'inconclusive') inconclusive.push(key);
  }
  return { ok: violations.length === 0 && inconclusive.length === 0, keys, violations, inconclusive };
}

/** Whether `o` changes nothing whatever happens: a get, or a CAS known to have failed. */
function readOnly(o: HistoryOp): boolean {
  return o.op.kind === 'get' || (o.op.kind === 'cas' && o.result.status === 'ok' && o.result.succeeded === false);
}

/**
 * The values `ops` observe (a get's value, a successful CAS's expected value) that none of
 * `ops` writes: a reduction that removed the only write of an observed value would "fail" for a
 * reason the original history does not have.
 */
function unexplained(ops: readonly HistoryOp[]): Set<string> {
  const written = new Set<string>();
  const out = new Set<string>();
  for (const o of ops) if (o.op.kind === 'put' || o.op.kind === 'cas') written.add(o.op.value);
  for (const o of ops) {
    if (o.result.status !== 'ok') continue;
    if (o.op.kind === 'get' && o.result.value != null && !written.has(o.result.value)) out.add(o.result.value);
    if (o.op.kind === 'cas' && o.result.succeeded && o.op.expected !== null && !written.has(o.op.expected)) out.add(o.op.expected);
  }
  return out;
}

/**
 * Reduces a sub-history of one key found not linearizable (by {@link checkKey}) to a small one
 * that is still not linearizable for the same reason: the shortest failing prefix by
 * invocation order, then operations removed one chunk at a time (halving the chunk) while the
 * rest still fails. A candidate must keep the write of every value it observes, must not keep a
 * failed CAS that could follow a removed write, and deletes are removed only while nothing
 * observes an absent key, so the reduction never invents a violation (a read of a value nobody
 * wrote; values the whole history observes unwritten, say of a write the client was told
 * failed, are the violation itself and stay allowed). Read-only operations can always go. A
 * candidate whose search is inconclusive (`maxSteps`, default 1,000,000 per check) counts as
 * not failing; the reduction stops after `maxChecks` checks or `maxTotalSteps` search steps in
 * all (default 20,000,000: seconds, not minutes, on a history of thousands of operations), so
 * what it returns then still fails but may not be minimal. Returns the operations in
 * invocation order.
 */
export function minimalFailing(keyOps: readonly HistoryOp[], options: CheckOptions & { maxChecks?: number; maxTotalSteps?: number } = {}): HistoryOp[] {
  const maxSteps = options.maxSteps ?? 1_000_000;
  let checks = options.maxChecks ?? 2000;
  let budget = options.maxTotalSteps ?? 20_000_000;
  /** One check, charged to the budget (a check that would overrun it is cut short: not failing). */
  const violates = (h: readonly HistoryOp[]): boolean => {
    const r = checkKey(h, { maxSteps: Math.max(0, Math.min(maxSteps, budget)) });
    budget -= r.steps;
    return r.verdict === 'violation';
  };
  const absentSeen = (h: readonly HistoryOp[]): boolean =>
    h.some((o) => o.result.status === 'ok' && ((o.op.kind === 'get' && o.result.value == null) || (o.op.kind === 'cas' && o.result.succeeded === true && o.op.expected === null)));
  const already = unexplained(keyOps);
  /**
   * Whether `h` (what is left after removing `removed`) fails for a reason of its own: no value
   * it observes lost its write, and no failed CAS that could have taken effect after a removed
   * write or delete remains (with that write gone, its comparison might hold).
   */
  const fails = (h: readonly HistoryOp[], removed: readonly HistoryOp[]): boolean => {
    for (const v of unexplained(h)) if (!already.has(v)) return false;
    const firstWrite = removed.reduce((m, o) => (readOnly(o) ? m : Math.min(m, o.invokeMs)), Infinity);
    if (h.some((o) => o.op.kind === 'cas' && o.result.status === 'ok' && o.result.succeeded === false && o.completeMs >= firstWrite)) return false;
    checks--;
    return violates(h);
  };
  const sorted = [...keyOps].sort((a, b) => a.invokeMs - b.invokeMs || a.id - b.id);
  // Shortest failing prefix: lo passes (the empty history), hi fails (the whole history, as the
  // caller found: not checked again, a search that long may not fit the budget).
  let lo = 0;
  let hi = sorted.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fails(sorted.slice(0, mid), sorted.slice(mid))) hi = mid;
    else lo = mid;
  }
  let cur = sorted.slice(0, hi);
  for (let chunk = Math.max(1, cur.length >> 1); checks > 0 && budget > 0; chunk = chunk >> 1) {
    for (let start = 0; start < cur.length && checks > 0 && budget > 0; ) {
      const removed = cur.slice(start, start + chunk);
      const candidate = [...cur.slice(0, start), ...cur.slice(start + chunk)];
      const deletesGo = removed.some((o) => o.op.kind === 'delete');
      const allowed = candidate.length > 0 && (!deletesGo || !absentSeen(candidate));
      if (allowed && (removed.every(readOnly) ? violates(candidate) : fails(candidate, removed))) cur = candidate;
      else start += chunk;
    }
    if (chunk === 1) break;
  }
  return cur;
}

function describeValue(v: RegValue): string {
  return v === null ? 'absent' : JSON.stringify(v);
}

/** One operation as a line: client, times relative to `t0`, operation and result. */
export function formatOp(o: HistoryOp, t0 = 0): string {
  const when = `[${(o.invokeMs - t0).toFixed(1)} → ${o.result.status === 'unknown' ? `? (gave up ${(o.completeMs - t0).toFixed(1)})` : (o.completeMs - t0).toFixed(1)}]`;
  let what: string;
  switch (o.op.kind) {
    case 'put':
      what = `put(${describeValue(o.op.value)})`;
      break;
    case 'delete':
      what = 'delete()';
      break;
    case 'cas':
      what = `cas(${describeValue(o.op.expected)} → ${describeValue(o.op.value)})`;
      break;
    case 'get':
      what = 'get()';
      break;
  }
  let result: string;
  if (o.result.status === 'unknown') result = 'unknown outcome';
  else if (o.op.kind === 'get') result = describeValue(o.result.value ?? null);
  else if (o.op.kind === 'cas') result = o.result.succeeded ? 'succeeded' : 'failed';
  else result = 'ok';
  return `client ${o.client} op ${o.id} ${when} ${o.key}: ${what} → ${result}`;
}

/** A history as lines, times relative to its first invocation. */
export function formatHistory(ops: readonly HistoryOp[]): string {
  const t0 = ops.reduce((m, o) => Math.min(m, o.invokeMs), Infinity);
  return [...ops].sort((a, b) => a.invokeMs - b.invokeMs || a.id - b.id).map((o) => formatOp(o, t0)).join('\n');
}
