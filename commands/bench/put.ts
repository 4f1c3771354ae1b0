import { Flags } from '@oclif/core';
import type { BenchResult } from '../../src/app/bench/bench.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { benchBaseFlags, benchFlags, benchSessionFromFlags, benchView, runBenchSession } from '../../src/cli/bench-session.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';

export default class BenchPut extends BaseCommand<typeof BenchPut> {
  static override summary = 'Load-test writes: throughput and latency percentiles.';

  static override description = `Sends puts of --key-size byte keys (uniform over --keys keys) and --value-size byte values for --duration, from --clients concurrent clients over --conns gRPC connections, to the leader (raftctl/d-engine nodes) or to etcd's KV API (--target etcd). Closed loop by default; --rate R runs open loop at R requests/s in total and measures each latency from the time the request was due, so stalls are not hidden (no coordinated omission).

Prints {"op", "target", "endpoints", "clients", "conns", "rate", "durationMs", "warmupMs", "keySize", "valueSize", "keys", "consistency", "prefilled", "mode", "count", "errors", "errorsByCode", "elapsedMs", "throughput", "missed", "generatorLagMs", "latencyMs": {"min", "mean", "p50", "p95", "p99", "p999", "max"}} (latencies in ms, from a log-bucketed histogram within 1.6 %; "missed": open-loop requests still due when --duration ended, not in count, in the latencies with their wait until then; "generatorLagMs": open loop, how late the generator itself sent a request its client was idle for, null in a closed loop). Exits 0 when any request succeeded; 5 with the result when --wait-timeout passes first; 130 with the result on Ctrl-C. --warmup D sends the same load for D first without measuring it. Nodes that have no leader yet are asked again until they name one (exit 3 if none does within --wait-timeout); endpoints that are all d-engine learners, which never name one, end it at once (exit 3, LEARNER_ENDPOINT: give a voter). --wait-timeout defaults to --warmup plus --duration plus one minute.

${EXIT_CODES_HELP}`;

  static override baseFlags = benchBaseFlags;

  static override flags = {
    ...benchFlags,
    keys: Flags.integer({ summary: 'Size of the key space.', default: 100_000, min: 1 }),
  };

  static override examples = [
    { description: 'One client, ten seconds', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081' },
    { description: '64 clients on 8 connections, JSON', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 --clients 64 --conns 8 --duration 30s --json' },
    { description: 'Open loop at 2000 writes/s', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 --clients 32 --rate 2000' },
    { description: 'The same load against etcd', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:2379 --target etcd --clients 64 --conns 8' },
  ];

  async run(): Promise<BenchResult> {
    const { options, defaultWaitTimeoutMs } = benchSessionFromFlags('put', this.flags);
    const ctx = await this.operatorContext({ defaultWaitTimeoutMs });
    const verdict = await runBenchSession(ctx, options);
    return this.renderVerdict(verdict, benchView);
  }
}
