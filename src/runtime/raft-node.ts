/**
 * RaftNode: drives one {@link RaftCore} by the Ready contract (src/core/ready.ts), the only
 * code that turns the core's decisions into IO.
 *
 * One Ready at a time, in this order (ARCHITECTURE.md "The Ready contract"):
 * 1. `messages` leave at once (a leader's Appends may precede its own fsync, Raft
 *    dissertation §10.2.1; the core counts its own matchIndex only after `advance`);
 * 2. `snapshotToInstall`: the state machine is restored from the received file (Raft §7);
 * 3. one log write: compact (installed snapshot) → truncate → entries → hard state, submitted
 *    and awaited until durable (group commit: everything the core collected while the previous
 *    fsync ran travels in this one write; a leader with peers asks for a thread-pool fsync, a
 *    follower's may block the event loop, see FileWal);
 * 4. `messagesAfterPersist` leave (acknowledgements, votes, pre-vote answers, RequestVotes:
 *    Raft §5.1 "respond only after persisting");
 * 5. `committedEntries` are applied in order to the KV state machine (Raft §5.3 state machine
 *    safety), then proposal outcomes and read states are answered. When every committed entry
 *    is already durable in the local log (always on a leader: it counts its own copy only once
 *    durable), this step runs while step 3's fsync is in flight, so an answer never waits for
 *    the fsync of entries proposed after it; otherwise (a follower committing entries of this
 *    very write, an installed snapshot) it runs after step 4;
 * 6. `advance(rd)`.
 * Inputs (peer messages, proposals, reads, ticks) may arrive at any time; the core buffers them
 * and a pump (scheduled with setImmediate, so everything of one event-loop turn shares a Ready)
 * drains `ready()`. A storage error stops the node ({@link RaftNode.fatal}); it is never retried.
 *
 * Responses to requests that arrived over RPC (append, vote, pre-vote, snapshot and read-index
 * answers) are routed back to the waiting server call by {@link ResponseRouter}; every other
 * outbound message goes to the {@link PeerSender}.
 */
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import {
  RaftCore,
  type Configuration,
  type Entry,
  type Inbound,
  type LogIndex,
  type MembershipChange,
  type NodeId,
  type Outbound,
  type Ready,
  type ReadPolicy,
  type Role,
  type Status,
} from '../core/index.js';
import { RaftCtlError, RejectedError, OutcomeUnknownError, TimeoutError } from '../errors.js';
import { encodeWriteCommand, ValueArena, type ApplyResult, type KvStateMachine, type WriteCommand } from '../state-machine/index.js';
import { compactionTarget, snapshotDue, snapshotMetaOf, toApplyEntry, type LogStorage, type LogWrite, type SnapshotPolicy, type SnapshotStore, type WrittenSnapshot } from '../storage/index.js';
import { storedEntryOf } from './codec.js';
import { leaseClock } from './lease-clock.js';
import type { Logger } from './logger.js';
import { entryBytes, keepNewestSnapshots, summaryOf, type SnapshotSummary } from './node-snapshots.js';
import { DEFAULT_MAX_UNCOMMITTED_BYTES, DEFAULT_MAX_UNCOMMITTED_ENTRIES, notLeaderError, type PeerSender, type RaftNodeOptions, type WriteOutcome } from './raft-node-api.js';
import { ResponseRouter } from './response-router.js';
import { defaultMaxStateBytes, StateQuota } from './state-quota.js';

/** Longest synchronous stretch of applying committed entries before yielding (ms). */
const APPLY_SLICE_MS = 5;
/** After a failed snapshot the policy waits this long before trying again, doubling per failure up to {@link SNAPSHOT_RETRY_MAX_MS}. */
export const SNAPSHOT_RETRY_MIN_MS = 1000;
const SNAPSHOT_RETRY_MAX_MS = 60_000;
/**
 * Most keys one expiry entry lists. Applying it puts one DELETE event per key into every watcher
 * of those keys at once, so it stays a tenth of a watcher's default 1,024-event buffer: 1,000-key
 * entries filled that buffer in one apply, and a `kv watch --prefix` that kept up was canceled for
 * overflow when a backlog of due keys built up (after a leader change under load). A full entry is
 * followed by the next as soon as it applies, not a tick later, so a backlog drains at commit speed.
 */
export const MAX_EXPIRE_KEYS = 100;

interface Waiter<T> {
  resolve(v: T): void;
  reject(e: Error): void;
}

/**
 * Stored values a tick looks at for moving out of mostly dead slabs (KvStateMachine.compactValues,
 * which does nothing unless the slabs hold more freed than live bytes): 0.44 ms a call on average
 * in the in-process run docs/storage.md describes; a pass over a million keys takes 100 ticks.
 */
const COMPACT_VISITS_PER_TICK = 10_000;

/** Drives the core (see the module contract). Create with {@link RaftNode.constructor}, then `start()`. */
export class RaftNode {
  readonly id: NodeId;
  readonly core: RaftCore;
  readonly log: LogStorage;
  readonly snapshots: SnapshotStore;
  readonly sm: KvStateMachine;
  readonly router = new ResponseRouter();
  /** The leader's admission check on the state's size (state-quota.ts). */
  readonly stateQuota: StateQuota;
  readonly #logger: Logger;
  readonly #tickMs: number;
  readonly #policy: SnapshotPolicy;
  readonly #maxUncommitted: number;
  readonly #maxUncommittedBytes: number;
  readonly #unixMs: () => number;
  readonly #leaseClock: () => number;
  readonly #onFatal: ((err: Error) => void) | undefined;
  readonly #onLatestSnapshot: ((s: SnapshotSummary) => void) | undefined;
  #peers: PeerSender | undefined;

  #role: Role = 'follower';
  #leaderId: NodeId = 0;
  #term = 0;
  #lastIndex: LogIndex;
  #commitIndex: LogIndex = 0;
  #lastCommittedTerm = 0;
  #configuration: Configuration;
  #snapshotIndex: LogIndex;
  #latestSnapshot: SnapshotSummary | null = null;
  #snapshotRunning: Promise<WrittenSnapshot> | null = null;
  /** Aborted by stop(): a snapshot being written stops at its next record (its `.part` is removed). */
  readonly #stopSignal = new AbortController();
  /** Policy snapshots failed in a row, and the monotonic time before which the policy does not try again. */
  #snapshotFailures = 0;
  #snapshotRetryAt = 0;
  #pendingCompaction = 0;
  #expireInFlight = false;
  /** Bytes of the entries applied since start (the snapshot policy's log growth, see {@link entryBytes}). */
  #appliedBytes = 0;
  /** `#appliedBytes` when the state in the latest snapshot was captured. */
  #appliedBytesAtSnapshot = 0;

  readonly #proposals = new Map<number, Waiter<WriteOutcome>>();
  readonly #reads = new Map<number, Waiter<LogIndex>>();
  #nextReadCtx = 1;
  #unproposed = 0;
  /** {@link entryBytes} of the proposals counted in `#unproposed`. */
  #unproposedBytes = 0;
  /**
   * Commands this leader proposes are copied here (value-arena.ts): they stay in the log until
   * compaction, and a gRPC-decoded or encoded command is a piece of Node's shared Buffer pool, where
   * each kept one pinned a slab of dead buffers (a leader's log of 400,000 commands held 797 MB).
   */
  readonly #proposalBytes = new ValueArena();
  /**
   * Leader only (0 otherwise): {@link entryBytes} of the log entries after `#commitIndex`.
   * Counted again from the log when this node becomes leader; then it grows with each appended
   * entry and shrinks as entries commit (a leader never truncates its own log).
   */
  #uncommittedBytes = 0;
  readonly #appliedListeners = new Set<(index: LogIndex) => void>();
  readonly #stateListeners = new Set<() => void>();

  #timer: NodeJS.Timeout | undefined;
  #scheduled = false;
  #pumping: Promise<void> | null = null;
  #stopped = false;
  /** The first `stop()`'s promise; later calls return it. */
  #stopping: Promise<void> | null = null;
  #fatal: Error | null = null;

  constructor(o: RaftNodeOptions) {
    this.id = o.id;
    this.core = o.core;
    this.log = o.log;
    this.snapshots = o.snapshots;
    this.sm = o.sm;
    this.#logger = o.logger;
    this.#tickMs = o.tickMs;
    this.#policy = o.snapshotPolicy;
    this.#maxUncommitted = o.maxUncommittedEntries ?? DEFAULT_MAX_UNCOMMITTED_ENTRIES;
    this.#maxUncommittedBytes = o.maxUncommittedBytes ?? DEFAULT_MAX_UNCOMMITTED_BYTES;
    this.stateQuota = new StateQuota(o.maxStateBytes ?? defaultMaxStateBytes(), o.sm, o.logger);
    this.#unixMs = o.unixMs ?? Date.now;
    this.#leaseClock = o.leaseClock ?? leaseClock();
    this.#onFatal = o.onFatal;
    this.#onLatestSnapshot = o.onLatestSnapshot;
    this.#snapshotIndex = o.snapshotIndex;
    const st = o.core.status();
    this.#term = st.term;
    this.#lastIndex = st.lastLogIndex;
    this.#commitIndex = st.commitIndex;
    this.#configuration = st.configuration;
    // Every open replication stream listens for the stop (peer-services.ts): no leak warning at 11.
    setMaxListeners(0, this.#stopSignal.signal);
  }

  /** Connects the sender of outbound peer requests (before `start`). */
  setPeerSender(p: PeerSender): void {
    this.#peers = p;
  }

  /** Starts the tick timer (Raft §5.2: elections and heartbeats are counted in ticks). */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.#tick(), this.#tickMs);
    this.#schedule();
  }

  get role(): Role {
    return this.#role;
  }
  get leaderId(): NodeId {
    return this.#leaderId;
  }
  get term(): number {
    return this.#term;
  }
  get stopped(): boolean {
    return this.#stopped;
  }
  /** Aborted when `stop()` begins (before the Ready being persisted finishes). */
  get stopSignal(): AbortSignal {
    return this.#stopSignal.signal;
  }
  /** The fatal error that stopped the node, if any. */
  get fatal(): Error | null {
    return this.#fatal;
  }
  /** Current configuration (effective on append, membership.ts). */
  get configuration(): Configuration {
    return this.#configuration;
  }
  /** True when this node leads and an entry of its term is committed (the noop, dissertation §6.4). */
  get leaderReady(): boolean {
    return this.#role === 'leader' && this.#lastCommittedTerm === this.#term;
  }
  /** The latest snapshot file written or received (null when none is known). */
  get latestSnapshot(): SnapshotSummary | null {
    return this.#latestSnapshot;
  }
  set latestSnapshot(s: SnapshotSummary | null) {
    this.#latestSnapshot = s;
    if (s) this.#onLatestSnapshot?.(s);
  }

  /** True when the configuration has a member besides this node (voter or learner). */
  #hasPeers(): boolean {
    const c = this.#configuration;
    return c.voters.some((id) => id !== this.id) || c.votersOutgoing.some((id) => id !== this.id) || c.learners.some((l) => l.id !== this.id);
  }

  /** `host:port` of `id` in the current configuration. */
  addressOf(id: NodeId): string | undefined {
    return this.#configuration.addresses[id];
  }

  /** Core status (Raft Figure 2 fields, configuration, leader's peers). */
  status(): Status {
    return this.core.status();
  }

  /** Called with the applied index after every batch of applied entries. */
  onApplied(fn: (index: LogIndex) => void): () => void {
    this.#appliedListeners.add(fn);
    return () => this.#appliedListeners.delete(fn);
  }

  /** Called after every Ready (role, term, leader or configuration may have changed). */
  onStateChange(fn: () => void): () => void {
    this.#stateListeners.add(fn);
    return () => this.#stateListeners.delete(fn);
  }

  /** Steps a peer message (or an Unreachable report) into the core. */
  step(m: Inbound): void {
    if (this.#stopped) return;
    this.core.step(m);
    this.#schedule();
  }

  #checkRunning(): void {
    if (this.#fatal) throw new RaftCtlError('NODE_STOPPED', 1, `the node stopped: ${this.#fatal.message}`);
    if (this.#stopped) throw new RejectedError('NODE_STOPPED', 'the node is shutting down');
  }

  /**
   * Proposes a command (WriteCommand bytes, already validated). Resolves after the entry is
   * committed and applied, with its apply result. Rejects with NoLeaderError (NOT_LEADER, with
   * the leader hint) on a follower, RejectedError RESOURCE_EXHAUSTED while the uncommitted log
   * is over its bound, OutcomeUnknownError when leadership was lost with the entry in flight.
   */
  propose(data: Uint8Array): Promise<WriteOutcome> {
    this.#checkRunning();
    if (this.#role !== 'leader') throw notLeaderError(this.#leaderId, this.addressOf(this.#leaderId));
    const uncommitted = this.#lastIndex - this.#commitIndex + this.#unproposed;
    if (uncommitted >= this.#maxUncommitted) {
      throw new RejectedError('RESOURCE_EXHAUSTED', `too many uncommitted entries (${uncommitted}); retry later`);
    }
    // As etcd-raft's MaxUncommittedEntriesSize: with nothing uncommitted any one entry goes in,
    // so an entry larger than the bound is slow, never refused forever.
    const bytes = this.#uncommittedBytes + this.#unproposedBytes;
    const size = entryBytes({ payload: { type: 'command', data } });
    if (bytes > 0 && bytes + size > this.#maxUncommittedBytes) {
      throw new RejectedError('RESOURCE_EXHAUSTED', `too many uncommitted bytes (${bytes} + ${size} over ${this.#maxUncommittedBytes}); retry later`);
    }
    return new Promise((resolve, reject) => {
      const id = this.core.propose(this.#proposalBytes.copy(data), this.#unixMs());
      this.#unproposed++;
      this.#unproposedBytes += size;
      this.#proposals.set(id, { resolve, reject });
      this.#schedule();
    });
  }

  /** Proposes a membership change; resolves with the index once that entry is committed and applied. */
  proposeConfChange(change: MembershipChange, expectedConfigIndex?: LogIndex): Promise<WriteOutcome> {
    this.#checkRunning();
    if (this.#role !== 'leader') throw notLeaderError(this.#leaderId, this.addressOf(this.#leaderId));
    return new Promise((resolve, reject) => {
      const id = this.core.proposeConfChange(change, expectedConfigIndex);
      this.#proposals.set(id, { resolve, reject });
      this.#schedule();
    });
  }

  /**
   * Waits until a read may be served (dissertation §6.4): resolves with the read index once the
   * state machine applied it. `linearizable` runs ReadIndex (a follower asks the leader);
   * `lease` is served at once by a leader holding its lease (checked against monotonic time).
   */
  readBarrier(policy: ReadPolicy): Promise<LogIndex> {
    this.#checkRunning();
    return new Promise((resolve, reject) => {
      const ctx = this.#nextReadCtx++;
      this.#reads.set(ctx, { resolve, reject });
      this.core.readIndex(ctx, { policy, nowMs: this.#leaseClock() });
      this.#schedule();
    });
  }

  #tick(): void {
    if (this.#stopped) return;
    this.core.tick(this.#leaseClock());
    if (this.leaderReady) this.#maybeExpire();
    this.sm.compactValues(COMPACT_VISITS_PER_TICK);
    this.#schedule();
  }

  /**
   * Leader: proposes one expiry entry for up to {@link MAX_EXPIRE_KEYS} keys whose TTL passed
   * (STORAGE.md "Time in the state machine"), one entry at a time; once a full one applied, the
   * next is proposed at once (more may be due), otherwise at the next tick.
   */
  #maybeExpire(): void {
    if (this.#expireInFlight || this.#stopped || !this.leaderReady) return;
    const now = this.#unixMs();
    const keys = this.sm.expiredKeys(now, MAX_EXPIRE_KEYS);
    if (keys.length === 0) return;
    let p: Promise<WriteOutcome>;
    try {
      p = this.propose(encodeWriteCommand({ op: 'expire', keys }));
    } catch {
      return; // not leader any more, or the uncommitted log is full: try again next tick
    }
    this.#expireInFlight = true;
    p.then(
      () => {
        this.#expireInFlight = false;
        if (keys.length === MAX_EXPIRE_KEYS) this.#maybeExpire();
      },
      () => (this.#expireInFlight = false),
    );
  }

  #schedule(): void {
    if (this.#scheduled || this.#stopped) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#pumping) this.#pumping = this.#pump().finally(() => (this.#pumping = null));
    });
  }

  async #pump(): Promise<void> {
    try {
      while (!this.#stopped) {
        if (this.#pendingCompaction > 0) this.#compact();
        if (!this.core.hasReady()) break;
        const rd = this.core.ready();
        await this.#handleReady(rd);
        this.core.advance(rd);
      }
    } catch (err) {
      if (this.#stopped && err === this.#stopSignal.signal.reason) {
        this.#logger.log('info', 'snapshot install abandoned: the node is stopping');
        return;
      }
      this.fail(err instanceof Error ? err : new Error(String(err)));
    }
  }

  async #handleReady(rd: Ready): Promise<void> {
    this.#unproposed = 0;
    this.#unproposedBytes = 0;
    if (rd.softState) this.#onSoftState(rd.softState.role, rd.softState.leaderId, rd.softState.term);
    // Before any message leaves: the core sends to a member in the Ready that appends its
    // configuration entry, and the peer sender knows only the addresses of `configuration`.
    this.#followLog(rd);
    for (const m of rd.messages) this.#dispatch(m);

    if (rd.snapshotToInstall) {
      const meta = rd.snapshotToInstall;
      const file = (await this.snapshots.list()).find((f) => f.index === meta.index && f.term === meta.term);
      if (!file) throw new RaftCtlError('INTERNAL', 1, `snapshot ${meta.index}-${meta.term} to install is not in the snapshot store`);
      // A stop abandons the restore at its next record, as it abandons a snapshot being written:
      // the state machine takes the new map only at the end and the log is compacted only after
      // it, so nothing of it is applied or persisted (a restart restores from the file). Reading
      // a large file to the end held stop() past `node start`'s 15 s deadline.
      await this.sm.restore(meta, untilAborted(this.snapshots.records(file), this.#stopSignal.signal));
      this.#snapshotIndex = meta.index;
      this.#appliedBytesAtSnapshot = this.#appliedBytes;
      this.#lastCommittedTerm = meta.term;
      this.#logger.log('info', 'snapshot installed', { index: meta.index, term: meta.term });
    }
    const w = this.#logWriteOf(rd);
    // A leader with peers has work while its fsync runs (their answers): it does not block on
    // it. A follower's answer waits for its own fsync anyway, and a lone leader has nothing to
    // hear from (docs/storage.md "Durability").
    if (w && this.#role === 'leader' && this.#hasPeers()) w.syncInBackground = true;
    // Submitted now (the WAL reflects it at once), durable when the promise resolves.
    const persisted = w ? this.log.write(w) : null;
    this.#countUncommitted(rd);
    persisted?.catch(() => undefined); // awaited below; a failure stops the node there
    // Committed entries that are already durable here (every one, on a leader) are applied and
    // answered while this Ready's write is being fsynced: a client's answer never waits for the
    // fsync of entries proposed after its own. Anything else is applied after the write.
    const early = !rd.snapshotToInstall && (rd.committedEntries.at(-1)?.index ?? 0) <= this.log.durableIndex();
    let answered = early && (await this.#applyAndAnswer(rd));
    if (persisted) await persisted; // always awaited: stop() relies on the fsync completing
    if (this.#stopped) return;
    for (const m of rd.messagesAfterPersist) this.#dispatch(m);
    if (!early) answered = await this.#applyAndAnswer(rd);
    if (!answered) return;
    if (rd.committedEntries.length > 0) {
      const appliedIndex = this.sm.appliedIndex;
      const growth = { logBytes: this.#appliedBytes - this.#appliedBytesAtSnapshot, snapshotBytes: this.#latestSnapshot?.bytes ?? 0 };
      const due = !this.#snapshotRunning && performance.now() >= this.#snapshotRetryAt && snapshotDue(appliedIndex, this.#snapshotIndex, this.#policy, growth);
      if (due) void this.snapshot().catch(() => undefined);
    }
    for (const fn of this.#stateListeners) fn();
  }

  /**
   * Keeps `#uncommittedBytes` (after the Ready's log write was submitted: the log reflects it).
   * A Ready that changes the role counts the log after the commit index again; others add their
   * appended entries. Followers count nothing: only a leader refuses proposals.
   */
  #countUncommitted(rd: Ready): void {
    if (this.#role !== 'leader') {
      this.#uncommittedBytes = 0;
    } else if (rd.softState || rd.truncateFrom !== undefined || rd.snapshotToInstall) {
      let bytes = 0;
      for (const e of this.log.entries(this.#commitIndex + 1, this.log.lastIndex() + 1)) bytes += entryBytes(e);
      this.#uncommittedBytes = bytes;
    } else {
      for (const e of rd.entriesToAppend) this.#uncommittedBytes += entryBytes(e);
    }
  }

  /**
   * Follows the log's end and, when it may have changed, the configuration. A configuration
   * takes effect on append (membership.ts), so peers and addresses follow the core at once,
   * before the Ready's messages leave; the uncommitted-entries bound counts these entries from
   * now on.
   */
  #followLog(rd: Ready): void {
    if (rd.snapshotToInstall || rd.truncateFrom !== undefined || rd.entriesToAppend.some((e) => e.payload.type === 'configuration')) {
      const st = this.core.status();
      this.#configuration = st.configuration;
      this.#lastIndex = st.lastLogIndex;
    } else if (rd.entriesToAppend.length > 0) {
      this.#lastIndex = rd.entriesToAppend[rd.entriesToAppend.length - 1]!.index;
    }
  }

  /** The one log write a Ready asks for (compact → truncate → entries → hard state), or null. */
  #logWriteOf(rd: Ready): LogWrite | null {
    const w: LogWrite = {};
    let needWrite = false;
    if (rd.snapshotToInstall) {
      w.compact = { index: rd.snapshotToInstall.index, term: rd.snapshotToInstall.term };
      needWrite = true;
    }
    if (rd.truncateFrom !== undefined) {
      w.truncateFrom = rd.truncateFrom;
      needWrite = true;
    }
    if (rd.entriesToAppend.length > 0) {
      w.entries = rd.entriesToAppend.map(storedEntryOf);
      needWrite = true;
    }
    if (rd.hardState) {
      w.hardState = rd.hardState;
      needWrite = true;
    }
    return needWrite ? w : null;
  }

  /**
   * Applies `rd.committedEntries` in order (Raft §5.3), yielding to the event loop every ~5 ms
   * so a large catch-up batch does not stall RPCs (readers in between see a consistent prefix),
   * then answers the proposal outcomes and the read states (a read is served once the entries
   * up to its index are applied) and tells the applied-index listeners. False when the node
   * stopped in between (nothing more is answered).
   */
  async #applyAndAnswer(rd: Ready): Promise<boolean> {
    const results = new Map<LogIndex, ApplyResult>();
    let sliceStart = performance.now();
    let newlyCommittedBytes = 0;
    for (let i = 0; i < rd.committedEntries.length; i++) {
      const e = rd.committedEntries[i]!;
      if (e.index > this.#commitIndex) newlyCommittedBytes += entryBytes(e);
      results.set(e.index, this.#apply(e));
      if ((i & 255) === 255 && performance.now() - sliceStart > APPLY_SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.#stopped) return false;
        sliceStart = performance.now();
      }
    }
    this.#commitIndex = rd.commitIndex;
    this.#uncommittedBytes = Math.max(0, this.#uncommittedBytes - newlyCommittedBytes);
    for (const p of rd.proposals) {
      const w = this.#proposals.get(p.id);
      if (!w) continue;
      this.#proposals.delete(p.id);
      if (p.status === 'committed') {
        w.resolve({ index: p.index, result: results.get(p.index) ?? { index: p.index, kind: 'noop' } });
      } else if (p.status === 'rejected') {
        if (p.reason === 'NOT_LEADER') w.reject(notLeaderError(p.leaderHint ?? this.#leaderId, this.addressOf(p.leaderHint ?? this.#leaderId)));
        // Refused while leadership is being handed over: never proposed; the transferee is about to lead.
        else if (p.reason === 'TRANSFER_IN_PROGRESS') {
          const transferee = this.core.status().leadTransferee;
          w.reject(notLeaderError(transferee, this.addressOf(transferee)));
        }
        else w.reject(new RejectedError(p.reason, p.message ?? `proposal refused: ${p.reason}`));
      } else {
        w.reject(new OutcomeUnknownError('leadership was lost before the entry committed; it may still be committed'));
      }
    }
    for (const r of rd.readStates) {
      const w = this.#reads.get(r.ctx);
      if (!w) continue;
      this.#reads.delete(r.ctx);
      if (r.status === 'ready') w.resolve(r.index);
      else if (r.reason === 'TIMEOUT') w.reject(new TimeoutError('the read was not served within an election timeout (no answer from the leader, or this node did not commit up to the read index)'));
      else w.reject(notLeaderError(r.leaderHint ?? this.#leaderId, this.addressOf(r.leaderHint ?? this.#leaderId)));
    }
    if (rd.committedEntries.length > 0) {
      const applied = this.sm.appliedIndex;
      for (const fn of this.#appliedListeners) fn(applied);
    }
    return true;
  }

  #apply(e: Entry): ApplyResult {
    if (e.index <= this.sm.appliedIndex) return { index: e.index, kind: 'noop' };
    const result = this.sm.apply(toApplyEntry(storedEntryOf(e)));
    this.#appliedBytes += entryBytes(e);
    this.#lastCommittedTerm = e.term;
    if (e.payload.type === 'configuration') this.#logger.log('info', 'configuration applied', { index: e.index, voters: e.payload.configuration.voters.join(','), learners: e.payload.configuration.learners.map((l) => l.id).join(',') });
    return result;
  }

  #onSoftState(role: Role, leaderId: NodeId, term: number): void {
    const changed = role !== this.#role || leaderId !== this.#leaderId || term !== this.#term;
    this.#role = role;
    this.#leaderId = leaderId;
    this.#term = term;
    // Proposals still waiting after a step-down are answered by the core itself (committed by
    // the next leader, overwritten, or unknown when their entries leave the log).
    if (changed) this.#logger.log('info', 'role', { role, term, leaderId: leaderId || null });
  }

  #dispatch(m: Outbound): void {
    if (this.router.deliver(m)) return;
    if (m.type === 'AppendResponse' || m.type === 'VoteResponse' || m.type === 'PreVoteResponse' || m.type === 'SnapshotResponse' || m.type === 'ReadIndexResponse') {
      // The RPC that carried the request is gone (deadline, cancelled): nothing to answer.
      return;
    }
    this.#peers?.send(m);
  }

  /**
   * Takes a snapshot of the state machine now (STORAGE.md "Snapshot files"): the state is frozen
   * at the applied index (copy-on-write) and streamed to a file without blocking the event
   * loop; then the log is compacted behind it keeping `keepLogEntries`, and old files beyond
   * the retain count are deleted. Concurrent calls share one snapshot.
   */
  snapshot(): Promise<WrittenSnapshot> {
    try {
      this.#checkRunning();
    } catch (err) {
      return Promise.reject(err);
    }
    if (this.#snapshotRunning) return this.#snapshotRunning;
    const run = (async () => {
      const src = this.sm.beginSnapshot();
      const appliedBytesAtBegin = this.#appliedBytes;
      let written: WrittenSnapshot;
      try {
        written = await this.snapshots.create(snapshotMetaOf(src), src.records(this.#stopSignal.signal));
      } finally {
        src.release();
      }
      // The new file is durable: an old one that cannot be deleted is worth a warning, not a
      // failed snapshot (the log would stay uncompacted and the policy write another file).
      await keepNewestSnapshots(this.snapshots, this.#logger);
      if (written.index > this.#snapshotIndex) this.#appliedBytesAtSnapshot = appliedBytesAtBegin;
      this.#snapshotIndex = Math.max(this.#snapshotIndex, written.index);
      if (!this.#latestSnapshot || written.index >= this.#latestSnapshot.index) this.latestSnapshot = summaryOf(written);
      const target = compactionTarget(written.index, this.#policy, (i) => this.log.entryBytes(i));
      if (target > this.#pendingCompaction) this.#pendingCompaction = target;
      this.#logger.log('info', 'snapshot created', { index: written.index, term: written.term, bytes: written.bytes, compactTo: target });
      this.#schedule();
      return written;
    })();
    this.#snapshotRunning = run;
    run.then(
      () => {
        this.#snapshotRunning = null;
        this.#snapshotFailures = 0;
        this.#snapshotRetryAt = 0;
      },
      (err: unknown) => {
        this.#snapshotRunning = null;
        if (this.#stopSignal.signal.aborted) {
          this.#logger.log('info', 'snapshot abandoned: the node is stopping');
          return;
        }
        // The policy waits before trying again (1 s doubling to a minute): a full disk must not
        // turn into a snapshot attempt, and a partial file written, after every apply.
        const waitMs = Math.min(SNAPSHOT_RETRY_MAX_MS, SNAPSHOT_RETRY_MIN_MS * 2 ** this.#snapshotFailures++);
        this.#snapshotRetryAt = performance.now() + waitMs;
        this.#logger.log('error', 'snapshot failed', { error: err instanceof Error ? err.message : String(err), retryInMs: waitMs });
      },
    );
    return run;
  }

  /** Between two Readies: drops log entries behind the latest snapshot (core and storage). */
  #compact(): void {
    const st = this.core.status();
    const target = Math.min(this.#pendingCompaction, st.appliedIndex, this.#snapshotIndex);
    this.#pendingCompaction = 0;
    if (target <= st.snapshotIndex || target < st.firstLogIndex) return;
    const term = this.log.term(target);
    if (term === undefined) return;
    this.core.compact(target);
    this.log.compact(target, term).catch((err: unknown) => this.fail(err instanceof Error ? err : new Error(String(err))));
  }

  /**
   * Hands leadership over before a graceful stop (dissertation §3.10), so that the cluster does
   * not wait an election timeout for a new leader: a leader picks the voter with the longest log
   * among those it heard from in the last two ticks, the core catches it up and sends it
   * TimeoutNow, and this resolves once another node is known to lead and every write proposed
   * here before is answered (the new leader holds those entries: they commit in its term, and
   * this node, now its follower, answers them then instead of "outcome unknown" at the stop), or
   * after `maxWaitMs` (the core abandons a transfer after an election timeout). Writes arriving
   * meanwhile are refused NOT_LEADER naming the transferee (never proposed). Resolves the node
   * that leads now, or null when nothing was handed over: this node does not lead, no other
   * voter is in contact, or the wait ran out before another node led.
   */
  async handOffLeadership(maxWaitMs: number): Promise<NodeId | null> {
    if (this.#stopped || this.#role !== 'leader') return null;
    const st = this.core.status();
    const voters = new Set(st.configuration.voters);
    let target = 0;
    let longest = -1;
    for (const p of st.peers) {
      if (p.id !== this.id && voters.has(p.id) && p.ticksSinceContact <= 2 && p.matchIndex > longest) {
        longest = p.matchIndex;
        target = p.id;
      }
    }
    if (target === 0 || !this.core.transferLeadership(target).ok) return null;
    this.#schedule();
    return new Promise<NodeId | null>((resolve) => {
      const settle = (): void => {
        clearTimeout(timer);
        off();
        resolve(this.#role === 'leader' ? null : this.#leaderId || null);
      };
      const timer = setTimeout(settle, maxWaitMs);
      // Settled once another node is known to lead (this one steps down on the transferee's vote
      // request, then learns the new leader from its first Append) and the proposals made before
      // the transfer are answered (their commit reaches this follower an Append or two later), or
      // when the node stops.
      const off = this.onStateChange(() => {
        if ((this.#role !== 'leader' && this.#leaderId !== 0 && this.#proposals.size === 0) || this.#stopped) settle();
      });
    });
  }

  /** Stops the node because of `err` (storage failure): no retry over a possibly torn log. */
  fail(err: Error): void {
    if (this.#fatal) return;
    this.#fatal = err;
    this.#logger.log('error', 'fatal error; the node stops', { error: err.message, code: err instanceof RaftCtlError ? err.code : null });
    void this.stop();
    this.#onFatal?.(err);
  }

  /**
   * Stops ticking and stepping, lets the Ready being persisted finish (its fsync completes; a
   * restore of a received snapshot in it is abandoned at its next record, as a snapshot being
   * written is, and both end before this does), rejects every waiting proposal and read, and closes the
   * peer sender. Idempotent: every call returns the first call's promise, so no caller (NodeHost
   * closing the storage after a fatal error already started a stop) goes on before it is done.
   * `stopped` is true as soon as the first call returns.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    // A snapshot being written is abandoned at its next record (its `.part` file removed; the
    // previous snapshot and the log still cover everything), and that ends before the storage
    // it writes to is closed. Finishing it could take longer than any grace period: a state of
    // 700 MB took over 15 s to write under load, and the node was killed mid-stop.
    this.#stopSignal.abort(new RejectedError('NODE_STOPPED', 'the node is stopping'));
    if (this.#pumping) await this.#pumping.catch(() => undefined);
    if (this.#snapshotRunning) await this.#snapshotRunning.catch(() => undefined);
    const err = new RejectedError('NODE_STOPPED', 'the node is shutting down');
    for (const w of this.#proposals.values()) w.reject(new OutcomeUnknownError('the node stopped before the write was applied'));
    this.#proposals.clear();
    for (const w of this.#reads.values()) w.reject(err);
    this.#reads.clear();
    this.router.closeAll(err);
    this.#peers?.close();
  }
}

/** The items of `it` until `signal` aborts; then throws its reason (at the next item). */
async function* untilAborted<T>(it: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  for await (const x of it) {
    signal.throwIfAborted();
    yield x;
  }
}
