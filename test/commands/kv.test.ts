/**
 * `raftctl kv put|get|del|cas|scan|watch` in-process against a fake KV cluster (FakePeers on
 * 127.0.0.1 sharing one store): JSON shapes (CLI.md "JSON shapes", `kv get`), exit codes,
 * NOT_LEADER redirection in both forms (PROTOCOL.md), the unknown outcome of a write that timed
 * out (CLI.md "retries"), @file values and usage errors.
 */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { delay, fail, respond } from '../harness/fake-peer.js';
import { startHungServer, type HungServer } from '../harness/hung-server.js';
import { startFakeKv, withFakeKv, type FakeKvCluster } from './helpers/fake-kv.js';
import { closedPort } from './helpers/fake-nodes.js';
import { lines, runCommand } from './helpers/run-command.js';
import type { WatchResponse } from '../../src/transport/messages.js';

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

/** Two watch events on key "w": a put at revision 7, then a delete at 8. */
const PUT_THEN_DELETE = [
  { key: Buffer.from('w'), value: Buffer.from('1'), eventType: 0, revision: 7 },
  { key: Buffer.from('w'), eventType: 1, revision: 8 },
];

describe('kv against a raftctl-style cluster (leader 1)', () => {
  let kv: FakeKvCluster;
  let dir: string;
  before(async () => {
    kv = await startFakeKv();
    dir = mkdtempSync(join(tmpdir(), 'raftctl-kv-test-'));
  });
  after(async () => {
    await kv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('put then get: exit 0, the write result and the get shape of CLI.md', async () => {
    const put = await runCommand(['kv', 'put', 'greeting', 'hello', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(put.exitCode, 0, put.stderr);
    assert.deepEqual(json(put.stdout), { op: 'put', key: 'greeting', keyEncoding: 'utf8', outcome: 'applied', succeeded: true, endpoint: kv.endpoints[0], error: null });
    const get = await runCommand(['kv', 'get', 'greeting', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(get.exitCode, 0, get.stderr);
    assert.deepEqual(json(get.stdout), { key: 'greeting', value: 'hello', found: true, keyEncoding: 'utf8', valueEncoding: 'utf8' });
    const table = await runCommand(['kv', 'get', 'greeting', '-e', kv.endpoints[0]!]);
    assert.equal(table.stdout, 'hello\n');
  });

  test('RAFTCTL_CONTENT_TYPE=json picks JSON only when no -o or --json is given: a flag beats the environment', async () => {
    await runCommand(['kv', 'put', 'envtest', 'v', '-e', kv.endpoints[0]!]);
    const env = { RAFTCTL_CONTENT_TYPE: 'json' };
    const byEnv = await runCommand(['kv', 'get', 'envtest', '-e', kv.endpoints[0]!], env);
    assert.equal(byEnv.exitCode, 0, byEnv.stderr);
    assert.equal(json(byEnv.stdout).value, 'v');
    const yaml = await runCommand(['kv', 'get', 'envtest', '-e', kv.endpoints[0]!, '-o', 'yaml'], env);
    assert.equal(yaml.exitCode, 0, yaml.stderr);
    assert.match(yaml.stdout, /^key: envtest$/m);
    const table = await runCommand(['kv', 'get', 'envtest', '-e', kv.endpoints[0]!, '-o', 'table'], env);
    assert.equal(table.stdout, 'v\n');
  });

  test('get of a missing key: exit 0, found false, value and valueEncoding null; nothing printed as a table', async () => {
    const r = await runCommand(['kv', 'get', 'nope', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(json(r.stdout), { key: 'nope', value: null, found: false, keyEncoding: 'utf8', valueEncoding: null });
    const table = await runCommand(['kv', 'get', 'nope', '-e', kv.endpoints[0]!]);
    assert.equal(table.exitCode, 0);
    assert.equal(table.stdout, '');
  });

  test('@file: binary bytes are stored as they are and read back as base64', async () => {
    const file = join(dir, 'blob.bin');
    const bytes = Buffer.from([0xff, 0x00, 0xfe, 0x80]);
    writeFileSync(file, bytes);
    const put = await runCommand(['kv', 'put', 'blob', `@${file}`, '-e', kv.endpoints[0]!]);
    assert.equal(put.exitCode, 0, put.stderr);
    assert.equal(put.stdout, 'OK\n');
    assert.deepEqual(kv.store.get('blob'), bytes);
    const get = await runCommand(['kv', 'get', 'blob', '-e', kv.endpoints[0]!, '--json']);
    assert.deepEqual(json(get.stdout), { key: 'blob', value: bytes.toString('base64'), found: true, keyEncoding: 'utf8', valueEncoding: 'base64' });
  });

  test('@file naming a missing file: exit 2, one line, nothing sent', async () => {
    const before = kv.peer(1).callsTo('HandleClientWrite').length;
    const r = await runCommand(['kv', 'put', 'k', `@${join(dir, 'missing.txt')}`, '-e', kv.endpoints[0]!]);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stdout, '');
    assert.equal(lines(r.stderr).length, 1);
    assert.match(r.stderr, /cannot read file .*missing\.txt.*ENOENT/);
    assert.equal(kv.peer(1).callsTo('HandleClientWrite').length, before);
  });

  test('--ttl is sent in whole seconds, rounded up', async () => {
    const r = await runCommand(['kv', 'put', 'session', 'x', '--ttl', '1500ms', '-e', kv.endpoints[0]!]);
    assert.equal(r.exitCode, 0, r.stderr);
    const last = kv.peer(1).callsTo('HandleClientWrite').at(-1)!.request as { command: { insert: { ttlSecs: number } } };
    assert.equal(last.command.insert.ttlSecs, 2);
    // A TTL is sent, not waited for: longer than a timer's 596h is fine.
    const month = await runCommand(['kv', 'put', 'session', 'x', '--ttl', '720h', '-e', kv.endpoints[0]!]);
    assert.equal(month.exitCode, 0, month.stderr);
    const sent = kv.peer(1).callsTo('HandleClientWrite').at(-1)!.request as { command: { insert: { ttlSecs: number } } };
    assert.equal(sent.command.insert.ttlSecs, 720 * 3600);
    const bare = await runCommand(['kv', 'put', 'session', 'x', '--ttl', '60', '-e', kv.endpoints[0]!]);
    assert.equal(bare.exitCode, 2);
    assert.match(bare.stderr, /--ttl 60 needs a unit .*Hint: e\.g\. --ttl 60s/);
    const bareLarge = await runCommand(['kv', 'put', 'session', 'x', '--ttl', '3600', '-e', kv.endpoints[0]!]);
    assert.equal(bareLarge.exitCode, 2, 'a bare 3600 would be a 4 s TTL');
  });

  test('cas --absent, then again (exit 6 COMPARE_FAILED with the result on stdout), then --expect', async () => {
    const first = await runCommand(['kv', 'cas', 'lock', '--absent', 'alice', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(first.exitCode, 0, first.stderr);
    assert.equal(json(first.stdout).succeeded, true);
    const second = await runCommand(['kv', 'cas', 'lock', '--absent', 'bob', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(second.exitCode, 6);
    assert.deepEqual(json(second.stdout), { op: 'cas', key: 'lock', keyEncoding: 'utf8', outcome: 'applied', succeeded: false, endpoint: kv.endpoints[0], error: null });
    const refused = json(lines(second.stderr)[0]!).error as { code: string; message: string; hint: string };
    assert.equal(refused.code, 'COMPARE_FAILED');
    assert.match(refused.message, /"lock" exists/);
    assert.doesNotMatch(refused.hint, /right --expect/, 'no --expect to get right with --absent');
    assert.match(refused.hint, /already exists/);
    const third = await runCommand(['kv', 'cas', 'lock', '--expect', 'alice', 'carol', '-e', kv.endpoints[0]!]);
    assert.equal(third.exitCode, 0, third.stderr);
    assert.equal(kv.store.get('lock')?.toString(), 'carol');
  });

  test('del: exit 0, key gone', async () => {
    kv.store.set('doomed', Buffer.from('x'));
    const r = await runCommand(['kv', 'del', 'doomed', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(json(r.stdout).op, 'delete');
    assert.equal(kv.store.has('doomed'), false);
  });

  // QA: cli-table3 padded every VALUE cell to the widest value: 1,182 keys beside one 900 KB
  // value made a 1 GB string and `kv scan` failed with "Invalid string length" (exit 1).
  test('scan table: one large value does not pad every other row to its width (1,100 rows beside 500 KB: exit 0, not "Invalid string length")', async () => {
    const big = 'x'.repeat(500_000);
    kv.store.set('/tbl/big', Buffer.from(big));
    for (let i = 0; i < 1100; i++) kv.store.set(`/tbl/k${String(i).padStart(4, '0')}`, Buffer.from(`v${i}`));
    try {
      const r = await runCommand(['kv', 'scan', '/tbl/', '-e', kv.endpoints[0]!]);
      assert.equal(r.exitCode, 0, r.stderr);
      const out = lines(r.stdout);
      assert.equal(out[0], '1101 keys with prefix "/tbl/" at revision ' + kv.revision);
      assert.deepEqual(out.slice(1, 3), ['KEY         VALUE', `/tbl/big    ${big}`]);
      assert.equal(out[3], '/tbl/k0000  v0');
      assert.ok(r.stdout.length < big.length + 50_000, `stdout is ${r.stdout.length} characters`);
    } finally {
      for (const k of [...kv.store.keys()]) if (k.startsWith('/tbl/')) kv.store.delete(k);
    }
  });

  test('scan: entries sorted by key, the revision, the count', async () => {
    for (const k of ['/cfg/b', '/cfg/a', '/other']) kv.store.set(k, Buffer.from(`v${k}`));
    const r = await runCommand(['kv', 'scan', '/cfg/', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(json(r.stdout), {
      prefix: '/cfg/', prefixEncoding: 'utf8', revision: kv.revision, count: 2,
      entries: [
        { key: '/cfg/a', value: 'v/cfg/a', keyEncoding: 'utf8', valueEncoding: 'utf8' },
        { key: '/cfg/b', value: 'v/cfg/b', keyEncoding: 'utf8', valueEncoding: 'utf8' },
      ],
    });
  });

  test('NOT_LEADER with a hint (raftctl form): a write sent to a follower lands on the leader, once', async () => {
    const leaderWrites = kv.peer(1).callsTo('HandleClientWrite').length;
    const r = await runCommand(['kv', 'put', 'redirected', 'yes', '-e', `${kv.endpoints[2]},${kv.endpoints[1]}`, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(json(r.stdout).endpoint, kv.endpoints[0]);
    assert.equal(kv.peer(3).callsTo('HandleClientWrite').length, 1);
    assert.equal(kv.peer(1).callsTo('HandleClientWrite').length, leaderWrites + 1);
    assert.equal(kv.store.get('redirected')?.toString(), 'yes');
  });

  test('--consistency: unset sends no policy, lease sends 0 (explicit presence), eventual is served by a follower', async () => {
    kv.store.set('c', Buffer.from('1'));
    await runCommand(['kv', 'get', 'c', '-e', kv.endpoints[0]!]);
    const unset = kv.peer(1).callsTo('HandleClientRead').at(-1)!.request as object;
    assert.equal(Object.hasOwn(unset, 'consistencyPolicy'), false);
    await runCommand(['kv', 'get', 'c', '--consistency', 'lease', '-e', kv.endpoints[0]!]);
    const lease = kv.peer(1).callsTo('HandleClientRead').at(-1)!.request as { consistencyPolicy: number };
    assert.equal(Object.hasOwn(lease, 'consistencyPolicy'), true);
    assert.equal(lease.consistencyPolicy, 0);
    const eventual = await runCommand(['kv', 'get', 'c', '--consistency', 'eventual', '-e', kv.endpoints[1]!, '--json']);
    assert.equal(eventual.exitCode, 0, eventual.stderr);
    assert.equal(json(eventual.stdout).value, '1');
    assert.equal((kv.peer(2).callsTo('HandleClientRead').at(-1)!.request as { consistencyPolicy: number }).consistencyPolicy, 2);
  });

  test('a write whose call times out: exit 5, "outcome": "unknown" on stdout, OUTCOME_UNKNOWN on stderr, sent once', async () => {
    kv.peer(1).queue('HandleClientWrite', delay(3000));
    const before = kv.peer(1).callsTo('HandleClientWrite').length;
    const r = await runCommand(['kv', 'put', 'slow', 'v', '-e', kv.endpoints[0]!, '--timeout', '300ms', '--json']);
    assert.equal(r.exitCode, 5, r.stderr);
    const doc = json(r.stdout);
    assert.equal(doc.outcome, 'unknown');
    assert.equal(doc.succeeded, null);
    assert.match(String(doc.error), /deadline/i);
    const err = json(lines(r.stderr)[0]!).error as { code: string; exitCode: number };
    assert.deepEqual([err.code, err.exitCode], ['OUTCOME_UNKNOWN', 5]);
    assert.equal(kv.peer(1).callsTo('HandleClientWrite').length, before + 1, 'never retried');
  });

  test('a get and a scan cut off by --wait-timeout while the leader is silent: exit 5 TIMEOUT saying --wait-timeout ran out, with a hint (not a bare "call cancelled")', async () => {
    try {
      for (const [method, argv] of [['HandleClientRead', ['kv', 'get', 'k']], ['HandleClientScan', ['kv', 'scan', 'k']]] as const) {
        kv.peer(1).queue(method, delay(5000), delay(5000));
        const r = await runCommand([...argv, '-e', kv.endpoints[0]!, '--timeout', '10s', '--wait-timeout', '700ms', '--json']);
        assert.equal(r.exitCode, 5, r.stdout + r.stderr);
        assert.equal(r.stdout, '');
        const err = json(lines(r.stderr)[0]!).error as { code: string; message: string; hint: string | null };
        assert.equal(err.code, 'TIMEOUT');
        assert.match(err.message, /--wait-timeout \(700 ms\)/);
        assert.doesNotMatch(err.message, /cancelled/i);
        assert.match(String(err.hint), /--wait-timeout/);
        const text = await runCommand([...argv, '-e', kv.endpoints[0]!, '--timeout', '10s', '--wait-timeout', '700ms']);
        assert.equal(text.exitCode, 5, text.stderr);
        assert.match(lines(text.stderr)[0]!, /^Error: .*--wait-timeout \(700 ms\).*\. Hint: .*--wait-timeout/);
        kv.peer(1).clearQueues();
      }
    } finally {
      kv.peer(1).clearQueues();
    }
  });

  test('a put sent and then cut off by --wait-timeout: exit 5 OUTCOME_UNKNOWN saying --wait-timeout ran out before an answer, "outcome": "unknown" on stdout', async () => {
    kv.peer(1).queue('HandleClientWrite', delay(5000));
    try {
      const r = await runCommand(['kv', 'put', 'cut', 'v', '-e', kv.endpoints[0]!, '--timeout', '10s', '--wait-timeout', '700ms', '--json']);
      assert.equal(r.exitCode, 5, r.stdout + r.stderr);
      const doc = json(r.stdout);
      assert.equal(doc.outcome, 'unknown');
      assert.equal(doc.succeeded, null);
      assert.match(String(doc.error), /--wait-timeout \(700 ms\)/);
      const err = json(lines(r.stderr)[0]!).error as { code: string; exitCode: number; message: string; hint: string | null };
      assert.deepEqual([err.code, err.exitCode], ['OUTCOME_UNKNOWN', 5]);
      assert.match(err.message, /outcome is unknown/);
      assert.match(err.message, /--wait-timeout \(700 ms\)/);
      assert.doesNotMatch(err.message, /cancelled/i);
      assert.match(String(err.hint), /read the key back/);
    } finally {
      kv.peer(1).clearQueues();
    }
  });

  test('a --expect cas whose comparison fails: the hint says to retry with the right --expect', async () => {
    kv.store.set('ver', Buffer.from('2'));
    const r = await runCommand(['kv', 'cas', 'ver', '--expect', '1', '3', '-e', kv.endpoints[0]!]);
    assert.equal(r.exitCode, 6, r.stderr);
    assert.match(lines(r.stderr)[0]!, /^Error: kv cas: the comparison failed for key "ver"; nothing was changed\. Hint: .*--expect/);
  });

  test('a --prefix watch the node refuses for its key (no "/" at both ends): exit 6, the hint shows the key to use, not "changed nothing"', async () => {
    const original = kv.peer(1).raw.get('Watch')!;
    kv.peer(1).raw.set('Watch', (call: { emit(ev: string, e: unknown): void }) => call.emit('error', { code: status.INVALID_ARGUMENT, details: 'a prefix watch key must start and end with "/"' }));
    try {
      const r = await runCommand(['kv', 'watch', 'config', '--prefix', '-e', kv.endpoints[0]!, '--wait-timeout', '5s', '--json']);
      assert.equal(r.exitCode, 6, r.stderr);
      assert.equal(r.stdout, '');
      const err = json(lines(r.stderr)[0]!).error as { code: string; message: string; hint: string };
      assert.equal(err.code, 'INVALID_ARGUMENT');
      assert.match(err.message, /must start and end with "\/"/);
      assert.doesNotMatch(err.hint, /changed nothing/);
      assert.match(err.hint, /raftctl kv watch \/config\/ --prefix/);
    } finally {
      kv.peer(1).raw.set('Watch', original);
    }
  });

  test('watch --count 2 -o ndjson: one JSON object a line, exit 0', async () => {
    kv.watchEvents = [...PUT_THEN_DELETE];
    const r = await runCommand(['kv', 'watch', 'w', '--count', '2', '-o', 'ndjson', '-e', kv.endpoints[1]!]);
    assert.equal(r.exitCode, 0, r.stderr);
    const events = lines(r.stdout).map((l) => json(l));
    assert.deepEqual(events.map((e) => [e.type, e.key, e.value, e.revision]), [['put', 'w', '1', 7], ['delete', 'w', null, 8]]);
    assert.equal(events[0]!.endpoint, kv.endpoints[1]);
  });

  test('watch whose node goes away mid-stream: exit 4, says how to resync (not "the node is up but not ready")', async () => {
    kv.watchEvents = [{ key: Buffer.from('w'), value: Buffer.from('1'), eventType: 0, revision: 7 }];
    setTimeout(() => kv.peer(2).sever(), 300).unref();
    const r = await runCommand(['kv', 'watch', 'w', '-o', 'ndjson', '-e', kv.endpoints[1]!, '--wait-timeout', '5s']);
    assert.equal(r.exitCode, 4, r.stdout + r.stderr);
    assert.equal(lines(r.stdout).length, 1, 'the event before the drop was printed');
    assert.match(r.stderr, /lost its connection after 1 event/);
    assert.match(r.stderr, /resync/);
  });

  test('watch whose node shuts down gracefully (CANCELED, then UNAVAILABLE): exit 4 like a lost connection, the canceled event with revision null', async () => {
    kv.watchEvents = [
      { key: Buffer.from('w'), value: Buffer.from('1'), eventType: 0, revision: 7 },
      { key: Buffer.from('w'), eventType: 2, revision: 0 },
    ];
    kv.watchEndsWith = { code: status.UNAVAILABLE, details: 'the node is shutting down' };
    try {
      const r = await runCommand(['kv', 'watch', 'w', '-o', 'ndjson', '-e', kv.endpoints[1]!, '--wait-timeout', '5s']);
      assert.equal(r.exitCode, 4, r.stdout + r.stderr);
      const events = lines(r.stdout).map((l) => json(l));
      assert.deepEqual(events.map((e) => [e.type, e.revision]), [['put', 7], ['canceled', null]]);
      assert.match(r.stderr, /canceled by the node after 1 event/);
      assert.match(r.stderr, /resync/);
      assert.doesNotMatch(r.stderr, /not ready/);
    } finally {
      kv.watchEndsWith = null;
    }
  });

  // Scenario: the node cancels the watch and ends the stream with UNAVAILABLE whose details say
  // why (a raftctl node: 'watch canceled: the node restored a snapshot, ...'). Expectation: the
  // error names that reason, not the three possible ones: after a restore the same node can be
  // watched again at once, after a shutdown another endpoint is needed.
  test('watch canceled by the node: the message gives the reason from the status that ends the stream', async () => {
    kv.watchEvents = [
      { key: Buffer.from('w'), value: Buffer.from('1'), eventType: 0, revision: 7 },
      { key: Buffer.from('w'), eventType: 2, revision: 0 },
    ];
    kv.watchEndsWith = { code: status.UNAVAILABLE, details: 'watch canceled: the node restored a snapshot, whose changes are not delivered as events' };
    try {
      const r = await runCommand(['kv', 'watch', 'w', '-e', kv.endpoints[1]!, '--wait-timeout', '5s', '-o', 'ndjson']);
      assert.equal(r.exitCode, 4, r.stdout + r.stderr);
      const err = json(lines(r.stderr)[0]!).error as { code: string; message: string; hint: string };
      assert.equal(err.code, 'WATCH_CANCELED');
      assert.match(err.message, /after 1 event \(the node restored a snapshot, whose changes are not delivered as events\)$/);
      assert.match(err.hint, /resync/);
    } finally {
      kv.watchEndsWith = null;
    }
  });

  test('watch canceled by the node and the stream ended OK (overflow, snapshot restore): exit 4 with WATCH_CANCELED, also under --count before the count is reached', async () => {
    kv.watchEvents = [
      { key: Buffer.from('w'), value: Buffer.from('1'), eventType: 0, revision: 7 },
      { key: Buffer.from('w'), eventType: 2, revision: 0, error: 5001 },
    ];
    const r = await runCommand(['kv', 'watch', 'w', '--count', '2', '-o', 'ndjson', '-e', kv.endpoints[1]!, '--wait-timeout', '5s']);
    assert.equal(r.exitCode, 4, r.stdout + r.stderr);
    assert.deepEqual(lines(r.stdout).map((l) => json(l).type), ['put', 'canceled']);
    const err = json(lines(r.stderr)[0]!).error as { code: string; exitCode: number; message: string; hint: string };
    assert.deepEqual([err.code, err.exitCode], ['WATCH_CANCELED', 4]);
    assert.match(err.message, /after 1 event \(this client read too slowly/);
    assert.match(err.hint, /resync/);
  });

  test('watch --count whose stream the node ends (OK status) before the count: exit 4 WATCH_ENDED with a resync hint, not a success; without --count exit 0', async () => {
    const original = kv.peer(2).raw.get('Watch')!;
    kv.peer(2).raw.set('Watch', (call: { write(ev: WatchResponse): void; end(): void }) => {
      call.write({ key: Buffer.from('w'), value: Buffer.from('1'), eventType: 0, revision: 7 });
      setTimeout(() => call.end(), 50).unref();
    });
    try {
      const r = await runCommand(['kv', 'watch', 'w', '--count', '2', '-o', 'ndjson', '-e', kv.endpoints[1]!, '--wait-timeout', '5s']);
      assert.equal(r.exitCode, 4, r.stdout + r.stderr);
      assert.deepEqual(lines(r.stdout).map((l) => json(l).type), ['put']);
      const err = json(lines(r.stderr)[0]!).error as { code: string; message: string; hint: string };
      assert.equal(err.code, 'WATCH_ENDED');
      assert.match(err.message, /ended the watch after 1 of the 2 events/);
      assert.match(err.hint, /resync/);
      const plain = await runCommand(['kv', 'watch', 'w', '-o', 'ndjson', '-e', kv.endpoints[1]!, '--wait-timeout', '5s']);
      assert.equal(plain.exitCode, 0, plain.stderr);
    } finally {
      kv.peer(2).raw.set('Watch', original);
    }
  });

  test('watch -o yaml: one YAML document per event ("---" first), a valid YAML stream', async () => {
    kv.watchEvents = [...PUT_THEN_DELETE];
    const r = await runCommand(['kv', 'watch', 'w', '--count', '2', '-o', 'yaml', '-e', kv.endpoints[1]!]);
    assert.equal(r.exitCode, 0, r.stderr);
    const docs = r.stdout.split(/^---\n/m);
    assert.equal(docs[0], '');
    assert.equal(docs.length, 3, r.stdout);
    assert.match(docs[1]!, /^type: put$/m);
    assert.match(docs[2]!, /^type: delete$/m);
  });

  test('watch with --wait-timeout and no events: exit 5', async () => {
    kv.watchEvents = [];
    const r = await runCommand(['kv', 'watch', 'quiet', '--wait-timeout', '300ms', '-e', kv.endpoints[0]!]);
    assert.equal(r.exitCode, 5, r.stderr);
    assert.equal(r.stdout, '');
  });
});

describe('kv against a d-engine-style cluster (leader 2, followers answer FAILED_PRECONDITION)', () => {
  let kv: FakeKvCluster;
  before(async () => {
    kv = await startFakeKv({ refusal: 'd-engine', leaderId: 2 });
  });
  after(() => kv.close());

  test('a write to a follower is rediscovered through DiscoverLeader and applied once on the leader', async () => {
    const r = await runCommand(['kv', 'put', 'k', 'v', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(json(r.stdout).endpoint, kv.endpoints[1]);
    assert.equal(kv.peer(1).callsTo('DiscoverLeader').length >= 1, true);
    assert.equal(kv.peer(2).callsTo('HandleClientWrite').length, 1);
  });

  test('a linearizable read and a scan follow the same way', async () => {
    const get = await runCommand(['kv', 'get', 'k', '-e', kv.endpoints[2]!, '--json']);
    assert.equal(get.exitCode, 0, get.stderr);
    assert.equal(json(get.stdout).value, 'v');
    const scan = await runCommand(['kv', 'scan', 'k', '-e', kv.endpoints[2]!, '--json']);
    assert.equal(scan.exitCode, 0, scan.stderr);
    assert.equal(json(scan.stdout).count, 1);
  });

  test('only a d-engine learner given: it refuses the write ("Not leader", reference §3.9) and cannot name the leader (DiscoverLeader and GetClusterMetadata PERMISSION_DENIED, §3.6, §3.8): exit 3 at once, the hint says to give a voter', async () => {
    const learner = kv.peer(3);
    learner.handle('DiscoverLeader', fail(status.PERMISSION_DENIED, 'Learner should not receive DiscoverLeader'));
    learner.handle('GetClusterMetadata', fail(status.PERMISSION_DENIED, 'learners cannot answer metadata requests'));
    try {
      const started = performance.now();
      const r = await runCommand(['kv', 'put', 'k', 'v', '-e', kv.endpoints[2]!, '--json', '--wait-timeout', '20s']);
      assert.equal(r.exitCode, 3, r.stderr);
      assert.ok(performance.now() - started < 10_000, 'it does not wait for a leader the learner can never name');
      const err = (JSON.parse(lines(r.stderr)[0]!) as { error: { message: string; hint: string } }).error;
      assert.match(err.message, /learner/);
      assert.match(err.hint, /voter/);
    } finally {
      learner.handle('DiscoverLeader', () => ({ leaderId: kv.leaderId, leaderAddress: kv.peer(kv.leaderId!).address, term: 3 }));
      learner.handle('GetClusterMetadata', () => ({ version: 1, nodes: kv.peers.map((p) => ({ id: p.id, address: p.address, role: 1, status: 3 })), currentLeaderId: kv.leaderId }));
    }
  });

  test('a --prefix watch whose key lacks "/" at both ends: the d-engine node refuses it (INVALID_ARGUMENT, reference §6), exit 6 with the key to use', async () => {
    const r = await runCommand(['kv', 'watch', 'config', '--prefix', '-e', kv.endpoints[0]!, '--wait-timeout', '5s', '--json']);
    assert.equal(r.exitCode, 6, r.stderr);
    assert.match((JSON.parse(lines(r.stderr)[0]!) as { error: { hint: string } }).error.hint, /raftctl kv watch \/config\/ --prefix/);
  });

  // Scenario: a quiet watch on a d-engine node (no change yet, and less than its 30 s PROGRESS
  // interval) that the node ends because it shuts down: d-engine sends no CANCELED event then, the
  // stream just ends with UNAVAILABLE (reference §6), after the headers it sent when the watch
  // started. Expectation: as for a watch that received events first, exit 4 with the resync hint
  // (the node went away), not exit 3 "up but not ready, retry shortly".
  test('a quiet watch the d-engine node ends with UNAVAILABLE (shutdown, no event before): exit 4 with the resync hint, not "not ready"', async () => {
    kv.watchEvents = [];
    kv.watchEndsWith = { code: status.UNAVAILABLE, details: 'server shutting down' };
    try {
      const r = await runCommand(['kv', 'watch', 'w', '--count', '1', '-e', kv.endpoints[0]!, '--wait-timeout', '5s', '--json']);
      assert.equal(r.exitCode, 4, r.stderr);
      assert.equal(r.stdout, '');
      const err = (JSON.parse(lines(r.stderr)[0]!) as { error: { message: string; hint: string } }).error;
      assert.match(err.message, /lost its connection after 0 events|ended the watch/);
      assert.match(err.hint, /resync/);
      assert.doesNotMatch(err.hint, /not ready/);
    } finally {
      kv.watchEndsWith = null;
    }
  });

  // Scenario: the first endpoint refuses every Watch (a d-engine node built without the `watch`
  // feature: UNIMPLEMENTED, reference §6; a node at its watcher limit: RESOURCE_EXHAUSTED, 10,000
  // watchers on a raftctl node, max_watcher_count on d-engine), the second serves it.
  // Expectation: every node produces the same events, so the next endpoint is watched (exit 0);
  // all endpoints refusing: exit 6 with a code, message and hint that say which refusal it was.
  const refusals = [
    { name: 'on d-engine nodes built without the `watch` feature (UNIMPLEMENTED)', status: status.UNIMPLEMENTED, details: 'Watch feature is not enabled', code: 'WATCH_UNSUPPORTED', message: /do not serve Watch/, hint: /watch. feature/ },
    { name: 'on a node at its watcher limit (RESOURCE_EXHAUSTED)', status: status.RESOURCE_EXHAUSTED, details: 'too many watchers (limit 10000)', code: 'RESOURCE_EXHAUSTED', message: /too many watchers/, hint: /watcher limit/ },
  ];
  for (const refusal of refusals) {
    test(`watch ${refusal.name}: the other endpoints are tried; all refusing exits 6 with a hint that says so`, async () => {
      const refuse = (call: { emit(ev: string, e: unknown): void }): void => call.emit('error', { code: refusal.status, details: refusal.details });
      const originals = [kv.peer(1).raw.get('Watch'), kv.peer(2).raw.get('Watch')];
      kv.peer(1).raw.set('Watch', refuse);
      kv.watchEvents = [...PUT_THEN_DELETE];
      try {
        const ok = await runCommand(['kv', 'watch', 'w', '--count', '2', '-o', 'ndjson', '-e', `${kv.endpoints[0]!},${kv.endpoints[1]!}`, '--wait-timeout', '5s']);
        assert.equal(ok.exitCode, 0, ok.stderr);
        assert.equal(lines(ok.stdout).length, 2);
        kv.peer(2).raw.set('Watch', refuse);
        const r = await runCommand(['kv', 'watch', 'w', '-e', `${kv.endpoints[0]!},${kv.endpoints[1]!}`, '--wait-timeout', '5s', '--json']);
        assert.equal(r.exitCode, 6, r.stderr);
        assert.equal(r.stdout, '');
        const err = (JSON.parse(lines(r.stderr)[0]!) as { error: { code: string; message: string; hint: string } }).error;
        assert.equal(err.code, refusal.code);
        assert.match(err.message, refusal.message);
        assert.match(err.hint, refusal.hint);
      } finally {
        // The other tests of this cluster expect both nodes to serve Watch again.
        originals.forEach((original, i) => kv.peer(i + 1).raw.set('Watch', original!));
        kv.watchEvents = [];
      }
    });
  }
});

describe('kv against clusters that name the leader with a scheme (http://host:port)', () => {
  // d-engine reports addresses as configured and strips a scheme itself (reference §1.6); the
  // leader named by DiscoverLeader or a NOT_LEADER hint must be dialled as host:port.
  for (const refusal of ['d-engine', 'raftctl'] as const) {
    test(`${refusal} refusal: a write to a follower lands on the leader once (exit 0)`, async () => {
      const kv = await startFakeKv({ refusal, leaderId: 2, addressPrefix: 'http://' });
      try {
        const r = await runCommand(['kv', 'put', 'k', 'v', '-e', kv.endpoints[0]!, '--wait-timeout', '5s', '--json']);
        assert.equal(r.exitCode, 0, r.stderr);
        assert.equal(json(r.stdout).endpoint, kv.endpoints[1]);
        assert.equal(kv.peer(2).callsTo('HandleClientWrite').length, 1);
      } finally {
        await kv.close();
      }
    });
  }
});

describe('kv against a d-engine leader whose own request timeout expires (CANCELLED "Timeout expired")', () => {
  // d-engine's tonic server answers CANCELLED "Timeout expired" when its server-wide timeout
  // (100 ms by default) passes (reference §3.0): the node gave up, this client did not cancel.
  let kv: FakeKvCluster;
  before(async () => {
    kv = await startFakeKv({ refusal: 'd-engine', leaderId: 1 });
  });
  after(() => kv.close());

  test('a read is retried like any timeout and answers (exit 0)', async () => {
    kv.peer(1).queue('HandleClientRead', fail(status.CANCELLED, 'Timeout expired'));
    const r = await runCommand(['kv', 'get', 'k', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(kv.peer(1).callsTo('HandleClientRead').length, 2);
  });

  test('a write is not retried: its outcome is unknown (exit 5), and the message says the node timed out', async () => {
    kv.peer(1).queue('HandleClientWrite', fail(status.CANCELLED, 'Timeout expired'));
    const r = await runCommand(['kv', 'put', 'k', 'v', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 5, r.stderr);
    assert.equal(json(r.stdout).outcome, 'unknown');
    assert.match(r.stderr, /the node's own request timeout expired/);
    assert.equal(kv.peer(1).callsTo('HandleClientWrite').length, 1);
  });

  test('a node\'s own handler timeout (DEADLINE_EXCEEDED "read request timeout", reference §3.0, §6) is told apart from --timeout: retried, and when it persists exit 5 with a hint about the node\'s timeout, not "raise --timeout"', async () => {
    kv.peer(1).queue('HandleClientRead', ...Array.from({ length: 20 }, () => fail(status.DEADLINE_EXCEEDED, 'read request timeout')));
    try {
      const r = await runCommand(['kv', 'get', 'k', '-e', kv.endpoints[0]!, '--json', '--wait-timeout', '10s']);
      assert.equal(r.exitCode, 5, r.stderr);
      assert.ok(kv.peer(1).callsTo('HandleClientRead').length > 1);
      const err = (JSON.parse(lines(r.stderr)[0]!) as { error: { message: string; hint: string } }).error;
      assert.match(err.message, /the node's own timeout expired before it answered \(read request timeout\)/);
      assert.match(err.hint, /general_raft_timeout_duration_in_ms/);
      assert.doesNotMatch(err.hint, /raise --timeout/);
    } finally {
      kv.peer(1).clearQueues();
    }
  });
});

describe('kv against a d-engine leader that is not ready yet (UNAVAILABLE "Service is not ready")', () => {
  // d-engine's readiness gate answers before the request reaches Raft (reference §3.0): a write
  // it refused was certainly not proposed, so it is sent again, not reported "outcome unknown".
  let kv: FakeKvCluster;
  before(async () => {
    kv = await startFakeKv({ refusal: 'd-engine', leaderId: 1 });
  });
  after(() => kv.close());

  test('a write is sent again once the node is ready and applied once (exit 0)', async () => {
    kv.peer(1).queue('HandleClientWrite', fail(status.UNAVAILABLE, 'Service is not ready'), fail(status.UNAVAILABLE, 'Service is not ready'));
    const r = await runCommand(['kv', 'put', 'k', 'v', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(json(r.stdout).outcome, 'applied');
    assert.equal(kv.peer(1).callsTo('HandleClientWrite').length, 3);
    assert.equal(kv.revision, 1, 'applied once');
  });

  test('another UNAVAILABLE after the write was sent still leaves its outcome unknown (exit 5), sent once', async () => {
    kv.peer(1).queue('HandleClientWrite', fail(status.UNAVAILABLE, 'Leader stepped down'));
    const before = kv.peer(1).callsTo('HandleClientWrite').length;
    const r = await runCommand(['kv', 'put', 'k', 'v', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 5, r.stderr);
    assert.equal(json(r.stdout).outcome, 'unknown');
    assert.equal(kv.peer(1).callsTo('HandleClientWrite').length, before + 1);
  });
});

describe('kv against a leader that answers PROPOSE_FAILED with a debug_message', () => {
  let kv: FakeKvCluster;
  before(async () => {
    kv = await startFakeKv();
  });
  after(() => kv.close());

  // ClientResponse{error: PROPOSE_FAILED, metadata{debug_message}}: the write may still commit
  // (outcome unknown, exit 5); the node's explanation is part of the message, not dropped.
  test('exit 5 OUTCOME_UNKNOWN, the node\'s explanation in the error line and in "error"', async () => {
    kv.peer(1).queue('HandleClientWrite', respond({ error: 4006, metadata: { debugMessage: 'leadership lost with the entry in flight' } }));
    const r = await runCommand(['kv', 'put', 'k', 'v', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(r.exitCode, 5, r.stderr);
    assert.match(String(json(r.stdout).error), /PROPOSE_FAILED: leadership lost with the entry in flight/);
    assert.match(r.stderr, /OUTCOME_UNKNOWN.*leadership lost with the entry in flight/);
  });
});

describe('kv without a leader', () => {
  let kv: FakeKvCluster;
  before(async () => {
    kv = await startFakeKv({ leaderId: null, nodes: 2 });
  });
  after(() => kv.close());

  test('a write nobody accepts exits 3 (NOT_LEADER) within the budget, with nothing on stdout', async () => {
    const r = await runCommand(['kv', 'put', 'k', 'v', '-e', kv.endpoints.join(','), '--wait-timeout', '3s', '--json']);
    assert.equal(r.exitCode, 3, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal((json(lines(r.stderr)[0]!).error as { code: string }).code, 'NOT_LEADER');
  });
});

describe('kv while the leader has just died (followers still name it)', () => {
  let kv: FakeKvCluster;
  beforeEach(async () => {
    kv = await startFakeKv();
    await kv.peer(1).kill();
  });
  afterEach(() => kv.close());

  test('a write to the followers waits for the new leader and is applied once (exit 0), not exit 4', async () => {
    setTimeout(() => (kv.leaderId = 2), 400).unref();
    const r = await runCommand(['kv', 'put', 'k', 'v', '-e', `${kv.endpoints[1]},${kv.endpoints[2]}`, '--wait-timeout', '10s', '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(json(r.stdout).endpoint, kv.endpoints[1]);
    assert.deepEqual(kv.store.get('k'), Buffer.from('v'));
  });

  test('no new leader within --wait-timeout: exit 3 NOT_LEADER (a node answered), not exit 4', async () => {
    const r = await runCommand(['kv', 'get', 'k', '-e', `${kv.endpoints[1]},${kv.endpoints[2]}`, '--wait-timeout', '1500ms', '--json']);
    assert.equal(r.exitCode, 3, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal((json(lines(r.stderr)[0]!).error as { code: string }).code, 'NOT_LEADER');
  });
});

describe('kv against a node that accepts connections but never answers', () => {
  let hung: HungServer;
  let address: string;
  before(async () => {
    hung = await startHungServer();
    address = hung.address;
  });
  after(() => hung.close());

  test('a write cut off by --wait-timeout before any connection: exit 5 TIMEOUT (as every command), not an unknown outcome (nothing sent, nothing on stdout)', async () => {
    const r = await runCommand(['kv', 'put', 'k', 'v', '-e', address, '--timeout', '3s', '--wait-timeout', '700ms', '--json']);
    assert.equal(r.exitCode, 5, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.equal((json(lines(r.stderr)[0]!).error as { code: string }).code, 'TIMEOUT');
  });

  test('a connect that --timeout gives up on (before --wait-timeout): exit 4, the node could not be connected', async () => {
    const r = await runCommand(['kv', 'get', 'k', '-e', address, '--timeout', '300ms', '--wait-timeout', '5s', '--json']);
    assert.equal(r.exitCode, 4, r.stdout + r.stderr);
    assert.equal((json(lines(r.stderr)[0]!).error as { code: string }).code, 'UNREACHABLE');
  });

  // QA (session 10): with one SIGSTOPped node listed first, every kv command, `leader
  // discover` and each `wait leader` poll took all of --timeout (3 s), though the other nodes
  // answered at once.
  test('a write with a hung endpoint listed first goes to the next one after the connect timeout, not after --timeout, and is applied once', () =>
    withFakeKv(async (kv) => {
      const r = await runCommand(['kv', 'put', 'k', 'v', '-e', `${address},${kv.endpoints[0]}`, '--timeout', '8s', '--json']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      assert.equal(json(r.stdout).endpoint, kv.endpoints[0]);
      assert.deepEqual(kv.store.get('k'), Buffer.from('v'));
      assert.equal(kv.revision, 1);
      // SILENT_NODE_MS is 1 s; --timeout (8 s) was the wait before.
      assert.ok(r.durationMs < 6000, `took ${Math.round(r.durationMs)} ms`);
    }));

  // Review of cf94076/5a861af: the leader listed first, its connection slower than the 1 s
  // connect wait (a far node): it was given up on as dead, the next node's NOT_LEADER hint and
  // every rediscovery named it, and a dead endpoint was never tried again, so the write ended
  // NOT_LEADER (exit 3) at --wait-timeout. A node named leader that was only slow to connect is
  // tried once more with all of --timeout.
  test('a leader listed first whose connection takes longer than the connect wait is tried again when another node names it', () =>
    withFakeKv(async (kv) => {
      kv.peer(1).connectDelayMs = 1500;
      const r = await runCommand(['kv', 'put', 'k', 'v', '-e', `${kv.endpoints[0]},${kv.endpoints[1]}`, '--timeout', '8s', '--wait-timeout', '6s', '--json']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      assert.equal(json(r.stdout).endpoint, kv.endpoints[0]);
      assert.deepEqual(kv.store.get('k'), Buffer.from('v'));
      assert.equal(kv.revision, 1);
    }));

  test('alone, a hung endpoint still gets all of --timeout to connect (no other endpoint to try)', async () => {
    const r = await runCommand(['kv', 'get', 'k', '-e', address, '--timeout', '1500ms', '--json']);
    assert.equal(r.exitCode, 4, r.stdout + r.stderr);
    assert.ok(r.durationMs >= 1400, `gave up after ${Math.round(r.durationMs)} ms, before --timeout`);
  });

  test('leader discover with a hung endpoint: answers once the others named the leader (the hung one is not waited for), and its view says so', () =>
    withFakeKv(async (kv) => {
      const r = await runCommand(['leader', 'discover', '-e', `${address},${kv.endpoints[0]},${kv.endpoints[1]}`, '--timeout', '8s', '--json']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const out = json(r.stdout) as { leaderId: number; views: { endpoint: string; error: string | null }[] };
      assert.equal(out.leaderId, 1);
      assert.match(out.views[0]!.error ?? '', /no answer within \d+ ms of another endpoint naming the leader/);
      assert.equal(out.views[1]!.error, null);
      assert.ok(r.durationMs < 6000, `took ${Math.round(r.durationMs)} ms`);
    }));

  // Scenario (H10's review): a partitioned old leader answers at once naming itself (term 2);
  // the other two nodes, which elected node 3 at term 3, answer after 1.5 s (slower than the
  // 1 s straggler wait). Expectation: one fast answer of three is no majority, so every answer is
  // awaited and the newer leader is reported, not the stale one.
  test('leader discover does not take a fast stale leader while the majority is slow to answer', () =>
    withFakeKv(async (kv) => {
      kv.peer(1).handle('DiscoverLeader', respond({ leaderId: 1, leaderAddress: kv.peer(1).address, term: 2 }));
      for (const id of [2, 3]) kv.peer(id).handle('DiscoverLeader', delay(1500, respond({ leaderId: 3, leaderAddress: kv.peer(3).address, term: 3 })));
      const r = await runCommand(['leader', 'discover', '-e', kv.endpoints.join(','), '--timeout', '8s', '--json']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const out = json(r.stdout) as { leaderId: number; term: number };
      assert.deepEqual([out.leaderId, out.term], [3, 3]);
    }));

  // QA: `kv watch -e <hung node>` (a SIGSTOPped process) waited forever (no --wait-timeout: the
  // watch is unbounded), ignoring --timeout, and with `-e hung,good` never reached the good one.
  test('watch: --timeout bounds the connect, so a hung endpoint alone exits 4 (UNREACHABLE) instead of hanging', async () => {
    const r = await runCommand(['kv', 'watch', 'w', '-e', address, '--timeout', '300ms', '--json']);
    assert.equal(r.exitCode, 4, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    const err = json(lines(r.stderr)[0]!).error as { code: string; message: string };
    assert.equal(err.code, 'UNREACHABLE');
    assert.match(err.message, /no connection within 0\.300s/);
    assert.ok(r.durationMs < 3000, `gave up after --timeout, took ${Math.round(r.durationMs)} ms`);
  });

  test('watch: a refused endpoint listed first is skipped at once (not after --timeout), the refusal named when none connects', async () => {
    const down = await closedPort();
    // --timeout 20s: skipped "at once" and "after --timeout" stay 10 s apart, whatever the load
    // on the machine (with the default 3 s a loaded run could pass 2 s with nothing wrong).
    const alone = await runCommand(['kv', 'watch', 'w', '-e', down, '--json', '--timeout', '20s']);
    assert.equal(alone.exitCode, 4, alone.stderr);
    assert.match((json(lines(alone.stderr)[0]!).error as { message: string }).message, /connection refused \(ECONNREFUSED\)/);
    assert.ok(alone.durationMs < 10_000, `took ${Math.round(alone.durationMs)} ms (--timeout is 20s)`);
    const kv = await startFakeKv();
    try {
      kv.watchEvents = [...PUT_THEN_DELETE];
      const r = await runCommand(['kv', 'watch', 'w', '--count', '2', '-o', 'ndjson', '-e', `${down},${kv.endpoints[0]}`, '--timeout', '20s']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      assert.equal(lines(r.stdout).length, 2);
      assert.ok(r.durationMs < 10_000, `took ${Math.round(r.durationMs)} ms (--timeout is 20s)`);
    } finally {
      await kv.close();
    }
  });

  test('watch: a hung endpoint listed first is skipped after --timeout and the next one is watched', () =>
    withFakeKv(async (kv) => {
      kv.watchEvents = [...PUT_THEN_DELETE];
      const r = await runCommand(['kv', 'watch', 'w', '--count', '2', '-o', 'ndjson', '-e', `${address},${kv.endpoints[0]}`, '--timeout', '300ms']);
      assert.equal(r.exitCode, 0, r.stdout + r.stderr);
      const events = lines(r.stdout).map((l) => json(l));
      assert.deepEqual(events.map((e) => [e.type, e.endpoint]), [['put', kv.endpoints[0]], ['delete', kv.endpoints[0]]]);
    }));
});

// A request over the 4 MiB message limit is refused by grpc-js on this host before anything is
// written (sent: false since 861a4b3). Checked in session 12 that kv routing does not take that
// sent: false for an endpoint it could not connect (which would end "no endpoint could be
// connected", exit 4, naming live nodes as dead). Each value alone passes the CLI's own cap.
test('a write too large for one gRPC message is refused at once (exit 6, RESOURCE_EXHAUSTED), not reported as every node unreachable', () =>
  withFakeKv(async (kv) => {
    const key = 'k'.repeat(300_000);
    const value = 'v'.repeat(4 * 1024 * 1024 - 64 * 1024);
    const r = await runCommand(['kv', 'put', key, value, '-e', kv.endpoints.join(','), '--json']);
    assert.equal(r.exitCode, 6, r.stderr.slice(0, 2000));
    const error = json(lines(r.stderr)[0]!).error as { code: string; message: string };
    assert.equal(error.code, 'RESOURCE_EXHAUSTED');
    assert.doesNotMatch(error.message, /connect|unreachable/i);
    assert.equal(kv.revision, 0);
  }));

describe('kv usage errors: exit 2, nothing on stdout, one stderr line', () => {
  const cases: [string, string[]][] = [
    ['cas without --expect or --absent', ['kv', 'cas', 'k', 'new']],
    ['cas with both --expect and --absent', ['kv', 'cas', 'k', '--expect', 'a', '--absent', 'new']],
    ['get with an unknown --consistency', ['kv', 'get', 'k', '--consistency', 'strong']],
    ['put with a bad --ttl', ['kv', 'put', 'k', 'v', '--ttl', 'soon']],
    ['put with a bare --ttl (no unit)', ['kv', 'put', 'k', 'v', '--ttl', '60']],
    ['put without a value', ['kv', 'put', 'k']],
    ['put with an empty key', ['kv', 'put', '', 'v']],
    ['watch with --count 0', ['kv', 'watch', 'k', '--count', '0']],
  ];
  for (const [name, argv] of cases) {
    test(name, async () => {
      const r = await runCommand([...argv, '-e', '127.0.0.1:1']);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(lines(r.stderr).length, 1, r.stderr);
    });
  }
});
