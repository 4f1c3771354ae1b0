/**
 * `raftctl node start` usage rules through the real CLI: every refusal exits 2 with one stderr
 * line and nothing on stdout; `--help` documents the flags.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http2 from 'node:http2';
import { join } from 'node:path';
import { killAll, removeDir, runCli, startNode, tempDir, waitFor } from '../../harness/node-process.js';

const dir = tempDir('raftctl-cli-');
writeFileSync(join(dir, 'a-file'), 'not a directory\n');
mkdirSync(join(dir, 'empty'));
after(async () => {
  await killAll();
  removeDir(dir);
});

const cases: [string, string[], RegExp][] = [
  ['--bootstrap with --peers', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'a'), '--bootstrap', '--peers', '1=127.0.0.1:1'], /bootstrap|peers/],
  ['--peers without this node', ['--id', '3', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'b'), '--peers', '1=127.0.0.1:1,2=127.0.0.1:2'], /does not list this node/],
  ['--peers with port 0', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'c'), '--peers', '1=127.0.0.1:1'], /port 0/],
  ['--peers with port 00 (port 0 too: it bound a free port silently)', ['--id', '1', '--listen', '127.0.0.1:00', '--data-dir', join(dir, 'c2'), '--peers', '1=127.0.0.1:1'], /port 0/],
  ['--peers naming one address for two members', ['--id', '1', '--listen', '127.0.0.1:28471', '--data-dir', join(dir, 'c3'), '--peers', '1=127.0.0.1:28471,2=127.0.0.1:28471'], /127\.0\.0\.1:28471 appears twice in --peers \(nodes 1 and 2\)/],
  ['a malformed --peers entry', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'd'), '--peers', '1=nope'], /ID=HOST:PORT/],
  ['a restart of an empty directory', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'empty')], /holds no node state/],
  ['a restart of a directory that does not exist', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'e')], /data directory .*e does not exist/],
  ['a missing --id', ['--listen', '127.0.0.1:0', '--data-dir', join(dir, 'f'), '--bootstrap'], /id/],
  ['a bad --listen', ['--id', '1', '--listen', 'nowhere', '--data-dir', join(dir, 'g'), '--bootstrap'], /HOST:PORT/],
  ['a --listen port above 65535 (before touching the data directory)', ['--id', '1', '--listen', '127.0.0.1:99999', '--data-dir', join(dir, 'j'), '--bootstrap'], /port of 0 to 65535/],
  ['a --data-dir that is a file', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'a-file'), '--bootstrap'], /cannot use data directory .*it exists and is not a directory \(EEXIST\)/],
  ['--max-uncommitted 0', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'i'), '--bootstrap', '--max-uncommitted', '0'], /max-uncommitted/],
  // Both only describe a first start: a restart reads its cluster id and address from the data directory.
  ['--cluster-token on a restart', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'k'), '--cluster-token', 'other'], /--cluster-token only applies to a first start/],
  ['an --advertise other than this node\'s --peers entry', ['--id', '1', '--listen', '127.0.0.1:28461', '--data-dir', join(dir, 'l'), '--peers', '1=127.0.0.1:28461,2=127.0.0.1:28462', '--advertise', '127.0.0.1:28463'], /--advertise 127\.0\.0\.1:28463 differs from this node's --peers entry 127\.0\.0\.1:28461/],
  // 0.0.0.0 and :: reach the dialler's own machine; refused before anything binds them.
  ['--bootstrap on --listen 0.0.0.0 without --advertise', ['--id', '1', '--listen', '0.0.0.0:0', '--data-dir', join(dir, 'o'), '--bootstrap'], /--listen 0\.0\.0\.0:0 binds every interface/],
  ['an --advertise of [::]', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'p'), '--bootstrap', '--advertise', '[::]:9081'], /--advertise \[::\]:9081 is not an address the other nodes can dial/],
  ['a --peers entry on 0.0.0.0', ['--id', '1', '--listen', '127.0.0.1:28481', '--data-dir', join(dir, 'q'), '--peers', '1=127.0.0.1:28481,2=0.0.0.0:28482'], /--peers entry 2=0\.0\.0\.0:28482 is not an address the members can dial/],
  // Node's timers hold at most 2^31-1 ms (24.8 days); a longer one fires after 1 ms, so a node would tick every millisecond.
  // The node's own limit is 24h; beyond 596h every duration flag is refused while parsing.
  ['a --heartbeat-interval whose default election timeout is above 24h', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'm'), '--bootstrap', '--heartbeat-interval', '3h'], /election timeout .* is above the 24h maximum/],
  ['an --election-timeout above 24h', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'n'), '--bootstrap', '--election-timeout', '100h'], /--election-timeout must be at most 24h/],
  ['an --election-timeout beyond a timer\'s limit', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'n2'), '--bootstrap', '--election-timeout', '700h'], /--election-timeout: "700h" is too long: at most 596h/],
  // Each round walks every open watcher (up to 10,000): a millisecond interval would busy the node.
  ['a --watch-progress-interval under 100ms', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'r'), '--bootstrap', '--watch-progress-interval', '50ms'], /--watch-progress-interval must be at least 100ms, or 0 \(off\); got 50ms/],
  ['a --watch-progress-interval that is not a duration', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 's'), '--bootstrap', '--watch-progress-interval', 'never'], /--watch-progress-interval: "never" is not a duration/],
  ['a negative --snapshot-log-ratio', ['--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'h'), '--bootstrap', '--snapshot-log-ratio', '-1'], /snapshot-log-ratio: "-1" is not a number ≥ 0/],
];

for (const [what, args, message] of cases) {
  test(`node start refuses ${what} with exit 2 and a hint`, async () => {
    const r = await runCli(['node', 'start', ...args, '--exit-with-stdin']);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
    // One error line (oclif may add its own warnings about other commands' plugins), with what to
    // try (README "Errors": `Error: <what failed and why>. Hint: <what to try>`).
    const lines = r.stderr.split('\n').filter((l) => /^Error: /.test(l));
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /\. Hint: \S/, r.stderr);
  });
}

test('node start refuses a --listen port above 65535 before it creates the data directory', async () => {
  const r = await runCli(['node', 'start', '--id', '1', '--listen', '127.0.0.1:65536', '--data-dir', join(dir, 'never'), '--bootstrap']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(existsSync(join(dir, 'never')), false);
});

test('node start refuses a restart of a directory that does not exist without creating it', async () => {
  // QA: a mistyped --data-dir on a restart left an empty directory behind.
  const r = await runCli(['node', 'start', '--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'typo', 'node1')]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(existsSync(join(dir, 'typo')), false);
});

test('node start --help documents every flag', async () => {
  const r = await runCli(['node', 'start', '--help']);
  assert.equal(r.code, 0);
  for (const flag of ['--id', '--listen', '--advertise', '--data-dir', '--bootstrap', '--peers', '--cluster-token', '--heartbeat-interval', '--election-timeout', '--snapshot-every', '--snapshot-log-ratio', '--max-uncommitted', '--max-uncommitted-bytes', '--max-state-bytes', '--watch-progress-interval', '--log-level', '--exit-with-stdin']) {
    assert.ok(r.stdout.includes(flag), `help mentions ${flag}`);
  }
  assert.doesNotMatch(r.stdout, /--join/);
});

test('node start refuses a restart whose --advertise differs from the address the cluster configuration holds for it (exit 2)', async () => {
  const dataDir = join(dir, 'restart-advertise');
  const first = await startNode({ id: 1, dataDir, bootstrap: true });
  assert.equal(await first.stop(), 0);
  const r = await runCli(['node', 'start', '--id', '1', '--listen', '127.0.0.1:0', '--data-dir', dataDir, '--advertise', '127.0.0.1:1', '--exit-with-stdin']);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`--advertise 127\\.0\\.0\\.1:1 differs from the address the cluster configuration holds for node 1 \\(${first.address.replace(/\./g, '\\.')}\\)`));
  // The same address as stored is no change: the restart goes on.
  const again = await startNode({ id: 1, listen: '127.0.0.1:0', dataDir, extraArgs: ['--advertise', first.address] });
  assert.equal(again.address, first.address);
  assert.equal(await again.stop(), 0);
});

test('SIGTERM on the leader of a single-node cluster stops it without a "not handed over" warning: there is nobody to hand over to', async () => {
  const n = await startNode({ id: 1, dataDir: join(dir, 'single-sigterm'), bootstrap: true, heartbeatInterval: '20ms', electionTimeout: '100ms' });
  await waitFor('node 1 leads', () => (n.stderrText().includes('"role":"leader"') ? true : undefined), 10_000);
  assert.equal(await n.stop(), 0);
  assert.doesNotMatch(n.stderrText(), /not handed over/);
  assert.match(n.stderrText(), /"node stopped"/);
});

test('SIGHUP (its terminal closed) stops a node gracefully, LOCK released and "node stopped" logged, then it ends by SIGHUP', async () => {
  const n = await startNode({ id: 1, dataDir: join(dir, 'sighup'), bootstrap: true, heartbeatInterval: '20ms', electionTimeout: '100ms' });
  await waitFor('node 1 leads', () => (n.stderrText().includes('"role":"leader"') ? true : undefined), 10_000);
  n.child.kill('SIGHUP');
  const end = await Promise.race([n.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
  // QA: Node's default SIGHUP handler killed the node at once, a crash: no graceful stop, no
  // "stopping"/"node stopped" in the log.
  assert.equal(end, 'SIGHUP', n.stderrText());
  assert.match(n.stderrText(), /"msg":"stopping","nodeId":1,"reason":"SIGHUP"/);
  assert.match(n.stderrText(), /"node stopped"/);
  const again = await startNode({ id: 1, dataDir: join(dir, 'sighup'), heartbeatInterval: '20ms', electionTimeout: '100ms' });
  assert.equal(await again.stop(), 0);
});

test('a terminal closing signals SIGHUP twice (the kernel, then the shell forwarding it to its jobs): the node still stops gracefully; so does the same signal twice at once', async () => {
  for (const sig of ['SIGHUP', 'SIGINT'] as const) {
    let n: Awaited<ReturnType<typeof startNode>>;
    // Two SIGINTs are one request only within 100 ms of each other: a run whose 15 ms wait
    // overran (a loaded machine) proves nothing, and is run again (a SIGHUP counts at any delay).
    for (let attempt = 1; ; attempt++) {
      n = await startNode({ id: 1, dataDir: join(dir, `twice-${sig}-${attempt}`), bootstrap: true, heartbeatInterval: '20ms', electionTimeout: '100ms' });
      await waitFor('node 1 leads', () => (n.stderrText().includes('"role":"leader"') ? true : undefined), 10_000);
      const t0 = performance.now();
      n.child.kill(sig);
      // Measured under a pty with an interactive bash: the two SIGHUPs arrive 7 ms apart.
      await new Promise((r) => setTimeout(r, 15));
      n.child.kill(sig);
      if (sig === 'SIGHUP' || performance.now() - t0 < 50 || attempt === 5) break;
      await n.exited;
    }
    const end = await Promise.race([n.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    assert.equal(end, sig === 'SIGHUP' ? 'SIGHUP' : 0, n.stderrText());
    // QA: "second signal: exiting without waiting": no graceful stop on a closed terminal.
    assert.doesNotMatch(n.stderrText(), /second signal/, sig);
    assert.match(n.stderrText(), /"node stopped"/, sig);
  }
});

test('the terminal closing while Ctrl-C stops the node (SIGINT, then SIGHUP) still ends it by SIGHUP after the graceful stop', async () => {
  const n = await startNode({ id: 1, dataDir: join(dir, 'int-then-hup'), bootstrap: true, heartbeatInterval: '20ms', electionTimeout: '100ms' });
  await waitFor('node 1 leads', () => (n.stderrText().includes('"role":"leader"') ? true : undefined), 10_000);
  // A unary call whose request never ends keeps the server's shutdown waiting out its grace
  // (1 s): the SIGHUP surely comes while the node stops.
  const session = http2.connect(`http://${n.address}`);
  session.on('error', () => undefined);
  const call = session.request({ ':method': 'POST', ':path': '/grpc.health.v1.Health/Check', 'content-type': 'application/grpc', te: 'trailers' });
  call.on('error', () => undefined);
  call.resume();
  try {
    await new Promise<void>((resolve, reject) => {
      session.once('remoteSettings', () => resolve());
      session.once('error', reject);
    });
    n.child.kill('SIGINT');
    await waitFor('stopping logged', () => (n.stderrText().includes('"msg":"stopping"') ? true : undefined), 10_000);
    n.child.kill('SIGHUP');
    const end = await Promise.race([n.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    // Review: the SIGHUP was taken for the same request and forgotten, so the node exited 0,
    // which on the hung-up terminal aborts Node in its exit path (SIGABRT, measured under a pty).
    assert.equal(end, 'SIGHUP', n.stderrText());
    assert.match(n.stderrText(), /"node stopped"/);
    assert.doesNotMatch(n.stderrText(), /second signal/);
  } finally {
    session.destroy();
  }
});

test('an --election-timeout between two heartbeat multiples is rounded up, never below the minimum asked for', async () => {
  const n = await startNode({ id: 1, dataDir: join(dir, 'rounding'), bootstrap: true, heartbeatInterval: '100ms', electionTimeout: '349ms' });
  await waitFor('node started logged', () => (n.stderrText().includes('"node started"') ? true : undefined), 5_000);
  assert.match(n.stderrText(), /"tickMs":100,"electionTicks":4,/);
  assert.equal(await n.stop(), 0);
});
