/**
 * RaftClientService (reference §6) on a raftctl node.
 *
 * - HandleClientWrite: validates the command (empty key, oversize value, missing operation →
 *   INVALID_ARGUMENT, nothing proposed), proposes it (client writes arriving in one event-loop
 *   turn, or while an fsync runs, share one entry batch and one fsync), and answers after apply:
 *   `ClientResponse{SUCCESS, write_result{succeeded}}` (CAS: the comparison's result). A full
 *   uncommitted log, or a write that would grow the state past `--max-state-bytes` or add a key
 *   beyond MAX_KEYS → RESOURCE_EXHAUSTED (state-quota.ts; the key bound also at apply). Leadership lost with the entry in flight →
 *   `PROPOSE_FAILED` (the outcome is unknown: the entry may still commit).
 * - HandleClientRead: unset `consistency_policy` = linearizable (ReadIndex, also on followers
 *   through the leader), 0 = lease (leader only), 1 = linearizable, 2 = eventual (local state,
 *   any node). Results contain only existing keys, in request order; expired keys are hidden by
 *   this node's clock.
 * - HandleClientScan: leader only, served from the leader's state machine once a ReadIndex round
 *   proved its leadership and it applied the read index (as a linearizable read; d-engine
 *   checks nothing); `revision` = applied index.
 * - Watch / WatchMembership: served locally on every node, with backpressure (stream-pipe.ts:
 *   a client that stops reading overflows the watcher's bounded queue and gets CANCELED); the
 *   stream ends with UNAVAILABLE when the node shuts down (as d-engine).
 * A non-leader answers a write, lease read or scan with
 * `ClientResponse{error: NOT_LEADER, metadata{leader_id: "<decimal>", leader_address}}`
 * (PROTOCOL.md departure: d-engine answers FAILED_PRECONDITION without a hint); a scan, whose
 * response type has no error field, answers FAILED_PRECONDITION "Not leader" with the
 * `raftctl-error: NOT_LEADER` and leader trailers.
 */
import { NoLeaderError, OutcomeUnknownError, RaftCtlError, RejectedError } from '../../errors.js';
import { d_engine } from '../../proto/raftctl.js';
import { checkKey, decodeClientWriteCommand, InvalidCommandError, ScanTooLargeError, StateFullError, type EventQueue, type MembershipEvent, type WatchEvent, type WriteCommand } from '../../state-machine/index.js';
import type {
  ClientReadRequest,
  ClientResponse,
  ClientWriteRequest,
  MembershipSnapshot,
  ScanRequest,
  ScanResponse,
  WatchMembershipRequest,
  WatchRequest,
  WatchResponse,
} from '../../transport/messages.js';
import { ErrorCode, ReadPolicy } from '../../transport/messages.js';
import { limitRepeated, RaftClientService, SERVICE_NAMES, tolerantRequests, tolerantSingleRequestMethods } from '../../transport/services.js';
import { unaryHandler, type GrpcServer } from '../../transport/server.js';
import { TRAILER } from '../../transport/status.js';
import type { RaftNode } from '../raft-node.js';
import { Code, statusError, type ServerStreamLike, type ServiceImplementation } from './grpc-shapes.js';
import { pipeEvents } from './stream-pipe.js';

/** What the client handlers use: the node and the wall clock that hides expired keys. */
export interface ClientServiceContext {
  readonly node: RaftNode;
  /** Wall clock used to hide expired keys at read time. */
  readonly unixMs?: () => number;
}

/** Keys one HandleClientRead may ask for. */
export const MAX_READ_KEYS = 10_000;

/**
 * Bytes of keys and values one read or scan may answer with (half the server's 64 MiB send
 * limit). A bigger answer is refused with RESOURCE_EXHAUSTED before it is encoded: 3,000 copies
 * of one 1 MiB key once kept a node's event loop busy for minutes building a 3 GB answer.
 */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/**
 * Entries one scan may answer. Building and encoding an answer costs per entry and holds the
 * leader's event loop the whole time (no heartbeats go out): 280,000 entries of 100-byte values
 * stalled a leader 490 ms, and 1.5 million 1-byte values, 30 MB, within {@link MAX_ANSWER_BYTES},
 * took 3.3 s in process, longer than an election timeout (1-2 s). A bigger scan is refused with
 * RESOURCE_EXHAUSTED before anything is sorted or copied.
 */
export const MAX_SCAN_ENTRIES = 100_000;

/** Refuses an answer whose keys and values add up to more than {@link MAX_ANSWER_BYTES}. */
function checkAnswerSize(pairs: readonly { key: Uint8Array; value: Uint8Array }[], what: string, hint: string): void {
  let bytes = 0;
  for (const p of pairs) {
    bytes += p.key.byteLength + p.value.byteLength;
    if (bytes > MAX_ANSWER_BYTES) throw statusError(Code.RESOURCE_EXHAUSTED, `the ${what} would answer more than ${MAX_ANSWER_BYTES} bytes; ${hint}`);
  }
}

const WatchEventType = { PUT: 0, DELETE: 1, CANCELED: 2, PROGRESS: 3 } as const;

/** The leader a NOT_LEADER answer names: `leaderId` unless unknown (0) or this node, and its address when known. */
function leaderHint(node: RaftNode, leaderId: number): { id: number; address: string | undefined } {
  const id = leaderId && leaderId !== node.id ? leaderId : 0;
  return { id, address: id ? node.addressOf(id) : undefined };
}

/** The NOT_LEADER ClientResponse with the leader hint (PROTOCOL.md departures table). */
export function notLeaderResponse(node: RaftNode, leaderId = node.leaderId): ClientResponse {
  const { id, address } = leaderHint(node, leaderId);
  return {
    error: ErrorCode.NOT_LEADER,
    metadata: {
      ...(id ? { leaderId: String(id) } : {}),
      ...(address ? { leaderAddress: address } : {}),
      debugMessage: id ? `not the leader; the leader is node ${id}` : 'not the leader; no leader is known',
    },
  };
}

function hintOf(err: NoLeaderError): number {
  return err.leaderId ?? 0;
}

function invalid(err: unknown): never {
  throw statusError(Code.INVALID_ARGUMENT, err instanceof Error ? err.message : String(err));
}

function unavailable(node: RaftNode): void {
  if (node.stopped) throw statusError(Code.UNAVAILABLE, 'the node is shutting down');
}

async function handleWrite(ctx: ClientServiceContext, req: ClientWriteRequest): Promise<ClientResponse> {
  const node = ctx.node;
  unavailable(node);
  if (!req.command) invalid('the request has no command');
  let bytes: Uint8Array;
  let cmd: WriteCommand;
  try {
    bytes = d_engine.client.WriteCommand.encode(req.command).finish();
    cmd = decodeClientWriteCommand(bytes, node.sm.limits);
  } catch (err) {
    if (err instanceof InvalidCommandError) invalid(err);
    invalid(`the command does not encode: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (node.role !== 'leader') return notLeaderResponse(node);
  try {
    node.stateQuota.admit(cmd);
    const { result } = await node.propose(bytes);
    if (result.kind === 'write') return { error: ErrorCode.SUCCESS, writeResult: { succeeded: result.succeeded } };
    if (result.kind === 'rejected' && result.error instanceof StateFullError) throw statusError(Code.RESOURCE_EXHAUSTED, result.error.message);
    if (result.kind === 'rejected') invalid(result.error);
    return { error: ErrorCode.SUCCESS, writeResult: { succeeded: true } };
  } catch (err) {
    return writeFailure(node, err);
  }
}

function writeFailure(node: RaftNode, err: unknown): ClientResponse {
  if (err instanceof NoLeaderError) return notLeaderResponse(node, hintOf(err));
  if (err instanceof OutcomeUnknownError) return { error: ErrorCode.PROPOSE_FAILED, metadata: { debugMessage: err.message } };
  if (err instanceof RejectedError && err.code === 'RESOURCE_EXHAUSTED') throw statusError(Code.RESOURCE_EXHAUSTED, err.message);
  if (err instanceof RejectedError && err.code === 'NODE_STOPPED') throw statusError(Code.UNAVAILABLE, err.message);
  if (err instanceof RaftCtlError) return { error: ErrorCode.PROPOSE_FAILED, metadata: { debugMessage: err.message } };
  throw err;
}

/** The effective read policy: unset or unknown = linearizable (PROTOCOL.md). */
export function readPolicyOf(req: ClientReadRequest): 'linearizable' | 'lease' | 'eventual' {
  const p = req.consistencyPolicy;
  if (p === null || p === undefined) return 'linearizable';
  if (p === ReadPolicy.LEASE) return 'lease';
  if (p === ReadPolicy.EVENTUAL) return 'eventual';
  return 'linearizable';
}

async function handleRead(ctx: ClientServiceContext, req: ClientReadRequest): Promise<ClientResponse> {
  const node = ctx.node;
  unavailable(node);
  const keys: Buffer[] = [];
  if ((req.keys?.length ?? 0) > MAX_READ_KEYS) invalid(`a read may ask for at most ${MAX_READ_KEYS} keys, got ${req.keys!.length}`);
  try {
    for (const k of req.keys ?? []) keys.push(checkKey(k, node.sm.limits));
  } catch (err) {
    invalid(err);
  }
  const policy = readPolicyOf(req);
  if (policy === 'lease' && node.role !== 'leader') return notLeaderResponse(node);
  if (policy !== 'eventual') {
    const refused = await readBarrier(node, policy);
    if (refused) return notLeaderResponse(node, hintOf(refused));
  }
  const now = (ctx.unixMs ?? Date.now)();
  const results = node.sm.read(keys, now).map((p) => ({ key: p.key, value: p.value }));
  checkAnswerSize(results, 'read', 'ask for fewer keys at a time');
  return { error: ErrorCode.SUCCESS, readData: { results } };
}

/** A scan's "not the leader" answer: FAILED_PRECONDITION with the NOT_LEADER and leader trailers (ScanResponse has no error field). */
function scanNotLeader(node: RaftNode, leaderId = node.leaderId): Error {
  const { id, address } = leaderHint(node, leaderId);
  return statusError(Code.FAILED_PRECONDITION, 'Not leader', {
    [TRAILER.error]: 'NOT_LEADER',
    ...(id ? { [TRAILER.leaderId]: String(id) } : {}),
    ...(address ? { [TRAILER.leaderAddress]: address } : {}),
  });
}

/**
 * Waits until a read may be served (RaftNode.readBarrier, dissertation §6.4). Returns the
 * NoLeaderError when the node cannot serve it as leader (not the leader, or it lost leadership
 * while proving it), for the caller's NOT_LEADER answer; a read not served in time (TIMEOUT) or
 * refused (the node stopping) is UNAVAILABLE.
 */
async function readBarrier(node: RaftNode, policy: 'linearizable' | 'lease'): Promise<NoLeaderError | null> {
  try {
    await node.readBarrier(policy);
    return null;
  } catch (err) {
    if (err instanceof NoLeaderError) return err;
    if (err instanceof RaftCtlError && err.code === 'TIMEOUT') throw statusError(Code.UNAVAILABLE, err.message);
    if (err instanceof RejectedError) throw statusError(Code.UNAVAILABLE, err.message);
    throw err;
  }
}

async function handleScan(ctx: ClientServiceContext, req: ScanRequest): Promise<ScanResponse> {
  const node = ctx.node;
  unavailable(node);
  if (node.role !== 'leader') throw scanNotLeader(node);
  // A leader answers only once a ReadIndex round proved it still leads and it applied what was
  // committed before the scan: a leader deposed without knowing it, or one elected before it
  // applied its predecessor's last writes, would otherwise answer from a stale state.
  const refused = await readBarrier(node, 'linearizable');
  if (refused) throw scanNotLeader(node, hintOf(refused));
  const prefix = Buffer.from(req.prefix ?? new Uint8Array(0));
  let scanned: ReturnType<typeof node.sm.scan>;
  try {
    // The bounds go into the scan: a refused scan stops collecting there (no sort, no copies).
    scanned = node.sm.scan(prefix, (ctx.unixMs ?? Date.now)(), MAX_ANSWER_BYTES, MAX_SCAN_ENTRIES);
  } catch (err) {
    if (err instanceof ScanTooLargeError) throw statusError(Code.RESOURCE_EXHAUSTED, `${err.message}; scan a longer (narrower) prefix`);
    throw err;
  }
  const { entries, revision } = scanned;
  return { entries: entries.map((e) => ({ key: e.key, value: e.value })), revision };
}

function watchResponseOf(e: WatchEvent): WatchResponse {
  return {
    key: e.key,
    value: e.value,
    eventType: WatchEventType[e.type],
    revision: e.revision,
    // d-engine's CHANGELOG names this code for an overflow; its server leaves 0 (reference §6).
    ...(e.reason === 'overflow' ? { error: ErrorCode.WATCH_BUFFER_OVERFLOW } : {}),
    ...(e.prevValue !== undefined ? { prevValue: e.prevValue } : {}),
  };
}

const SHUTTING_DOWN = 'the node is shutting down';

/** Why a key watch's stream ended, from its last event (a CANCELED one says why). */
function watchEndDetails(last: WatchEvent | undefined): string {
  if (last?.type !== 'CANCELED' || last.reason === 'closed') return SHUTTING_DOWN;
  return last.reason === 'overflow'
    ? 'watch canceled: the client read too slowly and the watch buffer overflowed'
    : 'watch canceled: the node restored a snapshot, whose changes are not delivered as events';
}

/** Registers RaftClientService on `server`. */
export function addClientService(server: GrpcServer, ctx: ClientServiceContext): void {
  const node = ctx.node;
  // The key count is checked on the raw bytes, before one object per key is decoded.
  const service = { ...tolerantSingleRequestMethods(RaftClientService), HandleClientRead: tolerantRequests(RaftClientService.HandleClientRead, limitRepeated(2, MAX_READ_KEYS, 'keys')) };
  server.addService(SERVICE_NAMES.client, service, {
    HandleClientWrite: unaryHandler<ClientWriteRequest, ClientResponse>((req) => handleWrite(ctx, req)),
    HandleClientRead: unaryHandler<ClientReadRequest, ClientResponse>((req) => handleRead(ctx, req)),
    HandleClientScan: unaryHandler<ScanRequest, ScanResponse>((req) => handleScan(ctx, req)),
    Watch: (call: ServerStreamLike<WatchRequest, WatchResponse>) => {
      let queue: EventQueue<WatchEvent>;
      try {
        unavailable(node);
        queue = node.sm.watch({ key: Buffer.from(call.request.key ?? new Uint8Array(0)), prefix: call.request.prefix === true, prevKv: call.request.prevKv === true });
      } catch (err) {
        const code = err instanceof InvalidCommandError ? Code.INVALID_ARGUMENT : err instanceof RejectedError ? Code.RESOURCE_EXHAUSTED : Code.UNAVAILABLE;
        call.emit('error', { code, details: err instanceof Error ? err.message : String(err) });
        return;
      }
      void pipeEvents(call, queue, watchResponseOf, watchEndDetails);
    },
    WatchMembership: (call: ServerStreamLike<WatchMembershipRequest, MembershipSnapshot>) => {
      if (node.stopped) {
        call.emit('error', { code: Code.UNAVAILABLE, details: 'the node is shutting down' });
        return;
      }
      let queue: EventQueue<MembershipEvent>;
      try {
        queue = node.sm.watchMembership();
      } catch (err) {
        call.emit('error', { code: err instanceof RejectedError ? Code.RESOURCE_EXHAUSTED : Code.UNAVAILABLE, details: err instanceof Error ? err.message : String(err) });
        return;
      }
      const membershipEnd = (): string => (node.stopped ? SHUTTING_DOWN : 'membership watch ended: the client fell too many snapshots behind');
      void pipeEvents(call, queue, (e) => ({ members: e.members, learners: e.learners, committedIndex: e.committedIndex }), membershipEnd);
    },
  } as unknown as ServiceImplementation);
}
