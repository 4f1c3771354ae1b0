/**
 * In-process clusters of {@link RaftNode}s on memory storage for runtime unit tests. The
 * in-process sender delivers a request to the target node exactly as the gRPC services do
 * (register a waiter on the target's ResponseRouter, step, hand the answer back with the
 * sender's correlation), so the Ready handling, routing and apply paths are the production
 * ones; only the wire is skipped. `isolated` drops every message to and from a node; `drop` loses chosen requests.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RaftCore, type Configuration, type Inbound, type NodeId, type Outbound } from '../../../src/core/index.js';
import { KvStateMachine, encodeWriteCommand } from '../../../src/state-machine/index.js';
import { bootstrapWrite, loadRestoredState, snapshotMetaOf, MemoryLogStorage, MemorySnapshotStore } from '../../../src/storage/index.js';
import { coreEntryOf } from '../../../src/runtime/codec.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { seededRandom } from '../../../src/runtime/node-host.js';
import { RaftNode } from '../../../src/runtime/raft-node.js';
import type { PeerSender } from '../../../src/runtime/raft-node-api.js';
import type { SnapshotSummary } from '../../../src/runtime/node-snapshots.js';

export interface MemNode {
  readonly id: NodeId;
  node: RaftNode;
  readonly log: MemoryLogStorage;
  readonly snapshots: MemorySnapshotStore;
}

export interface ClusterOptions {
  readonly tickMs?: number;
  readonly snapshotEvery?: number;
  readonly keepLogEntries?: number;
  readonly maxLogBytes?: number;
  readonly maxUncommittedEntries?: number;
  readonly maxUncommittedBytes?: number;
  readonly seed?: number;
  /** Each node's wall clock (unix ms) for proposal times, TTL expiry included (default Date.now). */
  readonly unixMs?: (id: NodeId) => number;
  /** Hears each node's latest snapshot changing (RaftNodeOptions.onLatestSnapshot). */
  readonly onLatestSnapshot?: (id: NodeId, s: SnapshotSummary) => void;
}

/** A cluster of in-memory nodes wired by {@link InProcessSender}s. */
export class MemCluster {
  readonly nodes = new Map<NodeId, MemNode>();
  readonly isolated = new Set<NodeId>();
  /** Outbound requests this returns true for are lost on the way (as to an isolated node). */
  drop: ((m: Outbound) => boolean) | undefined;
  readonly fatalErrors: Error[] = [];

  static async create(ids: readonly NodeId[], o: ClusterOptions = {}): Promise<MemCluster> {
    const c = new MemCluster();
    const config: Configuration = { voters: [...ids], votersOutgoing: [], learners: [], addresses: Object.fromEntries(ids.map((id) => [id, `mem:${id}`])) };
    for (const id of ids) {
      const log = new MemoryLogStorage();
      await log.write(bootstrapWrite(config));
      const snapshots = new MemorySnapshotStore();
      const m: MemNode = { id, log, snapshots, node: undefined as unknown as RaftNode };
      m.node = await c.#build(id, log, snapshots, o);
      c.nodes.set(id, m);
    }
    for (const m of c.nodes.values()) m.node.start();
    return c;
  }

  async #build(id: NodeId, log: MemoryLogStorage, snapshots: MemorySnapshotStore, o: ClusterOptions): Promise<RaftNode> {
    const tickMs = o.tickMs ?? 10;
    const loaded = await loadRestoredState(log, snapshots);
    const sm = new KvStateMachine();
    if (loaded.snapshot && loaded.snapshotFile) await sm.restore(loaded.snapshot, snapshots.records(loaded.snapshotFile));
    const core = new RaftCore(
      { id, random: seededRandom((o.seed ?? 7) * 31 + id), electionTimeoutMinTicks: 10, electionTimeoutMaxTicks: 20, tickMs, leaseDriftMs: tickMs, maxInflightAppends: 64 },
      { hardState: loaded.hardState, ...(loaded.snapshot ? { snapshot: loaded.snapshot } : {}), entries: loaded.entries.map(coreEntryOf) },
    );
    const node = new RaftNode({
      id,
      core,
      log,
      snapshots,
      sm,
      logger: silentLogger,
      tickMs,
      snapshotPolicy: { everyEntries: o.snapshotEvery ?? 0, keepLogEntries: o.keepLogEntries ?? 0, ...(o.maxLogBytes !== undefined ? { maxLogBytes: o.maxLogBytes } : {}) },
      snapshotIndex: loaded.snapshot?.index ?? 0,
      ...(o.maxUncommittedEntries !== undefined ? { maxUncommittedEntries: o.maxUncommittedEntries } : {}),
      ...(o.maxUncommittedBytes !== undefined ? { maxUncommittedBytes: o.maxUncommittedBytes } : {}),
      onFatal: (err) => this.fatalErrors.push(err),
      ...(o.unixMs ? { unixMs: () => o.unixMs!(id) } : {}),
      ...(o.onLatestSnapshot ? { onLatestSnapshot: (s: SnapshotSummary) => o.onLatestSnapshot!(id, s) } : {}),
    });
    node.setPeerSender(new InProcessSender(this, id));
    return node;
  }

  /** Stops node `id` (as a crash: nothing more is written) and restarts it from its storage. */
  async restart(id: NodeId, o: ClusterOptions = {}): Promise<void> {
    const m = this.nodes.get(id)!;
    await m.node.stop();
    m.node = await this.#build(id, m.log, m.snapshots, o);
    m.node.start();
  }

  node(id: NodeId): RaftNode {
    return this.nodes.get(id)!.node;
  }

  /** The current leader with a committed entry of its term, or undefined. */
  leader(): RaftNode | undefined {
    for (const m of this.nodes.values()) if (m.node.leaderReady && !this.isolated.has(m.id)) return m.node;
    return undefined;
  }

  async stop(): Promise<void> {
    for (const m of this.nodes.values()) await m.node.stop();
  }
}

/** Delivers outbound requests to the target node in-process (see the module comment). */
class InProcessSender implements PeerSender {
  #closed = false;
  constructor(
    readonly cluster: MemCluster,
    readonly self: NodeId,
  ) {}

  #deliverable(to: NodeId): RaftNode | undefined {
    if (this.#closed || this.cluster.isolated.has(to) || this.cluster.isolated.has(this.self)) return undefined;
    const t = this.cluster.nodes.get(to)?.node;
    return t && !t.stopped ? t : undefined;
  }

  #back(m: Inbound): void {
    const me = this.cluster.nodes.get(this.self)?.node;
    if (!this.#closed && me && !this.cluster.isolated.has(this.self) && !this.cluster.isolated.has(m.from)) me.step(m);
  }

  send(m: Outbound): void {
    setImmediate(() => this.#send(m));
  }

  #send(m: Outbound): void {
    const t = this.cluster.drop?.(m) ? undefined : this.#deliverable(m.to);
    if (!t) {
      if (m.type === 'Append' || m.type === 'Snapshot') this.#back({ type: 'Unreachable', from: m.to, to: this.self, term: 0 });
      return;
    }
    switch (m.type) {
      case 'Append': {
        const seq = t.router.nextSeq();
        t.router.waitAppend(m.from, seq, 5000).then((r) => this.#back({ ...r, seq: m.seq }), () => undefined);
        t.step({ ...m, seq });
        return;
      }
      case 'Vote':
      case 'PreVote':
        t.router.waitVote(m.from, m.type === 'PreVote', 5000).then((r) => this.#back(r), () => undefined);
        t.step(m);
        return;
      case 'ReadIndex':
        t.router.waitRead(m.from, m.ctx, 5000).then((r) => this.#back(r), () => undefined);
        t.step(m);
        return;
      case 'TimeoutNow':
        t.step(m);
        return;
      case 'Snapshot':
        void this.#pushSnapshot(t, m.term);
        return;
      default:
        return;
    }
  }

  /** Pushes the latest snapshot; like SnapshotPusher, a push whose answer is lost is reported Unreachable (the core waits for one report). */
  async #pushSnapshot(t: RaftNode, term: number): Promise<void> {
    const src = this.cluster.nodes.get(this.self)!.snapshots;
    const dst = this.cluster.nodes.get(t.id)!.snapshots;
    const file = await src.latest();
    let r = null;
    if (file) {
      const written = await dst.receive(file.index, file.term, src.bytes(file));
      const header = await dst.header(written);
      const answer = t.router.waitSnapshot(this.self, header.index, 5000);
      t.step({ type: 'Snapshot', from: this.self, to: t.id, term, leaderId: this.self, snapshot: snapshotMetaOf(header) });
      r = await answer.catch(() => null);
    }
    const me = this.cluster.nodes.get(this.self)?.node;
    if (r && this.#deliverable(t.id)) this.#back(r);
    else if (!this.#closed && me) setTimeout(() => me.step({ type: 'Unreachable', from: t.id, to: this.self, term: 0, snapshot: true }), 20);
  }

  close(): void {
    this.#closed = true;
  }
}

/** WriteCommand bytes of a put. */
export function put(key: string, value: string, ttlSecs = 0): Uint8Array {
  return encodeWriteCommand({ op: 'insert', key: Buffer.from(key), value: Buffer.from(value), ttlSecs });
}

/** Polls `check` every 5 ms until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * A 3-node MemCluster (a snapshot every 20 entries, 5 entries kept behind it) in which one
 * follower, `lagging`, is isolated while the leader commits 60 puts (`s<i>` = `v<i>`) and
 * compacts its log past them: once `c.isolated` lets it go, that follower can catch up only
 * through a snapshot. `last` is the index of the last put. The caller stops `c` (as the cluster
 * is stopped here if setting it up fails).
 */
export async function laggingFollowerCluster(): Promise<{ c: MemCluster; leader: RaftNode; lagging: number; last: number }> {
  const c = await MemCluster.create([1, 2, 3], { snapshotEvery: 20, keepLogEntries: 5 });
  try {
    const leader = await until('leader', () => c.leader());
    const lagging = [1, 2, 3].find((id) => id !== leader.id)!;
    c.isolated.add(lagging);
    let last = 0;
    for (let i = 0; i < 60; i++) last = (await leader.propose(put(`s${i}`, `v${i}`))).index;
    await until('leader compacted', () => (leader.status().firstLogIndex > 10 ? true : undefined));
    return { c, leader, lagging, last };
  } catch (err) {
    await c.stop();
    throw err;
  }
}

/** Every file under `root` (a data directory, say), as paths relative to it, sorted. */
export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(root.length + 1))
    .sort();
}
