/**
 * The one place that maps storage's log entry type to the wire/log encoding, the superset
 * `raftctl.raft.v1.Entry` protobuf (PROTOCOL.md, "Extensions"): d-engine's field numbers plus
 * `proposed_at_unix_ms = 100` and `EntryPayload.configuration = 100`.
 *
 * When the Raft core's entry type lands, point {@link StoredEntry} at it (or convert here); no
 * other storage module looks inside an entry except for `index` and `term`.
 */
import { raftctl, type d_engine } from '../proto/raftctl.js';
import type { ApplyEntry, ClusterConfiguration } from '../state-machine/types.js';

const PbEntry = raftctl.raft.v1.Entry;
const PbConfiguration = raftctl.raft.v1.Configuration;

/** The payload of a log entry (the `EntryPayload` oneof). */
export type StoredPayload =
  | { type: 'noop' }
  /** bytes of a `d_engine.client.WriteCommand`, opaque to storage */
  | { type: 'command'; data: Uint8Array }
  /** raftctl's configuration entry (field 100) */
  | { type: 'configuration'; configuration: ClusterConfiguration }
  /** d-engine's MembershipChange: decoded for display, never produced by raftctl */
  | { type: 'membership-change'; change: d_engine.common.MembershipChange.$Properties };

/**
 * A log entry as storage keeps it. `proposedAtUnixMs` absent = 0 on the wire. The shape matches
 * the Raft core's `Entry` (src/core/types.ts) structurally, so the runtime can hand the core's
 * entries to storage and back without copying; storage does not import the core.
 */
export interface StoredEntry {
  index: number;
  term: number;
  payload: StoredPayload;
  proposedAtUnixMs?: number;
}

function payloadToProto(p: StoredPayload): raftctl.raft.v1.EntryPayload.$Properties {
  switch (p.type) {
    case 'noop': return { noop: {} };
    case 'command': return { command: p.data };
    case 'configuration': return { configuration: configurationToProto(p.configuration) };
    case 'membership-change': return { config: p.change };
  }
}

/** Converts a configuration to the proto's property object (addresses keyed by decimal id). */
export function configurationToProto(c: ClusterConfiguration): raftctl.raft.v1.Configuration.$Properties {
  const addresses: Record<string, string> = {};
  for (const [id, addr] of Object.entries(c.addresses)) addresses[id] = addr;
  return {
    voters: [...c.voters],
    votersOutgoing: [...c.votersOutgoing],
    learners: c.learners.map((l) => ({ id: l.id, readOnly: l.readOnly })),
    addresses,
  };
}

/** Converts a decoded proto configuration to a {@link ClusterConfiguration}. */
export function configurationFromProto(c: raftctl.raft.v1.Configuration.$Properties): ClusterConfiguration {
  const addresses: Record<number, string> = {};
  for (const [id, addr] of Object.entries(c.addresses ?? {})) addresses[Number(id)] = addr;
  return {
    voters: [...(c.voters ?? [])],
    votersOutgoing: [...(c.votersOutgoing ?? [])],
    learners: (c.learners ?? []).map((l) => ({ id: l.id ?? 0, readOnly: l.readOnly ?? false })),
    addresses,
  };
}

/** Encodes a configuration as `raftctl.raft.v1.Configuration` bytes (snapshot headers). */
export function encodeConfiguration(c: ClusterConfiguration): Uint8Array {
  return PbConfiguration.encode(configurationToProto(c)).finish();
}

/** Decodes `raftctl.raft.v1.Configuration` bytes. Throws on malformed input. */
export function decodeConfiguration(bytes: Uint8Array): ClusterConfiguration {
  return configurationFromProto(PbConfiguration.decode(bytes));
}

/** Encodes an entry in the superset Entry encoding (the bytes stored in the WAL). */
export function encodeEntry(e: StoredEntry): Uint8Array {
  return PbEntry.encode({
    index: e.index,
    term: e.term,
    payload: payloadToProto(e.payload),
    proposedAtUnixMs: e.proposedAtUnixMs ?? 0,
  }).finish();
}

/**
 * Decodes superset Entry bytes. Byte fields are copied, so the result never pins the buffer it
 * was decoded from. Throws on malformed input (callers turn that into a corruption error).
 */
export function decodeEntry(bytes: Uint8Array): StoredEntry {
  const m = PbEntry.decode(bytes);
  const p = m.payload;
  let payload: StoredPayload;
  switch (p?.payload) {
    case 'command': payload = { type: 'command', data: Buffer.from(p.command ?? new Uint8Array(0)) }; break;
    case 'configuration': payload = { type: 'configuration', configuration: configurationFromProto(p.configuration ?? {}) }; break;
    case 'config': payload = { type: 'membership-change', change: p.config ?? {} }; break;
    default: payload = { type: 'noop' };
  }
  const e: StoredEntry = { index: m.index, term: m.term, payload };
  if (m.proposedAtUnixMs) e.proposedAtUnixMs = m.proposedAtUnixMs;
  return e;
}

/**
 * The state machine's view of a committed entry: command bytes, configuration, or a noop (also
 * for d-engine's MembershipChange, which raftctl decodes for display only).
 */
export function toApplyEntry(e: StoredEntry): ApplyEntry {
  switch (e.payload.type) {
    case 'command': {
      const a: ApplyEntry = { index: e.index, term: e.term, kind: 'command', command: e.payload.data };
      if (e.proposedAtUnixMs !== undefined) a.proposedAtUnixMs = e.proposedAtUnixMs;
      return a;
    }
    case 'configuration': return { index: e.index, term: e.term, kind: 'configuration', configuration: e.payload.configuration };
    default: return { index: e.index, term: e.term, kind: 'noop' };
  }
}
