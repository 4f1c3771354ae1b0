/**
 * Human rendering of `cluster status`: a summary (leader, term, configuration), then one row
 * per member. `wide` adds the leader's match index and time since last contact.
 */
import type { ClusterMember, ClusterStatus } from '../../app/cluster-status.js';
import type { View } from '../output.js';
import type { Painter } from '../style.js';
import { renderTable, type Cell } from '../table.js';

function ids(list: readonly number[]): string {
  return list.length === 0 ? '-' : list.join(', ');
}

function roleCell(m: ClusterMember, paint: Painter): string {
  if (m.role === 'leader') return paint.green(m.role);
  if (m.role === 'unknown' || m.role === 'candidate') return paint.yellow(m.role);
  return m.role;
}

function summary(s: ClusterStatus, paint: Painter): string[] {
  const leader = s.leaderId !== null ? paint.green(`node ${s.leaderId}`) : paint.yellow('none known');
  const lines = [
    `Leader: ${leader}, term ${s.term ?? '-'}, config index ${s.configIndex ?? '-'} (source ${s.source ?? '-'})`,
  ];
  if (s.config) {
    const outgoing = s.joint ? `, outgoing voters: ${ids(s.config.votersOutgoing)} (joint)` : '';
    lines.push(`Voters: ${ids(s.config.voters)}${outgoing}; learners: ${ids(s.config.learners)}`);
  }
  return lines;
}

export const clusterStatusView: View<ClusterStatus> = {
  table(s, { wide, paint }) {
    const head = ['ID', 'ADDRESS', 'ROLE', 'STATUS', 'TERM', 'COMMIT', 'APPLIED', 'LAST-LOG', ...(wide ? ['MATCH'] : []), 'LAG', ...(wide ? ['LAG-MS'] : []), 'REACHABLE'];
    const rows: Cell[][] = s.members.map((m) => [
      m.id,
      m.address,
      roleCell(m, paint),
      m.status,
      m.term,
      m.commitIndex,
      m.appliedIndex,
      m.lastLogIndex,
      ...(wide ? [m.matchIndex] : []),
      m.lag,
      ...(wide ? [m.lagMs] : []),
      m.reachable ? 'yes' : paint.red('no'),
    ]);
    const body = s.members.length === 0 ? 'No members could be read.' : renderTable(head, rows, paint);
    return `${summary(s, paint).join('\n')}\n\n${body}`;
  },
};
