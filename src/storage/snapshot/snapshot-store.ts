/**
 * Snapshot files of a node: `snap/<index>-<term>.snap` (STORAGE.md). {@link SnapshotStore} is
 * what the runtime calls; {@link FileSnapshotStore} keeps them on disk, the memory adapter
 * (../memory/memory-snapshot-store.ts) in RAM with the same bytes and checks.
 *
 * Retention ({@link SnapshotStore.keepNewest}, applied by `receive()` and by the callers of
 * `create()` and `beginReceive()`): snapshots beyond the newest `retain` (default 2) are
 * deleted, oldest first, followed by a directory fsync. Leftover `.part` files (a crash during a
 * write) are removed when the store opens.
 */
import { join } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { KvRecord } from '../../state-machine/types.js';
import { corruptionError, permissionError, toStorageError, wrongTypeTempError } from '../errors.js';
import { isErrno, nodeStorageFs, type StorageFs } from '../fs.js';
import {
  readSnapshotBytes,
  readSnapshotHeader,
  readSnapshotRecords,
  receiveSnapshotFile,
  SnapshotFileReceiver,
  verifySnapshotFile,
  writeSnapshotFile,
  type SnapshotInfo,
  type WrittenSnapshot,
} from './snapshot-file.js';
import { PART_SUFFIX, parseSnapshotFileName, type SnapshotHeader, type SnapshotMeta } from './snapshot-format.js';

/** Re-exported from snapshot-file.ts. */
export type { SnapshotInfo, WrittenSnapshot };

/** A snapshot being received chunk by chunk; finish() or abort() exactly once. */
export interface SnapshotReceiver {
  write(data: Uint8Array): Promise<void>;
  /**
   * Verifies what was received and renames it into place, durably. Retention is not applied:
   * the caller decides whether the file is kept, then calls {@link SnapshotStore.keepNewest}.
   */
  finish(): Promise<WrittenSnapshot>;
  abort(): Promise<void>;
}

/** Where snapshots live and how they are read back. */
export interface SnapshotStore {
  /** Snapshots present, ascending by index. */
  list(): Promise<SnapshotInfo[]>;
  /** The newest snapshot, or null. */
  latest(): Promise<SnapshotInfo | null>;
  /**
   * Writes a snapshot from records in key order; durable on resolve. Retention is not applied:
   * the caller applies it ({@link keepNewest}), so that an old file that cannot be deleted does
   * not make a durable snapshot count as failed (and its log go uncompacted).
   */
  create(meta: SnapshotMeta, records: AsyncIterable<KvRecord> | Iterable<KvRecord>): Promise<WrittenSnapshot>;
  /** Stores raw snapshot bytes received from a peer after full verification; then retention. */
  receive(index: number, term: number, chunks: AsyncIterable<Uint8Array>): Promise<WrittenSnapshot>;
  /**
   * Push-style receive: write() each piece, then finish() (verify, durable rename; no retention:
   * see {@link SnapshotReceiver.finish}) or abort() (discard). The runtime's InstallSnapshot sink
   * forwards write/abort to it, lets the core decide on the file, and applies the retention
   * ({@link keepNewest}) only once the core took it.
   */
  beginReceive(index: number, term: number): SnapshotReceiver;
  /**
   * A file as a transfer source (assignable to the transport's SnapshotSource): size plus a byte
   * stream; no SHA-256 of the whole file, so the push computes it in a first pass.
   */
  source(s: SnapshotInfo, chunkSize?: number): { readonly size: number; open(): AsyncIterable<Uint8Array> };
  /** Reads and verifies a header only. IntegrityError CORRUPT when bad. */
  header(s: SnapshotInfo): Promise<SnapshotHeader>;
  /** Streams records (key order), verifying; throws IntegrityError at the end on mismatch. */
  records(s: SnapshotInfo): AsyncGenerator<KvRecord, SnapshotHeader>;
  /** Raw bytes in chunks, for sending to a peer. */
  bytes(s: SnapshotInfo, chunkSize?: number): AsyncGenerator<Buffer>;
  /** Full verification pass; resolves to the header. */
  verify(s: SnapshotInfo): Promise<SnapshotHeader>;
  /** Deletes all but the newest `count` snapshots; returns the deleted names. */
  retain(count: number): Promise<string[]>;
  /** Deletes snapshot `s` (durably: the directory is fsynced); a file already gone is no error. */
  remove(s: SnapshotInfo): Promise<void>;
  /** Applies the store's retention (its configured count): {@link retain} with it. */
  keepNewest(): Promise<string[]>;
}

/** Options of {@link FileSnapshotStore.open}. */
export interface FileSnapshotStoreOptions {
  fs?: StorageFs;
  /** Snapshots {@link SnapshotStore.keepNewest} keeps (default 2, at least 1); `receive()` applies it, `create()` leaves it to its caller. */
  retain?: number;
}

/** Snapshot files in one directory (`snap/`); one instance per directory. */
export class FileSnapshotStore implements SnapshotStore {
  private constructor(
    readonly dir: string,
    private readonly fs: StorageFs,
    readonly retainCount: number,
  ) {}

  /**
   * Opens (creating) `dir`, removes leftover `.part` files and fsyncs `dir` (always: a snapshot a
   * crashed process renamed into place without its directory fsync is durable before it is used).
   */
  static async open(dir: string, options: FileSnapshotStoreOptions = {}): Promise<FileSnapshotStore> {
    const fs = options.fs ?? nodeStorageFs;
    const retain = options.retain ?? 2;
    if (!Number.isInteger(retain) || retain < 1) throw new ConfigError(`snapshot retain count must be at least 1, got ${retain}`);
    try {
      await fs.mkdir(dir);
      for (const name of await fs.readdir(dir)) {
        if (name.endsWith(PART_SUFFIX)) {
          await fs.unlink(join(dir, name)).catch((err: unknown) => {
            throw wrongTypeTempError(err, join(dir, name));
          });
        }
      }
      // Always: the removals above, and a snapshot a crashed process renamed into place without
      // its directory fsync, are durable before the node builds on them (compacts its log).
      await fs.syncDir(dir);
    } catch (err) {
      throw toStorageError(permissionError(err, dir), `opening snapshot directory ${dir}`);
    }
    return new FileSnapshotStore(dir, fs, retain);
  }

  /** Absolute path of a snapshot file. */
  pathOf(s: SnapshotInfo): string {
    return join(this.dir, s.name);
  }

  async list(): Promise<SnapshotInfo[]> {
    const out: SnapshotInfo[] = [];
    try {
      for (const name of await this.fs.readdir(this.dir)) {
        const p = parseSnapshotFileName(name);
        if (!p) continue;
        let size: number;
        try {
          ({ size } = await this.fs.stat(join(this.dir, name)));
        } catch (err) {
          if (isErrno(err, 'ENOENT')) continue; // deleted by a concurrent retain() since readdir
          throw err;
        }
        out.push({ name, index: p.index, term: p.term, bytes: size });
      }
    } catch (err) {
      throw toStorageError(err, `listing snapshots in ${this.dir}`);
    }
    return out.sort((a, b) => a.index - b.index || a.term - b.term);
  }

  async latest(): Promise<SnapshotInfo | null> {
    return (await this.list()).at(-1) ?? null;
  }

  async create(meta: SnapshotMeta, records: AsyncIterable<KvRecord> | Iterable<KvRecord>): Promise<WrittenSnapshot> {
    return writeSnapshotFile(this.fs, this.dir, meta, records);
  }

  async receive(index: number, term: number, chunks: AsyncIterable<Uint8Array>): Promise<WrittenSnapshot> {
    const w = await receiveSnapshotFile(this.fs, this.dir, index, term, chunks);
    await this.retain(this.retainCount);
    return w;
  }

  beginReceive(index: number, term: number): SnapshotReceiver {
    const r = new SnapshotFileReceiver(this.fs, this.dir, index, term);
    return {
      write: (data) => r.write(data),
      finish: () => r.finish(),
      abort: () => r.abort(),
    };
  }

  source(s: SnapshotInfo, chunkSize?: number): { readonly size: number; open(): AsyncIterable<Uint8Array> } {
    return { size: s.bytes, open: () => this.bytes(s, chunkSize) };
  }

  /**
   * The header, checked against the file's name: the store orders, picks (latest()) and retains
   * snapshots by the index and term their names say, so a file whose header says otherwise (a
   * copied or renamed file) is refused rather than restored as a snapshot it is not.
   */
  async header(s: SnapshotInfo): Promise<SnapshotHeader> {
    const path = this.pathOf(s);
    const header = await readSnapshotHeader(this.fs, path);
    if (header.index !== s.index || header.term !== s.term) {
      throw corruptionError(path, 12, `the file name says index ${s.index}, term ${s.term} (${s.index}-${s.term}), but its header says ${header.index}-${header.term}: the file was copied or renamed`, {
        hint: `move ${s.name} out of ${this.dir} (a snapshot is named <index>-<term>.snap after its header); if no intact snapshot is left, restore the data directory from a backup or replace the node`,
      });
    }
    return header;
  }

  async *records(s: SnapshotInfo): AsyncGenerator<KvRecord, SnapshotHeader> {
    await this.header(s);
    return yield* readSnapshotRecords(this.fs, this.pathOf(s));
  }

  bytes(s: SnapshotInfo, chunkSize?: number): AsyncGenerator<Buffer> {
    return readSnapshotBytes(this.fs, this.pathOf(s), chunkSize);
  }

  async verify(s: SnapshotInfo): Promise<SnapshotHeader> {
    await this.header(s);
    return verifySnapshotFile(this.fs, this.pathOf(s));
  }

  async retain(count: number): Promise<string[]> {
    const all = await this.list();
    const drop = all.slice(0, Math.max(0, all.length - Math.max(1, count)));
    await this.#unlink(drop, `deleting old snapshots in ${this.dir}`);
    return drop.map((s) => s.name);
  }

  keepNewest(): Promise<string[]> {
    return this.retain(this.retainCount);
  }

  async remove(s: SnapshotInfo): Promise<void> {
    await this.#unlink([s], `deleting snapshot ${this.pathOf(s)}`);
  }

  /** Unlinks `files` (one already gone is skipped: a concurrent retain() got there first), then fsyncs the directory. */
  async #unlink(files: readonly SnapshotInfo[], what: string): Promise<void> {
    try {
      for (const s of files) {
        try {
          await this.fs.unlink(this.pathOf(s));
        } catch (err) {
          if (!isErrno(err, 'ENOENT')) throw err;
        }
      }
      if (files.length > 0) await this.fs.syncDir(this.dir);
    } catch (err) {
      throw toStorageError(err, what);
    }
  }
}
