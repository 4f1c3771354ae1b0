/**
 * Per-peer FIFO appender for unary AppendEntries (reference §2.6, d-engine's
 * `peer_appender_task`): jobs for one peer run strictly one after another in submission order,
 * so at most one unary AppendEntries (with all its retries) is outstanding per peer and requests
 * to one peer never reorder; jobs for different peers run concurrently. Pipelining to one peer
 * goes through the replication stream instead.
 *
 * Departure from d-engine: the retry policy and compression travel with each job (d-engine
 * captures them when a peer's appender is first created and ignores later values).
 */
import { setMaxListeners } from 'node:events';
import { RejectedError } from '../errors.js';
import { closedError } from './status.js';

/** Default number of jobs one peer may have queued or running (d-engine's appender capacity). */
export const DEFAULT_APPEND_QUEUE_CAPACITY = 100;

interface PeerLane {
  /** Queued and running jobs. */
  size: number;
  /** Settles when the last submitted job has settled. */
  tail: Promise<void>;
}

/**
 * One FIFO lane per peer id. A job receives an AbortSignal that aborts when the queue is
 * closed; a job still waiting in its lane at that moment never runs and is rejected instead.
 */
export class AppendQueue {
  readonly #lanes = new Map<number, PeerLane>();
  readonly #capacity: number;
  readonly #abort = new AbortController();

  /** `capacity`: jobs one peer may have queued or running (default 100). */
  constructor(capacity = DEFAULT_APPEND_QUEUE_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`append queue capacity must be an integer ≥ 1 (got ${capacity})`);
    this.#capacity = capacity;
    setMaxListeners(0, this.#abort.signal);
  }

  /**
   * Runs `job` after every job submitted earlier for `peerId` has settled, and settles with its
   * outcome. Rejects at once with a RejectedError (code APPEND_QUEUE_FULL) when the peer already
   * has `capacity` jobs, and with code TRANSPORT_CLOSED after {@link close}.
   */
  submit<T>(peerId: number, job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.#abort.signal.aborted) return Promise.reject(closedError());
    let lane = this.#lanes.get(peerId);
    if (!lane) {
      lane = { size: 0, tail: Promise.resolve() };
      this.#lanes.set(peerId, lane);
    }
    if (lane.size >= this.#capacity) {
      return Promise.reject(
        new RejectedError('APPEND_QUEUE_FULL', `peer ${peerId} already has ${lane.size} AppendEntries queued (capacity ${this.#capacity})`, {
          hint: 'the peer is slow or down; use the replication stream for pipelining',
          details: { peerId, capacity: this.#capacity },
        }),
      );
    }
    lane.size++;
    const current = lane;
    const signal = this.#abort.signal;
    const result = current.tail.then(() => (signal.aborted ? Promise.reject(closedError()) : job(signal)));
    current.tail = result.then(
      () => undefined,
      () => undefined,
    );
    void current.tail.then(() => {
      current.size--;
      if (current.size === 0 && this.#lanes.get(peerId) === current) this.#lanes.delete(peerId);
    });
    return result;
  }

  /** Jobs queued or running for `peerId`. */
  pending(peerId: number): number {
    return this.#lanes.get(peerId)?.size ?? 0;
  }

  /** Aborts running jobs' signals; queued jobs are rejected without running; later submits reject. */
  close(): void {
    this.#abort.abort(closedError());
  }
}
