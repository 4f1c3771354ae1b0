import { waitFor, type WaitResult } from '../../src/app/wait.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { waitView } from '../../src/cli/views/health.js';

export default class WaitLeader extends BaseCommand<typeof WaitLeader> {
  static override summary = 'Block until some node leads.';

  static override description = `Polls DiscoverLeader on every endpoint (100 ms, growing to 1 s between polls) until one names a leader that is not seen down (as in leader discover: one whose own address is among the endpoints, in any spelling, and cannot be connected, a leader that just died, does not count), then prints the result and exits 0; exits 5 when --wait-timeout passes first. The result is {"condition", "target", "met", "attempts", "elapsedMs", "detail", "error", "cutOff"}, detail being what leader discover printed for the last poll that finished and error that poll's failure; a poll still running when --wait-timeout passes counts with what its endpoints answered by then: met when one named a leader (cutOff false), otherwise it is dropped and cutOff is true.

${EXIT_CODES_HELP}`;

  static override examples = [
    { description: 'After starting a cluster, wait up to a minute for an election', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081,127.0.0.1:9082,127.0.0.1:9083 --wait-timeout 1m' },
  ];

  async run(): Promise<WaitResult> {
    return this.renderVerdict(await waitFor(await this.operatorContext(), { kind: 'leader' }), waitView);
  }
}
