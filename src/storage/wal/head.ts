/**
 * `wal/HEAD`: the name of the newest WAL segment, so that a lost newest segment is noticed.
 *
 * Every other loss of a segment shows in what remains (a gap in the entry indexes, a later segment
 * without its carry records), but nothing in the older segments says that a newer one existed:
 * deleting the newest segment of a stopped node used to restart it on the segment before, silently
 * without the entries, term and vote the lost one held (acknowledged to a leader or a candidate).
 *
 * Contract:
 * - HEAD holds one line, the newest segment's file name (`<first index:20>.wal\n`). It is written
 *   atomically ({@link writeFileAtomic}: `HEAD.tmp`, fdatasync, rename, directory fsync) and only
 *   ever names a segment whose rename is already durable: a roll renames the new segment, fsyncs
 *   `wal/`, then writes HEAD; nothing is written into the new segment before HEAD names it.
 * - On open ({@link checkHead}), the segment HEAD names must exist. Segments newer than it are
 *   fine (a crash between a roll's rename and HEAD's update; HEAD is advanced on open). A HEAD
 *   older than every segment is stale, not a loss (a raftctl without HEAD rolled and compacted
 *   after it was written), and is advanced too. Anything else (HEAD's segment missing while an
 *   older segment exists: the newest segments, or a middle one, were lost) is refused as corruption
 *   (exit 7) naming the missing file, before recovery modifies anything.
 * - No HEAD: a data directory written before HEAD existed; it opens as before and HEAD is written.
 *   A HEAD that is not one segment name (emptied, damaged) is corruption (exit 7).
 * - HEAD moves backwards only before segments are deleted (recovery removing empty segments after
 *   a torn tail), forwards only after a segment's creation is durable: at every crash point HEAD
 *   names a segment that exists.
 */
import { join } from 'node:path';
import { corruptionError, wrongTypeError } from '../errors.js';
import { isErrno, writeFileAtomic, type StorageFs } from '../fs.js';
import { parseSegmentFileName, segmentFileName } from './segment.js';

/** File name of the marker inside wal/. */
export const HEAD_NAME = 'HEAD';
/** The temporary file {@link writeHead} renames into place (junk when found on open). */
export const HEAD_TMP_NAME = `${HEAD_NAME}.tmp`;

/**
 * The first index of the segment `dir/HEAD` names, or null when there is no HEAD (a directory
 * written before it existed). A HEAD that names no segment is IntegrityError CORRUPT (exit 7);
 * so is a directory in its place; other read failures (EIO) are thrown as they are.
 */
export async function readHead(fs: StorageFs, dir: string): Promise<number | null> {
  const path = join(dir, HEAD_NAME);
  let buf: Buffer;
  try {
    buf = await fs.readFile(path);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw wrongTypeError(err, path, 'file');
  }
  const text = buf.toString('latin1');
  const first = text.endsWith('\n') ? parseSegmentFileName(text.slice(0, -1)) : null;
  if (first === null) {
    throw corruptionError(path, null, `HEAD does not name a WAL segment (${buf.length === 0 ? 'the file is empty' : `it holds ${JSON.stringify(text.slice(0, 40))}`}); it is written atomically, so it was damaged`, {
      hint: 'if every WAL segment is known to be present (compare wal/ with a backup), delete wal/HEAD and start the node again (it is rewritten); otherwise restore the data directory from a backup or replace the node (remove it from the cluster, add a new member with an empty directory)',
    });
  }
  return first;
}

/** Makes `dir/HEAD` name the segment whose first index is `first`, durably (see the module contract). */
export async function writeHead(fs: StorageFs, dir: string, first: number): Promise<void> {
  await writeFileAtomic(fs, dir, HEAD_NAME, Buffer.from(`${segmentFileName(first)}\n`, 'latin1'));
}

/**
 * Refuses (IntegrityError CORRUPT, exit 7, naming the missing segment) a WAL whose segment named by
 * HEAD (`head`, a first index) is missing while an older segment exists; see the module contract.
 * `segments` are the first indexes present, ascending. With no segment at all nothing is checked
 * here (the data directory refuses FORMAT without a segment).
 */
export function checkHead(dir: string, head: number, segments: readonly number[]): void {
  if (segments.length === 0 || segments.includes(head) || segments[0]! > head) return;
  const missing = join(dir, segmentFileName(head));
  const newest = segments.at(-1)!;
  const what =
    newest < head
      ? `the newest WAL segment is missing: HEAD names ${segmentFileName(head)}, the newest segment present is ${segmentFileName(newest)}`
      : `the WAL segment HEAD names, ${segmentFileName(head)}, is missing (segments before and after it are present)`;
  throw corruptionError(missing, null, `${what}; the entries, term and vote it held are lost (a node restarted without them could forget what it acknowledged, or vote twice in one term)`, {
    details: { head: segmentFileName(head), newestPresent: segmentFileName(newest) },
  });
}
