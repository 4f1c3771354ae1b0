import { waitFor, type WaitResult } from '../../src/app/wait.js';
import { integerArg } from '../../src/cli/args.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { waitView } from '../../src/cli/views/health.js';

export default class WaitMemberCount extends BaseCommand<typeof WaitMemberCount> {
  static override summary = 'Block until the configuration has exactly N members.';

  static override description = `Polls cluster status until the configuration has exactly N members (voters and learners) and is not joint, then prints the result and exits 0; exits 5 when --wait-timeout passes first, and 2 at once when the endpoints answer for different clusters and none can be chosen (AMBIGUOUS_CLUSTER).

${EXIT_CODES_HELP}`;

  static override args = {
    n: integerArg({ name: 'N', description: 'The number of members (voters and learners).', min: 1 }),
  };

  static override examples = [
    { description: 'After a fourth node joins (a d-engine learner joins itself through JoinCluster; raftctl member add is on the roadmap), wait for the configuration to show four members', command: '<%= config.bin %> <%= command.id %> 4 -e 127.0.0.1:9081 --wait-timeout 30s' },
  ];

  async run(): Promise<WaitResult> {
    return this.renderVerdict(await waitFor(await this.operatorContext(), { kind: 'member-count', count: this.args.n }), waitView);
  }
}
