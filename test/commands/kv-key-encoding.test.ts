/**
 * `--key-encoding base64` on the kv commands: a key that is not UTF-8 (printed by `kv scan`,
 * `kv get` and `kv watch` as base64 with `keyEncoding: "base64"`) can be passed back to read,
 * write, delete, compare-and-swap, scan and watch it. QA: such a key could be listed but not
 * read or deleted with raftctl, since KEY arguments were UTF-8 text only. Text that is not
 * strict base64 is a usage error (exit 2) rather than a lenient decode that would address
 * another key.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeKv, type FakeKvCluster } from './helpers/fake-kv.js';
import { errorLine, runCommand } from './helpers/run-command.js';
import type { WatchResponse } from '../../src/transport/messages.js';

const json = <T>(text: string): T => JSON.parse(text) as T;
/** A key that is not valid UTF-8 (0xff never occurs in UTF-8), and its base64 form. */
const BINARY_KEY = Buffer.from([0x00, 0x01, 0x02, 0xff]);
const BINARY_KEY_B64 = BINARY_KEY.toString('base64');
const storeKey = (b: Buffer): string => b.toString('latin1');

describe('kv --key-encoding base64', () => {
  let kv: FakeKvCluster;
  before(async () => {
    kv = await startFakeKv();
  });
  after(() => kv.close());

  test('scan prints a binary key as base64; get, put, cas and del take that text back with --key-encoding base64', async () => {
    kv.store.set(storeKey(BINARY_KEY), Buffer.from('v1'));
    const scan = await runCommand(['kv', 'scan', '', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(scan.exitCode, 0, scan.stderr);
    const entry = json<{ entries: { key: string; keyEncoding: string }[] }>(scan.stdout).entries.find((e) => e.keyEncoding === 'base64');
    assert.ok(entry, scan.stdout);
    assert.deepEqual({ key: entry.key, keyEncoding: entry.keyEncoding }, { key: BINARY_KEY_B64, keyEncoding: 'base64' });

    const get = await runCommand(['kv', 'get', '--key-encoding', 'base64', entry.key, '-e', kv.endpoints[0]!, '--json']);
    assert.equal(get.exitCode, 0, get.stderr);
    assert.deepEqual(json<Record<string, unknown>>(get.stdout), { key: BINARY_KEY_B64, value: 'v1', found: true, keyEncoding: 'base64', valueEncoding: 'utf8' });

    const put = await runCommand(['kv', 'put', '--key-encoding', 'base64', BINARY_KEY_B64, 'v2', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(put.exitCode, 0, put.stderr);
    assert.equal(kv.store.get(storeKey(BINARY_KEY))?.toString(), 'v2');

    const cas = await runCommand(['kv', 'cas', '--key-encoding', 'base64', BINARY_KEY_B64, '--expect', 'v2', 'v3', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(cas.exitCode, 0, cas.stderr);
    assert.equal(kv.store.get(storeKey(BINARY_KEY))?.toString(), 'v3');

    const del = await runCommand(['kv', 'del', '--key-encoding', 'base64', BINARY_KEY_B64, '-e', kv.endpoints[0]!, '--json']);
    assert.equal(del.exitCode, 0, del.stderr);
    assert.equal(kv.store.has(storeKey(BINARY_KEY)), false);
  });

  test('scan takes a base64 PREFIX; utf8 stays the default and reads base64-looking text as text', async () => {
    kv.store.set(storeKey(Buffer.from([0xfe, 0x01])), Buffer.from('a'));
    kv.store.set(storeKey(Buffer.from([0xfe, 0x02])), Buffer.from('b'));
    kv.store.set('/YWJj', Buffer.from('text'));
    const scan = await runCommand(['kv', 'scan', '--key-encoding', 'base64', Buffer.from([0xfe]).toString('base64'), '-e', kv.endpoints[0]!, '--json']);
    assert.equal(scan.exitCode, 0, scan.stderr);
    const result = json<{ prefix: string; prefixEncoding: string; entries: { key: string }[] }>(scan.stdout);
    assert.deepEqual([result.prefix, result.prefixEncoding], ['/g==', 'base64']);
    assert.deepEqual(result.entries.map((e) => e.key), [Buffer.from([0xfe, 0x01]).toString('base64'), Buffer.from([0xfe, 0x02]).toString('base64')]);
    const text = await runCommand(['kv', 'get', '/YWJj', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(json<{ value: string }>(text.stdout).value, 'text');
  });

  test('watch takes a base64 KEY: the request carries the decoded bytes', async () => {
    kv.watchEvents = [{ key: BINARY_KEY, value: Buffer.from('x'), eventType: 0, revision: 9 } as unknown as WatchResponse];
    const raw = kv.peer(1).raw;
    const serve = raw.get('Watch')!;
    const requests: { key: Uint8Array }[] = [];
    raw.set('Watch', (call: { request: { key: Uint8Array } }) => {
      requests.push(call.request);
      return serve(call);
    });
    try {
      const r = await runCommand(['kv', 'watch', '--key-encoding', 'base64', BINARY_KEY_B64, '--count', '1', '-e', kv.endpoints[0]!, '-o', 'ndjson']);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(requests.length, 1, 'the watch reached node 1');
      assert.deepEqual(Buffer.from(requests[0]!.key), BINARY_KEY);
      assert.equal(json<{ key: string; keyEncoding: string }>(r.stdout.trim()).keyEncoding, 'base64');
    } finally {
      raw.set('Watch', serve);
      kv.watchEvents = [];
    }
  });

  test('text that is not strict base64 is refused with exit 2 before anything is sent; an unknown encoding too', async () => {
    const before = kv.peer(1).callsTo('HandleClientWrite').length;
    // 'AB==' and 'AAEC/x==' decode (leniently) to the bytes of 'AA==' and 'AAEC/w==': not the canonical form.
    for (const bad of ['AAEC/w', 'AA=C', 'not base64!', 'AAEC_w==', 'AB==', 'AAEC/x==', 'AAEC/w==\n']) {
      const r = await runCommand(['kv', 'del', '--key-encoding', 'base64', bad, '-e', kv.endpoints[0]!, '--json']);
      assert.equal(r.exitCode, 2, `${bad}: ${r.stderr}`);
      const err = errorLine(r.stderr);
      assert.equal(err.code, 'USAGE', bad);
      assert.match(err.message, /is not valid base64/, bad);
    }
    assert.equal(kv.peer(1).callsTo('HandleClientWrite').length, before, 'nothing written');
    const unknown = await runCommand(['kv', 'get', '--key-encoding', 'hex', 'ab', '-e', kv.endpoints[0]!, '--json']);
    assert.equal(unknown.exitCode, 2, unknown.stderr);
  });
});
