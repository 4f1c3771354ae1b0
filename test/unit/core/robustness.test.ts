/**
 * Seeded streams of well-formed but arbitrary peer messages (any sender, any term around the
 * node's own, Appends whose entries fit no real leader's log, stale and duplicate answers,
 * snapshots behind or ahead of the log), interleaved with ticks, client requests, compaction and
 * the runtime's Ready loop. The core must never throw on them (RaftCore.step's contract), must
 * answer every request exactly once (messages.ts correlation contract), and what it asks the
 * runtime to persist and apply must never go back (Raft Figure 2): the durable term never
 * decreases, a vote is never replaced within its term, a vote is granted only once its hard state
 * is in the same or an earlier Ready, the commit index never moves back, and committed entries are
 * applied one after another from the snapshot the node installed.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { RaftCore, initialState, seededRandom, type Entry, type HardState, type Inbound } from '../../../src/core/index.js';
import { config } from './fixtures.js';

const PEERS = [2, 3, 4];
const JOINT = config([2, 3, 4], [], [1, 2, 3]);

/** One arbitrary well-formed message for node 1 from a peer, drawn from `ri`. */
function arbitraryMessage(ri: (n: number) => number, c: RaftCore): Inbound {
  const st = c.status();
  const from = PEERS[ri(PEERS.length)]!;
  const term = Math.max(0, st.term + ri(3) - 1);
  const logTerm = () => Math.min(term, ri(term + 1));
  switch (ri(9)) {
    case 0: {
      const prevLogIndex = ri(st.lastLogIndex + 3);
      const prevLogTerm = prevLogIndex === 0 ? 0 : logTerm();
      const entries: Entry[] = [];
      let t = Math.max(1, prevLogTerm);
      for (let k = ri(4); k > 0 && t <= term; k--) {
        const payload = ri(5) === 0 ? ({ type: 'configuration', configuration: ri(2) === 0 ? config([1, 2, 3], [4]) : JOINT } as const) : ({ type: 'command', data: new Uint8Array([ri(256)]) } as const);
        entries.push({ index: prevLogIndex + 1 + entries.length, term: t, payload });
        t += ri(2);
      }
      return { type: 'Append', from, to: 1, term, leaderId: from, prevLogIndex, prevLogTerm, entries, leaderCommitIndex: ri(st.lastLogIndex + 4), seq: 0 };
    }
    case 1:
      return { type: 'Vote', from, to: 1, term, lastLogIndex: ri(20), lastLogTerm: logTerm(), leadershipTransfer: ri(4) === 0 };
    case 2:
      return { type: 'PreVote', from, to: 1, term: term + ri(2), lastLogIndex: ri(20), lastLogTerm: logTerm() };
    case 3:
      return { type: ri(2) === 0 ? 'VoteResponse' : 'PreVoteResponse', from, to: 1, term: term + ri(2), voteGranted: ri(2) === 0, lastLogIndex: ri(10), lastLogTerm: logTerm() };
    case 4: {
      const r = ri(3);
      const result =
        r === 0
          ? ({ kind: 'success', lastMatch: { index: ri(st.lastLogIndex + 2), term: logTerm() } } as const)
          : r === 1
            ? ({ kind: 'conflict', conflictTerm: logTerm(), conflictIndex: 1 + ri(st.lastLogIndex + 2) } as const)
            : ({ kind: 'higherTerm', higherTerm: term } as const);
      return { type: 'AppendResponse', from, to: 1, term, seq: ri(20), result };
    }
    case 5:
      return { type: 'Snapshot', from, to: 1, term, leaderId: from, snapshot: { index: ri(st.lastLogIndex + 5), term: logTerm(), configuration: config([1, 2, 3]), configIndex: 0 } };
    case 6:
      return { type: 'SnapshotResponse', from, to: 1, term, success: ri(2) === 0, snapshotIndex: ri(st.lastLogIndex + 2) };
    case 7:
      return { type: 'TimeoutNow', from, to: 1, term: st.term };
    default:
      return { type: 'Unreachable', from, to: 1, term: 0, ...(ri(2) === 0 ? { snapshot: true } : {}) };
  }
}

const REQUESTS = new Set(['Append', 'Vote', 'PreVote', 'Snapshot']);
const RESPONSES = new Set(['AppendResponse', 'VoteResponse', 'PreVoteResponse', 'SnapshotResponse']);

test('arbitrary well-formed peer input: the core never throws, answers every request once, and never takes back its hard state, commit index or applied sequence (2,000 seeds)', () => {
  for (let seed = 1; seed <= 2000; seed++) {
    const random = seededRandom(seed);
    const ri = (n: number) => random.nextInt(n);
    const c = new RaftCore({ id: 1, random: seededRandom(seed + 1_000_000), electionTimeoutMinTicks: 3, electionTimeoutMaxTicks: 6 }, initialState(config([1, 2, 3], [4])));
    let hard: HardState = { term: 0, votedFor: 0 };
    let commit = 0;
    let applied = 0;
    let requests = 0;
    let responses = 0;
    let now = 0;
    const where = () => `seed ${seed}`;
    try {
      for (let step = 0; step < 300; step++) {
        const k = ri(6);
        if (k === 0) c.tick((now += 1 + ri(100)));
        else if (k === 1) {
          c.propose(new Uint8Array([1]));
          c.readIndex(ri(1000), { policy: ri(2) === 0 ? 'lease' : 'linearizable', nowMs: now });
          if (ri(4) === 0) c.proposeConfChange(ri(2) === 0 ? { addLearners: [{ id: 5 + ri(3), address: 'n:1' }] } : { promote: [4] });
          if (ri(8) === 0) c.transferLeadership(ri(5));
        } else {
          const m = arbitraryMessage(ri, c);
          if (REQUESTS.has(m.type)) requests++;
          c.step(m);
        }
        while (c.hasReady()) {
          const rd = c.ready();
          if (rd.hardState) {
            const h = rd.hardState;
            assert.ok(h.term > hard.term || (h.term === hard.term && (hard.votedFor === 0 || h.votedFor === hard.votedFor)), `${where()}: hard state ${JSON.stringify(hard)} then ${JSON.stringify(h)}`);
            hard = h;
          }
          for (const m of rd.messagesAfterPersist) {
            if (m.type === 'VoteResponse' && m.voteGranted) assert.ok(hard.term > m.term || (hard.term === m.term && hard.votedFor === m.to), `${where()}: vote of term ${m.term} for ${m.to} with hard state ${JSON.stringify(hard)}`);
          }
          for (const m of [...rd.messages, ...rd.messagesAfterPersist]) if (RESPONSES.has(m.type)) responses++;
          assert.ok(rd.commitIndex >= commit, `${where()}: commit index ${commit} then ${rd.commitIndex}`);
          commit = rd.commitIndex;
          if (rd.snapshotToInstall) {
            assert.ok(rd.snapshotToInstall.index > applied, `${where()}: snapshot ${rd.snapshotToInstall.index} installed with ${applied} applied`);
            applied = rd.snapshotToInstall.index;
          }
          for (const e of rd.committedEntries) {
            assert.equal(e.index, applied + 1, `${where()}: applied ${e.index} after ${applied}`);
            applied = e.index;
          }
          c.advance(rd);
          const st = c.status();
          if (st.appliedIndex > st.snapshotIndex && ri(4) === 0) c.compact(st.snapshotIndex + 1 + ri(st.appliedIndex - st.snapshotIndex));
        }
        assert.equal(responses, requests, `${where()}: ${requests} requests, ${responses} answers`);
      }
    } catch (err) {
      if (err instanceof assert.AssertionError) throw err;
      assert.fail(`${where()}: the core threw ${(err as Error).stack}`);
    }
  }
});
