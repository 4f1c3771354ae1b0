/**
 * Helpers over the transport's {@link Membership}: who the voters are, where a member lives, how
 * d-engine's `ClusterMembership` maps onto it, and which leader a set of DiscoverLeader answers
 * points to.
 *
 * Rules (reference §2.6 and §4): a fan-out never targets `selfId` and never targets one id
 * twice; the first occurrence of an id wins and input order is kept. A d-engine node counts as a
 * voter when its status is ACTIVE and its role is not LEARNER (d-engine's vote, discovery and
 * cluster-update targets are the ACTIVE nodes; its commit quorum counts the non-learners); every
 * other node (PROMOTABLE, READ_ONLY, UNSPECIFIED, or role LEARNER) is a learner here.
 */
import { ConfigError, ProtocolError } from '../errors.js';
import { badArgument, checkNodeId, checkObject, shown } from './arguments.js';
import { hasUnspecifiedHost, isHostPort } from './address.js';
import { NodeRoleValue, NodeStatusValue, type ClusterMembership } from './messages.js';
import type { DiscoveryView, Member, Membership } from './types.js';

/** Strips a leading `http://` or `https://` (d-engine adds and strips it itself, reference §1.6). */
export function normalizeAddress(address: string): string {
  return address.replace(/^https?:\/\//i, '');
}

const HOST_PORT = /^(.*):(\d+)$/;

/**
 * The `host:port` to dial for a member address or endpoint as a caller gave it: a leading
 * `http://`/`https://` (as d-engine writes addresses) stripped; null when the rest is not a
 * `host:port` raftctl accepts (address.ts: a port 1..65535, a name, IPv4 or bracketed IPv6 host).
 */
export function dialTarget(address: string): string | null {
  if (typeof address !== 'string') return null;
  const a = normalizeAddress(address);
  return isHostPort(a) ? a : null;
}

/**
 * `address` as a node reported it (scheme stripped), made dialable from here: a node configured
 * with an unspecified host (`0.0.0.0:9082`, as d-engine's examples are; reference §1.6) reports
 * an address that reaches this machine's own loopback, not the node. Such a cluster only works
 * with every node on one host, so the host is taken from `via`, the endpoint that gave the
 * answer, keeping the reported port. Any other address is returned as normalized.
 */
export function dialableAddress(address: string, via: string): string {
  const a = normalizeAddress(address);
  const m = HOST_PORT.exec(a);
  if (!m || !hasUnspecifiedHost(a)) return a;
  const v = HOST_PORT.exec(normalizeAddress(via));
  return v ? `${v[1]}:${m[2]}` : a;
}

/**
 * The `host:port` to dial for a member's address or an endpoint as the caller gave it (a
 * `http://` scheme stripped); a ConfigError (nothing sent) when it is not a `host:port` at all:
 * such an address can never answer, so it is the caller's error, not a peer that is down.
 */
export function endpointOf(address: string, peerId?: number): string {
  const endpoint = dialTarget(address);
  if (endpoint !== null) return endpoint;
  const who = peerId === undefined ? 'endpoint' : `peer ${peerId}'s address`;
  if (typeof address !== 'string') throw new ConfigError(`${who} must be a host:port string (got ${shown(address)})`, { details: { peerId, endpoint: address, sent: false } });
  throw new ConfigError(`${who} ${shown(address)} is not host:port (a port 1..65535; a host name, IPv4 or [IPv6] address)`, {
    details: { peerId, endpoint: address, sent: false },
    hint: 'fix the address in the membership or endpoint list',
  });
}

/** A leader hint as raftctl uses it: a node id and a `host:port`, each null when not given. */
export interface LeaderHint {
  readonly leaderId: number | null;
  readonly leaderAddress: string | null;
}

/**
 * Reads a leader hint as a node sends it: d-engine's `ErrorMetadata{leader_id, leader_address}`
 * (reference §1.3: the id is a decimal string) or raftctl's `raftctl-leader-id` /
 * `raftctl-leader-address` trailers. The id counts only as decimal digits naming a node id
 * (1..2^32−1; "0x1f", "1e3", "-2" or "" give null); the address has its scheme stripped
 * ({@link normalizeAddress}, so it can be dialled) and is null when empty.
 */
export function parseLeaderHint(id: string | null | undefined, address: string | null | undefined): LeaderHint {
  const n = id != null && /^\d{1,10}$/.test(id.trim()) ? Number(id.trim()) : 0;
  const leaderAddress = normalizeAddress((address ?? '').trim());
  return { leaderId: n >= 1 && n <= 0xffffffff ? n : null, leaderAddress: leaderAddress === '' ? null : leaderAddress };
}

/**
 * Distinct ids of `ids` in input order with `selfId` and repeats removed (the first occurrence
 * of an id is kept).
 */
export function distinctPeerIds(ids: Iterable<number>, selfId: number | undefined): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const id of ids) {
    if (id === selfId || seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

function distinctMembers(membership: Membership, keep: (m: Member) => boolean): Member[] {
  const seen = new Set<number>();
  const out: Member[] = [];
  for (const m of membership.members) {
    if (m.id === membership.selfId || seen.has(m.id)) continue;
    seen.add(m.id);
    if (keep(m)) out.push(m);
  }
  return out;
}

/**
 * The voters a fan-out targets: members with role `voter`, `selfId` excluded, each id once
 * (its first entry decides), in input order.
 */
export function votersOf(membership: Membership): Member[] {
  return distinctMembers(membership, (m) => m.role === 'voter');
}

/** The learners of `membership`, `selfId` excluded, each id once, in input order. */
export function learnersOf(membership: Membership): Member[] {
  return distinctMembers(membership, (m) => m.role === 'learner');
}

/** Every member but self (voters and learners: the replication targets), each id once. */
export function peersOf(membership: Membership): Member[] {
  return distinctMembers(membership, () => true);
}

/** The first member with id `id` (self included), or undefined. */
export function memberById(membership: Membership, id: number): Member | undefined {
  return membership.members.find((m) => m.id === id);
}

/** The `host:port` of member `id`, or undefined when the membership does not list it. */
export function addressOf(membership: Membership, id: number): string | undefined {
  return memberById(membership, id)?.address;
}

/**
 * The membership a d-engine node reports in GetClusterMetadata (or a JoinResponse's `config`),
 * as the transport sees it: every node with its address (scheme stripped) and role — voter when
 * status is ACTIVE and role is not LEARNER, learner otherwise. Node order is kept. Throws a
 * {@link ProtocolError} for a node with id 0 or without an address.
 */
export function membershipFromClusterMetadata(metadata: ClusterMembership, selfId?: number): Membership {
  checkObject('membershipFromClusterMetadata', 'metadata', metadata);
  if (selfId !== undefined) checkNodeId('membershipFromClusterMetadata', 'selfId', selfId);
  if (metadata.nodes != null && !Array.isArray(metadata.nodes)) throw new ProtocolError(`cluster metadata's nodes is not a list (got ${shown(metadata.nodes)})`);
  const members: Member[] = [];
  for (const node of metadata.nodes ?? []) {
    const id = node.id ?? 0;
    if (id === 0) throw new ProtocolError('cluster metadata lists a node with id 0');
    if (!node.address) throw new ProtocolError(`cluster metadata lists node ${id} without an address`);
    const voter = node.status === NodeStatusValue.ACTIVE && node.role !== NodeRoleValue.LEARNER;
    members.push({ id, address: normalizeAddress(node.address), role: voter ? 'voter' : 'learner' });
  }
  return selfId === undefined ? { members } : { selfId, members };
}

/** A leader a set of DiscoverLeader answers points to. */
export interface LeaderChoice {
  readonly leaderId: number;
  readonly leaderAddress: string;
  readonly term: number;
  /** The endpoint whose answer won. */
  readonly endpoint: string;
}

/**
 * The leader named by the answer with the highest term, ties broken by the higher leader id
 * (d-engine's learner rule, reference §3.7). Answers with `leaderId` 0, `term` 0 or no address
 * do not count. Null when no answer counts. An unspecified host in the answer (`0.0.0.0:P`) is
 * replaced by the answering endpoint's ({@link dialableAddress}).
 */
export function chooseLeader(views: readonly DiscoveryView[]): LeaderChoice | null {
  if (!Array.isArray(views)) throw badArgument('chooseLeader', 'views', 'an array of DiscoveryView (what discoverLeader returns)', views);
  views.forEach((v: unknown, i) => checkObject('chooseLeader', `views[${i}]`, v));
  let best: LeaderChoice | null = null;
  for (const v of views) {
    const r = v.response;
    const leaderId = r?.leaderId ?? 0;
    const term = r?.term ?? 0;
    const leaderAddress = dialableAddress(r?.leaderAddress ?? '', v.endpoint);
    if (leaderId === 0 || term === 0 || leaderAddress === '') continue;
    if (best === null || term > best.term || (term === best.term && leaderId > best.leaderId)) {
      best = { leaderId, leaderAddress, term, endpoint: v.endpoint };
    }
  }
  return best;
}
