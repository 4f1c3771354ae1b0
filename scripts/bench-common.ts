/**
 * Shared by scripts/bench-cluster.ts and scripts/bench-failover.ts: three-node clusters on
 * 127.0.0.1 (raftctl nodes through the playground's process manager, etcd through /usr/bin/etcd
 * when it is installed), each in a fresh temporary directory, and the helpers to wait for them,
 * find their leader, and run `raftctl bench` against them.
 *
 * Every process started here is stopped by the cluster's `stop()` (and, for raftctl nodes, also
 * when this process dies: their stdin is a pipe from it). etcd processes are killed by pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts, Playground } from '../src/app/playground.js';
import { ChannelPool } from '../src/transport/channels.js';
import { EndpointClient } from '../src/transport/endpoint-client.js';

/** Repository root (this file runs from dist/scripts). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin', 'run.js');
export const ETCD = process.env.ETCD_BIN ?? '/usr/bin/etcd';

export type System = 'raftctl' | 'etcd';

/** A running three-node cluster of either system. */
export interface Cluster {
  readonly system: System;
  /** Client endpoints, in member order. */
  readonly endpoints: string[];
  /** Index (0-based) of the current leader; null when none is known. */
  leaderIndex(): Promise<number | null>;
  /** Sends `signal` (default SIGKILL: kill -9) to member `i` and waits for it to exit. */
  kill(i: number, signal?: NodeJS.Signals): Promise<void>;
  /** Restarts member `i` from its data directory. */
  restart(i: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  readonly heartbeatMs: number;
  readonly electionMs: number;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let stdoutGone = false;
// A reader that went away (`| head -3`): stdout's EPIPE was an uncaught error that ended the
// script at once, while a cluster ran, leaving its processes and temporary directory behind.
// Now it only marks the output gone; the scripts stop after cleaning up the run in progress.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  stdoutGone = true;
});

/** Whether stdout's reader went away (EPIPE): nothing more can be reported, so the script should stop. */
export function outputGone(): boolean {
  return stdoutGone;
}

/** Whether etcd can be run here. */
export function etcdAvailable(): boolean {
  return existsSync(ETCD);
}

/** Runs `raftctl ...args --json` and returns the parsed stdout (the exit code must be 0). */
export function raftctlJson<T>(args: readonly string[], timeoutMs: number): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`raftctl ${args.join(' ')} exited ${code}: ${err.trim()}`));
      try {
        resolvePromise(JSON.parse(out) as T);
      } catch (e) {
        reject(new Error(`raftctl ${args.join(' ')}: unreadable output (${(e as Error).message})`));
      }
    });
  });
}

/** A client for probes (leader lookups, readiness writes); close it when done. */
export function probeClient(): { client: EndpointClient; close(): void } {
  const pool = new ChannelPool();
  return { client: new EndpointClient({ pool }), close: () => pool.close() };
}

/** Three raftctl nodes in a fresh temporary directory. */
export async function startRaftctl(o: ClusterOptions): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'raftctl-bench-'));
  const pg = await Playground.start({
    nodes: 3,
    dataDir: dir,
    cli: { execPath: process.execPath, script: BIN },
    heartbeatIntervalMs: o.heartbeatMs,
    electionTimeoutMs: o.electionMs,
  });
  const endpoints = pg.endpoints;
  const probe = probeClient();
  return {
    system: 'raftctl',
    endpoints,
    async leaderIndex() {
      const answers = await Promise.all(
        endpoints.map((ep) => probe.client.getNodeStatus(ep, { deadlineMs: 500 }).then((s) => s, () => null)),
      );
      let best: { i: number; term: number } | null = null;
      answers.forEach((s, i) => {
        if (s && s.role === 3 && (best === null || (s.term ?? 0) > best.term)) best = { i, term: s.term ?? 0 };
      });
      return (best as { i: number } | null)?.i ?? null;
    },
    kill: (i, signal = 'SIGKILL') => pg.kill(i + 1, signal),
    restart: (i) => pg.restart(i + 1),
    async stop() {
      probe.close();
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface EtcdMember {
  readonly name: string;
  readonly client: number;
  readonly peer: number;
  readonly dataDir: string;
  child: ChildProcess | null;
}

/** Three etcd members on loopback in a fresh temporary directory (fsync on: etcd's default). */
export async function startEtcd(o: ClusterOptions): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'raftctl-bench-etcd-'));
  const ports = await freePorts(6);
  const members: EtcdMember[] = [0, 1, 2].map((i) => ({ name: `e${i + 1}`, client: ports[2 * i]!, peer: ports[2 * i + 1]!, dataDir: join(dir, `e${i + 1}`), child: null }));
  const initialCluster = members.map((m) => `${m.name}=http://127.0.0.1:${m.peer}`).join(',');
  const token = `bench-${Date.now()}`;
  const launch = (m: EtcdMember): void => {
    const args = [
      '--name', m.name, '--data-dir', m.dataDir,
      '--listen-client-urls', `http://127.0.0.1:${m.client}`, '--advertise-client-urls', `http://127.0.0.1:${m.client}`,
      '--listen-peer-urls', `http://127.0.0.1:${m.peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${m.peer}`,
      '--initial-cluster', initialCluster, '--initial-cluster-state', 'new', '--initial-cluster-token', token,
      '--heartbeat-interval', String(o.heartbeatMs), '--election-timeout', String(o.electionMs),
      '--logger', 'zap', '--log-level', 'error',
    ];
    m.child = spawn(ETCD, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  };
  members.forEach(launch);
  const endpoints = members.map((m) => `127.0.0.1:${m.client}`);
  const stopAll = async (): Promise<void> => {
    await Promise.all(members.map((m) => killAndWait(m.child, 'SIGTERM')));
  };
  return {
    system: 'etcd',
    endpoints,
    async leaderIndex() {
      const flags = await Promise.all(members.map((m) => isEtcdLeader(m.client)));
      const i = flags.indexOf(true);
      return i < 0 ? null : i;
    },
    async kill(i, signal = 'SIGKILL') {
      await killAndWait(members[i]!.child, signal);
      members[i]!.child = null;
    },
    async restart(i) {
      launch(members[i]!);
    },
    async stop() {
      await stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** etcd's /metrics (served on the client port) says `etcd_server_is_leader 1` on the leader. */
async function isEtcdLeader(clientPort: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${clientPort}/metrics`, { signal: AbortSignal.timeout(500) });
    return /^etcd_server_is_leader 1$/m.test(await res.text());
  } catch {
    return false;
  }
}

function killAndWait(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill(signal);
  });
}

/**
 * One write through the system's own client API: resolves true when it was accepted. For
 * raftctl it follows a NOT_LEADER hint by returning it (the caller retries there).
 */
export async function tryWrite(client: EndpointClient, system: System, endpoint: string, key: string, deadlineMs: number): Promise<{ ok: boolean; hint: string | null }> {
  const k = new TextEncoder().encode(key);
  const v = new TextEncoder().encode(`${Date.now()}`);
  try {
    if (system === 'etcd') {
      await client.etcdPut(endpoint, { key: k, value: v }, { deadlineMs });
      return { ok: true, hint: null };
    }
    const r = await client.write(endpoint, { clientId: 0, command: { insert: { key: k, value: v, ttlSecs: 0 } } }, { deadlineMs });
    if ((r.error ?? 0) === 0) return { ok: true, hint: null };
    return { ok: false, hint: r.metadata?.leaderAddress || null };
  } catch (e) {
    const hint = (e as { leaderAddress?: string | null }).leaderAddress ?? null;
    return { ok: false, hint };
  }
}

/** Waits until a leader is known and a write is accepted; returns the leader's index. */
export async function waitReady(cluster: Cluster, timeoutMs: number): Promise<number> {
  const probe = probeClient();
  try {
    const end = performance.now() + timeoutMs;
    while (performance.now() < end) {
      const leader = await cluster.leaderIndex();
      if (leader !== null && (await tryWrite(probe.client, cluster.system, cluster.endpoints[leader]!, '/bench/ready', 1000)).ok) return leader;
      await sleep(100);
    }
    throw new Error(`${cluster.system} cluster not ready within ${timeoutMs} ms`);
  } finally {
    probe.close();
  }
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
