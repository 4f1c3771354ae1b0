/**
 * Decoding and validation of client write commands: the bytes of an entry's
 * `EntryPayload.command` are one protobuf `d_engine.client.WriteCommand` (reference §1.3, §6).
 *
 * The runtime calls {@link decodeWriteCommand} before proposing (so bad input is refused and
 * never reaches the log) and the state machine calls it again at apply (a bad committed command
 * is rejected deterministically, changing nothing). Pure; no clock.
 */
import { d_engine } from '../proto/raftctl.js';
import { InvalidCommandError } from './errors.js';

/** Size limits of keys and values (bytes). */
export interface KvLimits {
  maxKeyBytes: number;
  maxValueBytes: number;
}

/** Defaults: keys up to 4 KiB, values up to 1 MiB. */
export const DEFAULT_KV_LIMITS: KvLimits = { maxKeyBytes: 4096, maxValueBytes: 1024 * 1024 };

/** A validated write command. Byte fields are copies owned by the command. */
export type WriteCommand =
  | { op: 'insert'; key: Buffer; value: Buffer; ttlSecs: number }
  | { op: 'delete'; key: Buffer }
  /** `expectedValue` null = "the key must not exist" (absent ≠ empty, reference §1.5). */
  | { op: 'cas'; key: Buffer; expectedValue: Buffer | null; newValue: Buffer };

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
 * Decodes and validates WriteCommand bytes. Throws {@link InvalidCommandError} for malformed
 * bytes, a missing operation, an empty or oversize key, an oversize value, or a ttl above
 * 2^53−1 ms.
 */
export function decodeWriteCommand(bytes: Uint8Array, limits: KvLimits = DEFAULT_KV_LIMITS): WriteCommand {
  let m: d_engine.client.WriteCommand;
  try {
    m = d_engine.client.WriteCommand.decode(bytes);
  } catch (err) {
    throw new InvalidCommandError('write command does not decode', { cause: err });
  }
  switch (m.operation) {
    case 'insert': {
      const i = m.insert!;
      const ttlSecs = i.ttlSecs ?? 0;
      if (ttlSecs * 1000 > Number.MAX_SAFE_INTEGER) throw new InvalidCommandError(`ttl of ${ttlSecs} s is too large`);
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
    default:
      throw new InvalidCommandError('write command has no operation (insert, delete or compare_and_swap)');
  }
}

/** Encodes a command as WriteCommand bytes (clients, tests, the runtime's expiry deletes). */
export function encodeWriteCommand(c: WriteCommand): Uint8Array {
  switch (c.op) {
    case 'insert':
      return d_engine.client.WriteCommand.encode({ insert: { key: c.key, value: c.value, ttlSecs: c.ttlSecs } }).finish();
    case 'delete':
      return d_engine.client.WriteCommand.encode({ delete: { key: c.key } }).finish();
    case 'cas':
      return d_engine.client.WriteCommand.encode({
        compareAndSwap: c.expectedValue === null
          ? { key: c.key, newValue: c.newValue }
          : { key: c.key, expectedValue: c.expectedValue, newValue: c.newValue },
      }).finish();
  }
}
