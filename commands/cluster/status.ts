import { clusterStatus, type ClusterStatus } from '../../src/app/cluster-status.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { clusterStatusView } from '../../src/cli/views/cluster-status.js';

export default class ClusterStatusCommand extends BaseCommand<typeof ClusterStatusCommand> {
  static override summary = 'Show members: role, status, term, log indexes, and the leader\'s view of each peer.';

  static override description = `Starts from any endpoint, finds the configuration and the leader, and reads every member at its configured address. Members that cannot be read are listed with reachable: false.

raftctl nodes are read through the admin service ("source": "raftctl"). d-engine nodes (which answer GetServerInfo with UNIMPLEMENTED) are read through d-engine's own RPCs ("source": "d-engine"): membership from GetClusterMetadata, the leader from current_leader_id or DiscoverLeader, term and last log index from a RequestVote at term 0 (denied by every node past its first election; a d-engine node still at term 0 grants it, see the README), the applied index from a Scan on the leader; commit index, match index and lag are unknown (null). Unknown values are null, never 0; members are sorted by id.

This is a verdict command: it always prints its full result, then exits 0 when a leader is known, 3 when the live nodes know none, 7 when the only answers were malformed (PROTOCOL_VIOLATION), 5 when they only timed out, and 4 when no endpoint could be connected; 2 (AMBIGUOUS_CLUSTER) when the endpoints answer for different clusters and none can be chosen (the cluster read is the one most endpoints answer for, on a tie the one whose configuration's member addresses name the most of them). When --wait-timeout runs out, the calls still in flight are cancelled and count as timed out ("cut off by --wait-timeout"); what was read by then is printed, the rest null or reachable: false.

${EXIT_CODES_HELP}`;

  static override examples = [
    {
      description: 'Status of a local three-node cluster',
      command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081',
    },
    {
      description: 'More columns: the leader\'s match index and time since last contact per member',
      command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 -o wide',
    },
    {
      description: 'Lag of every member as JSON lines of id and lag',
      command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 --json | jq -c \'.members[] | {id, lag}\'',
    },
  ];

  async run(): Promise<ClusterStatus> {
    const verdict = await clusterStatus(await this.operatorContext());
    return this.renderVerdict(verdict, clusterStatusView);
  }
}
