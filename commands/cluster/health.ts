import { Flags } from '@oclif/core';
import { clusterHealth, HEALTH_KEY, HEALTH_TTL_SECS, type ClusterHealth } from '../../src/app/cluster-health.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { clusterHealthView } from '../../src/cli/views/health.js';

export default class ClusterHealthCommand extends BaseCommand<typeof ClusterHealthCommand> {
  static override summary = 'Prove a working quorum: a leader, a write and a linearizable read through it, commit advancing.';

  static override description = `Runs six checks and prints each with what it saw: leader (some node leads), quorum (a majority of the voters can be read), voters (every voter can be read), write (the health key ${HEALTH_KEY} is written through the leader with a ${HEALTH_TTL_SECS}s TTL), linearizable-read (a linearizable read through the leader returns the value just written), commit-advancing (the leader's commit index, or on d-engine nodes its applied revision, moved past the write).

The health key is the only data the check changes; it expires on its own. Works against raftctl and d-engine nodes.

This is a verdict command: it always prints {"healthy", "degraded", "checks": [{"name", "ok", "detail"}]}, then exits 0 when every check passed and 8 otherwise (7 when no leader is known and the only answers were malformed; 2, AMBIGUOUS_CLUSTER, when the endpoints answer for different clusters and none can be chosen, as in cluster status). With --degraded-ok it also exits 0 when only the voters check failed (the quorum works but a voter is down). When --wait-timeout passes before every check has passed it exits 5 instead, still printing every check: those it cut off say so, those it left no time for say "not run".

${EXIT_CODES_HELP}`;

  static override flags = {
    'degraded-ok': Flags.boolean({ summary: 'Exit 0 when the quorum holds but a voter is down.', default: false }),
  };

  static override examples = [
    { description: 'Check a local cluster', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081' },
    { description: 'In a rolling restart, accept one voter being down', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081,127.0.0.1:9082 --degraded-ok' },
    { description: 'Only the failed checks', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 --json | jq \'.checks[] | select(.ok | not)\'' },
  ];

  async run(): Promise<ClusterHealth> {
    const verdict = await clusterHealth(await this.operatorContext(), { degradedOk: this.flags['degraded-ok'] });
    return this.renderVerdict(verdict, clusterHealthView);
  }
}
