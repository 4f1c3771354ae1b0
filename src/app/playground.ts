/**
 * `raftctl playground`: a local cluster of `raftctl node start` child processes on 127.0.0.1.
 *
 * Contract:
 * - {@link Playground.start} picks the ports (`basePort`, basePort+1, ... or free ports the OS
 *   chose), spawns every node with `--peers` (one node: `--bootstrap`) and `--exit-with-stdin`,
 *   and resolves once each printed `listening on H:P`. If any node fails to start, the others
 *   are stopped and the promise rejects with the failing node's stderr tail.
 * - Children hold a pipe to this process on stdin: when this process dies for any reason
 *   (even SIGKILL) the pipes close and every node stops on its own. No orphan survives.
 * - {@link Playground.stop} closes every stdin (graceful stop), waits up to `graceMs`, then
 *   SIGKILLs what is left, by pid. Idempotent. {@link Playground.killAll} SIGKILLs them at once
 *   (also cutting a graceful stop short).
 * - Data directories are made and removed by the caller (src/cli: only it touches the file
 *   system); node `i` uses `<dataDir>/node-<i>`. A `--data-dir` is locked first
 *   ({@link lockDataRoot}): one playground at a time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { EXIT, RaftCtlError, UsageError } from '../errors.js';
import { acquireLock, createDirectory, DataDirLockedError, nodeStorageFs } from '../storage/index.js';

/** How to run the raftctl CLI: `execPath script ...args` (process.execPath and bin/run.js). */
export interface CliCommand {
  readonly execPath: string;
  readonly script: string;
}

export interface PlaygroundOptions {
  readonly nodes: number;
  /** Node i listens on basePort + i - 1; free ports chosen by the OS when absent. */
  readonly basePort?: number;
  /** Root directory; node i's data directory is `<dataDir>/node-<i>`. */
  readonly dataDir: string;
  readonly cli: CliCommand;
  /** The data directories hold state already: start every node from its directory alone (no `--peers`). */
  readonly restart?: boolean;
  /** `--heartbeat-interval` and `--election-timeout` in ms, passed through when set. */
  readonly heartbeatIntervalMs?: number;
  readonly electionTimeoutMs?: number;
  /** How long a node may take to print `listening on` (default 15 s). */
  readonly startTimeoutMs?: number;
  /** Each stderr line (an NDJSON log record) of node `id`. */
  readonly onLog?: (id: number, line: string) => void;
  /** A node exited while the playground was running (not through stop/kill). */
  readonly onUnexpectedExit?: (id: number, code: number | null, signal: NodeJS.Signals | null) => void;
}

/** One node of the playground as the JSON output shows it. */
export interface PlaygroundNodeInfo {
  readonly id: number;
  readonly address: string;
  /** null once the process has exited. */
  readonly pid: number | null;
  readonly dataDir: string;
}

interface NodeProc {
  readonly id: number;
  /** As printed on the node's `listening on` line (what was asked for until then). */
  address: string;
  readonly dataDir: string;
  child: ChildProcess;
  exited: Promise<void>;
  alive: boolean;
  expectedExit: boolean;
  stderrTail: string[];
}

/** Ports the OS reports free: bind 127.0.0.1:0 `count` times (all held at once, so distinct), then close. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

/** Creates the playground's `--data-dir` (and its parents); UsageError (exit 2) when the OS refuses it. */
export function createDataRoot(root: string): Promise<void> {
  return createDirectory(root);
}

/** A playground's hold on its `--data-dir` (the directory's LOCK); released when it stops. */
export interface DataRootLock {
  release(): Promise<void>;
}

/**
 * Takes the LOCK of a playground's `--data-dir` before anything in it is read or written, so a
 * second playground on the same directory is refused at once (exit 2, DATA_DIR_LOCKED) instead
 * of starting nodes that fail on the first one's node directories, or, when both start at once
 * on a new directory, each initialising some of the node directories for a cluster of its own.
 */
export async function lockDataRoot(root: string): Promise<DataRootLock> {
  try {
    return await acquireLock(nodeStorageFs, root);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      throw new RaftCtlError('DATA_DIR_LOCKED', EXIT.USAGE, `playground: ${root} is in use by ${err.holderPid > 0 ? `process ${err.holderPid}` : 'another process'}`, {
        hint: 'another playground runs on it (or a node, if it is a node\'s data directory): stop that first, or give another --data-dir',
        details: { dir: root, pid: err.holderPid },
      });
    }
    if (err instanceof RaftCtlError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new UsageError(`cannot use data directory ${root}: cannot create its LOCK (${code})`, { hint: 'pass --data-dir a directory this user can create and write' });
  }
}

/** The node data directory of node `id` under `root`. */
export function nodeDataDir(root: string, id: number): string {
  return join(root, `node-${id}`);
}

/** A running local cluster. */
export class Playground {
  readonly #options: PlaygroundOptions;
  readonly #nodes: NodeProc[] = [];
  #stopping: Promise<void> | null = null;

  private constructor(options: PlaygroundOptions) {
    this.#options = options;
  }

  /** Starts every node; see the module comment. */
  static async start(options: PlaygroundOptions): Promise<Playground> {
    if (!Number.isInteger(options.nodes) || options.nodes < 1) throw new RangeError('a playground needs at least one node');
    const pg = new Playground(options);
    // A restart asks for port 0: each node then binds the port its cluster configuration names
    // for it, where the other nodes dial (other ports, fresh or from --base-port, would strand
    // them); --base-port only places a new playground.
    const ports = options.restart
      ? Array.from({ length: options.nodes }, () => 0)
      : options.basePort !== undefined
        ? Array.from({ length: options.nodes }, (_, i) => options.basePort! + i)
        : await freePorts(options.nodes);
    const addresses = ports.map((p) => `127.0.0.1:${p}`);
    const peers = addresses.map((a, i) => `${i + 1}=${a}`).join(',');
    try {
      await Promise.all(addresses.map((address, i) => pg.#spawn(i + 1, address, options.restart ? [] : options.nodes === 1 ? ['--bootstrap'] : ['--peers', peers])));
    } catch (error) {
      await pg.stop();
      throw error;
    }
    return pg;
  }

  /** The nodes in id order. */
  get nodes(): PlaygroundNodeInfo[] {
    return this.#nodes
      .map((n) => ({ id: n.id, address: n.address, pid: n.alive ? (n.child.pid ?? null) : null, dataDir: n.dataDir }))
      .sort((a, b) => a.id - b.id);
  }

  /** Every node's address, in id order. */
  get endpoints(): string[] {
    return this.nodes.map((n) => n.address);
  }

  /** Kills node `id` with `signal` (default SIGKILL) and waits for it to exit. */
  async kill(id: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const n = this.#node(id);
    if (!n.alive) return;
    n.expectedExit = true;
    n.child.kill(signal);
    await n.exited;
  }

  /** Starts a killed node again from its data directory alone (`--id --listen --data-dir`). */
  async restart(id: number): Promise<void> {
    const n = this.#node(id);
    if (n.alive) throw new Error(`node ${id} is still running`);
    this.#nodes.splice(this.#nodes.indexOf(n), 1);
    await this.#spawn(id, n.address, []);
  }

  /** Stops every node (stdin closed, then SIGKILL after `graceMs`). Idempotent. */
  stop(graceMs = 5000): Promise<void> {
    this.#stopping ??= (async () => {
      for (const n of this.#nodes) {
        n.expectedExit = true;
        n.child.stdin?.end();
      }
      const all = Promise.all(this.#nodes.map((n) => n.exited));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = await Promise.race([all.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)))]);
      clearTimeout(timer);
      if (timedOut) {
        for (const n of this.#nodes) if (n.alive) n.child.kill('SIGKILL');
        await all;
      }
    })();
    return this.#stopping;
  }

  /**
   * Stops every node now: SIGKILL, by pid, to each one still running (also while a graceful
   * {@link stop} waits for them, which then ends as soon as they are gone). Resolves once every
   * node has exited. Idempotent.
   */
  async killAll(): Promise<void> {
    const stopping = this.stop();
    for (const n of this.#nodes) if (n.alive) n.child.kill('SIGKILL');
    await stopping;
  }

  #node(id: number): NodeProc {
    const n = this.#nodes.find((x) => x.id === id);
    if (!n) throw new RangeError(`no node ${id} in this playground`);
    return n;
  }

  #spawn(id: number, address: string, extra: readonly string[]): Promise<void> {
    const o = this.#options;
    const dataDir = nodeDataDir(o.dataDir, id);
    const args = [o.cli.script, 'node', 'start', '--id', String(id), '--listen', address, '--data-dir', dataDir, '--exit-with-stdin', ...extra];
    if (o.heartbeatIntervalMs !== undefined) args.push('--heartbeat-interval', `${o.heartbeatIntervalMs}ms`);
    if (o.electionTimeoutMs !== undefined) args.push('--election-timeout', `${o.electionTimeoutMs}ms`);
    const child = spawn(o.cli.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    const proc: NodeProc = { id, address, dataDir, child, exited: Promise.resolve(), alive: true, expectedExit: false, stderrTail: [] };
    this.#nodes.push(proc);
    proc.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        proc.alive = false;
        if (!proc.expectedExit && !this.#stopping) o.onUnexpectedExit?.(id, code, signal);
        resolve();
      });
      child.once('error', () => {
        proc.alive = false;
        resolve();
      });
    });
    child.stdin.on('error', () => undefined);
    splitLines(child.stderr, (line) => {
      proc.stderrTail.push(line);
      if (proc.stderrTail.length > 5) proc.stderrTail.shift();
      o.onLog?.(id, line);
    });
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(`node ${id} did not report "listening on" within ${o.startTimeoutMs ?? 15_000} ms`), o.startTimeoutMs ?? 15_000);
      let settled = false;
      const fail = (why: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // The node's own one-line error ("Error: what. Hint: what to try") says why; the
        // playground gives its own hint, so only the "what" part is kept. Its NDJSON log lines
        // ("recovering", ...) are in its log file: they are shown only when it printed no error.
        const errorLines = proc.stderrTail.filter((l) => !l.startsWith('{'));
        const shown = errorLines.length > 0 ? errorLines : proc.stderrTail;
        const tail = shown.length > 0 ? `: ${shown.map((l) => l.replace(/^Error: /, '').replace(/\. Hint: .*$/, '')).join(' | ')}` : '';
        reject(new NodeStartError(`${why}${tail}`, child.exitCode));
      };
      splitLines(child.stdout, (line) => {
        if (settled || !line.startsWith('listening on ')) return;
        proc.address = line.slice('listening on '.length).trim();
        settled = true;
        clearTimeout(timer);
        resolve();
      });
      void proc.exited.then(() => setImmediate(() => fail(`node ${id} exited before it was listening (exit code ${child.exitCode ?? child.signalCode})`)));
    });
  }
}

/** A node that did not start; `exitCode` is its process's exit code when it exited (`node start`'s documented codes). */
export class NodeStartError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message);
  }
}

function splitLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line !== '') onLine(line);
    }
  });
  stream.on('error', () => undefined);
}
