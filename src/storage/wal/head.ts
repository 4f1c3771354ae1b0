/**
 * `wal/HEAD`: the name and size of the newest WAL segment, so that a lost or truncated newest
 * segment is noticed.
 *
 * Every other loss of a segment shows in what remains (a gap in the entry indexes, a later segment
 * without its carry records), but nothing in the older segments says that a newer one existed, or
 * how long it was: deleting the newest segment of a stopped node used to restart it on the
 * segment before, and truncating it (at a record boundary, or inside a record, which read as a torn
 * tail) restarted it on the records before the cut, silently without the entries, term and vote
 * that were lost (acknowledged to a leader or a candidate).
 *
 * Contract:
 * - HEAD holds one line, `<first index:20>.wal <bytes>\n`: the newest segment's file name and its
 *   size when HEAD was written. It is written atomically ({@link writeFileAtomic}: `HEAD.tmp`,
 *   fdatasync, rename, directory fsync) and only ever names a segment whose rename is already
 *   durable: a roll renames the new segment (preallocated and fdatasynced at its full size), fsyncs
 *   `wal/`, then writes HEAD; nothing is written into the new segment before HEAD names it.
 *   Segments never shrink (appends stay inside the preallocated size or grow the file; a torn
 *   tail is zeroed, not cut), so the size is a lower bound for as long as HEAD names the segment.
 * - On open ({@link checkHead}), the segment HEAD names must exist and be at least that size.
 *   Segments newer than it are fine (a crash between a roll's rename and HEAD's update; HEAD is
 *   advanced on open). A HEAD older than every segment is stale, not a loss (a raftctl without
 *   HEAD rolled and compacted after it was written), and is advanced too. Anything else (HEAD's
 *   segment missing while an older segment exists: the newest segments, or a middle one, were
 *   lost; or shorter than recorded) is refused as corruption (exit 7) naming the segment, before
 *   recovery modifies anything.
 * - No HEAD: a data directory written before HEAD existed; it opens as before and HEAD is written
 *   (with the segment's size as found, once the segment is fdatasynced and the directory fsynced:
 *   what an open reads after a kill -9 may be in the page cache only). A HEAD that is not one such line (emptied, damaged) is
 *   corruption (exit 7).
 * - HEAD moves backwards only before segments are deleted (recovery removing empty segments after
 *   a torn tail), forwards only after a segment's creation is durable: at every crash point HEAD
 *   names a segment that exists, at least as long as HEAD says.
 */
import { join } from 'node:path';
import { corruptionError, fileAccessError } from '../errors.js';
import { isErrno, writeFileAtomic, type StorageFs } from '../fs.js';
import { parseSegmentFileName, segmentFileName } from './segment.js';

/** File name of the marker inside wal/. */
export const HEAD_NAME = 'HEAD';
/** The temporary file {@link writeHead} renames into place (junk when found on open). */
export const HEAD_TMP_NAME = `${HEAD_NAME}.tmp`;

/** What HEAD records: the newest segment's first index and its size (bytes) when HEAD was written. */
export interface Head {
  first: number;
  bytes: number;
}

/**
 * What `dir/HEAD` records, or null when there is no HEAD (a directory written before it existed).
 * A HEAD that is not one `<segment name> <bytes>` line is IntegrityError CORRUPT (exit 7); so is a
 * directory in its place; other read failures (EIO) are thrown as they are.
 */
export async function readHead(fs: StorageFs, dir: string): Promise<Head | null> {
  const path = join(dir, HEAD_NAME);
  let buf: Buffer;
  try {
    buf = await fs.readFile(path);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw fileAccessError(err, path);
  }
  const text = buf.toString('latin1');
  const m = /^(\d{20}\.wal) (\d{1,15})\n$/.exec(text);
  const first = m ? parseSegmentFileName(m[1]!) : null;
  if (first === null || !m) {
    throw corruptionError(path, null, `HEAD does not name a WAL segment (${buf.length === 0 ? 'the file is empty' : `it holds ${JSON.stringify(text.slice(0, 40))}`}); it is written atomically, so it was damaged`, {
      hint: 'if every WAL segment is known to be present (compare wal/ with a backup), delete wal/HEAD and start the node again (it is rewritten); otherwise restore the data directory from a backup or replace the node (remove it from the cluster, add a new member with an empty directory)',
    });
  }
  return { first, bytes: Number(m[2]) };
}

/** Makes `dir/HEAD` name the segment `head.first` of `head.bytes` bytes, durably (see the module contract). */
export async function writeHead(fs: StorageFs, dir: string, head: Head): Promise<void> {
  await writeFileAtomic(fs, dir, HEAD_NAME, Buffer.from(`${segmentFileName(head.first)} ${head.bytes}\n`, 'latin1'));
}

/**
 * Refuses (IntegrityError CORRUPT, exit 7, naming the segment) a WAL whose segment named by HEAD
 * is missing while an older segment exists, or is shorter than HEAD records; see the module
 * contract. `segments` are the segments present with their sizes, ascending. With no segment at
 * all nothing is checked here (the data directory refuses FORMAT without a segment).
 */
export function checkHead(dir: string, head: Head, segments: readonly Head[]): void {
  if (segments.length === 0 || segments[0]!.first > head.first) return;
  const name = segmentFileName(head.first);
  const path = join(dir, name);
  const found = segments.find((s) => s.first === head.first);
  const lost = 'the entries, term and vote it held are lost (a node restarted without them could forget what it acknowledged, or vote twice in one term)';
  if (found) {
    if (found.bytes >= head.bytes) return;
    throw corruptionError(path, null, `the segment is ${found.bytes} bytes, but it had ${head.bytes} when HEAD named it, and segments never shrink: it was truncated, and ${lost.replace('it held', 'past the cut')}`, {
      details: { head: name, headBytes: head.bytes, bytes: found.bytes },
    });
  }
  const newest = segments.at(-1)!;
  const what =
    newest.first < head.first
      ? `the newest WAL segment is missing: HEAD names ${name}, the newest segment present is ${segmentFileName(newest.first)}`
      : `the WAL segment HEAD names, ${name}, is missing (segments before and after it are present)`;
  throw corruptionError(path, null, `${what}; ${lost}`, {
    details: { head: name, newestPresent: segmentFileName(newest.first) },
  });
}
