import { Flags } from '@oclif/core';
import { waitFor, type WaitResult } from '../../src/app/wait.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { waitView } from '../../src/cli/views/health.js';

export default class WaitHealthy extends BaseCommand<typeof WaitHealthy> {
  static override summary = 'Block until `cluster health` passes.';

  static override description = `Runs the checks of \`raftctl cluster health\` (each poll writes the health key) with backoff until they pass, then prints the result and exits 0; exits 5 when --wait-timeout passes first, and 2 at once when the endpoints answer for different clusters and none can be chosen (AMBIGUOUS_CLUSTER). detail is the health result of the last poll that finished (a poll still running at --wait-timeout that has not passed by then is dropped, and cutOff is true).

${EXIT_CODES_HELP}`;

  static override flags = {
    'degraded-ok': Flags.boolean({ summary: 'Also accept a working quorum with a voter down.', default: false }),
  };

  static override examples = [
    { description: 'Gate a deploy step on a healthy cluster', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 --wait-timeout 2m && ./deploy.sh' },
  ];

  async run(): Promise<WaitResult> {
    return this.renderVerdict(await waitFor(await this.operatorContext(), { kind: 'healthy', degradedOk: this.flags['degraded-ok'] }), waitView);
  }
}
