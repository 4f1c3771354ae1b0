/**
 * Typed errors of the state machine. Bad client input (empty key, oversize key or value, an
 * empty or unknown command, a malformed watch) is {@link InvalidCommandError}: code
 * `INVALID_REQUEST` (d-engine's name), exit 2; the runtime maps it to gRPC INVALID_ARGUMENT.
 * It never changes state.
 */
import { EXIT, RaftCtlError, type RaftCtlErrorOptions } from '../errors.js';

/** Bad client input; nothing changed (exit 2, code INVALID_REQUEST). */
export class InvalidCommandError extends RaftCtlError {
  constructor(message: string, options: RaftCtlErrorOptions = {}) {
    super('INVALID_REQUEST', EXIT.USAGE, message, options);
  }
}
