/**
 * Whole-file SHA-256 of snapshot files, for StreamSnapshot offers.
 *
 * Chunk 0 of a StreamSnapshot announces the SHA-256 of every byte that follows (reference §3.4).
 * Without a known digest the server reads the whole file before it can send chunk 0: for a
 * snapshot of a gigabyte, longer than a puller waits for its first chunk (raftctl's own pull
 * allows 500 ms). A snapshot file's bytes do not change while it is there (only a corrupt one
 * is ever replaced, by a fresh file under the same name), so each file is hashed once, in the
 * background, whenever it becomes a node's latest ({@link SnapshotFileDigests.prepare}), and
 * offers then announce the digest at once. The body's SHA-256 in the file header is a
 * different digest (it leaves the header out) and cannot stand in for it.
 */
import { createHash } from 'node:crypto';
import { IntegrityError } from '../errors.js';
import type { SnapshotInfo, SnapshotStore } from '../storage/index.js';

/** Digests kept: the latest file's, and the one before it (a pull may have been offered that). */
const KEEP = 2;

interface Entry {
  readonly promise: Promise<Uint8Array>;
  value?: Uint8Array;
}

export class SnapshotFileDigests {
  readonly #store: SnapshotStore;
  readonly #entries = new Map<string, Entry>();
  readonly #onError: (file: SnapshotInfo, err: unknown) => void;

  /** `onError` hears of a background hash that failed (the file removed meanwhile, EIO). */
  constructor(store: SnapshotStore, onError: (file: SnapshotInfo, err: unknown) => void = () => undefined) {
    this.#store = store;
    this.#onError = onError;
  }

  /**
   * Starts hashing `file` in the background: call it when a file was just written, received or
   * found at a restart. A digest already held under its name is dropped first: a file can be
   * replaced under the same name (a corrupt latest snapshot is replaced by a fresh one at the
   * same index), and its old digest would fail every pull of the new bytes.
   */
  prepare(file: SnapshotInfo): void {
    this.#entries.delete(keyOf(file));
    this.digest(file).catch((err: unknown) => this.#onError(file, err));
  }

  /**
   * The SHA-256 of the whole of `file`, hashing it if no earlier call did (calls for the same
   * file share one pass). A failed pass is forgotten, so a later call tries again. Only the
   * newest {@link KEEP} files' digests are kept.
   */
  digest(file: SnapshotInfo): Promise<Uint8Array> {
    const key = keyOf(file);
    const known = this.#entries.get(key);
    if (known) return known.promise;
    const entry: Entry = {
      promise: hashFile(this.#store, file).then(
        (value) => {
          entry.value = value;
          return value;
        },
        (err: unknown) => {
          if (this.#entries.get(key) === entry) this.#entries.delete(key);
          throw err;
        },
      ),
    };
    this.#entries.set(key, entry);
    for (const old of this.#entries.keys()) {
      if (this.#entries.size <= KEEP) break;
      this.#entries.delete(old);
    }
    return entry.promise;
  }

  /** The digest of `file` if a pass over it has finished, else undefined. */
  known(file: SnapshotInfo): Uint8Array | undefined {
    return this.#entries.get(keyOf(file))?.value;
  }
}

/** A file is known by its name (which encodes index and term) and size; see {@link SnapshotFileDigests.prepare} for a file replaced under its name. */
function keyOf(file: SnapshotInfo): string {
  return `${file.name}:${file.bytes}`;
}

async function hashFile(store: SnapshotStore, file: SnapshotInfo): Promise<Uint8Array> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const piece of store.bytes(file)) {
    hash.update(piece);
    bytes += piece.byteLength;
  }
  if (bytes !== file.bytes) throw new IntegrityError('CORRUPT', `snapshot ${file.name}: read ${bytes} bytes, its size was ${file.bytes}`);
  return new Uint8Array(hash.digest());
}
