/**
 * Cluster membership.
 *
 * RULE: a configuration takes effect on every node as soon as its entry is APPENDED to that
 * node's log, whether or not it is committed (Raft dissertation §4.1, §4.3), and reverts
 * to the previous configuration in the log if that entry is truncated. A node's current
 * configuration is therefore always "the last configuration entry in its log, else the one
 * in its snapshot".
 *
 * Changes of the voter set always go through the joint configuration C(old,new)
 * (dissertation §4.3): the leader appends C(old,new) (`voters` = new set, `votersOutgoing`
 * = old set); once that entry commits, the leader appends C(new) (leave-joint) on its own.
 * Learner-only changes (add or remove learners) do not touch the voter set and are a
 * single entry. One change in flight at a time: a leader refuses a new change while its
 * latest configuration entry is uncommitted or the configuration is joint.
 */
import type { Configuration, Learner, NodeId } from './types.js';
import { isNodeId } from './types.js';

/** A membership change request, as the admin API's ChangeMembership carries it. */
export interface MembershipChange {
  /** New members that join as learners (receive the log, never vote). */
  readonly addLearners?: readonly { readonly id: NodeId; readonly address: string; readonly readOnly?: boolean }[];
  /** Learners that become voters (through the joint configuration). */
  readonly promote?: readonly NodeId[];
  /** Members (voters or learners) to remove. Removing a voter goes through the joint configuration. */
  readonly remove?: readonly NodeId[];
}

/** The configuration of a node that knows nothing yet (a joining learner before its first Append). */
export function emptyConfiguration(): Configuration {
  return { voters: [], votersOutgoing: [], learners: [], addresses: {} };
}

/** True while the configuration is joint (C(old,new)). */
export function isJoint(c: Configuration): boolean {
  return c.votersOutgoing.length > 0;
}

/** True if `id` votes in either half. */
export function isVoter(c: Configuration, id: NodeId): boolean {
  return c.voters.includes(id) || c.votersOutgoing.includes(id);
}

/** True if `id` is a learner. */
export function isLearner(c: Configuration, id: NodeId): boolean {
  return c.learners.some((l) => l.id === id);
}

/** Every member (voters of both halves and learners), ascending, without duplicates. */
export function members(c: Configuration): NodeId[] {
  const s = new Set<NodeId>([...c.voters, ...c.votersOutgoing, ...c.learners.map((l) => l.id)]);
  return [...s].sort((a, b) => a - b);
}

/** Every voter of either half, ascending, without duplicates. */
export function allVoters(c: Configuration): NodeId[] {
  const s = new Set<NodeId>([...c.voters, ...c.votersOutgoing]);
  return [...s].sort((a, b) => a - b);
}

/** C(new) from C(old,new): drop the outgoing half and addresses of nodes no longer members. */
export function leaveJoint(c: Configuration): Configuration {
  const keep = new Set<NodeId>([...c.voters, ...c.learners.map((l) => l.id)]);
  return { voters: [...c.voters], votersOutgoing: [], learners: [...c.learners], addresses: pickAddresses(c.addresses, keep) };
}

/** Result of planning a change. */
export type PlanResult =
  | { readonly ok: true; readonly configuration: Configuration; readonly joint: boolean }
  | { readonly ok: false; readonly reason: 'INVALID_CHANGE'; readonly message: string };

/**
 * Computes the configuration entry that starts `change` from `current` (which must not be
 * joint): C(old,new) when the voter set changes, else the single resulting configuration.
 */
export function planChange(current: Configuration, change: MembershipChange): PlanResult {
  const bad = (message: string): PlanResult => ({ ok: false, reason: 'INVALID_CHANGE', message });
  if (isJoint(current)) return bad('configuration is joint');
  const add = change.addLearners ?? [];
  const promote = change.promote ?? [];
  const remove = change.remove ?? [];
  if (add.length + promote.length + remove.length === 0) return bad('empty change');
  const seen = new Set<NodeId>();
  for (const id of [...add.map((a) => a.id), ...promote, ...remove]) {
    if (!isNodeId(id)) return bad(`invalid node id ${String(id)}`);
    if (seen.has(id)) return bad(`node ${id} appears twice in the change`);
    seen.add(id);
  }
  const memberSet = new Set(members(current));
  for (const a of add) {
    if (memberSet.has(a.id)) return bad(`node ${a.id} is already a member`);
    if (typeof a.address !== 'string' || a.address.length === 0) return bad(`node ${a.id} needs an address`);
  }
  for (const id of promote) {
    const l = current.learners.find((x) => x.id === id);
    if (!l) return bad(`node ${id} is not a learner`);
    if (l.readOnly) return bad(`node ${id} is a read-only learner`);
  }
  for (const id of remove) if (!memberSet.has(id)) return bad(`node ${id} is not a member`);

  const removeSet = new Set(remove);
  const promoteSet = new Set(promote);
  const voters = sorted([...current.voters.filter((id) => !removeSet.has(id)), ...promote]);
  if (voters.length === 0) return bad('the change would leave no voter');
  const learners: Learner[] = [
    ...current.learners.filter((l) => !removeSet.has(l.id) && !promoteSet.has(l.id)),
    ...add.map((a) => ({ id: a.id, readOnly: a.readOnly ?? false })),
  ].sort((a, b) => a.id - b.id);
  const addresses: Record<number, string> = { ...current.addresses };
  for (const a of add) addresses[a.id] = a.address;
  const votersChanged = !sameSet(voters, current.voters);
  if (!votersChanged) {
    const keep = new Set<NodeId>([...voters, ...learners.map((l) => l.id)]);
    return { ok: true, joint: false, configuration: { voters, votersOutgoing: [], learners, addresses: pickAddresses(addresses, keep) } };
  }
  const keep = new Set<NodeId>([...voters, ...current.voters, ...learners.map((l) => l.id)]);
  return {
    ok: true,
    joint: true,
    configuration: { voters, votersOutgoing: [...current.voters], learners, addresses: pickAddresses(addresses, keep) },
  };
}

/**
 * True if `next` may directly follow `prev` in a log: enter joint (outgoing = prev voters),
 * leave joint (voters unchanged, outgoing emptied), or a learner-only change.
 * Used by the simulation's configuration-safety check.
 */
export function isValidTransition(prev: Configuration, next: Configuration): boolean {
  if (isJoint(prev)) return !isJoint(next) && sameSet(next.voters, prev.voters);
  if (isJoint(next)) return sameSet(next.votersOutgoing, prev.voters) && !sameSet(next.voters, prev.voters);
  return sameSet(next.voters, prev.voters);
}

function sameSet(a: readonly NodeId[], b: readonly NodeId[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

function sorted(ids: NodeId[]): NodeId[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

function pickAddresses(addresses: Readonly<Record<number, string>>, keep: ReadonlySet<NodeId>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const id of [...keep].sort((a, b) => a - b)) {
    const a = addresses[id];
    if (a !== undefined) out[id] = a;
  }
  return out;
}
