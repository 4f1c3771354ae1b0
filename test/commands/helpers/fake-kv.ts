/**
 * A fake KV cluster for the kv, health, wait and bench command tests: FakePeers (real gRPC on
 * 127.0.0.1) sharing one in-memory store. One node is the leader; the others refuse
 * leader-only requests either the raftctl way (`ClientResponse{error: NOT_LEADER, metadata}`)
 * or the d-engine way (gRPC FAILED_PRECONDITION "Not leader", no hint). Every node answers
 * DiscoverLeader with the current leader, eventual reads from the store, and Watch from a
 * script of events.
 *
 * For `cluster status`/`health`/`wait`: in raftctl mode the nodes serve GetServerInfo and
 * GetNodeStatus (commit and applied index = the store's revision; the leader lists its live
 * peers); in d-engine mode GetServerInfo is UNIMPLEMENTED and the nodes answer
 * GetClusterMetadata and the RequestVote probe like d-engine. A killed peer (`peer(id).kill()`)
 * refuses connections.
 */
import { Metadata, status } from '@grpc/grpc-js';
import { FakePeer } from '../../harness/fake-peer.js';
import { GrpcStatusError } from '../../../src/transport/server.js';
import type { ClientReadRequest, ClientResponse, ClientWriteRequest, ScanRequest, ScanResponse, WatchResponse } from '../../../src/transport/messages.js';

const NOT_LEADER = 4001;
const EVENTUAL = 2;

export interface FakeKvOptions {
  /** How followers refuse leader-only requests (default raftctl). */
  readonly refusal?: 'raftctl' | 'd-engine';
  /** Number of nodes (default 3); node ids are 1..n. */
  readonly nodes?: number;
  /** The leader's id (default 1); null for none. */
  readonly leaderId?: number | null;
  /**
   * Put before the leader address the nodes report (DiscoverLeader's leader_address, the
   * NOT_LEADER hint), e.g. `http://` as a d-engine configured with schemes would (reference
   * §1.6). Default none.
   */
  readonly addressPrefix?: string;
}

export interface FakeKvCluster {
  readonly peers: FakePeer[];
  readonly endpoints: string[];
  readonly store: Map<string, Buffer>;
  /** Applied index: bumped by every applied write. */
  revision: number;
  leaderId: number | null;
  /** Events a Watch call sends, in order, before it waits for the client to cancel. */
  watchEvents: WatchResponse[];
  /** When set, a Watch call ends with this status after its events (a node shutting down). */
  watchEndsWith: { code: status; details: string } | null;
  /** Events a Watch call sends one every 100 ms after `watchEvents` (changes arriving later). */
  watchLater: WatchResponse[];
  peer(id: number): FakePeer;
  close(): Promise<void>;
}

const keyOf = (b: Uint8Array | null | undefined): string => Buffer.from(b ?? new Uint8Array()).toString('latin1');
const bytesOf = (k: string): Buffer => Buffer.from(k, 'latin1');

/** Starts the cluster. */
export async function startFakeKv(options: FakeKvOptions = {}): Promise<FakeKvCluster> {
  const n = options.nodes ?? 3;
  const peers: FakePeer[] = [];
  for (let id = 1; id <= n; id++) peers.push(await FakePeer.start({ id }));
  const cluster: FakeKvCluster = {
    peers,
    endpoints: peers.map((p) => p.address),
    store: new Map(),
    revision: 0,
    leaderId: options.leaderId === undefined ? 1 : options.leaderId,
    watchEvents: [],
    watchEndsWith: null,
    watchLater: [],
    peer: (id) => peers[id - 1]!,
    close: async () => {
      await Promise.all(peers.map((p) => p.stop()));
    },
  };
  const leaderAddress = (): string => (cluster.leaderId === null ? '' : `${options.addressPrefix ?? ''}${cluster.peer(cluster.leaderId).address}`);
  const refuse = (): ClientResponse => {
    if (options.refusal === 'd-engine') throw new GrpcStatusError(status.FAILED_PRECONDITION, 'Not leader');
    return { error: NOT_LEADER, metadata: cluster.leaderId === null ? {} : { leaderId: String(cluster.leaderId), leaderAddress: leaderAddress() } };
  };

  const ids = peers.map((p) => p.id);
  const membership = () => ({
    version: 1,
    nodes: peers.map((p) => ({ id: p.id, address: p.address, role: 1, status: 3 })),
    currentLeaderId: cluster.leaderId,
  });
  for (const peer of peers) {
    const isLeader = (): boolean => cluster.leaderId === peer.id;
    peer.handle('GetClusterMetadata', () => membership());
    if (options.refusal === 'd-engine') {
      peer.handle('RequestVote', () => ({ term: 3, voteGranted: false, lastLogIndex: cluster.revision, lastLogTerm: 3 }));
    } else {
      peer.handle('GetServerInfo', () => ({ version: '0.1.0', nodeId: peer.id, clusterId: 'fake', apiVersion: 1, features: [] }));
      peer.handle('GetNodeStatus', () => ({
        nodeId: peer.id,
        role: isLeader() ? 3 : 1,
        term: 3,
        leaderId: cluster.leaderId,
        commitIndex: cluster.revision,
        appliedIndex: cluster.revision,
        firstLogIndex: 1,
        lastLogIndex: cluster.revision,
        lastLogTerm: 3,
        configuration: { voters: ids, votersOutgoing: [], learners: [] },
        configIndex: 1,
        address: peer.address,
        peers: isLeader() ? peers.filter((p) => p !== peer).map((p) => ({ id: p.id, matchIndex: cluster.revision, nextIndex: cluster.revision + 1, state: 1, inflight: 0, lastContactMs: 5, lagEntries: 0 })) : [],
      }));
    }
    peer.handle('DiscoverLeader', () => {
      if (cluster.leaderId === null) throw new GrpcStatusError(status.UNAVAILABLE, 'Leader not discovered');
      return { leaderId: cluster.leaderId, leaderAddress: leaderAddress(), term: 3 };
    });
    peer.handle('HandleClientWrite', (req: ClientWriteRequest): ClientResponse => {
      if (!isLeader()) return refuse();
      const cmd = req.command ?? {};
      let succeeded = true;
      if (cmd.insert) cluster.store.set(keyOf(cmd.insert.key), Buffer.from(cmd.insert.value ?? new Uint8Array()));
      else if (cmd.delete) cluster.store.delete(keyOf(cmd.delete.key));
      else if (cmd.compareAndSwap) {
        const cas = cmd.compareAndSwap;
        const current = cluster.store.get(keyOf(cas.key));
        const expected = cas.expectedValue ?? null;
        succeeded = expected === null ? current === undefined : current !== undefined && current.equals(Buffer.from(expected));
        if (succeeded) cluster.store.set(keyOf(cas.key), Buffer.from(cas.newValue ?? new Uint8Array()));
      } else throw new GrpcStatusError(status.INVALID_ARGUMENT, 'missing command');
      cluster.revision++;
      return { error: 0, writeResult: { succeeded } };
    });
    peer.handle('HandleClientRead', (req: ClientReadRequest): ClientResponse => {
      if (req.consistencyPolicy !== EVENTUAL && !isLeader()) return refuse();
      const results = (req.keys ?? []).flatMap((k) => {
        const v = cluster.store.get(keyOf(k));
        return v === undefined ? [] : [{ key: k, value: v }];
      });
      return { error: 0, readData: { results } };
    });
    peer.handle('HandleClientScan', (req: ScanRequest): ScanResponse => {
      if (!isLeader()) throw new GrpcStatusError(status.FAILED_PRECONDITION, 'Not leader');
      const prefix = keyOf(req.prefix);
      const entries = [...cluster.store.entries()].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => ({ key: bytesOf(k), value: v }));
      return { entries, revision: cluster.revision };
    });
    peer.raw.set('Watch', (call: { request: { key?: Uint8Array | null; prefix?: boolean | null }; write(ev: WatchResponse): void; sendMetadata(md: Metadata): void; on(ev: string, fn: () => void): void; emit(ev: string, e: unknown): void }) => {
      // d-engine (reference §6): a prefix watch's key must start and end with "/", else INVALID_ARGUMENT.
      const key = keyOf(call.request?.key);
      if (options.refusal === 'd-engine' && call.request?.prefix && !(key.startsWith('/') && key.endsWith('/'))) {
        call.emit('error', { code: status.INVALID_ARGUMENT, details: 'prefix watch key must start and end with "/"' });
        return;
      }
      // A d-engine node's tonic server sends the response headers as soon as the Watch handler
      // returns its stream, before any event: a watch it ends later (UNAVAILABLE on shutdown,
      // reference §6) is not a trailers-only refusal.
      if (options.refusal === 'd-engine') call.sendMetadata(new Metadata());
      for (const ev of cluster.watchEvents) call.write(ev);
      call.on('cancelled', () => undefined);
      cluster.watchLater.forEach((ev, i) => setTimeout(() => call.write(ev), 100 * (i + 1)).unref());
      const end = cluster.watchEndsWith;
      if (end) setTimeout(() => (call as unknown as { emit(ev: string, e: unknown): void }).emit('error', end), 50).unref();
    });
  }
  return cluster;
}

/** Runs `run` against a fresh {@link startFakeKv} cluster and closes it afterwards, whatever happens. */
export async function withFakeKv<T>(run: (kv: FakeKvCluster) => Promise<T>, options: FakeKvOptions = {}): Promise<T> {
  const kv = await startFakeKv(options);
  try {
    return await run(kv);
  } finally {
    await kv.close();
  }
}
