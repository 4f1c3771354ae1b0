/**
 * `raftctl playground` as a real process tree: three `node start` children, a put and a get,
 * `cluster health` and `wait caught-up` through the CLI, then Ctrl-C (SIGINT) must stop every child and remove the temporary data
 * directory; and a playground killed with SIGKILL must leave no orphan (the children stop when
 * their stdin pipe closes). CLI.md, `playground`; issue 4, "no orphan survives".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { runCommand, REPO_ROOT } from '../commands/helpers/run-command.js';

interface Report {
  endpoints: string;
  dataDir: string;
  temporary: boolean;
  ready: boolean;
  nodes: { id: number; address: string; pid: number; dataDir: string }[];
  status: { leaderId: number | null };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function until(what: string, cond: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `playground --nodes 3 -o ndjson` and resolves with its process and first report. */
async function startPlayground(extra: readonly string[] = []): Promise<{ child: ChildProcessWithoutNullStreams; report: Report; stderr: () => string }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/run.js'), 'playground', '--nodes', '3', '-o', 'ndjson', '--heartbeat-interval', '50ms', '--election-timeout', '300ms', ...extra], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const report = await new Promise<Report>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no report within 20 s; stderr: ${stderr}`));
    }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      resolve(JSON.parse(out.slice(0, nl)) as Report);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`playground exited (${code}) before reporting; stderr: ${stderr}`));
    });
  });
  return { child, report, stderr: () => stderr };
}

test('playground: 3 nodes ready, put/get, health and wait through the CLI, SIGINT stops every child and removes the data dir', async () => {
  const { child, report, stderr } = await startPlayground();
  try {
    assert.equal(report.ready, true, JSON.stringify(report.status));
    assert.equal(report.temporary, true);
    assert.deepEqual(report.nodes.map((n) => n.id), [1, 2, 3]);
    assert.ok(existsSync(report.dataDir));
    for (const n of report.nodes) assert.ok(alive(n.pid), `node ${n.id} alive`);

    const put = await runCommand(['kv', 'put', 'pg-key', 'pg-value', '-e', report.endpoints]);
    assert.equal(put.exitCode, 0, put.stderr);
    const get = await runCommand(['kv', 'get', 'pg-key', '-e', report.nodes[2]!.address, '--json']);
    assert.equal(get.exitCode, 0, get.stderr);
    assert.equal((JSON.parse(get.stdout) as { value: string }).value, 'pg-value');

    const health = await runCommand(['cluster', 'health', '-e', report.endpoints, '--json']);
    assert.equal(health.exitCode, 0, health.stdout + health.stderr);
    const caughtUp = await runCommand(['wait', 'caught-up', '3', '-e', report.endpoints, '--wait-timeout', '10s']);
    assert.equal(caughtUp.exitCode, 0, caughtUp.stdout + caughtUp.stderr);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    assert.equal(code, 0, stderr());
    for (const n of report.nodes) assert.equal(alive(n.pid), false, `node ${n.id} (pid ${n.pid}) still alive`);
    assert.equal(existsSync(report.dataDir), false, 'temporary data dir removed');
    assert.match(stderr(), /stopped 3 nodes, removed/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    for (const n of report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
  }
});

/**
 * Starts a playground, stops node 2 (SIGSTOP: it does not see its stdin close, so the stop takes
 * its 5 s grace and the second signal surely comes while the nodes stop), sends `first` and, 300 ms
 * later, SIGHUP; then checks that the playground cleaned up (every node gone, the temporary data
 * dir removed), ended by SIGHUP itself, and took the SIGHUP for the same request to stop.
 */
async function hangUpWhileStopping(first: 'SIGHUP' | 'SIGINT', timeoutMs: number): Promise<void> {
  const { child, report, stderr } = await startPlayground();
  try {
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    process.kill(report.nodes[1]!.pid, 'SIGSTOP');
    child.kill(first);
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGHUP');
    const end = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs))]);
    assert.deepEqual(end, { code: null, signal: 'SIGHUP' }, stderr());
    await until('every node to exit', () => report.nodes.every((n) => !alive(n.pid)), 5_000);
    assert.equal(existsSync(report.dataDir), false, 'temporary data dir removed');
    assert.match(stderr(), /stopped 3 nodes, removed/);
    assert.doesNotMatch(stderr(), /again: killing/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    for (const n of report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
    rmSync(report.dataDir, { recursive: true, force: true });
  }
}

test('playground: SIGHUP (its terminal closed) stops every node gracefully and removes the temporary data dir, like Ctrl-C', async () => {
  // QA: Node's default SIGHUP handler killed the playground at once: the nodes stopped only
  // because their stdin closed, and the temporary directory was left behind. Now it cleans up
  // first, then ends by SIGHUP itself (129 in a shell; a clean exit would abort Node on a
  // hung-up terminal). QA too: the second SIGHUP (the shell forwarding the hang-up) counted as a
  // second Ctrl-C: "SIGHUP again: killing the nodes still running".
  await hangUpWhileStopping('SIGHUP', 10_000);
});

test('playground: the terminal closing while Ctrl-C stops the nodes (SIGINT, then SIGHUP) still ends it by SIGHUP once it has cleaned up', async () => {
  // Review: the SIGHUP was taken for the same request and forgotten, so the playground then
  // exited normally (130), which on the hung-up terminal aborts Node in its exit path (SIGABRT,
  // measured under a pty), the very end src/cli/hangup.ts exists to avoid.
  await hangUpWhileStopping('SIGINT', 15_000);
});

test('playground: a node that dies on its own is reported, and its logs are kept on Ctrl-C even in a temporary directory', async () => {
  const { child, report, stderr } = await startPlayground();
  try {
    process.kill(report.nodes[1]!.pid, 'SIGKILL');
    await until('the exit notice', () => /node 2 exited unexpectedly/.test(stderr()), 10_000);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    assert.match(stderr(), /stopped 2 nodes, data kept in .*\(the logs of node 2, which exited on its own\)/);
    assert.ok(existsSync(join(report.dataDir, 'node-2.log')), 'the log the notice pointed to is still there');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    for (const n of report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
    rmSync(report.dataDir, { recursive: true, force: true });
  }
});

test('playground: a second Ctrl-C while a node is slow to stop kills it at once, and the temporary directory is still removed', async () => {
  const { child, report, stderr } = await startPlayground();
  try {
    // A stopped node does not see its stdin close: the graceful stop would wait its 5 s grace.
    process.kill(report.nodes[1]!.pid, 'SIGSTOP');
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const sent = performance.now();
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    const end = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    // QA: the second SIGINT hit Node's default handler: the playground died at once (exit by
    // signal), left its temporary directory behind and the stopped node running.
    assert.deepEqual(end, { code: 0, signal: null }, stderr());
    assert.ok(performance.now() - sent < 4000, 'did not wait for the 5 s grace');
    assert.match(stderr(), /SIGINT again: killing the nodes still running/);
    await until('every node to exit', () => report.nodes.every((n) => !alive(n.pid)), 5_000);
    assert.equal(existsSync(report.dataDir), false, 'temporary data dir removed');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    for (const n of report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
    rmSync(report.dataDir, { recursive: true, force: true });
  }
});

test('playground: the same signal twice at once (timeout -s INT signals the command and its process group) is one graceful stop', async () => {
  // Two SIGINTs are one request only within 100 ms of each other: an attempt whose 15 ms wait
  // overran 50 ms (a loaded machine) proves nothing and is stopped and run again (as the same
  // test of `node start` does).
  for (let attempt = 1; ; attempt++) {
    const { child, report, stderr } = await startPlayground();
    try {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const t0 = performance.now();
      child.kill('SIGINT');
      // Two signals sent back to back may merge into one; a few ms apart they arrive as two.
      await new Promise((r) => setTimeout(r, 15));
      child.kill('SIGINT');
      const overran = performance.now() - t0 >= 50;
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
      if (overran && attempt < 5) continue;
      assert.equal(code, 0, stderr());
      assert.doesNotMatch(stderr(), /again: killing/, 'the nodes were stopped gracefully, not killed');
      assert.match(stderr(), /stopped 3 nodes, removed/);
      return;
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      for (const n of report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
      rmSync(report.dataDir, { recursive: true, force: true });
    }
  }
});

test('playground: timings a node would refuse are a usage error before any directory is made', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'raftctl-pg-timings-'));
  try {
    const r = await runCommand(['playground', '--heartbeat-interval', '500ms', '--election-timeout', '100ms'], { TMPDIR: tmp });
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /^Error: --election-timeout must be at least 3 heartbeat intervals/);
    // QA: every node exited 2 after the playground had made its temporary directory, which it
    // then kept "because the start failed".
    assert.deepEqual(readdirSync(tmp), []);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('playground: every node exiting on its own ends the playground with exit 1, the logs of all of them kept', async () => {
  const { child, report, stderr } = await startPlayground();
  try {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    for (const n of report.nodes) process.kill(n.pid, 'SIGKILL');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    assert.equal(code, 1, stderr());
    // Under -o ndjson the error is a JSON line with its code, as for any other failure.
    const errorLine = stderr().split('\n').find((l) => l.startsWith('{'));
    assert.ok(errorLine, stderr());
    assert.equal((JSON.parse(errorLine) as { error: { code: string } }).error.code, 'NODES_EXITED');
    // QA: "the logs of node 1, 2, 3, which exited on its own".
    assert.match(stderr(), /stopped 0 nodes, data kept in .* \(the logs of nodes 1, 2, 3, which exited on their own\)/);
    for (const n of report.nodes) assert.ok(existsSync(join(report.dataDir, `node-${n.id}.log`)));
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(report.dataDir, { recursive: true, force: true });
  }
});

/**
 * A piped playground (-o ndjson, 3 nodes) in a private TMPDIR `tmp`, with 1 s heartbeats: no
 * leader for seconds, so its report is still pending for a while. `exited()` resolves with its
 * exit code, or 'timeout' if it has not exited 10 s after the call; `close()` kills it if it still
 * runs and removes `tmp`.
 */
function startUnreadyPlayground(prefix: string) {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/run.js'), 'playground', '--nodes', '3', '-o', 'ndjson', '--heartbeat-interval', '1s'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    tmp,
    child,
    out,
    exited: () => Promise.race([exit, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]),
    close(): void {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

test('playground: Ctrl-C before the cluster is ready (piped) exits 130 with nothing on stdout, and still cleans up', { skip: !existsSync('/proc/self/stat') }, async () => {
  const pg = startUnreadyPlayground('raftctl-pg-early-');
  try {
    await nodesStarted(pg);
    pg.child.kill('SIGINT');
    const code = await pg.exited();
    assert.equal(code, 130, pg.out.stderr);
    assert.equal(pg.out.stdout, '');
    assert.deepEqual(readdirSync(pg.tmp), [], pg.out.stderr);
  } finally {
    pg.close();
  }
});

/** Pids of the live children of `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid && fields[0] !== 'Z') out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * True once process `pid` holds an established TCP connection (Linux: its socket fds looked up
 * in /proc/net/tcp and tcp6). A playground connects to its nodes only to ask whether the cluster
 * is ready, which it does once every node printed `listening on`.
 */
function hasEstablishedTcp(pid: number): boolean {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    return false;
  }
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...; st 01 is ESTABLISHED.
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '01' && inodes.has(f[9] ?? '')) return true;
    }
  }
  return false;
}

/**
 * Waits (at most 10 s) until the three nodes of an unready playground run, their logs say they
 * started, and the playground saw each one's `listening on` (it then asks them whether the
 * cluster is ready: a TCP connection); returns the nodes' pids. The logs alone were not enough:
 * a node logs "node started" just before it prints `listening on`, and nodes killed in between
 * (seen on a loaded machine) are a failed start (NODE_START_FAILED), which is right. Nor is a
 * fixed sleep: a loaded machine may not have loaded the CLI (and its SIGINT handler) in 2 s.
 */
async function nodesStarted(pg: ReturnType<typeof startUnreadyPlayground>): Promise<number[]> {
  const deadline = performance.now() + 10_000;
  let nodes: number[] = [];
  let asking = false;
  while (performance.now() < deadline) {
    nodes = childrenOf(pg.child.pid!);
    const logs = readdirSync(pg.tmp).flatMap((d) => [1, 2, 3].map((i) => join(pg.tmp, d, `node-${i}.log`)));
    asking = hasEstablishedTcp(pg.child.pid!);
    if (nodes.length === 3 && asking && logs.every((f) => existsSync(f) && readFileSync(f, 'utf8').includes('"node started"'))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(nodes.length, 3, pg.out.stderr);
  assert.ok(asking, `the playground asks its nodes: ${pg.out.stderr}`);
  return nodes;
}

// Scenario: piped, the cluster not ready yet (1 s heartbeats: no leader for seconds), every node
// killed. Expected: exit 1 with the NODES_EXITED error line, as after the report (before: 130, as
// if interrupted, with no error line: the ready wait took any wake-up for a signal).
test('playground: every node exiting while the piped playground still waits for a ready cluster is NODES_EXITED (exit 1), not an interrupt', { skip: !existsSync('/proc/self/stat') }, async () => {
  const pg = startUnreadyPlayground('raftctl-pg-exit-early-');
  try {
    // The report is still pending (asserted below).
    const nodes = await nodesStarted(pg);
    assert.equal(pg.out.stdout, '', 'not ready yet');
    for (const pid of nodes) process.kill(pid, 'SIGKILL');
    const code = await pg.exited();
    assert.equal(code, 1, pg.out.stderr);
    const errorLine = pg.out.stderr.split('\n').find((l) => l.startsWith('{'));
    assert.ok(errorLine, pg.out.stderr);
    assert.equal((JSON.parse(errorLine) as { error: { code: string } }).error.code, 'NODES_EXITED');
  } finally {
    pg.close();
  }
});

test('playground: Ctrl-C to the process group while the nodes are still booting exits 130 and removes the temporary directory (or, with --data-dir, the half-made node directories)', { skip: !existsSync('/proc/self/stat') }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'raftctl-pg-boot-'));
  const dir = join(tmp, 'kept');
  try {
    for (const extra of [[], ['--data-dir', dir]]) {
      // Its own process group, as a terminal's foreground job: the nodes get the SIGINT too, while
      // they are still loading (before node start has a handler: Node's default ends them).
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/run.js'), 'playground', '--nodes', '3', ...extra], {
        cwd: REPO_ROOT,
        env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.resume();
      try {
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        await until('the first node process', () => childrenOf(child.pid!).length > 0, 15_000);
        process.kill(-child.pid!, 'SIGINT');
        const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
        assert.equal(code, 130, stderr);
        // QA: the nodes' deaths made it a failed start: "playground: logs kept in
        // /tmp/raftctl-playground-..." and the directory stayed; with --data-dir the node
        // directories that had finished their first start stayed, a cluster that never ran.
        assert.doesNotMatch(stderr, /logs kept/);
        assert.deepEqual(readdirSync(tmp).filter((n) => n !== 'kept'), [], stderr);
        if (extra.length > 0) assert.deepEqual(readdirSync(dir).filter((n) => /^node-\d+$/.test(n)), [], stderr);
      } finally {
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

// QA: `raftctl playground -o ndjson > /dev/full` (its stdout on a full disk) exited 1 at once on
// the failed write, with no clean-up: the nodes stopped only when their stdin pipe closed, and the
// temporary data directory (about 190 MB for three nodes) stayed in $TMPDIR.
test('playground: output that cannot be written (stdout on a full disk) stops the nodes, removes the temporary directory, and exits 1 with OUTPUT_FAILED', { skip: !existsSync('/dev/full') && 'no /dev/full' }, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'raftctl-pg-full-'));
  const full = openSync('/dev/full', 'w');
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/run.js'), 'playground', '--nodes', '3', '-o', 'ndjson', '--heartbeat-interval', '50ms', '--election-timeout', '300ms'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', TMPDIR: tmp },
    stdio: ['pipe', full, 'pipe'],
  });
  closeSync(full);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
    assert.equal(code, 1, stderr);
    const errorLine = stderr.split('\n').find((l) => l.startsWith('{'));
    assert.ok(errorLine, stderr);
    assert.equal((JSON.parse(errorLine) as { error: { code: string } }).error.code, 'OUTPUT_FAILED');
    assert.match(stderr, /playground: stopped 3 nodes, removed /);
    assert.deepEqual(readdirSync(tmp), [], stderr);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  }
});

// QA: a playground whose --data-dir filled up (a 4 MiB tmpfs, then filled) died on the next log
// line it appended to node-1.log: an unhandled ENOSPC 'error' event, a stack trace, exit 1, and
// none of the clean-up (the nodes stopped only because their stdin pipe closed).
test('playground: a node log file it cannot write (ENOSPC) is reported once and its lines dropped; the playground runs on and stops cleanly', { skip: !existsSync('/dev/full') && 'no /dev/full' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'raftctl-pg-logfull-'));
  symlinkSync('/dev/full', join(dir, 'node-1.log'));
  const started = await startPlayground(['--data-dir', dir]).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  const { child, report, stderr } = started;
  try {
    assert.equal(report.ready, true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
    assert.equal(code, 0, stderr());
    assert.doesNotMatch(stderr(), /\n\s+at /, 'no stack trace');
    assert.equal(stderr().match(/cannot write node 1's log .*node-1\.log \(ENOSPC\); its log lines are dropped/g)?.length, 1, stderr());
    assert.match(stderr(), /playground: stopped 3 nodes, data kept in /);
    assert.ok(readFileSync(join(dir, 'node-2.log'), 'utf8').includes('"node stopped"'), 'the other logs are whole');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    for (const n of report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('playground killed with SIGKILL: every child stops on its own (stdin pipe closed)', async () => {
  const { child, report } = await startPlayground();
  try {
    child.kill('SIGKILL');
    await until('every node to exit', () => report.nodes.every((n) => !alive(n.pid)), 10_000);
  } finally {
    for (const n of report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
    rmSync(report.dataDir, { recursive: true, force: true });
  }
});

test('playground: two playgrounds started at once on one new --data-dir: one runs, the other is refused (exit 2), and the directory holds one cluster', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'raftctl-pg-race-')), 'data');
  const spawnOne = () => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/run.js'), 'playground', '--data-dir', dir, '-o', 'ndjson', '--heartbeat-interval', '50ms', '--election-timeout', '300ms', '--wait-timeout', '10s'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '', code: undefined as number | null | undefined };
    child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
    child.once('exit', (code) => (out.code = code));
    return { child, out };
  };
  const runs = [spawnOne(), spawnOne()];
  const stop = async (r: (typeof runs)[number]): Promise<void> => {
    if (r.out.code !== undefined) return;
    const exited = new Promise<void>((resolve) => r.child.once('exit', () => resolve()));
    r.child.kill('SIGINT');
    await Promise.race([exited, new Promise((t) => setTimeout(t, 10_000))]);
  };
  try {
    await until('one report and one exit', () => runs.some((r) => r.out.stdout.includes('\n')) && runs.some((r) => r.out.code !== undefined), 20_000);
    // QA: both failed (each found a node directory the other held: exit 2 twice), leaving node
    // directories of two different clusters, which a later playground restarted into nodes that
    // never formed one cluster.
    const winner = runs.find((r) => r.out.stdout.includes('\n'))!;
    const loser = runs.find((r) => r.out.code !== undefined)!;
    assert.notEqual(winner, loser);
    assert.equal(loser.out.code, 2, loser.out.stderr);
    assert.match(loser.out.stderr, /"code":"DATA_DIR_LOCKED"/);
    const report = JSON.parse(winner.out.stdout.split('\n')[0]!) as Report;
    assert.equal(report.ready, true, JSON.stringify(report.status));
    await stop(winner);
    const again = await startPlayground(['--data-dir', dir, '--wait-timeout', '10s']);
    try {
      assert.equal(again.report.ready, true, JSON.stringify(again.report.status));
    } finally {
      await stop({ child: again.child, out: { stdout: '', stderr: '', code: again.child.exitCode ?? undefined } });
      for (const n of again.report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
    }
  } finally {
    for (const r of runs) {
      await stop(r);
      if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    }
    rmSync(dirname(dir), { recursive: true, force: true });
  }
});

test('playground: a first start on a new --data-dir that fails (a --base-port port taken) leaves no half-made cluster: the same --data-dir works next time', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'raftctl-pg-failed-first-')), 'data');
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const held = (holder.address() as AddressInfo).port;
  try {
    // Nodes 1 and 2 start on held-2 and held-1 and write their state; node 3 cannot bind.
    const failed = await runCommand(['playground', '--data-dir', dir, '--base-port', String(held - 2), '--heartbeat-interval', '50ms', '--election-timeout', '300ms']);
    assert.equal(failed.exitCode, 2, failed.stderr);
    assert.match(failed.stderr, /cannot listen on 127\.0\.0\.1:\d+: the port is in use/);
    assert.ok(existsSync(join(dir, 'node-3.log')), 'the logs are kept');
    // QA: node-1 and node-2 kept the state of a cluster that never ran, so every later playground
    // on this directory took it for a restart and failed (exit 2, "node-3 holds no node state"),
    // the hint's advice (another --base-port) notwithstanding.
    const again = await startPlayground(['--data-dir', dir, '--wait-timeout', '10s']);
    try {
      assert.equal(again.report.ready, true, JSON.stringify(again.report.status));
    } finally {
      const exited = new Promise<void>((resolve) => again.child.once('exit', () => resolve()));
      again.child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      for (const n of again.report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
    }
  } finally {
    holder.close();
    rmSync(dirname(dir), { recursive: true, force: true });
  }
});

test('playground: a node that fails to start is reported by its own error line, without its NDJSON log lines', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'raftctl-pg-node-error-')), 'data');
  try {
    const first = await startPlayground(['--data-dir', dir]);
    const exited = new Promise<void>((resolve) => first.child.once('exit', () => resolve()));
    first.child.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    for (const n of first.report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
    rmSync(join(dir, 'node-3', 'wal'), { recursive: true, force: true });
    const r = await runCommand(['playground', '--data-dir', dir]);
    assert.equal(r.exitCode, 7, r.stderr);
    // QA: "node 3 exited before it was listening (exit code 7): {"ts":"...","level":"info","msg":"recovering",...} | corrupt data in ..."
    assert.match(r.stderr, /^Error: playground: node 3 exited before it was listening \(exit code 7\): corrupt data in \S+node-3\/wal: /);
    assert.doesNotMatch(r.stderr, /"ts"/);
  } finally {
    rmSync(dirname(dir), { recursive: true, force: true });
  }
});

test('playground --data-dir without --base-port restarts from its directory: the nodes rebind their configured ports and keep the data', async (t) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'raftctl-pg-restart-')), 'data');
  // Removed however the test ends (a failed assertion in an earlier step left 193 MB behind).
  t.after(() => rmSync(dirname(dir), { recursive: true, force: true }));
  const stopped = async (child: ChildProcessWithoutNullStreams): Promise<void> => {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
  const first = await startPlayground(['--data-dir', dir]);
  try {
    assert.equal(first.report.ready, true, JSON.stringify(first.report.status));
    const put = await runCommand(['kv', 'put', 'kept', 'across-restarts', '-e', first.report.endpoints]);
    assert.equal(put.exitCode, 0, put.stderr);
    // A second playground on the same directory is refused before it starts a node (the
    // directory's LOCK names the first playground): exit 2 with one error line.
    const logBefore = readFileSync(join(dir, 'node-1.log'), 'utf8');
    const twice = await runCommand(['playground', '--data-dir', dir, '-o', 'ndjson']);
    assert.equal(twice.exitCode, 2, twice.stderr);
    const errLines = twice.stderr.trim().split('\n');
    assert.equal(errLines.length, 1, twice.stderr);
    const { error } = JSON.parse(errLines[0]!) as { error: { code: string; message: string; hint: string } };
    assert.equal(error.code, 'DATA_DIR_LOCKED');
    assert.equal(error.message, `playground: ${dir} is in use by process ${first.child.pid}`);
    assert.match(error.hint, /another playground runs on it/);
    // QA: the second playground's failing nodes appended their errors to the first one's node logs.
    assert.equal(readFileSync(join(dir, 'node-1.log'), 'utf8').startsWith(logBefore), true);
    assert.doesNotMatch(readFileSync(join(dir, 'node-1.log'), 'utf8').slice(logBefore.length), /in use by process/);
  } finally {
    await stopped(first.child);
    for (const n of first.report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
  }
  // A --base-port on a restart would strand the nodes away from their configured ports (QA): it
  // is ignored, with a note. The directory given relative to the playground's working directory
  // is reported absolute (QA: the report said what was typed, a path that means nothing elsewhere).
  const second = await startPlayground(['--data-dir', relative(REPO_ROOT, dir), '--base-port', '29000']);
  try {
    assert.equal(second.report.ready, true, `${JSON.stringify(second.report.status)} ${second.stderr()}`);
    assert.equal(second.report.dataDir, dir);
    assert.equal(second.report.nodes[0]!.dataDir, join(dir, 'node-1'));
    assert.deepEqual(second.report.nodes.map((n) => n.address), first.report.nodes.map((n) => n.address), 'each node is back on its configured address');
    assert.match(second.stderr(), /--base-port ignored/);
    const get = await runCommand(['kv', 'get', 'kept', '-e', second.report.endpoints, '--json']);
    assert.equal(get.exitCode, 0, get.stderr);
    assert.equal((JSON.parse(get.stdout) as { value: string }).value, 'across-restarts');
  } finally {
    await stopped(second.child);
    for (const n of second.report.nodes) if (alive(n.pid)) process.kill(n.pid, 'SIGKILL');
  }
  // Another --nodes than the directory holds: refused before anything starts (QA: exit 1 and an empty node-4 left).
  const wrong = await runCommand(['playground', '--data-dir', dir, '--nodes', '4']);
  assert.equal(wrong.exitCode, 2, wrong.stderr);
  assert.match(wrong.stderr, /holds a playground of 3 nodes, not 4/);
  assert.equal(existsSync(join(dir, 'node-4')), false);
});
