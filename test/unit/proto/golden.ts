/**
 * Helpers for the golden wire tests of test/unit/proto.
 *
 * Golden bytes are written by hand from the protobuf encoding rules
 * (https://protobuf.dev/programming-guides/encoding/), never produced by our encoder:
 * a field's tag is the varint of `(field_number << 3) | wire_type`, with wire types
 * 0 = varint (uint32, uint64, int32, bool, enum), 2 = length-delimited (bytes, string, nested
 * message, packed repeated scalars, map entries). Each test lists its bytes one field per line
 * with the tag and the value worked out in a comment.
 */
import assert from 'node:assert/strict';

/** The part of a generated message class these helpers use. */
export interface Codec {
  decode(bytes: Uint8Array): object;
  encode(message: never): { finish(): Uint8Array };
}

/**
 * Bytes from hex strings: whitespace is ignored, so a golden message can be written one field per
 * argument (`hex('08 05', '10 02')`).
 */
export function hex(...parts: string[]): Uint8Array {
  const text = parts.join('').replace(/\s+/g, '');
  assert.match(text, /^(?:[0-9a-fA-F]{2})*$/, `not a hex byte string: ${text}`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Concatenates byte strings (hex for the framing, {@link utf8} for long text). */
export function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** Lower-case hex with a space between bytes, for readable assertion diffs. */
export function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** UTF-8 bytes of a string (for bytes-typed fields holding text). */
export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

function isPlainObject(value: object): boolean {
  return Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * A decoded message as a plain object of the fields that were on the wire: own enumerable
 * properties (the generated classes keep defaults on the prototype), nested messages likewise,
 * byte fields as plain Uint8Array (the decoder may hand out Buffers). Empty repeated fields and
 * empty maps are dropped: on the wire they are indistinguishable from absent, and the generated
 * constructors create them eagerly. An empty nested message (`noop: {}`) is kept.
 */
export function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (Array.isArray(field) && field.length === 0) continue;
    if (field !== null && typeof field === 'object' && !(field instanceof Uint8Array) && isPlainObject(field) && Object.keys(field).length === 0) continue;
    out[key] = plain(field);
  }
  return out;
}

/** Encodes with a generated class's encoder (typed loosely: the tests pass plain objects too). */
export function encode(codec: Codec, message: unknown): Uint8Array {
  return (codec.encode as (m: unknown) => { finish(): Uint8Array })(message).finish();
}

/**
 * The golden round trip: `bytes` decode to exactly `expected` (see {@link plain}), the decoded
 * message re-encodes to the same bytes, and so does `expected` itself as a plain object.
 * Returns the decoded message for further assertions on defaults and presence.
 */
export function golden<T extends object>(codec: { decode(bytes: Uint8Array): T; encode(message: never): { finish(): Uint8Array } }, bytes: Uint8Array, expected: object): T {
  const decoded = codec.decode(bytes);
  assert.deepStrictEqual(plain(decoded), expected);
  assert.equal(toHex(encode(codec, decoded)), toHex(bytes), 're-encoding the decoded message');
  assert.equal(toHex(encode(codec, expected)), toHex(bytes), 'encoding the expected plain object');
  return decoded;
}
