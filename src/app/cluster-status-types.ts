/**
 * The JSON shape of `raftctl cluster status` (CLI.md, "JSON shapes"). Field names are a
 * contract. Unknown values are `null`, never omitted and never 0; lists are sorted by id.
 */
import type { RaftCtlError } from '../errors.js';

export type MemberRole = 'leader' | 'follower' | 'candidate' | 'learner' | 'unknown';
export type MemberState = 'active' | 'promotable' | 'read-only' | 'unspecified';

/** One member of the configuration, as far as it could be read. */
export interface ClusterMember {
  readonly id: number;
  readonly address: string | null;
  readonly role: MemberRole;
  readonly status: MemberState;
  readonly term: number | null;
  readonly commitIndex: number | null;
  readonly appliedIndex: number | null;
  readonly lastLogIndex: number | null;
  /** Leader's view of this member (the leader's own last log index for the leader itself). */
  readonly matchIndex: number | null;
  /** Entries this member is behind the leader. */
  readonly lag: number | null;
  /** Milliseconds since the leader last heard from this member (0 for the leader itself). */
  readonly lagMs: number | null;
  /** Whether this run could read the member at all. */
  readonly reachable: boolean;
}

/** The configuration: voter ids, outgoing voter ids while joint, learner ids, each sorted. */
export interface ClusterConfig {
  readonly voters: number[];
  readonly votersOutgoing: number[];
  readonly learners: number[];
}

export interface ClusterStatus {
  /** Which protocol the numbers came from; null when no node could be read. */
  readonly source: 'raftctl' | 'd-engine' | null;
  readonly leaderId: number | null;
  readonly term: number | null;
  readonly configIndex: number | null;
  readonly joint: boolean | null;
  readonly config: ClusterConfig | null;
  readonly members: ClusterMember[];
}

/** A member row with everything unknown except what the configuration says. */
export function unknownMember(id: number, address: string | null, role: MemberRole, status: MemberState): ClusterMember {
  return {
    id, address, role, status,
    term: null, commitIndex: null, appliedIndex: null, lastLogIndex: null,
    matchIndex: null, lag: null, lagMs: null, reachable: false,
  };
}

/** Ascending numeric sort, duplicates removed, on a copy. */
export function sortedIds(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** One endpoint's or member's outcome, for the verdict (error null = it answered). */
export interface ReadOutcome {
  readonly endpoint: string;
  readonly error: unknown;
}

/** The status as far as it could be read, and one outcome per endpoint or member address asked. */
export interface ClusterStatusRead {
  readonly status: ClusterStatus;
  /** One per address (answered if any call to it answered, else its first failure), for the verdict. */
  readonly outcomes: ReadOutcome[];
  /**
   * Why no cluster was read although nodes answered (an AmbiguousClusterError: the endpoints
   * answer for different clusters equally); the verdict is this error's. Absent or null otherwise.
   */
  readonly error?: RaftCtlError | null;
  /**
   * Endpoints whose failure is among `outcomes` although they were classified as live (d-engine
   * endpoints whose GetClusterMetadata failed when no configuration could be read): their
   * "answered" classification must not hide that failure from the verdict.
   */
  readonly unread?: readonly string[];
}
