/**
 * Client-facing requests on the leader: commands, membership changes (membership.ts) and
 * leadership transfer (dissertation §3.10), plus the bookkeeping that gives every proposal
 * exactly one outcome (committed, rejected, or unknown when it left this node's log).
 */
import { isJoint, planChange, type MembershipChange } from './membership.js';
import { sendAppend, sendTimeoutNow, appendLeaderEntry } from './replication.js';
import type { CoreState } from './state.js';
import type { Entry, LogIndex, NodeId } from './types.js';
import type { RejectReason } from './ready.js';

/** Result of `transferLeadership`. */
export type TransferResult =
  | { readonly ok: true; readonly target: NodeId }
  | { readonly ok: false; readonly reason: 'NOT_LEADER' | 'TRANSFER_IN_PROGRESS' | 'INVALID_TARGET'; readonly leaderHint?: NodeId };

function reject(s: CoreState, id: number, reason: RejectReason, message?: string): number {
  const leaderHint = s.leaderId !== 0 && s.leaderId !== s.id ? s.leaderId : undefined;
  s.proposalOutcomes.push({
    id,
    status: 'rejected',
    reason,
    ...(reason === 'NOT_LEADER' && leaderHint !== undefined ? { leaderHint } : {}),
    ...(message !== undefined ? { message } : {}),
  });
  return id;
}

/** Appends a command if this node is the leader and no transfer is running; returns the proposal id. */
export function propose(s: CoreState, data: Uint8Array, proposedAtUnixMs?: number): number {
  const id = s.nextProposalId++;
  if (s.role !== 'leader') return reject(s, id, 'NOT_LEADER');
  if (s.leadTransferee !== 0) return reject(s, id, 'TRANSFER_IN_PROGRESS');
  const index = appendLeaderEntry(s, { type: 'command', data }, proposedAtUnixMs);
  s.pendingProposals.set(index, { id, term: s.term });
  return id;
}

/**
 * Starts a membership change planned against configuration index `expectedConfigIndex`
 * (refused with CONFIG_CHANGED if the configuration moved since). One change at a time:
 * refused with CHANGE_IN_PROGRESS while the last configuration entry is uncommitted or
 * joint. The outcome commits with the first entry (C(old,new) or the learner-only change);
 * the leader then leaves the joint configuration by itself.
 */
export function proposeConfChange(s: CoreState, change: MembershipChange, expectedConfigIndex?: LogIndex): number {
  const id = s.nextProposalId++;
  if (s.role !== 'leader') return reject(s, id, 'NOT_LEADER');
  if (s.leadTransferee !== 0) return reject(s, id, 'TRANSFER_IN_PROGRESS');
  const c = s.config();
  if (s.pendingConfigIndex > s.log.commitIndex || s.log.configIndex() > s.log.commitIndex || isJoint(c)) {
    return reject(s, id, 'CHANGE_IN_PROGRESS');
  }
  if (expectedConfigIndex !== undefined && expectedConfigIndex !== s.log.configIndex()) {
    return reject(s, id, 'CONFIG_CHANGED', `configuration index is ${s.log.configIndex()}, not ${expectedConfigIndex}`);
  }
  const plan = planChange(c, change);
  if (!plan.ok) return reject(s, id, plan.reason, plan.message);
  const index = appendLeaderEntry(s, { type: 'configuration', configuration: plan.configuration });
  s.pendingProposals.set(index, { id, term: s.term });
  return id;
}

/**
 * Transfers leadership to `target` (0 = the most caught-up voter): catch it up, then send
 * TimeoutNow. Proposals are refused meanwhile; abandoned after an election timeout.
 * The lease is dropped at once and not used again in this term.
 */
export function transferLeadership(s: CoreState, target: NodeId): TransferResult {
  if (s.role !== 'leader') return { ok: false, reason: 'NOT_LEADER', ...(s.leaderId ? { leaderHint: s.leaderId } : {}) };
  if (s.leadTransferee !== 0) return { ok: false, reason: 'TRANSFER_IN_PROGRESS' };
  const voters = s.config().voters;
  let chosen = target;
  if (chosen === 0) {
    let best = -1;
    for (const id of voters) {
      const pr = s.progress.get(id);
      if (id !== s.id && pr && pr.matchIndex > best) {
        best = pr.matchIndex;
        chosen = id;
      }
    }
  }
  const pr = s.progress.get(chosen);
  if (chosen === s.id || !voters.includes(chosen) || !pr) return { ok: false, reason: 'INVALID_TARGET' };
  s.leadTransferee = chosen;
  s.transferElapsed = 0;
  s.transferStartedInTerm = true;
  s.leaseStartMs = Number.NEGATIVE_INFINITY;
  if (pr.matchIndex === s.log.lastIndex()) sendTimeoutNow(s, chosen);
  else while (sendAppend(s, pr));
  return { ok: true, target: chosen };
}

/** Gives an outcome to every proposal whose index is in `committed` (handed out in a Ready). */
export function resolveCommitted(s: CoreState, committed: readonly Entry[]): void {
  if (s.pendingProposals.size === 0) return;
  for (const e of committed) {
    const p = s.pendingProposals.get(e.index);
    if (!p) continue;
    s.pendingProposals.delete(e.index);
    if (p.term === e.term) s.proposalOutcomes.push({ id: p.id, status: 'committed', index: e.index, term: e.term });
    else s.proposalOutcomes.push({ id: p.id, status: 'rejected', reason: 'OVERWRITTEN' });
  }
}

/** Entries from `from` on left the log: their proposals' fate is unknown here. */
export function onLogTruncated(s: CoreState, from: LogIndex): void {
  if (s.pendingProposals.size === 0) return;
  for (const [index, p] of s.pendingProposals) {
    if (index < from) continue;
    s.pendingProposals.delete(index);
    s.proposalOutcomes.push({ id: p.id, status: 'unknown', reason: 'LEADERSHIP_LOST', ...(s.leaderId ? { leaderHint: s.leaderId } : {}) });
  }
}

/**
 * This node will not learn what happens to its entries after `after` (it stepped down
 * because it was removed from the configuration): their proposals' fate is unknown here.
 */
export function abandonPendingAfter(s: CoreState, after: LogIndex): void {
  onLogTruncated(s, after + 1);
}

/** A received snapshot replaced the log: every pending proposal's fate is unknown here. */
export function onSnapshotRestored(s: CoreState): void {
  onLogTruncated(s, 0);
}
