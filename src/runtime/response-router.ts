/**
 * Routes the core's answers to requests that arrived over RPC back to the waiting server call.
 *
 * The core answers every Append, Vote, PreVote, Snapshot and ReadIndex request exactly once
 * (src/core/messages.ts "Correlation contract"). A server handler registers a waiter before it
 * steps the request; the runtime offers every outbound message to {@link ResponseRouter.deliver}
 * first. Keys: an AppendResponse by (peer, seq) — the seq the server gave the Append it stepped;
 * a (Pre)VoteResponse by peer, FIFO (the core answers one peer's requests in order); a
 * SnapshotResponse by (peer, snapshot index), which it echoes; a ReadIndexResponse by (peer,
 * ctx). Waiters expire after their deadline so a lost call never leaks. A FIFO key hands the
 * answer to a request whose waiter expired to the next waiter of that key: harmless for votes
 * (an answer carries its term, and one for an older request is stale to the candidate), not for
 * snapshots (the receiver would keep or remove the second file by the first one's answer, and the
 * leader would take it as the answer for the second), hence the index in their key.
 */
import type { AppendResponseMsg, Outbound, ReadIndexResponseMsg, SnapshotResponseMsg, VoteResponseMsg } from '../core/index.js';
import { TimeoutError } from '../errors.js';

interface Pending<T> {
  resolve(v: T): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

type Kind = 'append' | 'vote' | 'prevote' | 'snapshot' | 'read';

/** Waiters for the core's answers, keyed as the module comment says. One per RaftNode. */
export class ResponseRouter {
  readonly #byKey = new Map<string, Pending<Outbound>[]>();
  #nextSeq = 1;

  /** A fresh correlation number for an Append that arrived over RPC. */
  nextSeq(): number {
    return this.#nextSeq++;
  }

  #wait<T extends Outbound>(key: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const list = this.#byKey.get(key) ?? [];
      const p: Pending<Outbound> = {
        resolve: resolve as (v: Outbound) => void,
        reject,
        timer: setTimeout(() => {
          const l = this.#byKey.get(key);
          const i = l ? l.indexOf(p) : -1;
          if (l && i >= 0) {
            l.splice(i, 1);
            if (l.length === 0) this.#byKey.delete(key);
          }
          reject(new TimeoutError(`no answer from the Raft core within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      list.push(p);
      this.#byKey.set(key, list);
    });
  }

  /** Waits for the AppendResponse to `peer` answering the Append stepped with `seq`. */
  waitAppend(peer: number, seq: number, timeoutMs: number): Promise<AppendResponseMsg> {
    return this.#wait(key('append', peer, seq), timeoutMs);
  }

  /** Waits for the next (Pre)VoteResponse to `peer`. */
  waitVote(peer: number, pre: boolean, timeoutMs: number): Promise<VoteResponseMsg> {
    return this.#wait(key(pre ? 'prevote' : 'vote', peer), timeoutMs);
  }

  /** Waits for the next SnapshotResponse to `peer` answering the snapshot at `snapshotIndex`. */
  waitSnapshot(peer: number, snapshotIndex: number, timeoutMs: number): Promise<SnapshotResponseMsg> {
    return this.#wait(key('snapshot', peer, snapshotIndex), timeoutMs);
  }

  /** Waits for the ReadIndexResponse to `peer` with `ctx`. */
  waitRead(peer: number, ctx: number, timeoutMs: number): Promise<ReadIndexResponseMsg> {
    return this.#wait(key('read', peer, ctx), timeoutMs);
  }

  /** Hands `m` to its waiter; false when nobody waits for it (send it to the peer instead). */
  deliver(m: Outbound): boolean {
    let k: string;
    switch (m.type) {
      case 'AppendResponse':
        k = key('append', m.to, m.seq);
        break;
      case 'VoteResponse':
        k = key('vote', m.to);
        break;
      case 'PreVoteResponse':
        k = key('prevote', m.to);
        break;
      case 'SnapshotResponse':
        k = key('snapshot', m.to, m.snapshotIndex);
        break;
      case 'ReadIndexResponse':
        k = key('read', m.to, m.ctx);
        break;
      default:
        return false;
    }
    const list = this.#byKey.get(k);
    const p = list?.shift();
    if (!p) return false;
    if (list!.length === 0) this.#byKey.delete(k);
    clearTimeout(p.timer);
    p.resolve(m);
    return true;
  }

  /** Rejects every waiter (shutdown). */
  closeAll(err: Error): void {
    for (const list of this.#byKey.values()) {
      for (const p of list) {
        clearTimeout(p.timer);
        p.reject(err);
      }
    }
    this.#byKey.clear();
  }
}

function key(kind: Kind, peer: number, n?: number): string {
  return n === undefined ? `${kind}:${peer}` : `${kind}:${peer}:${n}`;
}
