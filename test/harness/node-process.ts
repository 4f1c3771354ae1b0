/**
 * Starts and stops real `raftctl node start` processes for integration tests (and for anyone who
 * needs a live node: the operator-command tests reuse it).
 *
 * Contract:
 * - {@link startNode} spawns `node bin/run.js node start ...` with `--exit-with-stdin` (so a node
 *   never outlives the test process, even after a crash of the runner), waits for the first
 *   stdout line `listening on H:P` and resolves with a {@link NodeProcess}. If the process exits
 *   first, or the line does not arrive within `startTimeoutMs`, it rejects with the stderr tail.
 * - Every process is registered; {@link killAll} (call it in `after`/`afterEach`) kills the ones
 *   still alive, by pid, with SIGKILL. Tests should still stop what they start.
 * - Logs (NDJSON on stderr) are kept in memory (`stderrText()`); set `RAFTCTL_TEST_LOGS=1` to
 *   mirror them to the runner's stderr.
 * - Only 127.0.0.1 is used; {@link freePorts} reserves OS-chosen ports (bind :0, close), for
 *   clusters whose `--peers` list needs every port before any node starts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file runs from dist/test/harness). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The CLI entry point. */
export const BIN = join(REPO_ROOT, 'bin', 'run.js');

/** Options of {@link startNode}. */
export interface NodeOptions {
  readonly id: number;
  /** `host:port`; default `127.0.0.1:0` (only valid with `bootstrap`). */
  readonly listen?: string;
  readonly dataDir: string;
  /** Start a single-node cluster. */
  readonly bootstrap?: boolean;
  /** Static initial cluster, `{1: '127.0.0.1:7001', ...}` (this node included). */
  readonly peers?: Readonly<Record<number, string>>;
  readonly clusterToken?: string;
  /** Tick length (`--heartbeat-interval`), e.g. '20ms'. */
  readonly heartbeatInterval?: string;
  /** Minimum election timeout (`--election-timeout`), e.g. '200ms'. */
  readonly electionTimeout?: string;
  /**
   * `--snapshot-every`. Tests that set it want a snapshot every N entries, so the harness also
   * passes `--snapshot-log-ratio 0` unless `snapshotLogRatio` says otherwise.
   */
  readonly snapshotEvery?: number;
  readonly snapshotLogRatio?: number;
  /** Extra raw arguments appended to the command line. */
  readonly extraArgs?: readonly string[];
  /** Default 'info'. */
  readonly logLevel?: string;
  /** How long to wait for `listening on` (default 15000 ms). */
  readonly startTimeoutMs?: number;
}

/** A running (or exited) node process. */
export interface NodeProcess {
  readonly id: number;
  readonly pid: number;
  /** `host:port` from the `listening on` line. */
  readonly address: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process exited. */
  readonly exited: Promise<number | string>;
  /** Everything the process wrote to stderr so far. */
  stderrText(): string;
  /** Everything the process wrote to stdout so far. */
  stdoutText(): string;
  /** SIGKILL (crash); resolves when the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful); resolves with the exit code; SIGKILL after `graceMs` (default 5000). */
  stop(graceMs?: number): Promise<number | string>;
}

const live = new Set<ChildProcess>();

/** The `node start` argument list for `o` (without the `node bin/run.js` prefix). */
export function nodeStartArgs(o: NodeOptions): string[] {
  const args = ['node', 'start', '--id', String(o.id), '--listen', o.listen ?? '127.0.0.1:0', '--data-dir', o.dataDir, '--exit-with-stdin'];
  if (o.bootstrap) args.push('--bootstrap');
  if (o.peers) {
    args.push('--peers', Object.entries(o.peers).map(([id, a]) => `${id}=${a}`).join(','));
  }
  if (o.clusterToken !== undefined) args.push('--cluster-token', o.clusterToken);
  if (o.heartbeatInterval !== undefined) args.push('--heartbeat-interval', o.heartbeatInterval);
  if (o.electionTimeout !== undefined) args.push('--election-timeout', o.electionTimeout);
  if (o.snapshotEvery !== undefined) args.push('--snapshot-every', String(o.snapshotEvery), '--snapshot-log-ratio', String(o.snapshotLogRatio ?? 0));
  else if (o.snapshotLogRatio !== undefined) args.push('--snapshot-log-ratio', String(o.snapshotLogRatio));
  args.push('--log-level', o.logLevel ?? 'info');
  if (o.extraArgs) args.push(...o.extraArgs);
  return args;
}

/**
 * Runs `node bin/run.js <args>` to completion (for commands expected to exit, e.g. a refused
 * start). Resolves with exit code, stdout and stderr; kills the process after `timeoutMs`.
 */
export function runCli(args: readonly string[], timeoutMs = 20_000): Promise<{ code: number | string; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      resolvePromise({ code: code ?? signal ?? 'unknown', stdout, stderr });
    });
  });
}

/** Starts one node and waits for its `listening on H:P` line (see the module contract). */
export function startNode(o: NodeOptions): Promise<NodeProcess> {
  const child = spawn(process.execPath, [BIN, ...nodeStartArgs(o)], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);
  let stdout = '';
  let stderr = '';
  const mirror = process.env.RAFTCTL_TEST_LOGS === '1';
  const exited = new Promise<number | string>((res) => {
    child.on('exit', (code, signal) => {
      live.delete(child);
      res(code ?? signal ?? 'unknown');
    });
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 4_000_000) stderr = stderr.slice(-2_000_000);
    if (mirror) process.stderr.write(d);
  });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node ${o.id} did not print "listening on" within ${o.startTimeoutMs ?? 15000} ms; stderr:\n${stderr.slice(-3000)}`));
    }, o.startTimeoutMs ?? 15_000);
    let resolved = false;
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (resolved) return;
      const m = /^listening on (\S+)\n/.exec(stdout);
      if (!m) return;
      resolved = true;
      clearTimeout(timer);
      const proc: NodeProcess = {
        id: o.id,
        pid: child.pid!,
        address: m[1]!,
        dataDir: o.dataDir,
        child,
        exited,
        stderrText: () => stderr,
        stdoutText: () => stdout,
        async kill9() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
        async stop(graceMs = 5000) {
          if (child.exitCode !== null || child.signalCode !== null) return exited;
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
          const code = await exited;
          clearTimeout(t);
          return code;
        },
      };
      resolvePromise(proc);
    });
    void exited.then((code) => {
      if (resolved) return;
      clearTimeout(timer);
      reject(new Error(`node ${o.id} exited with ${code} before listening; stderr:\n${stderr.slice(-3000)}`));
    });
  });
}

/** Kills (SIGKILL, by pid) every process this module started that is still alive. */
export async function killAll(): Promise<void> {
  const waits: Promise<void>[] = [];
  for (const child of live) {
    waits.push(new Promise((res) => {
      if (child.exitCode !== null || child.signalCode !== null) return res();
      child.once('exit', () => res());
      child.kill('SIGKILL');
    }));
  }
  await Promise.all(waits);
}

/** Reserves `n` distinct free TCP ports on 127.0.0.1 (bind :0, read, close). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<import('node:net').Server>((res, rej) => {
      const s = createServer();
      s.once('error', rej);
      s.listen(0, '127.0.0.1', () => res(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((res) => s.close(() => res()))));
  return ports;
}

/** A fresh temporary directory; remove it with {@link removeDir}. */
export function tempDir(prefix = 'raftctl-node-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a directory tree (ignores errors). */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Polls `check` every `intervalMs` until it returns a non-undefined value (resolved) or
 * `timeoutMs` passes (rejects with `what` and the last error). Never a blind sleep.
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs: number, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError instanceof Error ? lastError.message : String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A running cluster of node processes started by {@link startCluster}. */
export interface NodeCluster {
  /** Node id → `host:port` (the `--peers` map). */
  readonly peers: Readonly<Record<number, string>>;
  /** Node id → process (replace an entry after restarting a node with {@link restartNode}). */
  readonly nodes: Map<number, NodeProcess>;
  /** The parent directory of every node's data directory (`n<id>`). */
  readonly dir: string;
  /** Comma-separated endpoints, for `-e`. */
  readonly endpoints: string;
  /** Stops every node (SIGTERM, then SIGKILL after the grace) and removes the directory. */
  stop(): Promise<void>;
}

/** Options of {@link startCluster}: timing and snapshot flags as for {@link startNode}. */
export type ClusterOptions = Pick<NodeOptions, 'heartbeatInterval' | 'electionTimeout' | 'snapshotEvery' | 'snapshotLogRatio' | 'clusterToken' | 'logLevel' | 'extraArgs' | 'startTimeoutMs'>;

/**
 * Starts `size` nodes (ids 1..size) as a static cluster on OS-chosen 127.0.0.1 ports
 * (`--peers`), each with data directory `<dir>/n<id>`, and waits until a leader has committed
 * its first entry (GetClusterMetadata names it), bounded by `readyTimeoutMs` (default 15 s).
 * Defaults: tick 30 ms, election timeout 300 ms. On failure every started node is killed.
 */
export async function startCluster(size: number, o: ClusterOptions = {}, readyTimeoutMs = 15_000): Promise<NodeCluster> {
  const dir = tempDir('raftctl-cluster-');
  const ports = await freePorts(size);
  const peers: Record<number, string> = {};
  for (let i = 0; i < size; i++) peers[i + 1] = `127.0.0.1:${ports[i]}`;
  const nodes = new Map<number, NodeProcess>();
  const stop = async (): Promise<void> => {
    await Promise.all([...nodes.values()].map((p) => p.stop(3000)));
    removeDir(dir);
  };
  try {
    await Promise.all(
      Object.keys(peers).map(async (k) => {
        const id = Number(k);
        const p = await startNode({ heartbeatInterval: '30ms', electionTimeout: '300ms', ...o, id, listen: peers[id]!, dataDir: join(dir, `n${id}`), peers });
        nodes.set(id, p);
      }),
    );
    const { EndpointClient } = await import('../../src/transport/endpoint-client.js');
    const client = new EndpointClient();
    try {
      await waitFor('a leader with a committed entry', async () => {
        for (const address of Object.values(peers)) {
          const m = await client.getClusterMetadata(address, { deadlineMs: 500 }).catch(() => null);
          if (m?.currentLeaderId) return true;
        }
        return undefined;
      }, readyTimeoutMs);
    } finally {
      client.close();
    }
  } catch (err) {
    await Promise.all([...nodes.values()].map((p) => p.kill9()));
    removeDir(dir);
    throw err;
  }
  return { peers, nodes, dir, endpoints: Object.values(peers).join(','), stop };
}

/**
 * Restarts node `id` of `cluster` from its data directory alone (`--id`, `--listen`,
 * `--data-dir` plus the timing flags) after it was stopped or killed; updates `cluster.nodes`.
 */
export async function restartNode(cluster: NodeCluster, id: number, o: ClusterOptions = {}): Promise<NodeProcess> {
  const extra = ['--heartbeat-interval', o.heartbeatInterval ?? '30ms', '--election-timeout', o.electionTimeout ?? '300ms', ...(o.extraArgs ?? [])];
  const p = await startNode({ id, listen: cluster.peers[id]!, dataDir: join(cluster.dir, `n${id}`), extraArgs: extra, ...(o.logLevel ? { logLevel: o.logLevel } : {}) });
  cluster.nodes.set(id, p);
  return p;
}
