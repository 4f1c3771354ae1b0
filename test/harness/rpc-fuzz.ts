/**
 * Seeded RPC fuzzing of live nodes: raw gRPC calls whose bodies are bytes (pass-through
 * serializers, so nothing on the sending side validates them), a generator of plausible but
 * mutated requests for every method a node serves, and the outcome of each call as its gRPC
 * status. Deterministic for a seed (the bytes sent; what the nodes answer depends on timing).
 *
 * Requests are built from the generated encoders with values drawn from the edges (ids 0,
 * unknown, the target itself, 2^32; terms and indexes around the node's own, 2^52, 2^53−1;
 * indexes far beyond the log; empty and repeated fields; unknown enum values; garbage command
 * payloads), then, some of the time, mutated on the wire (bit flips, truncation, a uint64 field
 * appended as 2^53, 2^63 or 2^64−1, an unknown field, random bytes, an empty body).
 *
 * Only loopback addresses are ever put into a request: a JoinCluster the leader accepts makes it
 * dial the new learner, so joins name 127.0.0.1 ports nobody listens on, or addresses that are
 * refused before anything is dialled.
 */
import { Client, credentials, Metadata, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { d_engine, grpc as grpcProto, raftctl } from '../../src/proto/raftctl.js';
import { SERVICES } from '../../src/transport/services.js';
import { CLUSTER_ID_METADATA } from '../../src/transport/call.js';
import type { SeededRandom } from './random.js';

const pass = (b: Buffer): Buffer => b;
const peer = raftctl.raft.v1;
const client = d_engine.client;
const cluster = d_engine.server.cluster;
const storage = d_engine.server.storage;
const admin = raftctl.admin.v1;

/** What a generator knows about its target: its id, term and log, the cluster's ids and id. */
export interface FuzzTarget {
  readonly id: number;
  readonly term: number;
  readonly lastIndex: number;
  readonly commitIndex: number;
  /** The leader the target follows in its term (0: none known). */
  readonly leaderId: number;
  readonly ids: readonly number[];
  readonly clusterId: string;
}

export type CallKind = 'unary' | 'server-stream' | 'client-stream' | 'bidi';

/** One call's outcome: its gRPC status (0 = OK), whether the fuzzer cancelled it itself, and how long it took. */
export interface FuzzOutcome {
  readonly method: string;
  readonly code: number;
  readonly details: string;
  readonly cancelledByUs: boolean;
  /** Whether the fuzzer half-closed its request stream (always for unary and server-streaming calls). */
  readonly halfClosed: boolean;
  readonly ms: number;
  /** What was sent, for the log: the bodies in hex and how the stream was driven. */
  readonly sent: string;
}

/** Every method every node serves: its full path and call kind, from the service definitions. */
export function allMethods(): Array<{ path: string; name: string; kind: CallKind }> {
  const out: Array<{ path: string; name: string; kind: CallKind }> = [];
  for (const def of Object.values(SERVICES)) {
    for (const [name, m] of Object.entries(def) as Array<[string, { path: string; requestStream: boolean; responseStream: boolean }]>) {
      const kind: CallKind = m.requestStream ? (m.responseStream ? 'bidi' : 'client-stream') : m.responseStream ? 'server-stream' : 'unary';
      out.push({ path: m.path, name: `${m.path.split('/')[1]!.split('.').pop()}/${name}`, kind });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values from the edges

function pickId(r: SeededRandom, t: FuzzTarget): number {
  const others = t.ids.filter((id) => id !== t.id);
  return r.pick([0, t.id, r.pick(others), r.pick(others), r.pick(others), 4, 99, 2 ** 31, 2 ** 32 - 1]);
}

function pickTerm(r: SeededRandom, t: FuzzTarget): number {
  // Mostly terms a real peer could send; rarely one far ahead (a fake peer's higher term is Raft,
  // it only makes the target step down), never close to the 2^52 limit: see rpc-fuzz.test.ts.
  return r.pick([0, 1, t.term - 1, t.term, t.term, t.term, t.term + 1, t.term + 2, 2 ** 53 - 1]);
}

function pickIndex(r: SeededRandom, t: FuzzTarget): number {
  return r.pick([0, 1, 2, t.commitIndex, t.lastIndex, t.lastIndex + 1, t.lastIndex + 2, t.lastIndex + 1000, 2 ** 32, 2 ** 53 - 1]);
}

function pickBytes(r: SeededRandom, maxLen = 64): Uint8Array {
  const n = r.chance(0.2) ? 0 : r.between(1, maxLen);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = r.nextInt(256);
  return b;
}

function pickKey(r: SeededRandom): Uint8Array {
  return r.pick([Buffer.alloc(0), Buffer.from('fuzz/k'), Buffer.from('acked/0'), Buffer.alloc(5000, 0x6b), pickBytes(r, 16)]);
}

function pickEnum(r: SeededRandom, known: number): number {
  return r.pick([0, 1, known, known + 1, 99, -1, 2 ** 31 - 1]);
}

function enc<T>(type: { encode(m: T): { finish(): Uint8Array } }, m: T): Buffer {
  const b = type.encode(m).finish();
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function configuration(r: SeededRandom, t: FuzzTarget): raftctl.raft.v1.IConfiguration {
  const voters = r.pick([[], [...t.ids], [0], [t.id, t.id], [1, 2, 3, 4], [pickId(r, t)]]);
  return {
    voters,
    votersOutgoing: r.chance(0.3) ? [pickId(r, t)] : [],
    learners: r.chance(0.3) ? [{ id: pickId(r, t), readOnly: r.chance(0.5) }] : [],
    addresses: Object.fromEntries(voters.map((id) => [id, r.pick(['127.0.0.1:1', '', 'not an address'])])),
  };
}

function entry(r: SeededRandom, t: FuzzTarget, index: number, term: number): raftctl.raft.v1.IEntry {
  const payload = r.pick<raftctl.raft.v1.IEntryPayload | null>([
    null,
    { noop: {} },
    { command: pickBytes(r) },
    { command: enc(peer.WriteCommand, { insert: { key: Buffer.from('fuzz/e'), value: pickBytes(r), ttlSecs: r.pick([0, 1, 2 ** 53 - 1]) } }) },
    { command: enc(peer.WriteCommand, { expire: { keys: [pickKey(r), Buffer.alloc(0)] } }) },
    { configuration: configuration(r, t) },
    { config: { addNode: { nodeId: pickId(r, t), address: '127.0.0.1:1' } } },
  ]);
  return { index, term, ...(payload ? { payload } : {}), proposedAtUnixMs: r.pick([0, Date.now(), 2 ** 53 - 1]) };
}

function entries(r: SeededRandom, t: FuzzTarget, prevIndex: number, term: number): raftctl.raft.v1.IEntry[] {
  const n = r.pick([0, 0, 1, 2, 5]);
  const out: raftctl.raft.v1.IEntry[] = [];
  for (let k = 0; k < n; k++) {
    // Mostly entries that follow on; sometimes gaps, repeats, terms that go down or past the request's.
    const index = Math.min(Number.MAX_SAFE_INTEGER, r.chance(0.8) ? prevIndex + 1 + k : pickIndex(r, t));
    out.push(entry(r, t, index, r.chance(0.8) ? Math.max(1, Math.min(term, t.term)) : pickTerm(r, t)));
  }
  return out;
}

/**
 * An AppendEntries. A well-formed one the target would obey is a heartbeat that commits nothing
 * new: one of a later term, or of its term from the leader it follows there (or when it follows
 * none). Such a fake leader is obeyed, as Raft obeys any (docs/runtime.md "Security"), and its
 * entries, or a commit index past the target's, can make a node with a fake log win the next
 * election and replace committed entries everywhere: that is the threat model's, not a defect.
 * Entries and commit indexes of every kind go to the others (stale terms; the target's term from
 * another node than its leader, which it must refuse) and, malformed, through {@link mutate}.
 */
function appendRequest(r: SeededRandom, t: FuzzTarget): Buffer {
  const term = pickTerm(r, t);
  const leaderId = r.chance(0.3) ? t.leaderId : pickId(r, t);
  const prevLogIndex = pickIndex(r, t);
  const obeyed = term < 2 ** 53 - 1 && leaderId !== 0 && leaderId !== t.id && (term > t.term || (term === t.term && (t.leaderId === 0 || leaderId === t.leaderId)));
  return enc(peer.AppendEntriesRequest, {
    term,
    leaderId: r.chance(0.9) || obeyed ? leaderId : pickId(r, t),
    prevLogIndex,
    prevLogTerm: r.chance(0.5) ? Math.min(term, t.term) : pickTerm(r, t),
    entries: obeyed ? [] : entries(r, t, prevLogIndex, term),
    leaderCommitIndex: obeyed ? Math.min(pickIndex(r, t), t.commitIndex) : pickIndex(r, t),
  });
}

function voteRequest(r: SeededRandom, t: FuzzTarget): Buffer {
  return enc(peer.VoteRequest, { term: pickTerm(r, t), candidateId: pickId(r, t), lastLogIndex: pickIndex(r, t), lastLogTerm: pickTerm(r, t), leadershipTransfer: r.chance(0.3) });
}

function snapshotChunk(r: SeededRandom, t: FuzzTarget, seq: number, total: number): Buffer {
  return enc(storage.SnapshotChunk, {
    leaderTerm: pickTerm(r, t),
    leaderId: pickId(r, t),
    seq: r.chance(0.8) ? seq : r.pick([0, seq + 1, 2 ** 32 - 1]),
    totalChunks: r.chance(0.8) ? total : r.pick([0, 1, 2 ** 32 - 1]),
    chunkChecksum: pickBytes(r, 32),
    ...(seq === 0 || r.chance(0.2) ? { metadata: { lastIncluded: { index: pickIndex(r, t), term: pickTerm(r, t) }, checksum: pickBytes(r, 32) } } : {}),
    data: pickBytes(r, 256),
  });
}

function joinAddress(r: SeededRandom): string {
  // Loopback ports nobody listens on, or addresses refused before anything is dialled.
  return r.pick(['127.0.0.1:1', '127.0.0.1:2', '', '127.0.0.1', '127.0.0.1:0', '127.0.0.1:70000', ':1', 'x'.repeat(300) + ':1', '127.0.0.1:1:1', '[::1]']);
}

/** A plausible request body for method `name` (before {@link mutate}); `n` is its place in a request stream. */
export function requestFor(name: string, r: SeededRandom, t: FuzzTarget, n = 0): Buffer {
  switch (name) {
    case 'RaftElectionService/RequestVote':
    case 'RaftPeerExt/PreVote':
      return voteRequest(r, t);
    case 'RaftReplicationService/AppendEntries':
    case 'RaftReplicationService/StreamAppendEntries':
      return appendRequest(r, t);
    case 'RaftPeerExt/TimeoutNow':
      return enc(peer.TimeoutNowRequest, { term: pickTerm(r, t), leaderId: pickId(r, t) });
    case 'RaftPeerExt/ReadIndex':
      return enc(peer.ReadIndexRequest, { term: pickTerm(r, t), from: pickId(r, t), ctx: pickIndex(r, t) });
    case 'SnapshotService/InstallSnapshot':
      return snapshotChunk(r, t, n, r.between(Math.max(1, n), 3));
    case 'SnapshotService/StreamSnapshot':
      return enc(storage.SnapshotAck, { seq: r.pick([0, 1, 5, 2 ** 32 - 1]), status: pickEnum(r, 5), nextRequested: r.pick([0, 1, 2 ** 32 - 1]) } as d_engine.server.storage.ISnapshotAck);
    case 'ClusterManagementService/UpdateClusterConf':
      return enc(cluster.ClusterConfChangeRequest, { id: pickId(r, t), term: pickTerm(r, t), version: pickIndex(r, t), change: r.pick([null, { addNode: { nodeId: pickId(r, t), address: joinAddress(r) } }, { removeNode: { nodeId: pickId(r, t) } }]) } as d_engine.server.cluster.IClusterConfChangeRequest);
    case 'ClusterManagementService/GetClusterMetadata':
      return enc(cluster.MetadataRequest, {});
    case 'ClusterManagementService/JoinCluster':
      return enc(cluster.JoinRequest, { nodeId: r.pick([0, t.id, 2 ** 32 - 1, 1000 + r.nextInt(4)]), nodeRole: pickEnum(r, 4), address: joinAddress(r), status: pickEnum(r, 3) } as d_engine.server.cluster.IJoinRequest);
    case 'ClusterManagementService/DiscoverLeader':
      return enc(cluster.LeaderDiscoveryRequest, { nodeId: pickId(r, t), requesterAddress: joinAddress(r) });
    case 'RaftClientService/HandleClientWrite':
      return enc(client.ClientWriteRequest, {
        clientId: pickId(r, t),
        command: r.pick<d_engine.client.IWriteCommand | null>([
          null,
          {},
          { insert: { key: pickKey(r), value: pickBytes(r), ttlSecs: r.pick([0, 1, 3600, 2 ** 32, 2 ** 53 - 1]) } },
          { delete: { key: pickKey(r) } },
          { compareAndSwap: { key: pickKey(r), ...(r.chance(0.5) ? { expectedValue: pickBytes(r) } : {}), newValue: pickBytes(r) } },
        ]),
      } as d_engine.client.IClientWriteRequest);
    case 'RaftClientService/HandleClientRead':
      return enc(client.ClientReadRequest, { clientId: pickId(r, t), keys: r.pick([[], [pickKey(r)], [pickKey(r), pickKey(r), Buffer.alloc(0)]]), ...(r.chance(0.7) ? { consistencyPolicy: pickEnum(r, 2) } : {}) } as d_engine.client.IClientReadRequest);
    case 'RaftClientService/HandleClientScan':
      return enc(client.ScanRequest, { clientId: pickId(r, t), prefix: pickKey(r) });
    case 'RaftClientService/Watch':
      return enc(client.WatchRequest, { clientId: pickId(r, t), key: pickKey(r), prefix: r.chance(0.5), prevKv: r.chance(0.5) });
    case 'RaftClientService/WatchMembership':
      return enc(client.WatchMembershipRequest, { clientId: pickId(r, t) });
    case 'Admin/TailEntries':
      return enc(admin.TailEntriesRequest, { fromIndex: pickIndex(r, t), follow: r.chance(0.5) });
    case 'Admin/SendSnapshot':
      return enc(admin.SendSnapshotRequest, { peerId: pickId(r, t) });
    case 'Admin/TransferLeadership':
      return enc(admin.TransferLeadershipRequest, { targetId: pickId(r, t) });
    case 'Admin/ChangeMembership':
      return enc(admin.ChangeMembershipRequest, { addLearners: [{ id: pickId(r, t), address: joinAddress(r) }], promote: [pickId(r, t)], remove: [pickId(r, t)], expectedConfigIndex: pickIndex(r, t), dryRun: r.chance(0.5) });
    case 'Health/Check':
    case 'Health/Watch':
      return enc(grpcProto.health.v1.HealthCheckRequest, { service: r.pick(['', 'd_engine.client.RaftClientService', 'nope', 'x'.repeat(1000)]) });
    default:
      // Admin GetServerInfo, GetNodeStatus, TriggerSnapshot, WatchReplication: empty requests.
      return Buffer.alloc(0);
  }
}

function varint(v: bigint): Buffer {
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}

/**
 * `bytes` mutated on the wire, half of the time: a bit flipped, cut short, a varint field 1–6 or
 * 100 appended with a value past 2^53 (protobuf's last value wins, so it replaces the field),
 * an unknown field, random bytes, an empty body, or the message twice (a merge).
 */
export function mutate(r: SeededRandom, bytes: Buffer): Buffer {
  switch (r.nextInt(12)) {
    case 0: {
      if (bytes.length === 0) return bytes;
      const b = Buffer.from(bytes);
      const i = r.nextInt(b.length);
      b[i] = b[i]! ^ (1 << r.nextInt(8));
      return b;
    }
    case 1:
      return bytes.subarray(0, r.nextInt(bytes.length + 1));
    case 2: {
      const field = BigInt(r.pick([1, 2, 3, 4, 5, 6, 100]));
      const value = r.pick([2n ** 53n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 32n]);
      return Buffer.concat([bytes, varint(field << 3n), varint(value)]);
    }
    case 3:
      return Buffer.concat([bytes, varint((BigInt(r.between(7, 99)) << 3n) | 2n), varint(3n), Buffer.from('abc')]);
    case 4:
      return Buffer.from(pickBytes(r, 40));
    case 5:
      return Buffer.alloc(0);
    case 6:
      return Buffer.concat([bytes, bytes]);
    default:
      return bytes;
  }
}

/** Request metadata: usually none or the right cluster id; sometimes another, an empty or a binary one. */
export function metadataFor(r: SeededRandom, t: FuzzTarget): Metadata {
  const md = new Metadata();
  switch (r.nextInt(8)) {
    case 0:
      md.set(CLUSTER_ID_METADATA, 'another-cluster');
      break;
    case 1:
      md.set(CLUSTER_ID_METADATA, '');
      break;
    case 2:
      md.set(CLUSTER_ID_METADATA, t.clusterId);
      md.add(CLUSTER_ID_METADATA, 'second-value');
      break;
    case 3:
    case 4:
      md.set(CLUSTER_ID_METADATA, t.clusterId);
      break;
    default:
      break;
  }
  return md;
}

// ---------------------------------------------------------------------------------------------
// Raw calls

/** A raw client of one node: every call's body is bytes; every call is bounded by `deadlineMs`. */
export class RawClient {
  readonly #client: Client;

  constructor(
    readonly address: string,
    readonly deadlineMs = 3000,
  ) {
    this.#client = new Client(address, credentials.createInsecure());
  }

  close(): void {
    this.#client.close();
  }

  /** A unary call: the status and, when OK, the response bytes. */
  unary(path: string, body: Buffer, md = new Metadata()): Promise<{ code: number; details: string; response?: Buffer }> {
    return new Promise((resolve) => {
      this.#client.makeUnaryRequest(path, pass, pass, body, md, { deadline: Date.now() + this.deadlineMs }, (err: ServiceError | null, res?: Buffer) => {
        resolve(err ? { code: err.code, details: err.details } : { code: 0, details: '', ...(res ? { response: res } : {}) });
      });
    });
  }

  /**
   * A streaming call of any kind: `bodies` are written one by one (each after `gapMs`), then the
   * call is half-closed (`halfClose`), or cancelled after `cancelAfterMs`, or both; `read` false
   * never reads the responses (the stream is paused). Resolves with the final status.
   */
  stream(
    path: string,
    kind: Exclude<CallKind, 'unary'>,
    bodies: readonly Buffer[],
    md: Metadata,
    o: { halfClose: boolean; cancelAfterMs: number | undefined; read: boolean },
  ): Promise<{ code: number; details: string; cancelledByUs: boolean; received: number }> {
    return new Promise((resolve) => {
      const opts = { deadline: Date.now() + this.deadlineMs };
      let cancelledByUs = false;
      let received = 0;
      let settled = false;
      const finish = (code: number, details: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ code, details, cancelledByUs, received });
      };
      let call: {
        write?(b: Buffer): boolean;
        end?(): void;
        cancel(): void;
        on(e: string, f: (...a: unknown[]) => void): unknown;
        pause?(): void;
      };
      if (kind === 'client-stream') {
        call = this.#client.makeClientStreamRequest(path, pass, pass, md, opts, (err: ServiceError | null) => finish(err ? err.code : 0, err ? err.details : ''));
      } else if (kind === 'server-stream') {
        call = this.#client.makeServerStreamRequest(path, pass, pass, bodies[0] ?? Buffer.alloc(0), md, opts);
      } else {
        call = this.#client.makeBidiStreamRequest(path, pass, pass, md, opts);
      }
      call.on('error', () => undefined);
      if (kind !== 'client-stream') {
        call.on('status', (s) => finish((s as StatusObject).code, (s as StatusObject).details));
        if (o.read) call.on('data', () => void received++);
        else call.pause?.();
      }
      const timer = o.cancelAfterMs === undefined ? undefined : setTimeout(() => {
        cancelledByUs = true;
        call.cancel();
      }, o.cancelAfterMs);
      if (kind !== 'server-stream') {
        for (const b of bodies) call.write!(b);
        if (o.halfClose) call.end!();
      }
    });
  }
}

/** `n` ms. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
