/**
 * Snapshot pushes to peers (the core's `Snapshot` messages, Raft §7), for {@link GrpcPeerSender}.
 *
 * The core sends `Snapshot` when a peer's next index is behind its first retained entry, moves
 * the peer to SNAPSHOT state and waits for one report: a `SnapshotResponse` naming the pushed
 * snapshot's index, or `Unreachable` with `snapshot: true` (replication.ts). This module keeps
 * that contract:
 *
 * - One push per peer at a time: the latest snapshot file over InstallSnapshot. A request that
 *   arrives while a push to the same peer runs is remembered (the newest one; an older one is
 *   superseded: the core waits only for the report of the last request it sent) and pushed
 *   when the running push ends, so it gets its own report.
 * - The push claims the term of the request (`leaderTerm` = `m.term`), never the node's term
 *   read later. A request whose term this node no longer leads (it stepped down or a new term
 *   began while the file was looked up) is not pushed and not reported: the core dropped that
 *   peer's progress when it changed term or role, so nothing waits for the report, and a report
 *   of a dead term could be credited to a newer request of the same peer.
 * - A report is stepped in only while the node still leads the request's term, and a failure
 *   report only when no newer request is waiting (that request's push reports instead).
 * - A failed push is reported after a pause ({@link SNAPSHOT_RETRY_MS}, doubling per failure in
 *   a row to the same peer up to {@link SNAPSHOT_RETRY_MAX_MS}): the core retries at once, and a
 *   peer that cannot take a snapshot (its disk full, say) must not turn into a loop re-sending
 *   the whole file. The pause is sized for a peer that is down: after a push that could not
 *   reach the peer (UnreachableError) it ends at once, and the count starts over, when the peer
 *   is heard from again ({@link SnapshotPusher.peerReconnected}: a replication stream to it
 *   connected) during the failed push or the pause. Any other failure (a refusal, a stalled
 *   receiver, a deadline, a file whose bytes do not match its digest) came from a peer that was
 *   up and keeps its pause. A peer restarted after a long absence used to wait out up to the
 *   whole 10 s pause before its snapshot was sent again.
 *   A push the receiver answered `success: false` (SNAPSHOT_REJECTED: usually a
 *   follower that already committed past the snapshot, Raft §7; also a transfer the receiver
 *   failed) is reported as that answer, a `SnapshotResponse` with `success: false`, so the core
 *   probes right after the snapshot instead of sending the same file again (a follower without
 *   the prefix answers that probe with a conflict, which leads back to a snapshot), and steps
 *   down on a higher term in it. Any other failure, and a refusal whose term no core message may
 *   carry, is reported as `Unreachable` with `snapshot: true`.
 * - A peer's failed pushes are warned about once per episode (failures in a row with one code),
 *   again every {@link SNAPSHOT_WARN_REPEAT_MS} while it lasts, the retries in between logged at
 *   debug (their `snapshot push started` too); the next push that succeeds ends the episode.
 * - After a failed push the file itself is verified (once per file: a full read, header and body
 *   SHA-256; again when the push's own check found the bytes it sent differ from the file's
 *   digest). A file corrupt on this node's own disk would be refused by every receiver forever:
 *   it is reported as an error naming the file, and `replaceCorrupt` takes a fresh snapshot from
 *   the state machine (at an index at least the corrupt one's, so it becomes the latest); not
 *   after {@link SnapshotPusher.close}.
 */
import { peerMessageProblem, type Inbound, type NodeId, type SnapshotMsg } from '../core/index.js';
import { IntegrityError, RaftCtlError, RejectedError, UnreachableError } from '../errors.js';
import type { SnapshotInfo, SnapshotStore } from '../storage/index.js';
import { linkedSignal } from '../transport/abort.js';
import { systemClock, type Clock } from '../transport/clock.js';
import type { Membership, Transport } from '../transport/types.js';
import type { Logger } from './logger.js';

/** Pause before a failed snapshot push is reported (and so retried). */
export const SNAPSHOT_RETRY_MS = 200;
/** The longest pause after failed pushes in a row to one peer. */
export const SNAPSHOT_RETRY_MAX_MS = 10_000;
/**
 * A peer whose pushes keep failing with the same code is warned about once, then again after
 * this long (the retries in between are logged at debug): a reminder for an operator who was not
 * watching when it began, not a line per retry.
 */
export const SNAPSHOT_WARN_REPEAT_MS = 600_000;
/** Verified files remembered (a leader's life writes many snapshots; only the newest are pushed). */
const VERIFIED_KEPT = 4;

/** What a {@link SnapshotPusher} uses. */
export interface SnapshotPusherOptions {
  readonly selfId: NodeId;
  readonly transport: Pick<Transport, 'sendSnapshot'>;
  readonly snapshots: Pick<SnapshotStore, 'latest' | 'bytes' | 'verify'>;
  /** Takes a fresh snapshot to replace a latest file found corrupt (default: none). */
  readonly replaceCorrupt?: () => Promise<unknown>;
  /** Steps a report into the node. */
  readonly step: (m: Inbound) => void;
  /** The term this node currently leads, 0 when it is not the leader. */
  readonly leaderTerm: () => number;
  /** The transport's view of the current configuration. */
  readonly membership: () => Membership;
  readonly electionTimeoutMs: number;
  readonly logger: Logger;
  /** Time of the pause after a failed push (default the system clock; tests inject a manual one). */
  readonly clock?: Clock;
  /**
   * The whole-file SHA-256 of a snapshot file when already known (snapshot-digests.ts): the push
   * then reads the file once, announcing it in chunk 0 and checking the bytes it sends against it,
   * instead of a first pass to hash it.
   */
  readonly snapshotDigest?: (file: SnapshotInfo) => Uint8Array | undefined;
}

/** A peer's push in progress and the request that arrived meanwhile. */
interface PeerPush {
  next: SnapshotMsg | null;
}

/** Pushes snapshots to peers (see the module contract). */
export class SnapshotPusher {
  readonly #o: SnapshotPusherOptions;
  readonly #running = new Map<NodeId, PeerPush>();
  /**
   * The failure a peer's pushes keep failing with, as last warned about (its code, and when):
   * one warning per episode (see {@link SNAPSHOT_WARN_REPEAT_MS}); ended by a push that succeeds.
   */
  readonly #episodes = new Map<NodeId, { readonly code: string; readonly warnedAt: number }>();
  /** Failed pushes in a row per peer (the pause before reporting doubles with each). */
  readonly #failures = new Map<NodeId, number>();
  /** Files already verified after a failed push (name → verification), so each is read once; the newest few. */
  readonly #verified = new Map<string, Promise<void>>();
  /** Times each peer was heard from again ({@link peerReconnected}), to notice it during a push. */
  readonly #reconnects = new Map<NodeId, number>();
  /** The pause after a failed push per peer, ended early by {@link peerReconnected}. */
  readonly #pauses = new Map<NodeId, AbortController>();
  readonly #clock: Clock;
  /** Ends every pause on {@link close}. */
  readonly #stop = new AbortController();
  #closed = false;

  constructor(o: SnapshotPusherOptions) {
    this.#o = o;
    this.#clock = o.clock ?? systemClock;
  }

  /**
   * The peer is reachable again (a replication stream to it connected): a pause after a failed
   * push to it ends now, so the core retries at once (see the module contract).
   */
  peerReconnected(peer: NodeId): void {
    this.#reconnects.set(peer, (this.#reconnects.get(peer) ?? 0) + 1);
    this.#pauses.get(peer)?.abort();
  }

  /** Handles the core's Snapshot request `m` (pushed now, or after the running push to `m.to`). */
  push(m: SnapshotMsg): void {
    if (this.#closed) return;
    const running = this.#running.get(m.to);
    if (running) {
      running.next = m;
      return;
    }
    const p: PeerPush = { next: null };
    this.#running.set(m.to, p);
    void this.#run(m, p);
  }

  /** Stops reporting; running pushes end on their own (the transport is closed by the owner). */
  close(): void {
    this.#closed = true;
    // A pause's timer would keep the process alive for up to SNAPSHOT_RETRY_MAX_MS after close.
    this.#stop.abort();
  }

  async #run(first: SnapshotMsg, p: PeerPush): Promise<void> {
    try {
      let m: SnapshotMsg | null = first;
      while (m && !this.#closed) {
        await this.#pushOnce(m, p);
        m = p.next;
        p.next = null;
      }
    } finally {
      this.#running.delete(first.to);
    }
  }

  /** True while this node still leads the term of request `m`. */
  #current(m: SnapshotMsg): boolean {
    return !this.#closed && this.#o.leaderTerm() === m.term;
  }

  /** Verifies `file` once (see the module contract); a corrupt one is reported and replaced. */
  #checkFile(file: SnapshotInfo): Promise<void> {
    let check = this.#verified.get(file.name);
    if (!check) {
      check = this.#o.snapshots.verify(file).then(
        () => undefined,
        async (err: unknown) => {
          // After close() the node is stopping: no fresh snapshot on storage being closed.
          if (!(err instanceof IntegrityError) || this.#closed) return;
          this.#o.logger.log('error', 'snapshot file corrupt on this node; taking a fresh snapshot to replace it', { file: file.name, index: file.index, error: err.message });
          await this.#o.replaceCorrupt?.().catch((e: unknown) => {
            this.#o.logger.log('error', 'snapshot to replace a corrupt file failed', { error: e instanceof Error ? e.message : String(e) });
          });
        },
      );
      this.#verified.set(file.name, check);
      for (const old of this.#verified.keys()) {
        if (this.#verified.size <= VERIFIED_KEPT) break;
        this.#verified.delete(old);
      }
    }
    return check;
  }

  /**
   * Logs a failed push to `peer`: a warning when it starts an episode (the first failure after a
   * success, or one with another code than the last warned) or {@link SNAPSHOT_WARN_REPEAT_MS}
   * after the episode's last warning; debug otherwise. A follower that refuses every push (its
   * `--max-state-bytes` too small for the leader's snapshots, its disk full) made the leader warn
   * at every retry, six times a minute for as long as it lasted.
   */
  #logFailure(peer: NodeId, err: unknown): void {
    const code = err instanceof RaftCtlError ? err.code : err instanceof Error ? err.name : 'ERROR';
    const now = this.#clock.now();
    const episode = this.#episodes.get(peer);
    const warn = !episode || episode.code !== code || now - episode.warnedAt >= SNAPSHOT_WARN_REPEAT_MS;
    if (warn) this.#episodes.set(peer, { code, warnedAt: now });
    const failures = (this.#failures.get(peer) ?? 0) + 1;
    this.#o.logger.log(warn ? 'warn' : 'debug', 'snapshot push failed', { peer, code, failures, error: err instanceof Error ? err.message : String(err) });
  }

  async #pushOnce(m: SnapshotMsg, p: PeerPush): Promise<void> {
    const peer = m.to;
    const reconnectsBefore = this.#reconnects.get(peer) ?? 0;
    const file = await this.#o.snapshots.latest().catch(() => null);
    if (!this.#current(m)) {
      this.#o.logger.log('debug', 'snapshot push skipped: no longer the leader of its term', { peer, term: m.term });
      return;
    }
    try {
      if (!file) throw new Error('no snapshot file to send');
      const snaps = this.#o.snapshots;
      // A retry within a failure episode is routine: only its warning (below) is news.
      this.#o.logger.log(this.#episodes.has(peer) ? 'debug' : 'info', 'snapshot push started', { peer, index: file.index, term: file.term, bytes: file.bytes });
      const res = await this.#o.transport.sendSnapshot(
        peer,
        { lastIncludedIndex: file.index, lastIncludedTerm: file.term },
        { size: file.bytes, ...sha256Of(this.#o.snapshotDigest?.(file)), open: () => snaps.bytes(file) },
        this.#o.membership(),
        {
          leaderTerm: m.term,
          leaderId: this.#o.selfId,
          // A peer that stops taking chunks holds its progress in SNAPSHOT state: give up early.
          perChunkTimeoutMs: Math.max(2000, this.#o.electionTimeoutMs * 10),
          deadlineMs: 600_000,
        },
      );
      this.#o.logger.log('info', 'snapshot push done', { peer, index: file.index, success: res.success === true });
      this.#failures.delete(peer);
      this.#episodes.delete(peer);
      // The core credits it only to a request for this snapshot or an older one (snapshotIndex).
      if (this.#current(m)) this.#o.step({ type: 'SnapshotResponse', from: peer, to: this.#o.selfId, term: Number(res.term ?? 0), success: res.success === true, snapshotIndex: file.index });
    } catch (err) {
      this.#logFailure(peer, err);
      // Only a push that could not reach the peer ends its pause when the peer is heard from
      // again: any other failure (a refusal, a stalled receiver, a deadline, a bad file) came
      // from a peer that was up, and a stream reconnecting proves nothing new about it.
      const wake = new AbortController();
      if (err instanceof UnreachableError) {
        this.#pauses.set(peer, wake);
        if ((this.#reconnects.get(peer) ?? 0) !== reconnectsBefore) wake.abort();
      }
      // The push's own check found the bytes it sent differ from the file's digest: look at the
      // file again, even if an earlier check passed (it may have rotted since).
      if (file && err instanceof IntegrityError) this.#verified.delete(file.name);
      const pause = linkedSignal(wake.signal, this.#stop.signal);
      try {
        if (file) await this.#checkFile(file);
        const failures = (this.#failures.get(peer) ?? 0) + 1;
        this.#failures.set(peer, failures);
        const pauseMs = Math.min(SNAPSHOT_RETRY_MAX_MS, SNAPSHOT_RETRY_MS * 2 ** (failures - 1));
        await this.#clock.sleep(pauseMs, pause.signal).catch(() => undefined);
        // Back after an absence: the next failure pauses as a first one.
        if (wake.signal.aborted) this.#failures.delete(peer);
      } finally {
        pause.dispose();
        if (this.#pauses.get(peer) === wake) this.#pauses.delete(peer);
      }
      const refusal = file && isRefusal(err) ? refusalReport(m, file, err) : null;
      const report: Inbound = refusal && peerMessageProblem(refusal) === null ? refusal : { type: 'Unreachable', from: peer, to: this.#o.selfId, term: 0, snapshot: true };
      if (p.next === null && this.#current(m)) this.#o.step(report);
    }
  }
}

/** Whether a push failed because the receiver answered `success: false` (not for want of a connection). */
function isRefusal(err: unknown): err is RejectedError {
  return err instanceof RejectedError && err.code === 'SNAPSHOT_REJECTED';
}

/**
 * The core's view of a refused push of `file` for request `m`: a SnapshotResponse with
 * `success: false`. Its term is the receiver's when higher (this leader is stale and steps
 * down), else the request's own (the answer belongs to this term's transfer).
 */
function refusalReport(m: SnapshotMsg, file: SnapshotInfo, err: RejectedError): Inbound {
  const theirs = Number(err.details?.term ?? 0);
  return { type: 'SnapshotResponse', from: m.to, to: m.from, term: Math.max(m.term, Number.isFinite(theirs) ? theirs : 0), success: false, snapshotIndex: file.index };
}

/** `{sha256}` when a digest is known, else nothing (the push then hashes the file first). */
function sha256Of(digest: Uint8Array | undefined): { sha256?: Uint8Array } {
  return digest ? { sha256: digest } : {};
}
