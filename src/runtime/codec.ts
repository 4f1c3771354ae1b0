/**
 * Conversions between the core's messages and the wire messages (PROTOCOL.md "Core messages
 * and their carriers"). Pure functions; no IO.
 *
 * - Entries travel as superset `raftctl.raft.v1.Entry` (proposed_at_unix_ms = 100,
 *   EntryPayload.configuration = 100). A d-engine `MembershipChange` payload (never produced
 *   by raftctl) becomes a noop for the core: raftctl never forms a voting cluster with d-engine.
 * - `seq` of an Append never goes on the wire: the runtime keeps it beside the request and
 *   copies it into the AppendResponse it steps in (FIFO correlation, messages.ts contract).
 * - A received entry's command is copied into slabs of its own ({@link ValueArena}), as a
 *   leader's proposals are (raft-node.ts): it stays in the follower's log until compaction, and a
 *   small `Buffer.from` copy would pin a slab of Node's shared pool full of dead gRPC buffers.
 */
import type { AppendMsg, AppendResponseMsg, Configuration as CoreConfiguration, Entry, EntryPayload, ReadIndexMsg, ReadIndexResponseMsg, VoteMsg, PreVoteMsg, VoteResponseMsg } from '../core/index.js';
import { configurationFromProto, configurationToProto, type StoredEntry } from '../storage/index.js';
import { ValueArena } from '../state-machine/index.js';
import type { AppendEntriesRequest, AppendEntriesResponse, Entry as WireEntry, ReadIndexRequest, ReadIndexResponse, VoteRequest, VoteResponse } from '../transport/messages.js';

/** A stored entry as the core sees it (d-engine membership changes become noops). */
export function coreEntryOf(e: StoredEntry): Entry {
  if (e.payload.type === 'membership-change') {
    return { index: e.index, term: e.term, payload: { type: 'noop' }, ...(e.proposedAtUnixMs !== undefined ? { proposedAtUnixMs: e.proposedAtUnixMs } : {}) };
  }
  return e as Entry;
}

/** A core entry as storage keeps it (same shape). */
export function storedEntryOf(e: Entry): StoredEntry {
  return e as unknown as StoredEntry;
}

function payloadToWire(p: EntryPayload): NonNullable<WireEntry['payload']> {
  switch (p.type) {
    case 'noop':
      return { noop: {} };
    case 'command':
      return { command: p.data };
    case 'configuration':
      return { configuration: configurationToProto(p.configuration) };
  }
}

/** Core entry → wire entry. */
export function entryToWire(e: Entry): WireEntry {
  return { index: e.index, term: e.term, payload: payloadToWire(e.payload), proposedAtUnixMs: e.proposedAtUnixMs ?? 0 };
}

/** Where received commands are copied (see the module contract); its buffers are never written again. */
const receivedCommands = new ValueArena();

/** Wire entry → core entry (the command copied out of the decoded message). */
export function entryFromWire(w: WireEntry): Entry {
  const p = w.payload;
  let payload: EntryPayload;
  if (p?.command !== undefined && p.command !== null) payload = { type: 'command', data: receivedCommands.copy(p.command) };
  else if (p?.configuration) payload = { type: 'configuration', configuration: configurationFromProto(p.configuration) as CoreConfiguration };
  else payload = { type: 'noop' };
  const proposedAtUnixMs = Number(w.proposedAtUnixMs ?? 0);
  return { index: Number(w.index ?? 0), term: Number(w.term ?? 0), payload, ...(proposedAtUnixMs ? { proposedAtUnixMs } : {}) };
}

/** Outbound Append → AppendEntriesRequest (`seq` stays local). */
export function appendToWire(m: AppendMsg): AppendEntriesRequest {
  return {
    term: m.term,
    leaderId: m.leaderId,
    prevLogIndex: m.prevLogIndex,
    prevLogTerm: m.prevLogTerm,
    entries: m.entries.map(entryToWire),
    leaderCommitIndex: m.leaderCommitIndex,
  };
}

/** Inbound AppendEntriesRequest → core Append addressed to `self`, with the server's `seq`. */
export function appendFromWire(req: AppendEntriesRequest, self: number, seq: number): AppendMsg {
  return {
    type: 'Append',
    from: Number(req.leaderId ?? 0),
    to: self,
    term: Number(req.term ?? 0),
    leaderId: Number(req.leaderId ?? 0),
    prevLogIndex: Number(req.prevLogIndex ?? 0),
    prevLogTerm: Number(req.prevLogTerm ?? 0),
    entries: (req.entries ?? []).map(entryFromWire),
    leaderCommitIndex: Number(req.leaderCommitIndex ?? 0),
    seq,
  };
}

/** Core AppendResponse → AppendEntriesResponse. */
export function appendResponseToWire(m: AppendResponseMsg): AppendEntriesResponse {
  const r = m.result;
  const base = { nodeId: m.from, term: m.term };
  switch (r.kind) {
    case 'success':
      return { ...base, success: { lastMatch: { term: r.lastMatch.term, index: r.lastMatch.index } } };
    case 'conflict':
      return {
        ...base,
        conflict: {
          ...(r.conflictTerm !== undefined ? { conflictTerm: r.conflictTerm } : {}),
          ...(r.conflictIndex !== undefined ? { conflictIndex: r.conflictIndex } : {}),
        },
      };
    case 'higherTerm':
      return { ...base, higherTerm: r.higherTerm };
  }
}

function present(v: number | Long | null | undefined): number | undefined {
  return v === null || v === undefined ? undefined : Number(v);
}
type Long = { toNumber(): number };

/** AppendEntriesResponse from `peer` → core AppendResponse carrying the answered request's `seq`. */
export function appendResponseFromWire(res: AppendEntriesResponse, peer: number, self: number, seq: number): AppendResponseMsg {
  const envelope = { type: 'AppendResponse' as const, from: peer, to: self, term: Number(res.term ?? 0), seq };
  if (res.success) {
    const lm = res.success.lastMatch;
    return { ...envelope, result: { kind: 'success', lastMatch: { index: Number(lm?.index ?? 0), term: Number(lm?.term ?? 0) } } };
  }
  if (res.conflict) {
    const conflictTerm = present(res.conflict.conflictTerm as number | null | undefined);
    const conflictIndex = present(res.conflict.conflictIndex as number | null | undefined);
    return {
      ...envelope,
      result: { kind: 'conflict', ...(conflictTerm !== undefined ? { conflictTerm } : {}), ...(conflictIndex !== undefined ? { conflictIndex } : {}) },
    };
  }
  const higher = Number(res.higherTerm ?? res.term ?? 0);
  return { ...envelope, result: { kind: 'higherTerm', higherTerm: higher } };
}

/** Outbound Vote / PreVote → VoteRequest. */
export function voteToWire(m: VoteMsg | PreVoteMsg): VoteRequest {
  return {
    term: m.term,
    candidateId: m.from,
    lastLogIndex: m.lastLogIndex,
    lastLogTerm: m.lastLogTerm,
    leadershipTransfer: m.type === 'Vote' ? m.leadershipTransfer : false,
  };
}

/** Inbound VoteRequest → core Vote or PreVote addressed to `self`. */
export function voteFromWire(req: VoteRequest, self: number, pre: boolean): VoteMsg | PreVoteMsg {
  const base = {
    from: Number(req.candidateId ?? 0),
    to: self,
    term: Number(req.term ?? 0),
    lastLogIndex: Number(req.lastLogIndex ?? 0),
    lastLogTerm: Number(req.lastLogTerm ?? 0),
  };
  return pre ? { type: 'PreVote', ...base } : { type: 'Vote', ...base, leadershipTransfer: req.leadershipTransfer === true };
}

/** Core VoteResponse / PreVoteResponse → VoteResponse. */
export function voteResponseToWire(m: VoteResponseMsg): VoteResponse {
  return { term: m.term, voteGranted: m.voteGranted, lastLogIndex: m.lastLogIndex, lastLogTerm: m.lastLogTerm };
}

/** VoteResponse from `peer` → core VoteResponse / PreVoteResponse. */
export function voteResponseFromWire(res: VoteResponse, peer: number, self: number, pre: boolean): VoteResponseMsg {
  return {
    type: pre ? 'PreVoteResponse' : 'VoteResponse',
    from: peer,
    to: self,
    term: Number(res.term ?? 0),
    voteGranted: res.voteGranted === true,
    lastLogIndex: Number(res.lastLogIndex ?? 0),
    lastLogTerm: Number(res.lastLogTerm ?? 0),
  };
}

/** Outbound ReadIndex (follower → leader) → ReadIndexRequest. */
export function readIndexToWire(m: ReadIndexMsg): ReadIndexRequest {
  return { term: m.term, from: m.from, ctx: m.ctx };
}

/** Inbound ReadIndexRequest → core ReadIndex addressed to `self`. */
export function readIndexFromWire(req: ReadIndexRequest, self: number): ReadIndexMsg {
  return { type: 'ReadIndex', from: Number(req.from ?? 0), to: self, term: Number(req.term ?? 0), ctx: Number(req.ctx ?? 0) };
}

/** Core ReadIndexResponse → ReadIndexResponse (`index` present only when granted). */
export function readIndexResponseToWire(m: ReadIndexResponseMsg): ReadIndexResponse {
  return {
    term: m.term,
    ctx: m.ctx,
    ...(m.index !== undefined ? { index: m.index } : {}),
    rejected: m.rejected !== undefined,
    leaderHint: m.leaderHint ?? 0,
  };
}

/** ReadIndexResponse from the leader `peer` → core ReadIndexResponse to `self`. */
export function readIndexResponseFromWire(res: ReadIndexResponse, peer: number, self: number): ReadIndexResponseMsg {
  const index = present(res.index as number | null | undefined);
  const leaderHint = Number(res.leaderHint ?? 0);
  return {
    type: 'ReadIndexResponse',
    from: peer,
    to: self,
    term: Number(res.term ?? 0),
    ctx: Number(res.ctx ?? 0),
    ...(index !== undefined ? { index } : {}),
    ...(res.rejected ? { rejected: 'NOT_LEADER' as const } : {}),
    ...(leaderHint ? { leaderHint } : {}),
  };
}
