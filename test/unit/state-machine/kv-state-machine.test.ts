// KV semantics of d-engine's WriteCommand (reference §6) with raftctl's deterministic TTL
// (PROTOCOL.md departures: expiry = proposed_at_unix_ms + ttl, identical on every replica).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { InternalError } from '../../../src/errors.js';
import { d_engine } from '../../../src/proto/raftctl.js';
import { decodeClientWriteCommand, decodeWriteCommand, encodeWriteCommand } from '../../../src/state-machine/command.js';
import { InvalidCommandError, ScanTooLargeError } from '../../../src/state-machine/errors.js';
import { LayeredMap } from '../../../src/state-machine/layered-map.js';
import { KvStateMachine } from '../../../src/state-machine/kv-state-machine.js';
import type { ApplyEntry } from '../../../src/state-machine/types.js';
import { cas, del, expire, put, s, T0 } from './helpers.js';

/** Counts the map entries a scan visits (LayeredMap.prototype.entries, mocked for test `t`). */
function countMapVisits(t: TestContext): () => number {
  let visited = 0;
  const entries = LayeredMap.prototype.entries;
  t.mock.method(LayeredMap.prototype, 'entries', function* (this: LayeredMap) {
    for (const e of entries.call(this)) {
      visited++;
      yield e;
    }
  });
  return () => visited;
}

test('insert, get, delete; results report succeeded; revision is the applied index', () => {
  const sm = new KvStateMachine();
  assert.deepEqual(sm.apply(put(1, 'a', '1')), { index: 1, kind: 'write', op: 'insert', succeeded: true });
  assert.equal(s(sm.get(Buffer.from('a'), T0)), '1');
  assert.deepEqual(sm.apply(del(2, 'a')), { index: 2, kind: 'write', op: 'delete', succeeded: true });
  assert.equal(sm.get(Buffer.from('a'), T0), undefined);
  assert.deepEqual(sm.apply(del(3, 'missing')), { index: 3, kind: 'write', op: 'delete', succeeded: true });
  assert.equal(sm.revision(), 3);
});

test('compare-and-swap: absent expected = must not exist; empty expected = value must be empty', () => {
  const sm = new KvStateMachine();
  const k = Buffer.from('k');
  // absent expected on a missing key → swap
  assert.equal((sm.apply(cas(1, 'k', null, 'first')) as { succeeded: boolean }).succeeded, true);
  assert.equal(s(sm.get(k, T0)), 'first');
  // absent expected on an existing key → no swap
  assert.equal((sm.apply(cas(2, 'k', null, 'second')) as { succeeded: boolean }).succeeded, false);
  // empty expected does not match "first"
  assert.equal((sm.apply(cas(3, 'k', '', 'second')) as { succeeded: boolean }).succeeded, false);
  assert.equal(s(sm.get(k, T0)), 'first');
  // matching bytes → swap
  assert.equal((sm.apply(cas(4, 'k', 'first', '')) as { succeeded: boolean }).succeeded, true);
  assert.equal(s(sm.get(k, T0)), '');
  // now the value is empty: empty expected matches, absent expected does not
  assert.equal((sm.apply(cas(5, 'k', null, 'x')) as { succeeded: boolean }).succeeded, false);
  assert.equal((sm.apply(cas(6, 'k', '', 'third')) as { succeeded: boolean }).succeeded, true);
  assert.equal(s(sm.get(k, T0)), 'third');
  // empty expected on a missing key does not match either
  assert.equal((sm.apply(cas(7, 'nokey', '', 'x')) as { succeeded: boolean }).succeeded, false);
  assert.equal(sm.get(Buffer.from('nokey'), T0), undefined);
});

test('the encoding keeps absent vs empty expected_value apart (proto3 optional presence)', () => {
  const absent = decodeWriteCommand(encodeWriteCommand({ op: 'cas', key: Buffer.from('k'), expectedValue: null, newValue: Buffer.from('v') }));
  const empty = decodeWriteCommand(encodeWriteCommand({ op: 'cas', key: Buffer.from('k'), expectedValue: Buffer.alloc(0), newValue: Buffer.from('v') }));
  assert.equal(absent.op === 'cas' && absent.expectedValue, null);
  assert.deepEqual(empty.op === 'cas' && empty.expectedValue, Buffer.alloc(0));
});

test('TTL: two replicas applying the same entries at different wall clocks compute identical expiry', async () => {
  const log: ApplyEntry[] = [put(1, 'session', 'abc', { ttlSecs: 10, at: T0 }), put(2, 'other', 'x')];
  const a = new KvStateMachine();
  const b = new KvStateMachine();
  for (const e of log) a.apply(e);
  await new Promise((r) => setTimeout(r, 20)); // b applies later: must not matter
  for (const e of log) b.apply(e);
  const key = Buffer.from('session');
  for (const sm of [a, b]) {
    assert.equal(s(sm.get(key, T0 + 9_999)), 'abc');
    assert.equal(sm.get(key, T0 + 10_000), undefined, 'expired exactly at proposedAt + ttl');
    assert.deepEqual(sm.expiredKeys(T0 + 10_000, 10).map(String), ['session']);
    assert.deepEqual(sm.expiredKeys(T0 + 9_999, 10), []);
  }
  const snapA = await collectSnapshot(a);
  const snapB = await collectSnapshot(b);
  assert.deepEqual(snapA, snapB);
  assert.equal(snapA.find((r) => r.key === 'session')?.expiresAtUnixMs, T0 + 10_000);
});

async function collectSnapshot(sm: KvStateMachine) {
  const src = sm.beginSnapshot();
  const out = [];
  for await (const r of src.records()) out.push({ key: r.key.toString(), value: r.value.toString(), expiresAtUnixMs: r.expiresAtUnixMs });
  src.release();
  return out;
}

test('TTL: a key expired as of the entry time counts as absent for CAS; expire deletes only expired keys', () => {
  const sm = new KvStateMachine();
  sm.apply(put(1, 'lease', 'holder-1', { ttlSecs: 5, at: T0 }));
  // CAS "must not exist" at T0+4s fails, at T0+5s succeeds (the lease has expired).
  assert.equal((sm.apply(cas(2, 'lease', null, 'holder-2', T0 + 4_000)) as { succeeded: boolean }).succeeded, false);
  assert.equal((sm.apply(cas(3, 'lease', null, 'holder-2', T0 + 5_000)) as { succeeded: boolean }).succeeded, true);
  sm.apply(put(4, 'tmp', 'x', { ttlSecs: 1, at: T0 }));
  sm.apply(put(5, 'fresh', 'y', { ttlSecs: 100, at: T0 }));
  const r = sm.apply(expire(6, ['tmp', 'fresh', 'lease'], T0 + 2_000));
  assert.deepEqual(r, { index: 6, kind: 'expire', deleted: 1 });
  assert.equal(sm.size, 2);
  assert.equal(s(sm.get(Buffer.from('lease'), T0 + 10_000_000)), 'holder-2', 'CAS-written value has no expiry');
});

test('TTL without a proposal time is rejected deterministically and changes nothing', () => {
  const sm = new KvStateMachine();
  const e: ApplyEntry = { index: 1, term: 1, kind: 'command', command: encodeWriteCommand({ op: 'insert', key: Buffer.from('k'), value: Buffer.from('v'), ttlSecs: 3 }) };
  const r = sm.apply(e);
  assert.equal(r.kind, 'rejected');
  assert.equal(sm.size, 0);
  assert.equal(sm.appliedIndex, 1);
});

test('bad input: empty key, oversize key/value, empty or garbage command → typed error, no change', () => {
  const sm = new KvStateMachine({ limits: { maxKeyBytes: 8, maxValueBytes: 16 } });
  const cmds: Uint8Array[] = [
    encodeWriteCommand({ op: 'insert', key: Buffer.alloc(0), value: Buffer.from('v'), ttlSecs: 0 }),
    encodeWriteCommand({ op: 'insert', key: Buffer.alloc(9, 1), value: Buffer.from('v'), ttlSecs: 0 }),
    encodeWriteCommand({ op: 'insert', key: Buffer.from('k'), value: Buffer.alloc(17), ttlSecs: 0 }),
    encodeWriteCommand({ op: 'cas', key: Buffer.from('k'), expectedValue: Buffer.alloc(17), newValue: Buffer.from('v') }),
    encodeWriteCommand({ op: 'delete', key: Buffer.alloc(0) }),
    d_engine.client.WriteCommand.encode({}).finish(),
    Buffer.from([0xff, 0xff, 0xff]),
  ];
  cmds.forEach((command, i) => {
    const r = sm.apply({ index: i + 1, term: 1, kind: 'command', command, proposedAtUnixMs: T0 });
    assert.equal(r.kind, 'rejected', `command ${i} should be rejected`);
    assert.ok(r.kind === 'rejected' && r.error instanceof InvalidCommandError && r.error.code === 'INVALID_REQUEST');
    assert.throws(() => decodeWriteCommand(command, sm.limits), InvalidCommandError);
  });
  assert.equal(sm.size, 0);
  assert.equal(sm.appliedIndex, cmds.length);
});

test('apply must follow log order (index = applied + 1)', () => {
  const sm = new KvStateMachine();
  sm.apply(put(1, 'a', '1'));
  assert.throws(() => sm.apply(put(3, 'b', '2')), InternalError);
  assert.throws(() => sm.apply(put(1, 'b', '2')), InternalError);
});

test('read returns only existing keys in request order; scan is sorted by key bytes with the revision', () => {
  const sm = new KvStateMachine();
  let i = 0;
  for (const k of ['/app/b', '/app/a', '/app/c', '/other/x', '/app/ab']) sm.apply(put(++i, k, k.toUpperCase()));
  sm.apply(put(++i, '/app/ttl', 'gone', { ttlSecs: 1, at: T0 }));
  const got = sm.read([Buffer.from('/app/c'), Buffer.from('/nope'), Buffer.from('/app/a')], T0 + 5_000);
  assert.deepEqual(got.map((p) => [p.key.toString(), p.value.toString()]), [['/app/c', '/APP/C'], ['/app/a', '/APP/A']]);
  const scan = sm.scan(Buffer.from('/app/'), T0 + 5_000);
  assert.deepEqual(scan.entries.map((p) => p.key.toString()), ['/app/a', '/app/ab', '/app/b', '/app/c']);
  assert.equal(scan.revision, 6);
  assert.equal(sm.scan(Buffer.alloc(0), T0 + 5_000).entries.length, 5);
  assert.equal(sm.scan(Buffer.from('/app/'), T0).entries.length, 5, 'the ttl key is live before its expiry');
});

test('a scan bounded by maxBytes stops once its hits pass the bound, without visiting the rest of the map', (t) => {
  // 2,000 keys of 9 + 100 bytes; a bound of 1,000 bytes is passed at the 10th hit. Before the
  // bound went into the scan, every key was collected and sorted and only then was the answer
  // refused: seconds of a blocked event loop on a map of two million keys.
  const sm = new KvStateMachine();
  for (let i = 1; i <= 2000; i++) sm.apply(put(i, `k/${String(i).padStart(6, '0')}`, 'v'.repeat(100)));
  const visited = countMapVisits(t);
  assert.throws(() => sm.scan(Buffer.from('k/'), T0, 1000), (e: unknown) => e instanceof ScanTooLargeError && e.code === 'RESOURCE_EXHAUSTED' && /more than 1000 bytes/.test(e.message));
  assert.equal(visited(), 10, 'stops at the hit that passes the bound');
  // At or under the bound the whole answer comes back, sorted.
  const ok = sm.scan(Buffer.from('k/00001'), T0, 10 * 109);
  assert.deepEqual(ok.entries.map((p) => p.key.toString()), Array.from({ length: 10 }, (_, i) => `k/0000${10 + i}`));
});

// Scenario: 2,000 small keys (1-byte values), a scan bounded to 500 entries and unbounded in
// bytes. Expectation: refused at the 501st hit, without visiting the rest of the map; a scan of exactly
// as many hits as its bound (999 of 999) comes back whole. An answer's cost is per entry: 1.5 million 1-byte values fit under the 32 MiB byte
// bound and held the event loop 3.3 s, past an election timeout.
test('a scan bounded by maxEntries is refused past that many hits, whatever their bytes', (t) => {
  const sm = new KvStateMachine();
  for (let i = 1; i <= 2000; i++) sm.apply(put(i, `k/${String(i).padStart(6, '0')}`, 'v'));
  const visited = countMapVisits(t);
  assert.throws(() => sm.scan(Buffer.from('k/'), T0, Infinity, 500), (e: unknown) => e instanceof ScanTooLargeError && e.code === 'RESOURCE_EXHAUSTED' && /more than 500 entries/.test(e.message));
  assert.equal(visited(), 501, 'stops at the hit that passes the bound');
  assert.equal(sm.scan(Buffer.from('k/000'), T0, Infinity, 999).entries.length, 999, 'at the bound: the whole answer');
});

test('binary keys sort by unsigned byte order', () => {
  const sm = new KvStateMachine();
  const keys = [Buffer.from([0xff]), Buffer.from([0x00, 0x01]), Buffer.from([0x7f]), Buffer.from([0x80, 0x00])];
  keys.forEach((k, i) => sm.apply({ index: i + 1, term: 1, kind: 'command', command: encodeWriteCommand({ op: 'insert', key: k, value: Buffer.from('v'), ttlSecs: 0 }), proposedAtUnixMs: T0 }));
  assert.deepEqual(sm.scan(Buffer.alloc(0), T0).entries.map((p) => p.key.toString('hex')), ['0001', '7f', '8000', 'ff']);
});

test('noop and configuration entries advance the applied index; configuration is recorded', () => {
  const sm = new KvStateMachine();
  sm.apply({ index: 1, term: 1, kind: 'configuration', configuration: { voters: [1, 2], votersOutgoing: [], learners: [{ id: 3, readOnly: false }], addresses: { 1: 'a:1' } } });
  sm.apply({ index: 2, term: 2, kind: 'noop' });
  assert.equal(sm.appliedIndex, 2);
  assert.equal(sm.appliedTerm, 2);
  assert.equal(sm.configIndex, 1);
  assert.deepEqual(sm.configuration.voters, [1, 2]);
});

test('expire travels as command bytes (WriteCommand.expire = 100): the state machine applies it; clients may not propose it', () => {
  const bytes = encodeWriteCommand({ op: 'expire', keys: [Buffer.from('a'), Buffer.from('b')] });
  assert.deepEqual(decodeWriteCommand(bytes), { op: 'expire', keys: [Buffer.from('a'), Buffer.from('b')] });
  assert.throws(() => decodeClientWriteCommand(bytes), InvalidCommandError);
  assert.throws(() => decodeWriteCommand(encodeWriteCommand({ op: 'expire', keys: [] })), InvalidCommandError, 'an expire lists at least one key');
  assert.throws(() => decodeWriteCommand(encodeWriteCommand({ op: 'expire', keys: [Buffer.alloc(0)] })), InvalidCommandError, 'keys are validated');
  // A client insert decodes the same through both entry points.
  const insert = encodeWriteCommand({ op: 'insert', key: Buffer.from('k'), value: Buffer.from('v'), ttlSecs: 0 });
  assert.deepEqual(decodeClientWriteCommand(insert), decodeWriteCommand(insert));
  // d-engine's decoder sees a command with no known operation.
  assert.equal(d_engine.client.WriteCommand.decode(bytes).operation, undefined);

  const sm = new KvStateMachine();
  sm.apply(put(1, 'a', 'x', { ttlSecs: 1, at: T0 }));
  sm.apply(put(2, 'b', 'y', { ttlSecs: 1, at: T0 }));
  sm.apply(put(3, 'b', 'z', { at: T0 + 1_500 })); // rewritten without ttl after the expiry: survives
  const events = sm.watch({ key: Buffer.from('a') });
  assert.deepEqual(sm.apply({ index: 4, term: 1, kind: 'command', command: bytes, proposedAtUnixMs: T0 + 2_000 }), { index: 4, kind: 'expire', deleted: 1 });
  assert.equal(sm.get(Buffer.from('a'), 0), undefined);
  assert.equal(s(sm.get(Buffer.from('b'), T0 + 10_000)), 'z');
  assert.equal(sm.appliedIndex, 4);
  assert.equal(events.pending, 1, 'watchers see the expiry as a DELETE at the expire entry');
});

test('a TTL too large for any proposal time before the year 3000 is refused when the command is checked (before it is proposed), never at apply', () => {
  const limitSecs = Math.floor((Number.MAX_SAFE_INTEGER - Date.UTC(3000, 0, 1)) / 1000);
  const insert = (ttlSecs: number) => encodeWriteCommand({ op: 'insert', key: Buffer.from('k'), value: Buffer.from('v'), ttlSecs });
  assert.throws(() => decodeWriteCommand(insert(limitSecs + 1)), (e: unknown) => e instanceof InvalidCommandError && e.message.includes(`at most ${limitSecs} s`), 'the refusal names the limit');
  assert.equal(decodeWriteCommand(insert(limitSecs)).op, 'insert');
  const sm = new KvStateMachine();
  const r = sm.apply(put(1, 'k', 'v', { ttlSecs: limitSecs, at: Date.UTC(2999, 11, 31) }));
  assert.equal(r.kind, 'write');
});

test('TTL: an expiry listed twice (an old leader\'s entry committed by its successor, then the successor\'s own) deletes once; expire entries name keys, so the stored expiry decides what a later one deletes', async () => {
  const sm = new KvStateMachine();
  const events = sm.watch({ key: Buffer.from('/k/'), prefix: true, prevKv: true });
  sm.apply(put(1, '/k/a', 'a1', { ttlSecs: 1, at: T0 }));
  sm.apply(put(2, '/k/b', 'b1', { ttlSecs: 1, at: T0 }));
  sm.apply(put(3, '/k/c', 'c1', { ttlSecs: 1, at: T0 }));
  assert.deepEqual(sm.apply(expire(4, ['/k/a', '/k/b', '/k/c'], T0 + 1_000)), { index: 4, kind: 'expire', deleted: 3 });
  // Between the two expiry entries: /k/b is put again with a ttl ending after the second one's
  // time (it stays), /k/c with one that ended by then (expired as well: it goes).
  sm.apply(put(5, '/k/b', 'b2', { ttlSecs: 5, at: T0 + 1_100 }));
  sm.apply(put(6, '/k/c', 'c2', { ttlSecs: 1, at: T0 + 1_100 }));
  assert.deepEqual(sm.apply(expire(7, ['/k/a', '/k/b', '/k/c'], T0 + 2_100)), { index: 7, kind: 'expire', deleted: 1 });
  const seen: string[] = [];
  while (events.pending > 0) {
    const { value: e } = await events.next();
    seen.push(`${e.type} ${e.key.toString()}=${e.value.toString()} prev=${e.prevValue?.toString() ?? '-'} @${e.revision}`);
  }
  assert.deepEqual(seen, [
    'PUT /k/a=a1 prev=- @1',
    'PUT /k/b=b1 prev=- @2',
    'PUT /k/c=c1 prev=- @3',
    'DELETE /k/a= prev=a1 @4',
    'DELETE /k/b= prev=b1 @4',
    'DELETE /k/c= prev=c1 @4',
    'PUT /k/b=b2 prev=- @5',
    'PUT /k/c=c2 prev=- @6',
    'DELETE /k/c= prev=c2 @7',
  ]);
  assert.equal(s(sm.get(Buffer.from('/k/b'), T0 + 6_099)), 'b2');
  assert.equal(sm.size, 1);
  assert.deepEqual(sm.expiredKeys(T0 + 6_099, 10), [], 'the index follows the rewrite: due at its new expiry, not before');
  assert.deepEqual(sm.expiredKeys(T0 + 6_100, 10).map(String), ['/k/b']);
});
