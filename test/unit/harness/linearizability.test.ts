/**
 * The linearizability checker (test/harness/linearizability.ts) on small hand-made histories:
 * linearizable ones (concurrency resolved either way, unknown outcomes taking effect late or
 * never) and violations (stale reads, lost writes, a CAS that cannot have succeeded, a failed
 * write that took effect), plus the reduction to a minimal failing history.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHistory, checkKey, formatHistory, minimalFailing, stepModel, type HistoryOp, type KvOp, type KvResult } from '../../harness/linearizability.js';

let nextId = 0;
/** An op on key `k` by client `c` over [inv, ret]; `ret` null = unknown outcome. */
function op(c: number, inv: number, ret: number | null, o: KvOp, r?: Partial<{ value: string | null; succeeded: boolean }>, key = 'k'): HistoryOp {
  const result: KvResult = ret === null ? { status: 'unknown' } : { status: 'ok', ...(r ?? {}) };
  return { id: nextId++, client: c, key, op: o, invokeMs: inv, completeMs: ret ?? inv + 1000, result };
}
const put = (value: string): KvOp => ({ kind: 'put', value });
const del: KvOp = { kind: 'delete' };
const get: KvOp = { kind: 'get' };
const cas = (expected: string | null, value: string): KvOp => ({ kind: 'cas', expected, value });
const verdict = (h: HistoryOp[]): string => checkKey(h).verdict;

test('the model follows the state machine: delete always succeeds, cas with expected null needs an absent key', () => {
  assert.deepEqual(stepModel('a', del, { status: 'ok' }), { ok: true, next: null });
  assert.deepEqual(stepModel(null, del, { status: 'ok' }), { ok: true, next: null });
  assert.deepEqual(stepModel(null, cas(null, 'x'), { status: 'ok', succeeded: true }), { ok: true, next: 'x' });
  assert.equal(stepModel('a', cas(null, 'x'), { status: 'ok', succeeded: true }).ok, false);
  assert.deepEqual(stepModel('a', cas(null, 'x'), { status: 'ok', succeeded: false }), { ok: true, next: 'a' });
  assert.equal(stepModel('', cas(null, 'x'), { status: 'ok', succeeded: false }).ok, true, 'empty is not absent');
  assert.deepEqual(stepModel('a', cas('a', 'b'), { status: 'unknown' }), { ok: true, next: 'b' });
  assert.deepEqual(stepModel('c', cas('a', 'b'), { status: 'unknown' }), { ok: true, next: 'c' });
  assert.equal(stepModel('a', get, { status: 'ok', value: null }).ok, false);
});

test('sequential histories: reads see the last write', () => {
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, 3, get, { value: 'a' })]), 'linearizable');
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, 3, get, { value: null })]), 'violation');
  assert.equal(verdict([op(1, 0, 1, put('a')), op(1, 2, 3, del), op(2, 4, 5, get, { value: 'a' })]), 'violation');
  assert.equal(verdict([op(1, 0, 1, get, { value: null }), op(1, 2, 3, del), op(2, 4, 5, get, { value: null })]), 'linearizable');
});

test('concurrent operations may take effect in either order', () => {
  // put(a) and put(b) overlap; readers afterwards agree on one of them.
  assert.equal(verdict([op(1, 0, 10, put('a')), op(2, 1, 9, put('b')), op(3, 11, 12, get, { value: 'a' }), op(4, 13, 14, get, { value: 'a' })]), 'linearizable');
  assert.equal(verdict([op(1, 0, 10, put('a')), op(2, 1, 9, put('b')), op(3, 11, 12, get, { value: 'b' })]), 'linearizable');
  // ... but not on both, one after the other (b then a with no write in between).
  assert.equal(verdict([op(1, 0, 10, put('a')), op(2, 1, 9, put('b')), op(3, 11, 12, get, { value: 'b' }), op(4, 13, 14, get, { value: 'a' })]), 'violation');
  // A read concurrent with a write may see either value; reads that overlap each other may disagree.
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, 10, put('b')), op(3, 3, 4, get, { value: 'b' }), op(4, 5, 6, get, { value: 'b' })]), 'linearizable');
  // Once a read saw the new value, a later read cannot see the old one (a stale read).
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, 10, put('b')), op(3, 3, 4, get, { value: 'b' }), op(4, 5, 6, get, { value: 'a' })]), 'violation');
  // Events at the same instant count as concurrent.
  assert.equal(verdict([op(1, 0, 5, put('a')), op(2, 5, 6, get, { value: null })]), 'linearizable');
});

test('compare-and-swap: successes need the expected value, failures a different one', () => {
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, 3, cas('a', 'b'), { succeeded: true }), op(3, 4, 5, get, { value: 'b' })]), 'linearizable');
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, 3, cas('a', 'b'), { succeeded: false })]), 'violation');
  // Two CASes from the same expected value cannot both succeed ...
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, 10, cas('a', 'b'), { succeeded: true }), op(3, 2, 10, cas('a', 'c'), { succeeded: true })]), 'violation');
  // ... one of them fails.
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, 10, cas('a', 'b'), { succeeded: true }), op(3, 2, 10, cas('a', 'c'), { succeeded: false })]), 'linearizable');
  assert.equal(verdict([op(1, 0, 1, cas(null, 'x'), { succeeded: true }), op(2, 2, 3, cas(null, 'y'), { succeeded: false }), op(1, 4, 5, get, { value: 'x' })]), 'linearizable');
});

test('unknown outcomes may take effect at any point after their invocation, or never', () => {
  // Never: the read after it sees the old value.
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, null, put('b')), op(3, 50, 51, get, { value: 'a' })]), 'linearizable');
  // Much later than the client gave up: first a, then b.
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, null, put('b')), op(3, 50, 51, get, { value: 'a' }), op(3, 60, 61, get, { value: 'b' })]), 'linearizable');
  // Never before its invocation.
  assert.equal(verdict([op(1, 0, 1, put('a')), op(3, 2, 3, get, { value: 'b' }), op(2, 4, null, put('b'))]), 'violation');
  // At most once: after b was seen and overwritten, it cannot reappear.
  assert.equal(verdict([op(2, 0, null, put('b')), op(3, 5, 6, get, { value: 'b' }), op(1, 7, 8, put('c')), op(3, 9, 10, get, { value: 'b' })]), 'violation');
  // An unknown CAS takes effect only where its comparison holds.
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, null, cas('a', 'b')), op(1, 3, 4, put('c')), op(3, 5, 6, get, { value: 'b' })]), 'violation');
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, null, cas('a', 'b')), op(3, 5, 6, get, { value: 'b' }), op(1, 7, 8, put('c'))]), 'linearizable');
  // An unknown delete explains an absent read; an unknown read constrains nothing.
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, null, del), op(3, 9, 10, get, { value: null }), op(3, 11, null, get)]), 'linearizable');
  // A failed CAS can be explained by an unknown write that happened.
  assert.equal(verdict([op(1, 0, 1, put('a')), op(2, 2, null, put('z')), op(3, 5, 6, cas('a', 'b'), { succeeded: false })]), 'linearizable');
});

test('a write the client was told failed is not in the history: its effect is a violation', () => {
  // Client 2's put('b') was refused (not recorded); a read that sees b has no explanation.
  assert.equal(verdict([op(1, 0, 1, put('a')), op(3, 5, 6, get, { value: 'b' })]), 'violation');
});

test('keys are checked independently', () => {
  const h = [op(1, 0, 1, put('a'), {}, 'x'), op(2, 2, 3, get, { value: 'b' }, 'y'), op(3, 0, 1, put('a'), {}, 'y')];
  const r = checkHistory(h);
  assert.equal(r.ok, false);
  assert.deepEqual(r.violations, ['y']);
  assert.equal(r.keys.get('x')!.verdict, 'linearizable');
});

test('a search that runs out of steps is inconclusive, never linearizable', () => {
  const h = Array.from({ length: 12 }, (_, i) => op(i, 0, null, put(`v${i}`)));
  h.push(op(99, 1, 2, get, { value: 'nope' }));
  assert.equal(checkKey(h, { maxSteps: 50 }).verdict, 'inconclusive');
  assert.equal(checkKey(h).verdict, 'violation');
  assert.equal(checkHistory(h, { maxSteps: 50 }).ok, false);
});

test('a long linearizable history with unknown outcomes is checked quickly', () => {
  const h: HistoryOp[] = [];
  let t = 0;
  let cur: string | null = null;
  for (let i = 0; i < 3000; i++) {
    const c = i % 7;
    if (i % 50 === 0) h.push(op(c, t, null, put(`lost${i}`))); // never took effect
    else if (i % 3 === 0) {
      h.push(op(c, t, t + 2, put(`v${i}`)));
      cur = `v${i}`;
    } else h.push(op(c, t, t + 2, get, { value: cur }));
    t += 3;
  }
  const r = checkKey(h);
  assert.equal(r.verdict, 'linearizable');
});

test('minimalFailing reduces a violation to the operations it needs, never inventing one', () => {
  const h: HistoryOp[] = [];
  for (let i = 0; i < 40; i++) h.push(op(i % 5, i * 10, i * 10 + 5, i % 2 ? put(`v${i}`) : get, i % 2 ? {} : { value: i === 0 ? null : `v${i - 1}` }));
  h.push(op(1, 395, 397, del));
  h.push(op(2, 398, 399, put('v39')));
  // A stale read at the end: v37 after v39 was written (and read back).
  h.push(op(9, 400, 405, get, { value: 'v39' }));
  h.push(op(9, 410, 415, get, { value: 'v37' }));
  assert.equal(checkKey(h).verdict, 'violation');
  const min = minimalFailing(h);
  const text = formatHistory(min);
  assert.equal(checkKey(min).verdict, 'violation');
  // put(v37), a later write completed before the stale read, and the read: not the read alone
  // (a read of a value nobody wrote would be a violation the history does not have).
  assert.equal(min.length, 3, text);
  assert.match(text, /put\("v37"\)/);
  assert.match(text, /get\(\) → "v37"/);
});

test('minimalFailing keeps a value nobody wrote when that is the violation (a refused write took effect)', () => {
  const h = [op(1, 0, 1, put('a')), op(2, 2, 3, get, { value: 'a' }), op(3, 4, 5, put('b')), op(2, 6, 7, get, { value: 'refused' }), op(2, 8, 9, get, { value: 'b' })];
  const min = minimalFailing(h);
  assert.equal(min.length, 1, formatHistory(min));
  assert.match(formatHistory(min), /"refused"/);
});

/**
 * Brute force, independent of the search under test: some subset of the unknown operations
 * plus every known one, in some order that respects real time (a known operation that returned
 * before another was invoked comes first; an unknown one never has to come first), replayed
 * on the model.
 */
function bruteForce(h: readonly HistoryOp[]): boolean {
  const ops = h.filter((o) => !(o.op.kind === 'get' && o.result.status === 'unknown'));
  const mustPrecede = (a: HistoryOp, b: HistoryOp): boolean => a.result.status === 'ok' && a.completeMs < b.invokeMs;
  const unknown = ops.filter((o) => o.result.status === 'unknown');
  for (let mask = 0; mask < 1 << unknown.length; mask++) {
    const chosen = ops.filter((o) => o.result.status === 'ok' || (mask & (1 << unknown.indexOf(o))) !== 0);
    const used = new Set<HistoryOp>();
    const dfs = (state: string | null): boolean => {
      if (used.size === chosen.length) return true;
      for (const o of chosen) {
        if (used.has(o)) continue;
        // Every operation that must come before o (among those that must take effect) is done.
        if (chosen.some((p) => !used.has(p) && p !== o && mustPrecede(p, o))) continue;
        const r = stepModel(state, o.op, o.result);
        if (!r.ok) continue;
        used.add(o);
        if (dfs(r.next)) return true;
        used.delete(o);
      }
      return false;
    };
    if (dfs(null)) return true;
  }
  return false;
}

test('the search agrees with brute force on 2,000 small random histories', async () => {
  const { SeededRandom } = await import('../../harness/random.js');
  const rng = new SeededRandom(42);
  const values = ['a', 'b', 'c'];
  const pickValue = (): string | null => (rng.chance(0.25) ? null : rng.pick(values));
  let violations = 0;
  for (let n = 0; n < 2000; n++) {
    const h: HistoryOp[] = [];
    const count = rng.between(1, 7);
    for (let i = 0; i < count; i++) {
      const inv = rng.between(0, 20);
      const ret = rng.chance(0.2) ? null : inv + rng.between(0, 8);
      const roll = rng.nextInt(4);
      const o: KvOp = roll === 0 ? put(rng.pick(values)) : roll === 1 ? del : roll === 2 ? cas(pickValue(), rng.pick(values)) : get;
      h.push(op(rng.nextInt(3), inv, ret, o, o.kind === 'get' ? { value: pickValue() } : o.kind === 'cas' ? { succeeded: rng.chance(0.5) } : {}));
    }
    const expected = bruteForce(h);
    if (!expected) violations++;
    assert.equal(checkKey(h).verdict, expected ? 'linearizable' : 'violation', formatHistory(h));
  }
  assert.ok(violations > 200 && violations < 1800, `both verdicts exercised (${violations} violations)`);
});

test('a register run by 10 busy clients (2,000 operations, 1% unknown) is linearizable within the default bound', async () => {
  const { SeededRandom } = await import('../../harness/random.js');
  const rng = new SeededRandom(3);
  // Each operation takes effect at a random instant of its interval, in that order.
  const slots: { c: number; inv: number; at: number; ret: number }[] = [];
  for (let c = 0; c < 10; c++) {
    for (let i = 0, t = rng.between(0, 5); i < 200; i++) {
      const d = rng.between(1, 10);
      slots.push({ c, inv: t, at: t + rng.between(0, d), ret: t + d });
      t += d + rng.between(0, 3);
    }
  }
  slots.sort((a, b) => a.at - b.at);
  let state: string | null = null;
  const h = slots.map((e, i) => {
    const roll = rng.next();
    const lost = rng.chance(0.01);
    if (roll < 0.4) return op(e.c, e.inv, e.ret, get, { value: state });
    if (roll < 0.7) {
      state = `v${i}`; // also when the client never learnt the outcome
      return op(e.c, e.inv, lost ? null : e.ret, put(`v${i}`));
    }
    if (roll < 0.9) {
      const expected = rng.chance(0.5) ? state : 'zz';
      const ok = expected === state;
      if (ok) state = `v${i}`;
      return op(e.c, e.inv, e.ret, cas(expected, `v${i}`), { succeeded: ok });
    }
    state = null;
    return op(e.c, e.inv, e.ret, del);
  });
  assert.equal(checkKey(h).verdict, 'linearizable');
});

test('minimalFailing does not trade the violation for a failed CAS left without its write', () => {
  // The violation is the stale read of a; without put(x) the failed CAS alone would "fail".
  const h = [op(1, 0, 1, put('a')), op(2, 2, 3, put('x')), op(3, 4, 5, cas('a', 'b'), { succeeded: false }), op(4, 6, 7, get, { value: 'a' })];
  const text = formatHistory(minimalFailing(h));
  assert.match(text, /put\("x"\)/, text);
  assert.match(text, /get\(\) → "a"/, text);
});
