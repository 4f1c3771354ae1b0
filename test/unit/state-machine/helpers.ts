// Builders for state-machine tests: command entries in the superset WriteCommand encoding
// (d-engine's bytes for insert, delete and cas; raftctl's `expire = 100`).
import { encodeWriteCommand } from '../../../src/state-machine/command.js';
import type { ApplyEntry } from '../../../src/state-machine/types.js';

export const T0 = 1_700_000_000_000;

export function put(index: number, key: string, value: string, opts: { ttlSecs?: number; at?: number } = {}): ApplyEntry {
  return {
    index,
    term: 1,
    kind: 'command',
    command: encodeWriteCommand({ op: 'insert', key: Buffer.from(key), value: Buffer.from(value), ttlSecs: opts.ttlSecs ?? 0 }),
    proposedAtUnixMs: opts.at ?? T0 + index,
  };
}

export function del(index: number, key: string, at = T0 + index): ApplyEntry {
  return { index, term: 1, kind: 'command', command: encodeWriteCommand({ op: 'delete', key: Buffer.from(key) }), proposedAtUnixMs: at };
}

export function cas(index: number, key: string, expected: string | null, next: string, at = T0 + index): ApplyEntry {
  return {
    index,
    term: 1,
    kind: 'command',
    command: encodeWriteCommand({ op: 'cas', key: Buffer.from(key), expectedValue: expected === null ? null : Buffer.from(expected), newValue: Buffer.from(next) }),
    proposedAtUnixMs: at,
  };
}

export const s = (b: Buffer | undefined): string | undefined => b?.toString();

/** A leader-proposed expiry of `keys`, proposed at `at`. */
export function expire(index: number, keys: string[], at = T0 + index): ApplyEntry {
  return { index, term: 1, kind: 'command', command: encodeWriteCommand({ op: 'expire', keys: keys.map((k) => Buffer.from(k)) }), proposedAtUnixMs: at };
}
