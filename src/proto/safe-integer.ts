/**
 * Safe-integer guard for uint64 wire fields. The generated codec (raftctl.js) calls checkU64
 * on every uint64 it decodes or encodes, so terms, indexes and revisions are always plain
 * JSON-safe numbers: a value above 2^53−1 is a {@link Uint64RangeError}, never a silently
 * rounded number and never a bigint (PROTOCOL.md, "Every uint64 from the wire is checked").
 *
 * This module is part of the src/proto leaf and imports nothing of ours.
 */

/** Thrown by the codec when a uint64 does not fit in a safe JavaScript integer. */
export class Uint64RangeError extends RangeError {
  readonly code = 'UINT64_OUT_OF_RANGE';
  constructor(readonly value: number) {
    super(`uint64 value ${value} is above 2^53-1 (Number.MAX_SAFE_INTEGER)`);
    this.name = 'Uint64RangeError';
  }
}

/** Returns `value` unchanged when it is a safe non-negative integer; throws otherwise. */
export function checkU64(value: number): number {
  if (value > Number.MAX_SAFE_INTEGER || value < 0 || !Number.isInteger(value)) throw new Uint64RangeError(value);
  return value;
}

interface ProtobufMinimal {
  util: { Long: unknown };
  configure(): void;
}

/**
 * Makes protobufjs read 64-bit fields as numbers instead of Long objects (the `long` package is
 * installed as protobufjs's dependency, so protobufjs would otherwise pick it up).
 */
export function configureNumbers(protobuf: ProtobufMinimal): void {
  if (protobuf.util.Long) {
    protobuf.util.Long = undefined;
    protobuf.configure();
  }
}
