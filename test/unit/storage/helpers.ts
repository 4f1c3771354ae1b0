// Shared helpers for storage tests: temp directories under os.tmpdir() and entry builders.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEntry } from '../../../src/storage/entry-codec.js';

/** Runs `fn` with a fresh temp directory, removed afterwards whatever happens. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'raftctl-storage-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Command entries [from, to] with the given term; payload "v<index>". */
export function entries(from: number, to: number, term: number): StoredEntry[] {
  const out: StoredEntry[] = [];
  for (let i = from; i <= to; i++) {
    out.push({ index: i, term, payload: { type: 'command', data: Buffer.from(`v${i}`) }, proposedAtUnixMs: 1_700_000_000_000 + i });
  }
  return out;
}

/** [index, term] pairs of a list of entries, for compact assertions. */
export function ids(es: readonly StoredEntry[]): [number, number][] {
  return es.map((e) => [e.index, e.term]);
}
