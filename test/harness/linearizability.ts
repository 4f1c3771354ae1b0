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
 *   `inconclusive`, never as linearizable.
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
  /** Search steps per key before giving up as `inconclusive` (default 5,000,000). */
  readonly maxSteps?: number;
}

const DEFAULT_MAX_STEPS = 5_000_000;

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
  return ops.filter((o) => !(o.op.kind === 'get' && o.result.status === 'unknown'));
}

/**
 * Checks one key's operations (all with the same key). Returns the verdict and the number of
 * search steps taken.
 */
export function checkKey(keyOps: readonly HistoryOp[], options: CheckOptions = {}): { verdict: KeyVerdict; steps: number } {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const ops = relevant(keyOps);
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

  const linearized = new Uint32Array(Math.ceil(ops.length / 32) + 1);
  const seen = new Set<string>();
  const stack: { call: Event; state: RegValue }[] = [];
  let state: RegValue = null;
  let entry = head.next;
  let steps = 0;
  const bitsKey = (s: RegValue): string => {
    let k = '';
    for (let w = 0; w < linearized.length; w++) k += linearized[w]!.toString(36) + ',';
    return k + (s === null ? '\u0000' : `=${s}`);
  };

  while (remaining > 0) {
    if (++steps > maxSteps) return { verdict: 'inconclusive', steps };
    if (entry !== null && entry.kind === 'call') {
      const o = ops[entry.op]!;
      const r = stepModel(state, o.op, o.result);
      if (r.ok) {
        linearized[entry.op >> 5]! |= 1 << (entry.op & 31);
        const k = bitsKey(r.next);
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
        linearized[entry.op >> 5]! &= ~(1 << (entry.op & 31));
      }
      entry = entry.next;
      continue;
    }
    // A return event (an operation that must have taken effect by now) or the end: backtrack.
    const top = stack.pop();
    if (!top) return { verdict: 'violation', steps };
    const call = top.call;
    state = top.state;
    linearized[call.op >> 5]! &= ~(1 << (call.op & 31));
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
 * Reduces a non-linearizable sub-history of one key to a small one that is still not
 * linearizable for the same reason: the shortest failing prefix by invocation order, then
 * operations removed one chunk at a time (halving the chunk) while the rest still fails. A
 * candidate must keep the write of every value it observes, and deletes are removed only while
 * nothing observes an absent key, so the reduction never invents a violation (a read of a value
 * nobody wrote; values the whole history observes unwritten, say of a write the client was
 * told failed, are the violation itself and stay allowed). Read-only operations can always go.
 * A candidate whose search is inconclusive (`maxSteps`, default 1,000,000 per check) counts as
 * not failing; the reduction stops after `maxChecks` checks. Returns the operations in
 * invocation order.
 */
export function minimalFailing(keyOps: readonly HistoryOp[], options: CheckOptions & { maxChecks?: number } = {}): HistoryOp[] {
  const searchOpts = { maxSteps: options.maxSteps ?? 1_000_000 };
  let checks = options.maxChecks ?? 2000;
  const absentSeen = (h: readonly HistoryOp[]): boolean =>
    h.some((o) => o.result.status === 'ok' && ((o.op.kind === 'get' && o.result.value == null) || (o.op.kind === 'cas' && o.result.succeeded === true && o.op.expected === null)));
  const already = unexplained(keyOps);
  const fails = (h: readonly HistoryOp[]): boolean => {
    for (const v of unexplained(h)) if (!already.has(v)) return false;
    checks--;
    return checkKey(h, searchOpts).verdict === 'violation';
  };
  const sorted = [...keyOps].sort((a, b) => a.invokeMs - b.invokeMs || a.id - b.id);
  if (checkKey(sorted, searchOpts).verdict !== 'violation') return sorted;
  // Shortest failing prefix: lo passes (the empty history), hi fails.
  let lo = 0;
  let hi = sorted.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fails(sorted.slice(0, mid))) hi = mid;
    else lo = mid;
  }
  let cur = sorted.slice(0, hi);
  for (let chunk = Math.max(1, cur.length >> 1); checks > 0; chunk = chunk >> 1) {
    for (let start = 0; start < cur.length && checks > 0; ) {
      const removed = cur.slice(start, start + chunk);
      const candidate = [...cur.slice(0, start), ...cur.slice(start + chunk)];
      const deletesGo = removed.some((o) => o.op.kind === 'delete');
      const allowed = candidate.length > 0 && (!deletesGo || !absentSeen(candidate));
      if (allowed && (removed.every(readOnly) ? checkKey(candidate, searchOpts).verdict === 'violation' : fails(candidate))) cur = candidate;
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
