/**
 * Typed errors of the state machine. Bad client input (empty key, oversize key or value, an
 * empty or unknown command, a malformed watch) is {@link InvalidCommandError}: code
 * `INVALID_REQUEST` (d-engine's name), exit 2; the runtime maps it to gRPC INVALID_ARGUMENT.
 * It never changes state. A scan whose answer would exceed its byte or entry bound is
 * {@link ScanTooLargeError} (RESOURCE_EXHAUSTED, exit 6), and a write that would add a key beyond
 * the most a node holds {@link StateFullError} (the same).
 */
import { EXIT, RaftCtlError, RejectedError, type RaftCtlErrorOptions } from '../errors.js';

/** Bad client input; nothing changed (exit 2, code INVALID_REQUEST). */
export class InvalidCommandError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('INVALID_REQUEST', EXIT.USAGE, message, options);
  }
}

/**
 * A scan whose keys and values would add up to more than `limit` bytes, or that would answer more
 * than `limit` entries (code RESOURCE_EXHAUSTED, exit 6).
 */
export class ScanTooLargeError extends RejectedError {
  constructor(
    readonly limit: number,
    readonly unit: 'bytes' | 'entries' = 'bytes',
  ) {
    super('RESOURCE_EXHAUSTED', `the scan would answer more than ${limit} ${unit}`);
  }
}

/**
 * A write that would add a key to a state machine already holding the most keys it can
 * (kv-state-machine.ts MAX_KEYS), decided at apply and so the same on every replica; or a
 * snapshot holding more (code RESOURCE_EXHAUSTED, exit 6). Nothing changed.
 */
export class StateFullError extends RejectedError {
  constructor(message: string) {
    super('RESOURCE_EXHAUSTED', message);
  }
}
