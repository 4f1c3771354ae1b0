/**
 * The foreground session of `raftctl playground`: data directories and node log files (the file
 * system is src/cli's business), signals, and the terminal.
 *
 * - Data: `--data-dir D` is kept (and locked while the playground runs: one at a time);
 *   otherwise a temporary directory is made and removed on exit. A directory whose nodes
 *   already hold state is restarted from it (no `--peers`).
 * - Logs: each node's NDJSON stderr goes to `<dataDir>/node-<id>.log`.
 * - Output: on a TTY (table output) a status table redrawn every second; otherwise the endpoints
 *   and one status table once the cluster is ready (a leader and every member reachable), or one
 *   JSON document under -o json/ndjson/yaml. Then the session stays up.
 * - SIGINT/SIGTERM/SIGHUP (Ctrl-C, a terminal closing) stop every node and clean up; a second
 *   one while they stop kills them at once (SIGKILL) and still cleans up. Output that cannot be
 *   written (stdout or stderr on a full disk: OUTPUT_FAILED, exit 1) stops and cleans up the same
 *   way, instead of the usual exit at once that left the temporary directory behind. The nodes also stop if this process dies,
 *   because their stdin is a pipe from it.
 */
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterStatus, type ClusterStatus } from '../app/cluster-status.js';
import { createDataRoot, lockDataRoot, nodeDataDir, NodeStartError, Playground, type PlaygroundNodeInfo } from '../app/playground.js';
import { RaftCtlError, UsageError, type ExitCode } from '../errors.js';
import { createCliContext, type CliContext } from './context.js';
import { MAX_DURATION_MS } from './duration.js';
import { isMachineFormat, renderResult, type OutputFormat, type View } from './output.js';
import { HANGUP_EXIT_CODE, repeatsStop, type FirstStopSignal } from './hangup.js';
import { onOutputFailed, outputFailedError } from './broken-pipe.js';
import { colourEnabled, liveTerminal, painter, type Painter } from './style.js';
import { clusterStatusView } from './views/cluster-status.js';

export interface PlaygroundSessionOptions {
  readonly nodes: number;
  readonly basePort?: number;
  readonly dataDir?: string;
  readonly format: OutputFormat;
  /** Path of bin/run.js. */
  readonly script: string;
  readonly heartbeatIntervalMs?: number;
  readonly electionTimeoutMs?: number;
  /** How long to wait for the cluster to become ready before printing anyway. */
  readonly readyTimeoutMs: number;
}

/** The JSON document `playground -o json|ndjson|yaml` prints once the cluster is ready. */
export interface PlaygroundReport {
  /** Comma-separated, ready for `-e` or RAFTCTL_ENDPOINTS. */
  readonly endpoints: string;
  readonly dataDir: string;
  /** Whether the data directory is removed when the playground stops. */
  readonly temporary: boolean;
  readonly nodes: (PlaygroundNodeInfo & { readonly logFile: string })[];
  /** Whether a leader was elected and every member answered before the report was printed. */
  readonly ready: boolean;
  readonly status: ClusterStatus;
}

/** What wakes a session once every node has exited on its own. */
const ALL_NODES_EXITED = 'all nodes exited';

/** What wakes a session whose output could not be written. */
const OUTPUT_FAILED = 'output failed';

function ready(s: ClusterStatus): boolean {
  return s.leaderId !== null && s.members.length > 0 && s.members.every((m) => m.reachable);
}

function holdsState(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0;
}

/** Nodes a playground directory holds state for (node-1 ... node-N); a gap in that run is refused. */
function storedNodeCount(root: string): number {
  const ids = readdirSync(root)
    .map((name) => /^node-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null && holdsState(join(root, m[0])))
    .map((m) => Number(m[1]));
  const n = Math.max(0, ...ids);
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((id) => !ids.includes(id));
  if (missing.length > 0) throw new UsageError(`playground: ${root} holds node-${n} but no state for ${missing.map((id) => `node-${id}`).join(', ')}`, { hint: 'give another --data-dir' });
  return n;
}

/**
 * Node `id`'s log file, appended to. A write that fails (its disk full, say) is reported once on
 * stderr and the node's further log lines are dropped: the playground and its nodes keep running
 * (without a listener the error ended the playground with a stack trace, skipping its clean-up).
 */
function openNodeLog(root: string, id: number): WriteStream {
  const path = join(root, `node-${id}.log`);
  const stream = createWriteStream(path, { flags: 'a' });
  let reported = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (reported) return;
    reported = true;
    process.stderr.write(`playground: cannot write node ${id}'s log ${path} (${err.code ?? err.message}); its log lines are dropped from now on\n`);
  });
  return stream;
}

/** Terminal rows `text` takes at `columns` wide (colour codes take no room; long lines wrap). */
function screenRows(text: string, columns: number | undefined): number {
  const lines = text.split('\n').slice(0, -1);
  if (!columns || columns <= 0) return lines.length;
  // eslint-disable-next-line no-control-regex -- SGR colour sequences
  return lines.reduce((rows, line) => rows + Math.max(1, Math.ceil(line.replace(/\u001b\[[0-9;]*m/g, '').length / columns)), 0);
}

function header(r: PlaygroundReport, paint: Painter): string {
  const where = r.temporary ? `${r.dataDir} (removed on exit)` : r.dataDir;
  const rows = r.nodes.map((n) => `  node ${n.id}  ${n.address}  pid ${n.pid ?? 'exited'}  log ${n.logFile}`);
  return [
    paint.bold(`raftctl playground: ${r.nodes.length} ${r.nodes.length === 1 ? 'node' : 'nodes'}, data in ${where}`),
    ...rows,
    '',
    `  export RAFTCTL_ENDPOINTS=${r.endpoints}`,
    '',
  ].join('\n');
}

const reportView: View<PlaygroundReport> = {
  table(r, { wide, paint }) {
    const status = clusterStatusView.table(r.status, { wide, paint });
    return `${header(r, paint)}\n${status}\n\n${paint.dim(r.ready ? 'Press Ctrl-C to stop.' : 'Not ready yet (no leader or a member down). Press Ctrl-C to stop.')}`;
  },
};

/**
 * Runs the playground until SIGINT/SIGTERM/SIGHUP or until every node has exited; returns the exit
 * code ({@link HANGUP_EXIT_CODE} after SIGHUP: the caller then ends by SIGHUP, see ./hangup.ts).
 */
export async function runPlaygroundSession(o: PlaygroundSessionOptions): Promise<number> {
  if (o.dataDir === undefined) return runSession(o, makeTemporaryRoot(), true);
  await createDataRoot(o.dataDir);
  // One playground per --data-dir, checked before anything in it is read or written.
  const lock = await lockDataRoot(o.dataDir);
  try {
    return await runSession(o, o.dataDir, false);
  } finally {
    await lock.release().catch(() => undefined);
  }
}

/** A new temporary directory under the OS's (TMPDIR); one it cannot make is a usage error, not a bug. */
function makeTemporaryRoot(): string {
  const parent = tmpdir();
  try {
    return mkdtempSync(join(parent, 'raftctl-playground-'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new UsageError(`playground: cannot create a temporary data directory in ${parent} (${code})`, {
      hint: 'set TMPDIR to a directory this user can write, or keep the data in one with --data-dir DIR',
    });
  }
}

/**
 * A session on `root`; {@link HANGUP_EXIT_CODE} whenever a SIGHUP came, also one that came while
 * the nodes stopped after another signal (it is the same request to stop, but the terminal is
 * gone: a normal exit would then abort Node in its exit path, see ./hangup.ts).
 */
async function runSession(o: PlaygroundSessionOptions, root: string, temporary: boolean): Promise<number> {
  const hangup = { seen: false };
  const code = await runSessionUntilStopped(o, root, temporary, hangup);
  return hangup.seen ? HANGUP_EXIT_CODE : code;
}

async function runSessionUntilStopped(o: PlaygroundSessionOptions, root: string, temporary: boolean, hangup: { seen: boolean }): Promise<number> {
  const restart = !temporary && holdsState(nodeDataDir(root, 1));
  /**
   * Node directories of a --data-dir that hold nothing before a first start: if the start fails,
   * what the nodes wrote there is a cluster that never ran and is removed again, or every later
   * playground on the directory would take it for a restart of a cluster that cannot form.
   */
  const fresh = temporary || restart ? [] : Array.from({ length: o.nodes }, (_, i) => i + 1).filter((id) => !holdsState(nodeDataDir(root, id)));
  if (restart) {
    const stored = storedNodeCount(root);
    if (stored !== o.nodes) {
      throw new UsageError(`playground: ${root} holds a playground of ${stored} ${stored === 1 ? 'node' : 'nodes'}, not ${o.nodes}`, { hint: `run it with --nodes ${stored}, or give another --data-dir` });
    }
    if (o.basePort !== undefined) process.stderr.write(`playground: restarting from ${root}: each node binds the port its cluster configuration names (--base-port ignored)\n`);
  }
  const logs = new Map<number, WriteStream>();
  for (let id = 1; id <= o.nodes; id++) logs.set(id, openNodeLog(root, id));

  let wake: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (wake = resolve));
  /** The first write to stdout or stderr that failed (not a reader gone: ENOSPC ...); it stops the session. */
  let outputFailed: { err: NodeJS.ErrnoException; stream: NodeJS.EventEmitter } | null = null;
  const restoreOutputHandler = onOutputFailed((err, stream) => {
    outputFailed ??= { err, stream };
    wake(OUTPUT_FAILED);
  });
  /**
   * The exit code for a stop (`reason`: what woke the session); throws for failed output and for
   * every node having exited on its own (before, the second ended a playground still waiting for
   * its cluster to be ready, piped, with 130 as if interrupted).
   */
  const stopCode = (reason: string): number => {
    if (reason === OUTPUT_FAILED && outputFailed) throw outputFailedError(outputFailed.err, outputFailed.stream);
    if (reason === ALL_NODES_EXITED) {
      // A scripted user (-o json) gets an error line with a code, not a bare exit status (the
      // clean-up still says where the logs are).
      throw new RaftCtlError('NODES_EXITED', 1, `playground: every node exited on its own`, {
        hint: `read the end of each node's log (node-ID.log in ${root}), kept with its data`,
      });
    }
    return reason === 'SIGHUP' ? HANGUP_EXIT_CODE : 130;
  };
  // Ctrl-C on a terminal signals the whole process group: the nodes stop on their own at the
  // same moment, which is not an unexpected exit.
  let signalled = false;
  /** Set once the session stops its nodes (after a signal, or when every node exited). */
  let shuttingDown = false;
  let pg: Playground | null = null;
  // A second Ctrl-C (or SIGTERM) while the nodes stop gracefully kills them at once; the
  // clean-up still runs (the default handler would exit at once and leave the temporary
  // directory behind, and a node that ignores its closed stdin running until the grace ends).
  let hurried = false;
  /** The signal that started the stop (none when every node exited on its own). */
  let first: FirstStopSignal | null = null;
  const onSignal = (sig: NodeJS.Signals) => () => {
    if (sig === 'SIGHUP') hangup.seen = true;
    if (signalled || shuttingDown) {
      // The same request again is not a second Ctrl-C (repeatsStop: any SIGHUP, or the same
      // signal within 100 ms); a SIGHUP while the nodes stop on their own is none either.
      if (repeatsStop(first, sig) || sig === 'SIGHUP') return;
      if (pg === null || hurried) return;
      hurried = true;
      process.stderr.write(`playground: ${sig} again: killing the nodes still running\n`);
      void pg.killAll();
      return;
    }
    signalled = true;
    first = { sig, at: performance.now() };
    wake(sig);
  };
  const sigint = onSignal('SIGINT');
  const sigterm = onSignal('SIGTERM');
  // SIGHUP: the terminal closed (or the session ended). Node's default would kill the playground
  // at once: the nodes would still stop (their stdin closes), but the temporary directory stayed.
  const sighup = onSignal('SIGHUP');
  process.on('SIGINT', sigint);
  process.on('SIGTERM', sigterm);
  process.on('SIGHUP', sighup);

  let live: ReturnType<typeof setInterval> | undefined;
  let exitCode = 0;
  /** The error thrown names the kept log directory (no separate "logs kept" line then). */
  let logsNamed = false;
  /** A signal came before the start completed, and the start did not complete. */
  let interrupted = false;
  // A terminal that cannot redraw (TERM=dumb) gets the piped behaviour: one table once ready.
  const tty = !isMachineFormat(o.format) && liveTerminal(process.stdout);
  /** Nodes that exited on their own: their logs are kept, even in a temporary directory. */
  const diedUnexpectedly = new Set<number>();
  /** On a terminal, what happened is part of the live frame (a line between redraws would be overwritten). */
  const notices: string[] = [];
  /** Notices the last frame showed; the rest go to stderr when the playground ends. */
  let noticesDrawn = 0;
  /** Redraws the live frame at once (set while the terminal view runs). */
  let redraw: (() => void) | null = null;
  let ctx: CliContext | null = null;
  try {
    const started = Playground.start({
      nodes: o.nodes,
      ...(o.basePort !== undefined ? { basePort: o.basePort } : {}),
      dataDir: root,
      restart,
      cli: { execPath: process.execPath, script: o.script },
      ...(o.heartbeatIntervalMs !== undefined ? { heartbeatIntervalMs: o.heartbeatIntervalMs } : {}),
      ...(o.electionTimeoutMs !== undefined ? { electionTimeoutMs: o.electionTimeoutMs } : {}),
      onLog: (id, line) => {
        const log = logs.get(id);
        if (log && !log.destroyed) log.write(`${line}\n`);
      },
      onUnexpectedExit: (id, code, signal) => {
        // Before the start completed, the start's own error says it; after a signal, it is expected.
        if (signalled || pg === null) return;
        diedUnexpectedly.add(id);
        const notice = `playground: node ${id} exited unexpectedly (${signal ?? `exit code ${code}`}); its log is ${join(root, `node-${id}.log`)}`;
        if (tty) {
          notices.push(notice);
          redraw?.();
        } else process.stderr.write(`${notice}\n`);
        if (pg && pg.nodes.every((n) => n.pid === null)) {
          exitCode = 1;
          wake(ALL_NODES_EXITED);
        }
      },
    });
    const first = await Promise.race([started.then((p) => ({ p })), stopped.then((reason) => ({ reason }))]);
    if ('reason' in first) {
      pg = await started.catch(() => null);
      if (pg === null) {
        // Stopped before every node was up (a terminal's Ctrl-C also reaches nodes still loading,
        // which then die by it): not a failed start. A first start's node directories go, as
        // after a failed start; a temporary directory is removed below.
        interrupted = true;
        for (const id of fresh) rmSync(nodeDataDir(root, id), { recursive: true, force: true });
      }
      return stopCode(first.reason);
    }
    pg = first.p;
    const playground = pg;
    ctx = await createCliContext({ endpoints: playground.endpoints, timeoutMs: 1000, waitTimeoutMs: MAX_DURATION_MS, ownNodes: true });
    const context = ctx;
    const report = async (): Promise<PlaygroundReport> => {
      const status = (await clusterStatus({ ...context, endpoints: playground.endpoints })).result;
      return {
        endpoints: playground.endpoints.join(','),
        dataDir: root,
        temporary,
        nodes: playground.nodes.map((n) => ({ ...n, logFile: join(root, `node-${n.id}.log`) })),
        ready: ready(status),
        status,
      };
    };

    const paint = painter(!isMachineFormat(o.format) && colourEnabled(process.stdout));
    if (tty) {
      let lines = 0;
      let busy = false;
      const draw = async (): Promise<void> => {
        if (busy) return;
        busy = true;
        try {
          const shown = notices.length;
          const text = renderResult(await report(), 'table', reportView, paint) + notices.map((n) => `${paint.yellow(n)}\n`).join('');
          process.stdout.write(`${lines > 0 ? `\u001b[${lines}A\u001b[J` : ''}${text}`);
          lines = screenRows(text, process.stdout.columns);
          noticesDrawn = shown;
        } finally {
          busy = false;
        }
      };
      await draw();
      redraw = () => void draw().catch(() => undefined);
      live = setInterval(redraw, 1000);
    } else {
      const deadline = performance.now() + o.readyTimeoutMs;
      let r = await report();
      while (!r.ready && performance.now() < deadline) {
        const reason = await Promise.race([stopped, new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
        if (reason !== null) return stopCode(reason);
        r = await report();
      }
      process.stdout.write(renderResult(r, o.format, reportView, paint));
    }
    const reason = await stopped;
    if (reason === 'SIGHUP') return HANGUP_EXIT_CODE;
    if (reason === OUTPUT_FAILED || reason === ALL_NODES_EXITED) return stopCode(reason);
    return 0;
  } catch (error) {
    if (error instanceof RaftCtlError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // The start failed (every node it started has exited): undo a first start's half-made cluster.
    if (pg === null) for (const id of fresh) rmSync(nodeDataDir(root, id), { recursive: true, force: true });
    const logsAt = `the node logs are in ${root}${temporary ? ' (kept because the start failed)' : ''}`;
    logsNamed = true;
    // A node that exited with one of node start's documented codes (2: its data directory is
    // locked or refused, or its port taken; 7: corrupt) fails the playground with the same code;
    // anything else is 1. A --base-port port that could not be bound (node start's "cannot
    // listen on ...") gets its own hint.
    const code = error instanceof NodeStartError && error.exitCode !== null && error.exitCode >= 2 && error.exitCode <= 8 ? (error.exitCode as ExitCode) : 1;
    if (o.basePort !== undefined && !restart && /cannot listen on|EADDRINUSE/.test(message)) {
      throw new UsageError(`playground: ${message}`, { hint: `a port may be in use: pick another --base-port, or leave it out to use free ports; ${logsAt}` });
    }
    throw new RaftCtlError('NODE_START_FAILED', code, `playground: ${message}`, { hint: logsAt });
  } finally {
    shuttingDown = true;
    clearInterval(live);
    redraw = null;
    for (const n of notices.slice(noticesDrawn)) process.stderr.write(`${n}\n`);
    ctx?.close();
    await pg?.stop();
    await Promise.all([...logs.values()].map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.end(() => resolve())))));
    const removed = temporary && exitCode === 0 && (pg !== null || interrupted) && diedUnexpectedly.size === 0;
    if (removed) rmSync(root, { recursive: true, force: true });
    else if (temporary && pg === null && !logsNamed && !interrupted) process.stderr.write(`playground: logs kept in ${root}\n`);
    if (pg !== null) {
      const running = o.nodes - diedUnexpectedly.size;
      const died = [...diedUnexpectedly].sort((a, b) => a - b).join(', ');
      const kept = diedUnexpectedly.size === 0 || !temporary ? '' : diedUnexpectedly.size === 1 ? ` (the logs of node ${died}, which exited on its own)` : ` (the logs of nodes ${died}, which exited on their own)`;
      process.stderr.write(`playground: stopped ${running} ${running === 1 ? 'node' : 'nodes'}${removed ? `, removed ${root}` : `, data kept in ${root}${kept}`}\n`);
    }
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
    process.off('SIGHUP', sighup);
    restoreOutputHandler();
  }
}
