/**
 * Human rendering of `cluster health` (a verdict line, then one row per check) and of the
 * `wait` commands (whether the condition was met, after how long, what the last poll that
 * finished saw, and whether `--wait-timeout` cut off a poll after it).
 */
import type { ClusterHealth } from '../../app/cluster-health.js';
import type { LeaderDiscovery } from '../../app/discover-leader.js';
import type { CaughtUpDetail, MemberCountDetail, WaitResult } from '../../app/wait.js';
import type { View } from '../output.js';
import type { Painter } from '../style.js';
import { renderTable } from '../table.js';

function checksTable(h: ClusterHealth, paint: Painter): string {
  const rows = h.checks.map((c) => [c.name, c.ok ? paint.green('ok') : paint.red('FAIL'), c.detail]);
  return renderTable(['CHECK', 'RESULT', 'DETAIL'], rows, paint);
}

function healthHeadline(h: ClusterHealth, paint: Painter): string {
  if (h.healthy) return paint.green('Cluster is healthy');
  return h.degraded ? paint.yellow('Cluster is degraded (quorum holds, a voter is down)') : paint.red('Cluster is unhealthy');
}

export const clusterHealthView: View<ClusterHealth> = {
  table(h, { paint }) {
    return `${healthHeadline(h, paint)}\n\n${checksTable(h, paint)}`;
  },
};

function detailText(r: WaitResult, paint: Painter): string {
  const d = r.detail;
  if (d === null) return r.error === null ? 'No poll finished.' : 'The last poll that finished failed.';
  switch (r.condition) {
    case 'leader': {
      const l = d as LeaderDiscovery;
      return l.leaderId === null ? 'No leader known.' : `Leader: node ${l.leaderId} at ${l.address ?? '(address unknown)'}, term ${l.term ?? '-'}`;
    }
    case 'healthy':
      return `${healthHeadline(d as ClusterHealth, paint)}\n\n${checksTable(d as ClusterHealth, paint)}`;
    case 'caught-up': {
      const c = d as CaughtUpDetail;
      if (!c.member) return `Node ${c.id} is not a member.`;
      return `Node ${c.id}: lag ${c.lag ?? 'unknown'} (max ${c.maxLag}), ${c.reachable ? 'reachable' : 'unreachable'}, leader ${c.leaderId ?? 'none'}`;
    }
    case 'member-count': {
      const m = d as MemberCountDetail;
      return `Members: ${m.count ?? 'unknown'} (expected ${m.expected}); voters ${m.voters.join(', ') || '-'}; learners ${m.learners.join(', ') || '-'}${m.joint ? ' (joint)' : ''}`;
    }
  }
}

export const waitView: View<WaitResult> = {
  table(r, { paint }) {
    const what = r.condition + (r.target === null ? '' : ` ${r.target}`);
    const head = r.met
      ? paint.green(`${what}: met after ${r.attempts} ${r.attempts === 1 ? 'poll' : 'polls'} (${r.elapsedMs} ms)`)
      : paint.yellow(`${what}: not met after ${r.attempts} ${r.attempts === 1 ? 'poll' : 'polls'} (${r.elapsedMs} ms)`);
    const err = r.error ? `\nLast finished poll failed: ${r.error}` : '';
    const cut = r.cutOff ? `\n${paint.yellow('The final poll was cut off by --wait-timeout; the above is from the last poll that finished.')}` : '';
    return `${head}\n${detailText(r, paint)}${err}${cut}`;
  },
};
