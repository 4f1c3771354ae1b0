// The expiry index (expiry-index.ts): the keys whose expiry passed, found without a pass over
// every key that carries a ttl (the leader asks on every tick).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExpiryIndex } from '../../../src/state-machine/expiry-index.js';
import { KvStateMachine } from '../../../src/state-machine/kv-state-machine.js';
import { LayeredMap } from '../../../src/state-machine/layered-map.js';
import { SeededRandom } from '../../harness/random.js';
import { put, T0 } from './helpers.js';

// Scenario: 10,000 keys with a 1 h ttl, none due. Expectation: asking for expired keys looks at
// none of the stored keys (it looked up every key with a ttl in the map: 200,000 such keys kept
// an idle leader at 27 % CPU, its event loop 55-80 ms late, every 100 ms tick).
test('expiredKeys with many keys carrying a ttl and none due does not visit them', (t) => {
  const sm = new KvStateMachine();
  for (let i = 1; i <= 10_000; i++) sm.apply(put(i, `sess/${i}`, 'x', { ttlSecs: 3600 }));
  const get = t.mock.method(LayeredMap.prototype, 'get');
  assert.deepEqual(sm.expiredKeys(T0 + 60_000, 1000), []);
  assert.ok(get.mock.callCount() < 10, `looked up ${get.mock.callCount()} keys`);
  assert.equal(sm.expiredKeys(T0 + 3_600_000 + 10_000, 1000).length, 1000, 'once due, up to the limit');
});

// Scenario: random sets, changes, removals of expiries, checked against a plain map.
// Expectation: due() returns exactly the keys whose expiry ≤ now (up to the limit), every time.
test('ExpiryIndex.due matches a brute-force answer under random updates', () => {
  const rng = new SeededRandom(20261129);
  const random = (): number => rng.next();
  const index = new ExpiryIndex();
  const truth = new Map<string, number>();
  for (let step = 0; step < 5000; step++) {
    const key = `k${Math.floor(random() * 300)}`;
    const r = random();
    if (r < 0.2) {
      index.delete(key);
      truth.delete(key);
    } else {
      const exp = r < 0.3 ? 0 : 1 + Math.floor(random() * 1000);
      index.set(key, exp);
      if (exp === 0) truth.delete(key);
      else truth.set(key, exp);
    }
    if (step % 50 === 0) {
      const now = Math.floor(random() * 1100);
      const expected = [...truth].filter(([, e]) => e <= now).map(([k]) => k).sort();
      assert.deepEqual(index.due(now, Infinity).sort(), expected, `step ${step}, now ${now}`);
      const limited = index.due(now, 5);
      assert.equal(limited.length, Math.min(5, expected.length));
      for (const k of limited) assert.ok(truth.get(k)! <= now);
      assert.equal(index.size, truth.size);
    }
  }
});
