/**
 * WAL segment files: naming, listing and preallocation (STORAGE.md: `wal/<first index, 20
 * digits>.wal`, preallocated).
 *
 * A segment's name is the index of the first entry it was created for; names increase
 * strictly in creation order (after a truncation below the tail's name the next segment is named
 * tail + 1), so replaying segments sorted by name replays the log in write order. A name therefore
 * says the log's last index was name - 1 when the segment was created; in the one exception (after
 * such a truncation) the roll writes a TRUNCATE carry record saying where the log ended, and
 * recovery refuses a WAL whose segments before a name hold less (recover.ts).
 *
 * Preallocation: segments are prepared ahead as a zero-filled `spare.tmp` (written and fsynced in
 * the background) and renamed into place on roll, so a roll costs one rename and one directory
 * fsync, and appends inside a segment never change its size.
 */
import { writeFully, type FileHandle, type StorageFs } from '../fs.js';

/** Suffix of WAL segment files. */
export const SEGMENT_SUFFIX = '.wal';
/** Name of the preallocated next segment inside wal/. */
export const SPARE_NAME = 'spare.tmp';
/** Default segment size (bytes). */
export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;

/** File name of the segment whose first index is `first`. */
export function segmentFileName(first: number): string {
  return `${String(first).padStart(20, '0')}${SEGMENT_SUFFIX}`;
}

/** The first index encoded in a segment file name, or null when `name` is not a segment. */
export function parseSegmentFileName(name: string): number | null {
  const m = /^(\d{20})\.wal$/.exec(name);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : null;
}

/** Segment names in `dir`, ascending. */
export async function listSegments(fs: StorageFs, dir: string): Promise<{ first: number; name: string }[]> {
  const out: { first: number; name: string }[] = [];
  for (const name of await fs.readdir(dir)) {
    const first = parseSegmentFileName(name);
    if (first !== null) out.push({ first, name });
  }
  return out.sort((a, b) => a.first - b.first);
}

const ZERO_CHUNK = Buffer.alloc(1024 * 1024);

/**
 * Creates `path` (exclusive), fills it with `bytes` zero bytes (a short write on a disk that
 * fills up is continued, so it fails with ENOSPC rather than leaving a shorter file) and fsyncs it. The caller renames
 * it into place and fsyncs the directory. On failure (a full disk) the partial file is removed.
 */
export async function preallocateFile(fs: StorageFs, path: string, bytes: number): Promise<void> {
  const h = await fs.open(path, 'w', 0o644);
  try {
    for (let off = 0; off < bytes; off += ZERO_CHUNK.length) {
      await writeFully(h, ZERO_CHUNK.subarray(0, Math.min(ZERO_CHUNK.length, bytes - off)), off);
    }
    await fs.sync(h);
  } catch (err) {
    // A half-written file (ENOSPC, say) would hold on to the space it got: give it back.
    await h.close().catch(() => undefined);
    await fs.unlink(path).catch(() => undefined);
    throw err;
  }
  await h.close();
}

/** An open segment being appended to. */
export interface OpenSegment {
  first: number;
  path: string;
  handle: FileHandle;
  /** Offset where the next record goes. */
  offset: number;
}
