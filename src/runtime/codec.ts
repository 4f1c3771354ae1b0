/**
 * Conversions between the core's messages and the wire messages (PROTOCOL.md "Core messages
 * and their carriers"), and the runtime's own entry payloads. Pure functions; no IO.
 *
 * - Entries travel as superset `raftctl.raft.v1.Entry` (proposed_at_unix_ms = 100,
 *   EntryPayload.configuration = 100). A d-engine `MembershipChange` payload (never produced
 *   by raftctl) becomes a noop for the core: raftctl never forms a voting cluster with d-engine.
 * - `seq` of an Append never goes on the wire: the runtime keeps it beside the request and
 *   copies it into the AppendResponse it steps in (FIFO correlation, messages.ts contract).
 * - Expiry entries: a leader-proposed TTL expiry is a command entry whose bytes start with
 *   {@link EXPIRE_MAGIC} (a byte a WriteCommand protobuf never starts with: 0xff is no valid
 *   tag), then u32 count, then count × (u32 length, key). Apply turns it into the state
 *   machine's `expire` entry with the entry's proposal time.
 */
import type { AppendMsg, AppendResponseMsg, Configuration as CoreConfiguration, Entry, EntryPayload, VoteMsg, PreVoteMsg, VoteResponseMsg } from '../core/index.js';
import type { ApplyEntry } from '../state-machine/index.js';
import { configurationFromProto, configurationToProto, toApplyEntry, type StoredEntry } from '../storage/index.js';
import type { AppendEntriesRequest, AppendEntriesResponse, Entry as WireEntry, VoteRequest, VoteResponse } from '../transport/messages.js';

/** First bytes of an expiry command (see the module comment). */
export const EXPIRE_MAGIC = Buffer.from([0xff, 0x52, 0x58, 0x50]); // 0xff "RXP"

/** Encodes the payload of a leader-proposed expiry of `keys`. */
export function encodeExpire(keys: readonly Uint8Array[]): Uint8Array {
  let size = EXPIRE_MAGIC.length + 4;
  for (const k of keys) size += 4 + k.length;
  const out = Buffer.alloc(size);
  EXPIRE_MAGIC.copy(out, 0);
  let off = EXPIRE_MAGIC.length;
  out.writeUInt32BE(keys.length, off);
  off += 4;
  for (const k of keys) {
    out.writeUInt32BE(k.length, off);
    off += 4;
    out.set(k, off);
    off += k.length;
  }
  return out;
}

/** Decodes an expiry payload, or null when `data` is not one (or is malformed). */
export function decodeExpire(data: Uint8Array): Uint8Array[] | null {
  if (data.length < EXPIRE_MAGIC.length + 4) return null;
  for (let i = 0; i < EXPIRE_MAGIC.length; i++) if (data[i] !== EXPIRE_MAGIC[i]) return null;
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let off = EXPIRE_MAGIC.length;
  const n = buf.readUInt32BE(off);
  off += 4;
  const keys: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    if (off + 4 > buf.length) return null;
    const len = buf.readUInt32BE(off);
    off += 4;
    if (off + len > buf.length) return null;
    keys.push(Buffer.from(buf.subarray(off, off + len)));
    off += len;
  }
  return keys;
}

/** The state machine's input for a committed core entry (expiry payloads decoded). */
export function applyEntryOf(e: Entry): ApplyEntry {
  if (e.payload.type === 'command') {
    const keys = decodeExpire(e.payload.data);
    if (keys) return { index: e.index, term: e.term, kind: 'expire', keys, proposedAtUnixMs: e.proposedAtUnixMs ?? 0 };
  }
  return toApplyEntry(e as StoredEntry);
}

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

/** Wire entry → core entry. */
export function entryFromWire(w: WireEntry): Entry {
  const p = w.payload;
  let payload: EntryPayload;
  if (p?.command !== undefined && p.command !== null) payload = { type: 'command', data: Buffer.from(p.command) };
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
