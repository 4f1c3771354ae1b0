/**
 * `--max-state-bytes` (state-quota.ts) on a single-node cluster over real loopback gRPC: writes
 * that would grow the state past the quota are refused RESOURCE_EXHAUSTED before anything is
 * proposed; deletes and shrinking overwrites go through; one warning per episode.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_OVERHEAD_BYTES } from '../../../src/state-machine/index.js';
import { NodeHost } from '../../../src/runtime/node-host.js';
import { defaultMaxStateBytes } from '../../../src/runtime/state-quota.js';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import { until } from './helpers.js';

let dir: string;
let host: NodeHost;
const client = new EndpointClient();
const o = { deadlineMs: 3000 };
const warnings: string[] = [];
let startedFields: Record<string, unknown> | undefined;
const logger = {
  log: (level: string, msg: string, fields?: Record<string, unknown>) => {
    if (level === 'warn') warnings.push(msg);
    if (msg === 'node started') startedFields = fields;
  },
};
/** Four keys of {@link size} fit, a fifth does not. */
const QUOTA = 4 * (2 + 10 + KEY_OVERHEAD_BYTES) + 100;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'raftctl-quota-'));
  host = await NodeHost.start({ id: 1, listen: '127.0.0.1:0', dataDir: join(dir, 'n1'), mode: { kind: 'bootstrap' }, tickMs: 10, electionTimeoutMs: 100, logger, maxStateBytes: QUOTA });
  await until('leader ready', () => (host.node.leaderReady ? true : undefined));
});

after(async () => {
  client.close();
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

const put = (key: string, value: string) => client.write(host.address, { command: { insert: { key: Buffer.from(key), value: Buffer.from(value), ttlSecs: 0 } } }, o);
const del = (key: string) => client.write(host.address, { command: { delete: { key: Buffer.from(key) } } }, o);
const exhausted = (e: Error & { details?: { grpcCode?: number } }) => e.details?.grpcCode === 8 && /--max-state-bytes/.test(e.message);

test('writes that would pass --max-state-bytes are refused before proposing; deletes make room again', async () => {
  for (let i = 1; i <= 4; i++) await put(`k${i}`, '0123456789');
  const lastIndex = host.node.status().lastLogIndex;
  await assert.rejects(put('k5', '0123456789'), exhausted);
  await assert.rejects(put('k1', '0123456789'.repeat(20)), exhausted, 'an overwrite that grows past the quota is refused too');
  await assert.rejects(client.write(host.address, { command: { compareAndSwap: { key: Buffer.from('k9'), newValue: Buffer.from('x') } } }, o), exhausted);
  assert.equal(host.node.status().lastLogIndex, lastIndex, 'nothing was proposed');
  assert.deepEqual(warnings, ['state quota reached: refusing writes that grow the state'], 'one warning for the episode');

  await put('k1', 'short'); // shrinks the state: accepted over the quota's edge
  await del('k2');
  await put('k5', '0123456789');
  await assert.rejects(put('k6', '0123456789'), exhausted);
  assert.equal(warnings.length, 2, 'a new episode after writes were admitted again warns again');
  assert.equal(host.node.sm.stateBytes, (2 + 5 + KEY_OVERHEAD_BYTES) + 3 * (2 + 10 + KEY_OVERHEAD_BYTES));
});

test('the node started log line names the effective quota (every node should have the same)', () => {
  assert.equal(startedFields?.maxStateBytes, QUOTA);
});

test('the default quota: 1 GiB, or 40 % of the heap limit when that is smaller', () => {
  assert.equal(defaultMaxStateBytes(4 * 1024 ** 3), 1024 ** 3);
  assert.equal(defaultMaxStateBytes(1000 * 1024 ** 2), 400 * 1024 ** 2);
  assert.ok(defaultMaxStateBytes() > 0);
});
