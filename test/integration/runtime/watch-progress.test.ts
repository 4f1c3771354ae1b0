/**
 * Watch PROGRESS events from a real node process (`node start --watch-progress-interval 200ms`,
 * a single-node cluster), over real gRPC: an idle watch gets PROGRESS events (empty key and value)
 * at the node's applied index, the revision a scan reports, and after a change at that change's
 * revision, never below it; `raftctl kv watch -o ndjson --count 1` prints them in the README's
 * shape and does not count them (it exits 0 only after the change that follows).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import type { WatchResponse } from '../../../src/transport/messages.js';
import { BIN, killAll, REPO_ROOT, removeDir, startNode, tempDir, waitFor } from '../../harness/node-process.js';

const dir = tempDir('raftctl-progress-');
after(async () => {
  await killAll();
  removeDir(dir);
});

const o = { deadlineMs: 2000 };
const PROGRESS = 3;

test('an idle watch gets PROGRESS events at the applied index; kv watch prints them and does not count them', async () => {
  const node = await startNode({ id: 1, dataDir: join(dir, 'n1'), bootstrap: true, heartbeatInterval: '20ms', electionTimeout: '100ms', extraArgs: ['--watch-progress-interval', '200ms'] });
  const client = new EndpointClient();
  const abort = new AbortController();
  let cli: ChildProcess | undefined;
  try {
    const ep = node.address;
    const put = async (key: string, value: string): Promise<void> => {
      const r = await client.write(ep, { clientId: 0, command: { insert: { key: Buffer.from(key), value: Buffer.from(value) } } }, o);
      assert.equal(r.error ?? 0, 0);
    };
    await waitFor('the node leads and takes a write', () => put('/p/a', '1').then(() => true, () => undefined), 10_000, 50);
    const revision = async (): Promise<number> => Number((await client.scan(ep, { prefix: Buffer.from('/p/') }, o)).revision);
    const r1 = await revision();

    const events: WatchResponse[] = [];
    const stream = (async () => {
      for await (const e of client.watch(ep, { clientId: 0, key: Buffer.from('/p/'), prefix: true }, { signal: abort.signal })) events.push(e);
    })().catch(() => undefined);
    const progressAfter = (from: number) => waitFor('a PROGRESS event', () => events.slice(from).find((e) => e.eventType === PROGRESS), 5000);

    const first = await progressAfter(0);
    assert.equal(Buffer.from(first.key ?? []).length, 0, 'empty key');
    assert.equal(Buffer.from(first.value ?? []).length, 0, 'empty value');
    assert.equal(Number(first.revision), r1, 'the applied index: the revision a scan reports');

    await put('/p/b', '2');
    const change = await waitFor('the PUT event', () => events.find((e) => e.eventType === 0), 5000);
    const r2 = Number(change.revision);
    assert.ok(r2 > r1);
    const next = await progressAfter(events.indexOf(change) + 1);
    assert.equal(Number(next.revision), r2, 'the next PROGRESS carries the revision of the change before it');
    assert.equal(await revision(), r2);
    // Never below a revision the stream already carried.
    let last = 0;
    for (const e of events) {
      assert.ok(Number(e.revision) >= last, `revision ${Number(e.revision)} after ${last}`);
      last = Number(e.revision);
    }

    // kv watch --count 1 on the idle prefix: progress lines come and it keeps watching; the
    // change after them ends it with exit 0.
    const child = spawn(process.execPath, [BIN, 'kv', 'watch', '/p/', '--prefix', '-o', 'ndjson', '--count', '1', '-e', ep, '--wait-timeout', '20s'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    cli = child;
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | string>((r) => child.on('exit', (c, s) => r(c ?? s ?? 'unknown')));
    await waitFor('two progress lines from kv watch', () => ((out.match(/"type":"progress"/g) ?? []).length >= 2 ? true : undefined), 10_000);
    assert.equal(child.exitCode, null, 'progress events do not count toward --count');
    await put('/p/c', '3');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<string>((r) => (timer = setTimeout(() => r('still running'), 10_000)))]);
    clearTimeout(timer);
    assert.equal(code, 0, err);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const r3 = await revision();
    assert.deepEqual(lines.at(-1), { type: 'put', key: '/p/c', keyEncoding: 'utf8', value: '3', valueEncoding: 'utf8', revision: r3, prevValue: null, prevValueEncoding: null, endpoint: ep });
    for (const l of lines.slice(0, -1)) {
      assert.deepEqual(l, { type: 'progress', key: '', keyEncoding: 'utf8', value: null, valueEncoding: null, revision: r2, prevValue: null, prevValueEncoding: null, endpoint: ep });
    }
  } finally {
    abort.abort();
    if (cli && cli.exitCode === null && cli.signalCode === null) cli.kill('SIGKILL');
    client.close();
    await node.stop();
  }
});

// Scenario: `--watch-progress-interval` given as off, 0, a compound duration, or not at all.
// Expectation: the node starts and its "node started" log line names the interval it uses (0 =
// no PROGRESS events; 30 s by default, d-engine's heartbeat_interval_ms).
test('--watch-progress-interval takes off, 0 and durations; the default is 30s', async () => {
  for (const [given, ms] of [['off', 0], ['0', 0], ['1m30s', 90_000], [undefined, 30_000]] as const) {
    const node = await startNode({ id: 1, dataDir: join(dir, `flag-${given}`), bootstrap: true, ...(given === undefined ? {} : { extraArgs: ['--watch-progress-interval', given] }) });
    try {
      const started = await waitFor('the node started line', () => node.stderrText().split('\n').find((l) => l.includes('"node started"')), 5000);
      assert.equal((JSON.parse(started) as { watchProgressMs?: number }).watchProgressMs, ms, `--watch-progress-interval ${given}`);
    } finally {
      await node.stop();
    }
  }
});
