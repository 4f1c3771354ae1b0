import { Errors, Flags } from '@oclif/core';
import { DEFAULT_MAX_UNCOMMITTED_BYTES, DEFAULT_MAX_UNCOMMITTED_ENTRIES, DEFAULT_WATCH_PROGRESS_MS, defaultMaxStateBytes, nodeStart, type RunningNode } from '../../src/app/node-start.js';
import { ndjsonLogger, LOG_LEVELS, type LogLevel } from '../../src/app/node-logging.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { byteSizeFlag, durationFlag, someGlobalFlags } from '../../src/cli/flags.js';
import { endByHangup, repeatsStop, type FirstStopSignal } from '../../src/cli/hangup.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { UsageError } from '../../src/errors.js';

export default class NodeStartCommand extends BaseCommand<typeof NodeStartCommand> {
  static override summary = 'Run one raftctl node in the foreground.';

  // A node prints one line and logs; it asks no cluster: no -e, --timeout, --wait-timeout, -o or --json.
  static override enableJsonFlag = false;
  static override baseFlags = someGlobalFlags('debug');

  static override description = `Starts a Raft node that serves d-engine's gRPC services (peer, cluster, client API, health) and raftctl's admin service on one port.

--bootstrap starts a single-node cluster; --peers starts a member of a static initial cluster (every member gets the same list). A restart needs only --id, --listen and --data-dir: everything else comes from the data directory (a restart's --cluster-token, or an --advertise other than the address stored for the node, is refused, exit 2). Bootstrapping a directory that already holds another cluster's state, or a second process on the same directory, is refused (exit 2); a corrupt write-ahead log is refused naming the file and byte offset (exit 7), and so is a data directory whose log is gone, whose newest log segment was deleted or truncated (wal/HEAD names it and its size), or that holds a directory where a file belongs or a file where a directory belongs (each named).

The first line on stdout is "listening on HOST:PORT" (--listen 127.0.0.1:0 picks a free port); a --listen port already taken exits 2 ("cannot listen on HOST:PORT: the port is in use by another process"). Logs are NDJSON on stderr (--log-level). SIGINT/SIGTERM/SIGHUP stop the node gracefully (the fsync in flight completes, streams close; during a restart's recovery, at once with exit 130); after SIGHUP (its terminal closed) it then ends by SIGHUP itself, status 129 (nohup does not keep a Node.js process alive: run it under a service manager or setsid); on SIGTERM a leader first hands its leadership to the most caught-up follower it is in contact with (at most an election timeout), so a rolling restart does not leave the cluster waiting for an election; with --exit-with-stdin the node also stops when its stdin closes, so it never outlives the process that started it.

${EXIT_CODES_HELP}`;

  static override examples = [
    { description: 'A single-node cluster on a free port', command: '<%= config.bin %> <%= command.id %> --id 1 --listen 127.0.0.1:0 --data-dir ./n1 --bootstrap' },
    {
      description: 'Member 2 of a three-node cluster',
      command: '<%= config.bin %> <%= command.id %> --id 2 --listen 127.0.0.1:9082 --data-dir ./n2 --peers 1=127.0.0.1:9081,2=127.0.0.1:9082,3=127.0.0.1:9083',
    },
    { description: 'Restart from the data directory', command: '<%= config.bin %> <%= command.id %> --id 2 --listen 127.0.0.1:9082 --data-dir ./n2' },
  ];

  static override flags = {
    id: Flags.integer({ summary: 'This node\'s id (1..4294967295).', required: true, min: 1, max: 0xffffffff }),
    listen: Flags.string({ summary: 'Address to bind, HOST:PORT (port 0 picks a free one).', required: true, helpValue: 'HOST:PORT' }),
    advertise: Flags.string({ summary: 'Address peers and clients use (default: the bound address).', helpValue: 'HOST:PORT' }),
    'data-dir': Flags.string({ summary: 'Data directory (FORMAT, LOCK, wal/ with its segments and HEAD, snap/).', required: true, helpValue: 'DIR' }),
    bootstrap: Flags.boolean({ summary: 'Start a new single-node cluster.', default: false, exclusive: ['peers'] }),
    peers: Flags.string({ summary: 'Start a member of a static initial cluster: every member as ID=HOST:PORT.', helpValue: '1=H:P,2=H:P,...', exclusive: ['bootstrap'] }),
    'cluster-token': Flags.string({ summary: 'Mixed into the cluster id so two clusters with the same members differ.' }),
    'heartbeat-interval': durationFlag({ name: 'heartbeat-interval', summary: 'Tick length = heartbeat interval (default 100ms).' }),
    'election-timeout': durationFlag({ name: 'election-timeout', summary: 'Minimum election timeout, randomized up to twice that (default 10 ticks).' }),
    'snapshot-every': Flags.integer({ summary: 'Snapshot once N entries were applied since the last one and the log since then is as large as that snapshot or 64 MiB; with fewer entries, once it is both (0 = only on demand).', min: 0, default: 10_000 }),
    'snapshot-log-ratio': Flags.custom<number>({
      summary: 'Log bytes since the last snapshot needed per byte of that snapshot before the next one (0 = count entries only, and the 64 MiB of log alone with fewer).',
      helpValue: 'R',
      default: 1,
      parse: async (input) => {
        const r = Number(input);
        if (input.trim() === '' || !Number.isFinite(r) || r < 0) throw new UsageError(`--snapshot-log-ratio: "${input}" is not a number ≥ 0`, { hint: 'e.g. 1 (the default), 0.5, or 0 to snapshot every --snapshot-every entries' });
        return r;
      },
    })(),
    'max-uncommitted': Flags.integer({ summary: 'Refuse proposals with RESOURCE_EXHAUSTED while this many entries are uncommitted (when followers commit slower than clients propose, the leader\'s memory stays bounded).', min: 1, default: DEFAULT_MAX_UNCOMMITTED_ENTRIES }),
    'max-uncommitted-bytes': byteSizeFlag({
      name: 'max-uncommitted-bytes',
      summary: 'Refuse proposals with RESOURCE_EXHAUSTED that would take the uncommitted entries past this size (one entry is always accepted when nothing is uncommitted).',
      defaultBytes: DEFAULT_MAX_UNCOMMITTED_BYTES,
    }),
    'max-state-bytes': byteSizeFlag({
      name: 'max-state-bytes',
      summary: 'Refuse client writes with RESOURCE_EXHAUSTED that would grow the stored keys past this size (key and value bytes plus 200 per key; deletes always pass). Default: 1GiB, or 40% of the heap limit if smaller.',
      defaultBytes: defaultMaxStateBytes(),
    }),
    'watch-progress-interval': durationFlag({
      name: 'watch-progress-interval',
      summary: 'Send every idle watch a PROGRESS event with this node\'s applied index this often, as d-engine does (0 or off: never; at least 100ms).',
      defaultMs: DEFAULT_WATCH_PROGRESS_MS,
      allowOff: true,
    }),
    'log-level': Flags.option({ summary: 'Lowest level logged to stderr (NDJSON).', options: [...LOG_LEVELS], default: 'info' })(),
    'exit-with-stdin': Flags.boolean({ summary: 'Stop when stdin closes (for tests and the playground).', default: false }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const logger = ndjsonLogger((line) => process.stderr.write(line), f['log-level'] as LogLevel, { nodeId: f.id });
    let fatal: Error | null = null;
    let wake: (() => void) | null = null;
    let signalled = false;
    let started = false;
    let onHangup: () => void = () => undefined;
    /** A SIGHUP came, first or later: the terminal may be gone, so the node ends by SIGHUP, never by a normal exit (see src/cli/hangup.ts). */
    let hungUp = false;
    const stopped = new Promise<string>((resolve) => {
      wake = () => resolve('fatal');
      // The first signal stops gracefully; a second one exits at once. So does a signal while a
      // restart is still recovering (a long log, say): nothing is served yet and a restart writes
      // nothing it cannot redo. A first start (--bootstrap, --peers) is short and finishes first,
      // so it never leaves FORMAT without the WAL's first segment (refused as corrupt).
      const restartOnly = !f.bootstrap && f.peers === undefined;
      let first: FirstStopSignal | null = null;
      const onSignal = (sig: string) => () => {
        if (sig === 'SIGHUP') hungUp = true;
        // The same request again is not a second signal (repeatsStop: any SIGHUP, or the same
        // signal within 100 ms).
        if (repeatsStop(first, sig)) return;
        if (signalled || (!started && restartOnly)) {
          logger.log('warn', started ? 'second signal: exiting without waiting' : 'signal while starting: exiting without waiting', { signal: sig });
          if (hungUp) {
            process.off('SIGHUP', onHangup);
            void endByHangup();
            return;
          }
          process.exit(130);
        }
        signalled = true;
        first = { sig, at: performance.now() };
        resolve(sig);
      };
      process.on('SIGINT', onSignal('SIGINT'));
      process.on('SIGTERM', onSignal('SIGTERM'));
      // SIGHUP: the terminal closed. Node's default would kill the node at once (a crash: no
      // graceful stop); it stops as on Ctrl-C, then ends by SIGHUP (see src/cli/hangup.ts).
      onHangup = onSignal('SIGHUP');
      process.on('SIGHUP', onHangup);
      if (f['exit-with-stdin']) {
        process.stdin.on('end', () => resolve('stdin closed'));
        process.stdin.on('close', () => resolve('stdin closed'));
        process.stdin.resume();
      }
    });
    const node: RunningNode = await nodeStart({
      id: f.id,
      listen: f.listen,
      ...(f.advertise !== undefined ? { advertise: f.advertise } : {}),
      dataDir: f['data-dir'],
      bootstrap: f.bootstrap,
      ...(f.peers !== undefined ? { peers: f.peers } : {}),
      ...(f['cluster-token'] !== undefined ? { clusterToken: f['cluster-token'] } : {}),
      ...(f['heartbeat-interval'] !== undefined ? { heartbeatIntervalMs: f['heartbeat-interval'] } : {}),
      ...(f['election-timeout'] !== undefined ? { electionTimeoutMs: f['election-timeout'] } : {}),
      snapshotEvery: f['snapshot-every'],
      snapshotLogRatio: f['snapshot-log-ratio'],
      maxUncommittedEntries: f['max-uncommitted'],
      maxUncommittedBytes: f['max-uncommitted-bytes'],
      maxStateBytes: f['max-state-bytes'],
      watchProgressIntervalMs: f['watch-progress-interval'],
      logger,
      onFatal: (err) => {
        fatal = err;
        wake?.();
      },
    });
    started = true;
    process.stdout.write(`listening on ${node.address}\n`);
    const reason = await stopped;
    logger.log('info', 'stopping', { reason });
    const deadline = setTimeout(() => {
      logger.log('error', 'graceful stop took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000);
    deadline.unref();
    // SIGTERM (a service manager, a rolling restart) hands a leader's leadership over first. Not
    // SIGINT: Ctrl-C reaches every process of the terminal's group at once (a playground's nodes
    // too), and handing over to a node that is stopping as well only delays the exit.
    await node.stop({ handOffLeadership: reason === 'SIGTERM' });
    clearTimeout(deadline);
    if (fatal) throw fatal;
    // Also after a SIGHUP that came while a Ctrl-C's or SIGTERM's stop ran: the same request to
    // stop, but a normal exit on the hung-up terminal would abort Node in its exit path.
    if (reason === 'SIGHUP' || hungUp) {
      process.off('SIGHUP', onHangup);
      await endByHangup();
    }
    throw new Errors.ExitError(0);
  }
}
