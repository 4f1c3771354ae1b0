/**
 * Decoding and validation of write commands: the bytes of an entry's `EntryPayload.command` are
 * one protobuf `raftctl.raft.v1.WriteCommand`, the superset of `d_engine.client.WriteCommand`
 * (reference §1.3, §6) that adds `expire = 100` (`ExpireKeys`), the leader-proposed TTL expiry.
 * A client's d-engine WriteCommand is a valid superset command with the same bytes.
 *
 * The runtime calls {@link decodeClientWriteCommand} on client input before proposing (bad
 * input, and `expire`, which only the leader proposes, are refused and never reach the log);
 * the state machine calls {@link decodeWriteCommand} at apply (a bad committed command is
 * rejected deterministically, changing nothing). Pure; no clock.
 */
import { raftctl } from '../proto/raftctl.js';
import { InvalidCommandError } from './errors.js';

/** Size limits of keys and values (bytes). */
export interface KvLimits {
  maxKeyBytes: number;
  maxValueBytes: number;
}

/** Defaults: keys up to 4 KiB, values up to 1 MiB. */
/**
 * Largest TTL accepted, in ms: what keeps `proposedAt + ttl` a safe integer for any proposal time
 * before the year 3000, so a TTL checked here can never be refused at apply, after it was
 * committed.
 */
const MAX_TTL_MS = Number.MAX_SAFE_INTEGER - Date.UTC(3000, 0, 1);
/** Largest TTL accepted, in whole seconds (8,974,695,574,740 s, about 284,000 years). */
export const MAX_TTL_SECS = Math.floor(MAX_TTL_MS / 1000);

export const DEFAULT_KV_LIMITS: KvLimits = { maxKeyBytes: 4096, maxValueBytes: 1024 * 1024 };

/** A validated write command. Byte fields are copies owned by the command. */
export type WriteCommand =
  | { op: 'insert'; key: Buffer; value: Buffer; ttlSecs: number }
  | { op: 'delete'; key: Buffer }
  /** `expectedValue` null = "the key must not exist" (absent ≠ empty, reference §1.5). */
  | { op: 'cas'; key: Buffer; expectedValue: Buffer | null; newValue: Buffer }
  /**
   * Leader-proposed TTL expiry: deletes each key only if it is still expired at the entry's
   * proposal time (a key rewritten since survives). Never accepted from a client.
   */
  | { op: 'expire'; keys: Buffer[] };

/** Validates a key: non-empty, within the limit. */
export function checkKey(key: Uint8Array | null | undefined, limits: KvLimits = DEFAULT_KV_LIMITS): Buffer {
  if (!key || key.length === 0) throw new InvalidCommandError('key must not be empty');
  if (key.length > limits.maxKeyBytes) {
    throw new InvalidCommandError(`key is ${key.length} bytes; the limit is ${limits.maxKeyBytes}`);
  }
  return Buffer.from(key);
}

function checkValue(what: string, v: Uint8Array | null | undefined, limits: KvLimits): Buffer {
  const b = v ?? new Uint8Array(0);
  if (b.length > limits.maxValueBytes) {
    throw new InvalidCommandError(`${what} is ${b.length} bytes; the limit is ${limits.maxValueBytes}`);
  }
  return Buffer.from(b);
}

/**
 * Decodes and validates superset WriteCommand bytes. Throws {@link InvalidCommandError} for
 * malformed bytes, a missing operation, an empty or oversize key, an oversize value, a ttl above
 * 2^53−1 ms, or an expire that lists no keys.
 */
export function decodeWriteCommand(bytes: Uint8Array, limits: KvLimits = DEFAULT_KV_LIMITS): WriteCommand {
  let m: raftctl.raft.v1.WriteCommand;
  try {
    m = raftctl.raft.v1.WriteCommand.decode(bytes);
  } catch (err) {
    throw new InvalidCommandError('write command does not decode', { cause: err });
  }
  switch (m.operation) {
    case 'insert': {
      const i = m.insert!;
      const ttlSecs = i.ttlSecs ?? 0;
      if (ttlSecs > MAX_TTL_SECS) throw new InvalidCommandError(`ttl of ${ttlSecs} s is too large: at most ${MAX_TTL_SECS} s (about 284,000 years)`);
      return { op: 'insert', key: checkKey(i.key, limits), value: checkValue('value', i.value, limits), ttlSecs };
    }
    case 'delete':
      return { op: 'delete', key: checkKey(m.delete!.key, limits) };
    case 'compareAndSwap': {
      const c = m.compareAndSwap!;
      return {
        op: 'cas',
        key: checkKey(c.key, limits),
        expectedValue: c.expectedValue === null || c.expectedValue === undefined ? null : checkValue('expected value', c.expectedValue, limits),
        newValue: checkValue('new value', c.newValue, limits),
      };
    }
    case 'expire': {
      const keys = m.expire!.keys ?? [];
      if (keys.length === 0) throw new InvalidCommandError('an expire command lists no keys');
      return { op: 'expire', keys: keys.map((k) => checkKey(k, limits)) };
    }
    default:
      throw new InvalidCommandError('write command has no operation (insert, delete or compare_and_swap)');
  }
}

/**
 * {@link decodeWriteCommand} for a client's write (HandleClientWrite): additionally refuses
 * `expire`, which only the leader proposes (TTL expiry), with an {@link InvalidCommandError}.
 */
export function decodeClientWriteCommand(bytes: Uint8Array, limits: KvLimits = DEFAULT_KV_LIMITS): WriteCommand {
  const cmd = decodeWriteCommand(bytes, limits);
  if (cmd.op === 'expire') throw new InvalidCommandError('clients may not propose expire: TTL expiry is proposed by the leader');
  return cmd;
}

/**
 * Encodes a command as superset WriteCommand bytes (clients, tests, the leader's expiry
 * entries). insert, delete and cas encode exactly as d-engine's WriteCommand.
 */
export function encodeWriteCommand(c: WriteCommand): Uint8Array {
  const W = raftctl.raft.v1.WriteCommand;
  switch (c.op) {
    case 'insert':
      return W.encode({ insert: { key: c.key, value: c.value, ttlSecs: c.ttlSecs } }).finish();
    case 'delete':
      return W.encode({ delete: { key: c.key } }).finish();
    case 'expire':
      return W.encode({ expire: { keys: c.keys } }).finish();
    case 'cas':
      return W.encode({
        compareAndSwap: c.expectedValue === null
          ? { key: c.key, newValue: c.newValue }
          : { key: c.key, expectedValue: c.expectedValue, newValue: c.newValue },
      }).finish();
  }
}
