/**
 * Helpers for exact-output unit tests of RaftCore: a fixed Random (every election timeout
 * is the minimum, 10 ticks), bootstrap configurations, and drivers that play the runtime.
 */
import assert from 'node:assert/strict';
import {
  RaftCore,
  initialState,
  type AppendMsg,
  type Configuration,
  type Entry,
  type Inbound,
  type Outbound,
  type RaftConfig,
  type Ready,
  type RestoredState,
} from '../../../src/core/index.js';

/** Random that always returns 0: election timeout = electionTimeoutMinTicks. */
export const zeroRandom = { nextInt: (): number => 0 };

export function config(voters: number[], learners: number[] = [], votersOutgoing: number[] = []): Configuration {
  const addresses: Record<number, string> = {};
  for (const id of [...voters, ...learners, ...votersOutgoing]) addresses[id] = `n${id}:1`;
  return { voters, votersOutgoing, learners: learners.map((id) => ({ id, readOnly: false })), addresses };
}

export function newCore(id: number, voters: number[], opts: Partial<RaftConfig> = {}, restored?: RestoredState): RaftCore {
  return new RaftCore({ id, random: zeroRandom, ...opts }, restored ?? initialState(config(voters)));
}

export function cmd(index: number, term: number, text = `c${index}`): Entry {
  return { index, term, payload: { type: 'command', data: new TextEncoder().encode(text) } };
}

export function noop(index: number, term: number): Entry {
  return { index, term, payload: { type: 'noop' } };
}

/** Takes the pending Ready and advances it (the runtime did all its work). */
export function drain(c: RaftCore): Ready {
  assert.ok(c.hasReady(), 'expected a Ready');
  const rd = c.ready();
  c.advance(rd);
  return rd;
}

/** Drains every pending Ready; returns them all merged by field. */
export function drainAll(c: RaftCore): { messages: Outbound[]; after: Outbound[]; committed: Entry[]; rds: Ready[] } {
  const out = { messages: [] as Outbound[], after: [] as Outbound[], committed: [] as Entry[], rds: [] as Ready[] };
  while (c.hasReady()) {
    const rd = drain(c);
    out.rds.push(rd);
    out.messages.push(...rd.messages);
    out.after.push(...rd.messagesAfterPersist);
    out.committed.push(...rd.committedEntries);
  }
  return out;
}

export function tickN(c: RaftCore, n: number, nowMs = 0): void {
  for (let i = 0; i < n; i++) c.tick(nowMs);
}

/** All messages of a Ready, both buckets. */
export function allMessages(rd: Ready): Outbound[] {
  return [...rd.messages, ...rd.messagesAfterPersist];
}

/**
 * Makes `c` (a follower of a fresh cluster) leader of term 1: election timeout, Pre-Vote
 * grants and vote grants from every other voter. Returns the Ready with the leader's first Appends.
 */
export function makeLeader(c: RaftCore, voters: number[]): Ready {
  tickN(c, 10);
  drain(c);
  const term = c.status().term;
  for (const v of voters) if (v !== c.id) c.step({ type: 'PreVoteResponse', from: v, to: c.id, term: term + 1, voteGranted: true, lastLogIndex: 0, lastLogTerm: 0 });
  drain(c);
  for (const v of voters) if (v !== c.id) c.step({ type: 'VoteResponse', from: v, to: c.id, term: term + 1, voteGranted: true, lastLogIndex: 0, lastLogTerm: 0 });
  assert.equal(c.status().role, 'leader');
  return drain(c);
}

/** An AppendResponse success from `from` answering an Append with `seq`. */
export function ack(from: number, to: number, term: number, index: number, lastTerm: number, seq: number): Inbound {
  return { type: 'AppendResponse', from, to, term, seq, result: { kind: 'success', lastMatch: { index, term: lastTerm } } };
}

export function appendsTo(msgs: readonly Outbound[], to: number): AppendMsg[] {
  return msgs.filter((m): m is AppendMsg => m.type === 'Append' && m.to === to);
}

export function restoredWith(voters: number[], entries: Entry[], term: number, commitIndex = 0, votedFor = 0): RestoredState {
  return { hardState: { term, votedFor }, snapshot: { index: 0, term: 0, configuration: config(voters), configIndex: 0 }, entries, commitIndex };
}
