/**
 * Safe-integer guards for integer wire fields. The generated codec (raftctl.js) calls checkU64
 * on every uint64 it decodes or encodes, so terms, indexes and revisions are always plain
 * JSON-safe numbers: a value above 2^53−1 is a {@link Uint64RangeError}, never a silently
 * rounded number and never a bigint (PROTOCOL.md, "Every uint64 from the wire is checked").
 * It calls checkU32 on every singular uint32 it encodes (node ids, chunk numbers): protobufjs
 * would otherwise send `value >>> 0`, so candidate 2^32+5 went out as candidate 5 and -1 as
 * 4294967295. (A uint32 read from the wire is always in range.) And checkI32 on every singular
 * int32 it encodes (enums, roles): an enum name string went out as 0. And checkBytes on every
 * bytes field it encodes (keys, values, snapshot data): protobufjs base64-decodes a string given
 * for one, so a plain JavaScript `key: 'greeting'` was written as the 6 bytes 82 b7 9e b6 29 e0.
 * And checkString on every string field it encodes: a number was written as the empty string.
 *
 * This module is part of the src/proto leaf and imports nothing of ours.
 */

/** Thrown by the codec when a uint64 does not fit in a safe JavaScript integer. */
export class Uint64RangeError extends RangeError {
  readonly code = 'UINT64_OUT_OF_RANGE';
  constructor(readonly value: number) {
    super(value > Number.MAX_SAFE_INTEGER ? `uint64 value ${value} is above 2^53-1 (Number.MAX_SAFE_INTEGER)` : `uint64 value ${describe(value)} is not an integer in 0..2^53-1`);
    this.name = 'Uint64RangeError';
  }
}

/** Thrown by the codec when a uint32 it is asked to encode is not an integer in 0..2^32−1. */
export class Uint32RangeError extends RangeError {
  readonly code = 'UINT32_OUT_OF_RANGE';
  constructor(readonly value: unknown) {
    super(`uint32 value ${describe(value)} is not an integer in 0..4294967295`);
    this.name = 'Uint32RangeError';
  }
}

/**
 * Thrown by the codec when an int32 it is asked to encode (an enum such as NodeStatus, or a role)
 * is not an integer in −2^31..2^31−1: an enum *name* ("NODE_STATUS_PROMOTABLE", as a decoded
 * message's JSON shows it) would otherwise be sent as 0, and 2^32+1 as 1.
 */
export class Int32RangeError extends RangeError {
  readonly code = 'INT32_OUT_OF_RANGE';
  constructor(readonly value: unknown) {
    super(`int32 value ${describe(value)} is not an integer in -2147483648..2147483647${typeof value === 'string' ? ' (an enum is encoded by its number, not its name)' : ''}`);
    this.name = 'Int32RangeError';
  }
}

/**
 * Thrown by the codec when a bytes field it is asked to encode is not a Uint8Array (a Buffer is
 * one): protobufjs would base64-decode a string, and send an object without `length` as empty.
 */
export class BytesTypeError extends TypeError {
  readonly code = 'BYTES_NOT_UINT8ARRAY';
  constructor(readonly value: unknown) {
    super(`bytes value ${typeof value === 'string' ? `${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} (a string)` : Array.isArray(value) ? '(an array)' : describe(value)} is not a Uint8Array (pass Buffer.from(string) for text)`);
    this.name = 'BytesTypeError';
  }
}

/** Returns `value` unchanged when it is a Uint8Array (a Buffer included); throws otherwise. */
export function checkBytes(value: Uint8Array): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new BytesTypeError(value);
  return value;
}

/**
 * Thrown by the codec when a string field it is asked to encode is not a string: protobufjs
 * writes a number (an address given as a port, a service name as 0) as the empty string.
 */
export class StringTypeError extends TypeError {
  readonly code = 'STRING_NOT_STRING';
  constructor(readonly value: unknown) {
    super(`string value ${Array.isArray(value) ? '(an array)' : String(value)} is not a string`);
    this.name = 'StringTypeError';
  }
}

/** Returns `value` unchanged when it is a string; throws otherwise. */
export function checkString(value: string): string {
  if (typeof value !== 'string') throw new StringTypeError(value);
  return value;
}

/** A value as an error message shows it (a string quoted, so "7" is not read as the number 7). */
function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Returns `value` unchanged when it is a safe non-negative integer; throws otherwise. */
export function checkU64(value: number): number {
  if (typeof value !== 'number' || value > Number.MAX_SAFE_INTEGER || value < 0 || !Number.isInteger(value)) throw new Uint64RangeError(value);
  return value;
}

/** Returns `value` unchanged when it is an integer in −2^31..2^31−1; throws otherwise. */
export function checkI32(value: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -0x8000_0000 || value > 0x7fff_ffff) throw new Int32RangeError(value);
  return value;
}

/** Returns `value` unchanged when it is an integer in 0..2^32−1; throws otherwise. */
export function checkU32(value: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new Uint32RangeError(value);
  return value;
}

interface ProtobufMinimal {
  util: { Long: unknown; toJSONOptions: Record<string, unknown> };
  configure(): void;
}

/**
 * Makes protobufjs read 64-bit fields as numbers instead of Long objects (the `long` package is
 * installed as protobufjs's dependency, so protobufjs would otherwise pick it up), and keeps them
 * numbers in a decoded message's JSON (`toJSON`, which `JSON.stringify` calls): protobufjs's
 * default writes 64-bit fields as strings there, so a library user's `JSON.stringify` of a
 * transport result showed `"term":"2"` for the number 2.
 */
export function configureNumbers(protobuf: ProtobufMinimal): void {
  if (protobuf.util.Long) {
    protobuf.util.Long = undefined;
    protobuf.configure();
  }
  protobuf.util.toJSONOptions = { ...protobuf.util.toJSONOptions, longs: Number };
}
