import { Flags } from '@oclif/core';
import { waitFor, type WaitResult } from '../../src/app/wait.js';
import { integerArg } from '../../src/cli/args.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { waitView } from '../../src/cli/views/health.js';

export default class WaitCaughtUp extends BaseCommand<typeof WaitCaughtUp> {
  static override summary = 'Block until a member is caught up with the leader.';

  static override description = `Polls cluster status until member ID is reachable and at most --max-lag entries behind the leader (the leader's match index on raftctl nodes; last log indexes on d-engine nodes), then prints the result and exits 0; exits 5 when --wait-timeout passes first, and 2 at once when the endpoints answer for different clusters and none can be chosen (AMBIGUOUS_CLUSTER).

${EXIT_CODES_HELP}`;

  static override args = {
    id: integerArg({ name: 'ID', description: 'The member\'s node id.', min: 1, max: 4294967295 }),
  };

  static override flags = {
    'max-lag': Flags.integer({ summary: 'Entries the member may still be behind (default 0).', default: 0, min: 0 }),
  };

  static override examples = [
    { description: 'Wait for a restarted node to catch up before restarting the next', command: '<%= config.bin %> <%= command.id %> 2 -e 127.0.0.1:9081 --wait-timeout 5m' },
  ];

  async run(): Promise<WaitResult> {
    return this.renderVerdict(await waitFor(await this.operatorContext(), { kind: 'caught-up', id: this.args.id, maxLag: this.flags['max-lag'] }), waitView);
  }
}
