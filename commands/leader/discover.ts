import { discoverLeader, type LeaderDiscovery } from '../../src/app/discover-leader.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { leaderDiscoverView } from '../../src/cli/views/leader-discover.js';

export default class LeaderDiscover extends BaseCommand<typeof LeaderDiscover> {
  static override summary = 'Find the leader: its id, address and term, and what each endpoint believes.';

  static override description = `Asks every endpoint DiscoverLeader at once (one attempt each, within --timeout) and reports the answer with the highest term. Works against raftctl and d-engine nodes alike.

This is a verdict command: it always prints its full result, then exits 0 when a leader is known, 3 when the nodes that answered know none (or name a leader whose own address, given in --endpoints in any spelling of it, such as localhost:P for 127.0.0.1:P, cannot be connected: one that just died; LEARNER_ENDPOINT when every endpoint is a d-engine learner: give a voter), 7 when the only answers were malformed (PROTOCOL_VIOLATION), 5 when they only timed out (or --wait-timeout cut them off), and 4 when no endpoint could be connected.

${EXIT_CODES_HELP}`;

  static override examples = [
    {
      description: 'Ask three nodes who leads',
      command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081,127.0.0.1:9082,127.0.0.1:9083',
    },
    {
      description: 'Print only the leader\'s address (endpoints from the environment)',
      command: '$ RAFTCTL_ENDPOINTS=127.0.0.1:9081 <%= config.bin %> <%= command.id %> --json | jq -r .address',
    },
    {
      description: 'Give slow nodes more time per call, but never wait more than 5 seconds in total',
      command: '<%= config.bin %> <%= command.id %> -e 10.0.0.5:9081 --timeout 2s --wait-timeout 5s -o yaml',
    },
  ];

  async run(): Promise<LeaderDiscovery> {
    const verdict = await discoverLeader(await this.operatorContext());
    return this.renderVerdict(verdict, leaderDiscoverView);
  }
}
