/**
 * Runs of the real binary (bin/run.js in a child process), for what in-process runs cannot
 * show: oclif's global handler turns our exits into the process exit code, the process ends on
 * its own after a successful run (no gRPC handle keeps it alive), and a streaming command ends
 * when the reader of its output goes away.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closedPort, startDengineCluster } from './helpers/fake-nodes.js';
import { startFakeKv } from './helpers/fake-kv.js';
import { lines, REPO_ROOT } from './helpers/run-command.js';

/** A running bin/run.js: its process, the output so far, and its exit (SIGKILLed after `killAfterMs`). */
function spawnBin(args: readonly string[], killAfterMs = 10_000, nodeArgs: readonly string[] = []) {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, join(REPO_ROOT, 'bin/run.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', RAFTCTL_ENDPOINTS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, ...out, ms: performance.now() - started });
    });
  });
  return { child, exited };
}

/** Runs bin/run.js to its end. */
function runBin(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return spawnBin(args).exited;
}

test('bin: a successful verdict exits 0 on its own, promptly', async () => {
  const cluster = await startDengineCluster([{ id: 1, role: 1, status: 3, term: 2, lastLogIndex: 9, lastLogTerm: 2, appliedIndex: 9, leaderId: 1 }]);
  try {
    const r = await runBin(['cluster', 'status', '-e', cluster.endpoints[0]!, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { leaderId: number }).leaderId, 1);
    assert.equal(r.stderr, '');
    assert.ok(r.ms < 5000, `took ${r.ms} ms`);
  } finally {
    await cluster.close();
  }
});

// QA: with a DNS server that never answers, `cluster status -e NAME:P` printed its result at once
// but the process lived on for about 25 s more: grpc-js asked DNS for a TXT service config of every
// host name it dialled, and the pending c-ares query kept the event loop alive.
/** The host name helpers/stalled-dns.ts resolves to 127.0.0.1 (not imported: importing the preload would patch this process's dns). */
const STALLED_DNS_NAME = 'raftctl-test.invalid';

test('bin: a host-name endpoint exits 0 on its own although a DNS TXT query would never be answered (no service-config lookup)', async () => {
  const cluster = await startDengineCluster([{ id: 1, role: 1, status: 3, term: 2, lastLogIndex: 9, lastLogTerm: 2, appliedIndex: 9, leaderId: 1 }]);
  try {
    const port = cluster.endpoints[0]!.split(':').pop()!;
    const preload = pathToFileURL(join(REPO_ROOT, 'dist/test/commands/helpers/stalled-dns.js')).href;
    const r = await spawnBin(['cluster', 'status', '-e', `${STALLED_DNS_NAME}:${port}`, '--json'], 10_000, ['--import', preload]).exited;
    assert.equal(r.code, 0, `killed after 10 s (code null) while a TXT query was pending? stderr: ${r.stderr}`);
    assert.equal((JSON.parse(r.stdout) as { leaderId: number }).leaderId, 1);
    assert.doesNotMatch(r.stderr, /stalled-dns: TXT/, 'no TXT lookup was made');
  } finally {
    await cluster.close();
  }
});

test('bin: no endpoint reachable exits 4 with the result on stdout and one JSON error line, also for more than 10 endpoints (no MaxListenersExceededWarning)', async () => {
  const endpoints = new Set<string>();
  while (endpoints.size < 12) endpoints.add(await closedPort());
  const r = await runBin(['leader', 'discover', '-e', [...endpoints].join(','), '--json']);
  assert.equal(r.code, 4);
  assert.equal((JSON.parse(r.stdout) as { leaderId: null }).leaderId, null);
  assert.equal(lines(r.stderr).length, 1);
  assert.equal((JSON.parse(r.stderr) as { error: { exitCode: number } }).error.exitCode, 4);
});

test('bin: a bad flag exits 2 with one line and nothing on stdout', async () => {
  const r = await runBin(['cluster', 'status', '-e', '127.0.0.1:1', '--wait-timeout', 'later']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.deepEqual(lines(r.stderr), ['Error: --wait-timeout: "later" is not a duration. Hint: use a number with a unit, e.g. 500ms, 3s, 2m, 1m30s (a bare number means milliseconds)']);
});

test('bin: kv watch | head -1 — the watch exits 0 once its reader is gone, instead of streaming into nothing forever', async () => {
  const kv = await startFakeKv();
  const event = (i: number) => ({ key: Buffer.from(`w${i}`), value: Buffer.from('1'), eventType: 0, revision: i });
  kv.watchEvents = [event(1)];
  kv.watchLater = Array.from({ length: 30 }, (_, i) => event(i + 2));
  try {
    const { child, exited } = spawnBin(['kv', 'watch', 'w', '--prefix', '-o', 'ndjson', '-e', kv.endpoints[0]!]);
    // Like `head -1`: read the first line, then close our end of the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const r = await exited;
    assert.equal(r.code, 0);
    assert.ok(r.ms < 8000, 'ended on its own, not by the test timeout');
  } finally {
    await kv.close();
  }
});

test('bin: Ctrl-C during bench ends the run early, prints what ran and exits 130', async () => {
  const kv = await startFakeKv();
  try {
    const { child, exited } = spawnBin(['bench', 'put', '-e', kv.endpoints[0]!, '--duration', '30s', '--clients', '16', '--json'], 15_000);
    // Interrupt once the run is under way (the fake leader has taken some writes).
    const started = performance.now();
    while (kv.peer(1).callsTo('HandleClientWrite').length < 20 && performance.now() - started < 10_000) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const { code, stdout, stderr } = await exited;
    assert.equal(code, 130, stderr);
    const result = JSON.parse(stdout) as { count: number; durationMs: number };
    assert.ok(result.count > 0, `count ${result.count}`);
    assert.equal(lines(stderr).length, 1, `one stderr line (no listener warning with 16 clients): ${stderr}`);
    assert.equal((JSON.parse(lines(stderr)[0]!) as { error: { code: string } }).error.code, 'INTERRUPTED');
  } finally {
    await kv.close();
  }
});

// QA: `raftctl kv put k v > /dev/full` (stdout on a full disk) died with oclif's rethrown ENOSPC:
// a stack trace on stderr, instead of one error line; so did `raftctl --help > /dev/full`.
test('bin: output that cannot be written (stdout on a full disk) is one OUTPUT_FAILED line and exit 1, no stack trace', { skip: !existsSync('/dev/full') && 'no /dev/full' }, async () => {
  const kv = await startFakeKv();
  const full = openSync('/dev/full', 'w');
  try {
    // Help too (written before any command runs: it died with the same stack trace).
    const put = ['kv', 'put', 'k', 'v', '-e', kv.endpoints[0]!];
    for (const [argv, format] of [[put, []], [put, ['--json']], [['--help'], []], [['kv', '--help'], []]] as const) {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/run.js'), ...argv, ...format], {
        cwd: REPO_ROOT,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', full, 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 1, stderr);
      assert.equal(lines(stderr).length, 1, stderr);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
      if (format.length === 0) assert.match(stderr, /^Error: cannot write the output to stdout \(ENOSPC: no space left on device, write\)\. Hint: check where stdout goes/);
      else assert.equal((JSON.parse(stderr) as { error: { code: string } }).error.code, 'OUTPUT_FAILED');
    }
  } finally {
    closeSync(full);
    await kv.close();
  }
});
