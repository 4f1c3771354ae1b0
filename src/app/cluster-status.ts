/**
 * `raftctl cluster status`: members with id, address, role and status, and per node term,
 * commit, applied and last log index, and the leader's view of each peer (CLI.md).
 *
 * GetServerInfo goes to every endpoint first (PROTOCOL.md, "Admin service"): UNIMPLEMENTED
 * means a d-engine node, read through the d-engine RPCs (`source: "d-engine"`); an answer means
 * a raftctl node, read through the admin service (`source: "raftctl"`). If any endpoint is a
 * d-engine node the cluster is read the d-engine way (raftctl nodes answer those RPCs too).
 */
import type { RaftCtlError } from '../errors.js';
import type { AddressBook } from '../transport/address-identity.js';
import { readDengineCluster } from './cluster-status-dengine.js';
import { readRaftctlCluster, readStatus } from './cluster-status-raftctl.js';
import type { ClusterStatus, ClusterStatusRead, ReadOutcome } from './cluster-status-types.js';
import { addressBookOf, type OperatorContext } from './operator.js';
import { errorVerdict, GRPC_CODE, grpcCodeOf, isUnreachable, leaderVerdict, leaderlessVerdict, onePerEndpoint, settle, settledBy, stragglerGraceMs, StragglerTimeoutError, unreachableAt, withoutStragglers, type Verdict } from './verdict.js';

export type { ClusterConfig, ClusterMember, ClusterStatus, ClusterStatusRead, MemberRole, MemberState } from './cluster-status-types.js';

type EndpointKind = 'raftctl' | 'd-engine' | 'live' | 'unreachable';

/** What GetServerInfo says about an endpoint (and, for a raftctl node, its cluster id). */
async function classify(ctx: OperatorContext, endpoint: string): Promise<{ endpoint: string; kind: EndpointKind; error: unknown; clusterId: string | null }> {
  const { value, error } = await settle(ctx.budget, endpoint, (options) => ctx.client.getServerInfo(endpoint, options));
  if (error == null) return { endpoint, kind: 'raftctl', error: null, clusterId: value?.clusterId || null };
  if (grpcCodeOf(error) === GRPC_CODE.UNIMPLEMENTED) return { endpoint, kind: 'd-engine', error: null, clusterId: null };
  return { endpoint, kind: isUnreachable(error) ? 'unreachable' : 'live', error, clusterId: null };
}

/** Options of {@link readClusterStatus}. */
export interface StatusReadOptions {
  /**
   * How long (monotonic ms, performance.now()) to wait for endpoints and members still silent
   * after the others answered. Default: until their calls end, so their answers or failures are
   * in the result. Past it, the silent ones are left unread (`reachable: false`, outcome a
   * StragglerTimeoutError): for a caller (`cluster health`) that needs the rest of
   * `--wait-timeout` for its own calls.
   */
  readonly stragglersUntil?: number;
}

const EMPTY: ClusterStatus = { source: null, leaderId: null, term: null, configIndex: null, joint: null, config: null, members: [] };

/**
 * Reads the cluster through `ctx.endpoints`. Never rejects for a node's failure, nor when
 * `--wait-timeout` runs out: calls it cut off count as timed out (CutOffError), members not
 * read are listed with `reachable: false`, and what was not learned is null.
 */
export async function readClusterStatus(ctx: OperatorContext, options: StatusReadOptions = {}): Promise<ClusterStatusRead> {
  const stragglersUntil = options.stragglersUntil ?? Infinity;
  // A raftctl node's status read starts as soon as its GetServerInfo answers, and a hung endpoint
  // (one that accepts the connection, then says nothing until --timeout) does not hold back the
  // others (withoutStragglers): what the live nodes said is read before --wait-timeout can cut it off.
  const probes = ctx.endpoints.map(async (endpoint) => {
    const kind = await classify(ctx, endpoint);
    return { ...kind, read: kind.kind === 'raftctl' ? readStatus(ctx, endpoint, undefined, kind.clusterId) : null };
  });
  const early = await withoutStragglers(probes, (k) => k.kind === 'raftctl' || k.kind === 'd-engine', stragglerGraceMs(ctx.budget));

  let status = EMPTY;
  let outcomes: ReadOutcome[] = [];
  let error: RaftCtlError | null = null;
  /** d-engine endpoints whose metadata read failed (their failure is in `outcomes`). */
  let unread: ReadonlySet<string> = new Set();
  /**
   * Reads the cluster the d-engine way through the endpoints classified so far (a hung one is
   * not waited for); `unlessEmpty`: keep what was read before when this learns nothing (say,
   * --wait-timeout ran out).
   */
  const readTheDengineWay = async (classified: readonly (Awaited<(typeof probes)[number]> | undefined)[], unlessEmpty = false): Promise<void> => {
    const live = classified.flatMap((k) => (k !== undefined && k.kind !== 'unreachable' ? [k.endpoint] : []));
    const read = await readDengineCluster(ctx, live, { stragglersUntil });
    if (unlessEmpty && read.status.leaderId === null && read.status.members.length === 0) return;
    status = read.status;
    outcomes = [...read.outcomes];
    error = null;
    unread = new Set(read.unread ?? []);
  };
  if (early.some((k) => k?.kind === 'd-engine')) {
    await readTheDengineWay(early);
  } else if (early.some((k) => k?.kind === 'raftctl')) {
    const read = await readRaftctlCluster(ctx, probes.map((probe, i) => ({ endpoint: ctx.endpoints[i]!, read: probe.then((k) => k.read) })), { stragglersUntil });
    status = read.status;
    outcomes = [...read.outcomes];
    error = read.error ?? null;
  }
  const classified = await settledBy(probes, stragglersUntil);
  // A d-engine endpoint that answered after the others: the cluster is read the d-engine way after all.
  if (status.source === 'raftctl' && classified.some((k) => k?.kind === 'd-engine')) await readTheDengineWay(classified, true);
  // A raftctl endpoint's outcome is its status read (which may refuse it as another cluster's);
  // one still unclassified at `stragglersUntil` was left out (a timeout, not a node seen down).
  outcomes.unshift(
    ...classified.flatMap((k, i) =>
      k === undefined ? [{ endpoint: ctx.endpoints[i]!, error: new StragglerTimeoutError(ctx.endpoints[i]!) }]
      : k.kind === 'd-engine' && unread.has(k.endpoint) ? []
      : k.kind !== 'raftctl' ? [{ endpoint: k.endpoint, error: k.error }]
      : [],
    ),
  );
  return { status: await withoutDeadLeader(addressBookOf(ctx), status, outcomes), outcomes: onePerEndpoint(outcomes), error };
}

/**
 * `status` without a leader that could not be connected: right after a leader dies its
 * followers still name it for up to an election timeout, and no status read may report it as
 * the leader (its row turns `unknown`, `leaderId` null: "the live nodes know no leader", exit 3).
 * A leader read as such is reachable by definition; one named by others only is dropped when
 * its address, asked in this run (in any spelling of it, such as the `localhost:P` given for a
 * node advertising `127.0.0.1:P`), refused or did not accept the connection.
 */
async function withoutDeadLeader(book: AddressBook, status: ClusterStatus, outcomes: readonly ReadOutcome[]): Promise<ClusterStatus> {
  const leader = status.members.find((m) => m.id === status.leaderId);
  if (!leader || leader.reachable || !leader.address) return status;
  if (!(await unreachableAt(book, outcomes, leader.address))) return status;
  return { ...status, leaderId: null, members: status.members.map((m) => (m === leader ? { ...m, role: 'unknown' } : m)) };
}

/**
 * Reads the cluster ({@link readClusterStatus}) and returns the status with its verdict: exit 0
 * when a leader is known; 3 when live nodes know no leader; 5 when the nodes only timed out or
 * `--wait-timeout` cut the reads off; 4 only when no endpoint could be connected; 2
 * (AMBIGUOUS_CLUSTER) when the endpoints answer for different clusters equally. Never rejects
 * for node failures or the deadline: the result is always there to print.
 */
export async function clusterStatus(ctx: OperatorContext): Promise<Verdict<ClusterStatus>> {
  const { status, outcomes, error } = await readClusterStatus(ctx);
  if (error) return errorVerdict(status, 'cluster status', error);
  return leaderlessVerdict(status, leaderVerdict(status.leaderId !== null, outcomes), 'cluster status', outcomes);
}
