import { Errors, Flags } from '@oclif/core';
import { join, resolve } from 'node:path';
import { checkTimings } from '../src/app/node-start.js';
import { BaseCommand } from '../src/cli/base-command.js';
import { durationFlag, someGlobalFlags } from '../src/cli/flags.js';
import { EXIT_CODES_HELP } from '../src/cli/help-text.js';
import { endByHangup, HANGUP_EXIT_CODE } from '../src/cli/hangup.js';
import { runPlaygroundSession } from '../src/cli/playground-session.js';
import { UsageError } from '../src/errors.js';

export default class PlaygroundCommand extends BaseCommand<typeof PlaygroundCommand> {
  static override summary = 'Run a local cluster of raftctl nodes in the foreground; Ctrl-C stops it.';

  static override description = `Starts N \`raftctl node start\` processes on 127.0.0.1 (ports --base-port, --base-port+1, ... or free ports the OS picks), prints the endpoints and a status table, and stays in the foreground. On a terminal the table refreshes every second; when piped (or on a terminal with TERM=dumb, which cannot redraw), the endpoints and one table are printed once a leader is elected and every member answers (-o json/ndjson/yaml: one document {"endpoints", "dataDir", "temporary", "nodes": [{"id", "address", "pid", "dataDir", "logFile"}], "ready", "status"}).

Ctrl-C (SIGINT), SIGTERM or SIGHUP (the terminal closed; the playground then ends by SIGHUP itself, status 129) stops every node (a second one kills those still stopping at once) and removes the temporary data directory (a --data-dir you give is kept, and a later playground with the same --data-dir and --nodes restarts from it, each node on the port its configuration names: --base-port is ignored then; one playground at a time per --data-dir, exit 2 otherwise). A node that exits on its own is reported, and its log is kept even in a temporary directory. Each node's NDJSON log is in <data dir>/node-<id>.log. The nodes' stdin is a pipe from the playground, so they stop even if the playground is killed: no orphan survives it.

${EXIT_CODES_HELP}`;

  // The playground starts its own nodes: -e and --timeout would mean nothing. -o/--json pick the
  // output; --wait-timeout has a meaning of its own (a command flag, below).
  static override baseFlags = someGlobalFlags('output', 'debug');

  static override flags = {
    'wait-timeout': durationFlag({
      name: 'wait-timeout',
      summary: 'When piped: print the endpoints and status after this long even if no leader is elected or a member does not answer yet (the playground keeps running).',
      defaultMs: 30_000,
    }),
    nodes: Flags.integer({ summary: 'Number of nodes.', default: 3, min: 1, max: 9 }),
    'base-port': Flags.integer({ summary: 'Port of node 1; node i listens on base-port + i - 1 (default: free ports).', min: 1, max: 65535 }),
    'data-dir': Flags.string({ summary: 'Keep data here (default: a temporary directory removed on exit).', helpValue: 'DIR' }),
    'heartbeat-interval': durationFlag({ name: 'heartbeat-interval', summary: 'Passed to every node (default 100ms).' }),
    'election-timeout': durationFlag({ name: 'election-timeout', summary: 'Passed to every node (default 10 heartbeats).' }),
  };

  static override examples = [
    { description: 'Three nodes on free ports', command: '<%= config.bin %> <%= command.id %>' },
    { description: 'Five nodes on 9081..9085, data kept in ./pg', command: '<%= config.bin %> <%= command.id %> --nodes 5 --base-port 9081 --data-dir ./pg' },
    { description: 'In a script: start it in the background and read the endpoints', command: '<%= config.bin %> <%= command.id %> -o ndjson > pg.json & until [ -s pg.json ]; do sleep 0.2; done; export RAFTCTL_ENDPOINTS=$(head -1 pg.json | jq -r .endpoints)' },
  ];

  async run(): Promise<void> {
    const f = this.flags;
    if (f['base-port'] !== undefined && f['base-port'] + f.nodes - 1 > 65535) {
      throw new UsageError(`--base-port ${f['base-port']} leaves no room for ${f.nodes} nodes`, { hint: 'pick a lower --base-port' });
    }
    // Checked here as every node would check them: a node refusing them would fail the start
    // after the temporary directory was made (and kept, for its logs).
    checkTimings({
      ...(f['heartbeat-interval'] !== undefined ? { heartbeatIntervalMs: f['heartbeat-interval'] } : {}),
      ...(f['election-timeout'] !== undefined ? { electionTimeoutMs: f['election-timeout'] } : {}),
    });
    const code = await runPlaygroundSession({
      nodes: f.nodes,
      ...(f['base-port'] !== undefined ? { basePort: f['base-port'] } : {}),
      // Absolute, so the report (and every message naming it) holds wherever it is read from.
      ...(f['data-dir'] !== undefined ? { dataDir: resolve(f['data-dir']) } : {}),
      ...(f['heartbeat-interval'] !== undefined ? { heartbeatIntervalMs: f['heartbeat-interval'] } : {}),
      ...(f['election-timeout'] !== undefined ? { electionTimeoutMs: f['election-timeout'] } : {}),
      format: this.format,
      script: join(this.config.root, 'bin', 'run.js'),
      readyTimeoutMs: f['wait-timeout'] ?? 30_000,
    });
    if (code === HANGUP_EXIT_CODE) await endByHangup();
    if (code !== 0) throw new Errors.ExitError(code);
  }
}
