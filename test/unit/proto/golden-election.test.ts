/**
 * Golden wire tests for d_engine.server.election (proto/server/election.proto, reference §1.3):
 * VoteRequest, VoteResponse (no responder id) and the persisted VotedFor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { d_engine } from '../../../src/proto/raftctl.js';
import { golden, hex } from './golden.js';

const election = d_engine.server.election;

test('VoteRequest', () => {
  const bytes = hex(
    '08 07', //    tag (1<<3)|0 = 0x08 term, 7
    '10 02', //    tag (2<<3)|0 = 0x10 candidate_id, 2
    '18 ac 02', // tag (3<<3)|0 = 0x18 last_log_index, varint 300 = 0x2c|0x80, 0x02
    '20 06', //    tag (4<<3)|0 = 0x20 last_log_term, 6
  );
  golden(election.VoteRequest, bytes, { term: 7, candidateId: 2, lastLogIndex: 300, lastLogTerm: 6 });
});

test('VoteRequest at term 0 (the read-only probe of PROTOCOL.md) carries only the candidate id', () => {
  const request = golden(election.VoteRequest, hex('10 01'), { candidateId: 1 }); // tag 0x10 candidate_id, 1
  assert.equal(request.term, 0);
  assert.equal(request.lastLogIndex, 0);
});

test('VoteResponse granted and denied', () => {
  const granted = hex(
    '08 07', //    tag 0x08 term, 7
    '10 01', //    tag 0x10 vote_granted, true
    '18 ac 02', // tag 0x18 last_log_index, 300
    '20 06', //    tag 0x20 last_log_term, 6
  );
  golden(election.VoteResponse, granted, { term: 7, voteGranted: true, lastLogIndex: 300, lastLogTerm: 6 });
  const denied = hex(
    '08 09', //    tag 0x08 term, 9 (vote_granted false is not written)
    '18 0c', //    tag 0x18 last_log_index, 12
    '20 09', //    tag 0x20 last_log_term, 9
  );
  const response = golden(election.VoteResponse, denied, { term: 9, lastLogIndex: 12, lastLogTerm: 9 });
  assert.equal(response.voteGranted, false);
});

test('VotedFor', () => {
  const bytes = hex(
    '08 03', // tag 0x08 voted_for_id, 3
    '10 07', // tag 0x10 voted_for_term, 7
    '18 01', // tag 0x18 committed, true
  );
  golden(election.VotedFor, bytes, { votedForId: 3, votedForTerm: 7, committed: true });
});
