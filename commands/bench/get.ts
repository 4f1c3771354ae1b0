import { Flags } from '@oclif/core';
import type { BenchResult } from '../../src/app/bench/bench.js';
import { CONSISTENCY_POLICIES, type Consistency } from '../../src/app/kv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { benchBaseFlags, benchFlags, benchSessionFromFlags, benchView, runBenchSession } from '../../src/cli/bench-session.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';

export default class BenchGet extends BaseCommand<typeof BenchGet> {
  static override summary = 'Load-test reads: throughput and latency percentiles.';

  static override description = `First writes each of the --keys keys once (not measured), then reads keys chosen uniformly from them for --duration, from --clients concurrent clients over --conns connections. --consistency linearizable and lease read through the leader, eventual spreads the reads over the endpoints; unset sends no policy (the server's default). Against etcd (--target etcd) eventual is a serializable Range and everything else a linearizable one. Closed loop by default; --rate runs open loop (latency from the due time). The result has the shape of bench put.

${EXIT_CODES_HELP}`;

  static override baseFlags = benchBaseFlags;

  static override flags = {
    ...benchFlags,
    keys: Flags.integer({ summary: 'Size of the key space (written once before the run).', default: 1000, min: 1 }),
    consistency: Flags.option({ summary: 'Read consistency (default: the server\'s default).', options: Object.keys(CONSISTENCY_POLICIES) as Consistency[] })(),
  };

  static override examples = [
    { description: 'Linearizable reads from 64 clients', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 --clients 64 --conns 8 --consistency linearizable' },
    { description: 'Eventual reads spread over three nodes', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081,127.0.0.1:9082,127.0.0.1:9083 --clients 32 --conns 6 --consistency eventual' },
  ];

  async run(): Promise<BenchResult> {
    const { options, defaultWaitTimeoutMs } = benchSessionFromFlags('get', this.flags);
    const ctx = await this.operatorContext({ defaultWaitTimeoutMs });
    const verdict = await runBenchSession(ctx, options);
    return this.renderVerdict(verdict, benchView);
  }
}
