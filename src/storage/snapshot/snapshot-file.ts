/**
 * Writing, reading and verifying snapshot files as streams (STORAGE.md, "Snapshot files").
 *
 * Write: `<name>.<pid>.<n>.part` (one per writer) is created, the body streamed through a 1 MiB
 * buffer while hashing, the header (counts, body length, SHA-256) written at offset 0, the file
 * fsynced, renamed to its final name and the directory fsynced. On any failure the `.part` file is removed: a crash
 * leaves at most a `.part`, never a half-written `.snap`.
 *
 * Read/verify: the body is read in 1 MiB chunks and decoded incrementally, so memory does not
 * grow with the snapshot's size. A bad header, a body that does not match its header (length,
 * count, SHA-256, key order) is an IntegrityError `CORRUPT` (exit 7) naming the file (and the
 * byte offset where known). Records are yielded before the final hash check: a consumer must
 * not commit what it read until iteration finishes without throwing.
 */
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { KvRecord } from '../../state-machine/types.js';
import { corruptionError, fileAccessError, toStorageError, wrongTypeError } from '../errors.js';
import { isErrno, writeFully, type FileHandle, type StorageFs } from '../fs.js';
import {
  BodyDecoder,
  decodeSnapshotHeader,
  encodeBodyRecord,
  encodeBodyRecordInto,
  encodeSnapshotHeader,
  partFileName,
  snapshotFileName,
  snapshotHeaderSize,
  type SnapshotHeader,
  type SnapshotMeta,
} from './snapshot-format.js';

const CHUNK = 1024 * 1024;
/**
 * Reading records (verify, restore) decodes this many bytes at a time and lets the event loop
 * run whenever a slice took {@link READ_SLICE_MS}: decoding 1 MiB of small records took 37 ms,
 * and a restore stalled a node 150-170 ms per MiB read (200,000 keys of 8-byte values).
 */
const DECODE_PIECE = 32 * 1024;
const READ_SLICE_MS = 4;

/** Resolves after the event loop ran (IO, timers); to the time then. */
function nextTurn(): Promise<number> {
  return new Promise((resolve) => setImmediate(() => resolve(performance.now())));
}

/** A snapshot file on disk. */
export interface SnapshotInfo {
  name: string;
  index: number;
  term: number;
  /** File size in bytes. */
  bytes: number;
}

/** The result of writing or receiving a snapshot. */
export interface WrittenSnapshot extends SnapshotInfo {
  entryCount: number;
  /** SHA-256 of the body (as in the header), lowercase hex. Not the whole file's hash. */
  bodySha256: string;
}

async function removeQuietly(fs: StorageFs, path: string): Promise<void> {
  try {
    await fs.unlink(path);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
}

/**
 * Streams `records` (ascending key order) into `dir/<index>-<term>.snap`. Durable on resolve.
 * The iterable is consumed exactly once; its own pacing (the state machine yields to the event
 * loop) is preserved, and each 1 MiB flush is an awaited write.
 */
export async function writeSnapshotFile(
  fs: StorageFs,
  dir: string,
  meta: SnapshotMeta,
  records: AsyncIterable<KvRecord> | Iterable<KvRecord>,
): Promise<WrittenSnapshot> {
  const name = snapshotFileName(meta.index, meta.term);
  const part = join(dir, partFileName(name));
  const headerLen = encodeSnapshotHeader(meta, 0, 0, Buffer.alloc(32)).length;
  let h: FileHandle | null = null;
  try {
    h = await fs.open(part, 'w', 0o644);
    const hash = createHash('sha256');
    let pos = headerLen;
    let count = 0;
    // Records are encoded straight into one reusable buffer; each flush is awaited before the
    // buffer is reused.
    const chunk = Buffer.allocUnsafe(CHUNK);
    let used = 0;
    let prevKey: Buffer | null = null;
    const emit = async (buf: Buffer) => {
      hash.update(buf);
      await writeFully(h!, buf, pos);
      pos += buf.length;
    };
    for await (const r of records) {
      if (prevKey !== null && Buffer.compare(prevKey, r.key) >= 0) {
        throw new Error('snapshot records are not in strictly ascending key order');
      }
      prevKey = r.key;
      count++;
      const size = 16 + r.key.length + r.value.length;
      if (used + size > CHUNK) {
        await emit(chunk.subarray(0, used));
        used = 0;
      }
      if (size > CHUNK) {
        await emit(encodeBodyRecord(r));
        continue;
      }
      used += encodeBodyRecordInto(r, chunk, used);
    }
    if (used > 0) await emit(chunk.subarray(0, used));
    const sha = hash.digest();
    await writeFully(h, encodeSnapshotHeader(meta, count, pos - headerLen, sha), 0);
    await fs.sync(h);
    await h.close();
    h = null;
    await fs.rename(part, join(dir, name));
    await fs.syncDir(dir);
    return { name, index: meta.index, term: meta.term, bytes: pos, entryCount: count, bodySha256: sha.toString('hex') };
  } catch (err) {
    if (h) await h.close().catch(() => undefined);
    // A .part that cannot be removed now (the disk failed) is removed when the store next opens.
    await removeQuietly(fs, part).catch(() => undefined);
    throw toStorageError(err, `writing snapshot ${join(dir, name)}`);
  }
}

/** Reads and verifies the header of a snapshot file (not its body). */
export async function readSnapshotHeader(fs: StorageFs, path: string): Promise<SnapshotHeader> {
  try {
    const h = await fs.open(path, 'r');
    try {
      return await readHeaderFrom(h, path);
    } finally {
      await h.close();
    }
  } catch (err) {
    throw readError(err, path);
  }
}

/** A failed read of a snapshot file: corruption (and a directory in the file's place) is an IntegrityError (exit 7), anything else (EIO, a vanished file) is a StorageIoError (exit 1) naming the file. */
function readError(err: unknown, path: string): unknown {
  return toStorageError(fileAccessError(err, path), `reading snapshot ${path}`);
}

async function readHeaderFrom(h: FileHandle, path: string): Promise<SnapshotHeader> {
  const { size } = await h.stat();
  const first = Buffer.alloc(Math.min(size, 80));
  await h.read(first, 0, first.length, 0);
  const need = snapshotHeaderSize(first);
  if (need === null) {
    throw corruptionError(path, 0, first.length < 80 ? 'file too short for a snapshot header' : 'bad magic (not a raftctl snapshot)');
  }
  if (need > size) throw corruptionError(path, 0, 'truncated snapshot header');
  const buf = Buffer.alloc(need);
  await h.read(buf, 0, need, 0);
  const header = decodeSnapshotHeader(buf);
  if (typeof header === 'string') throw corruptionError(path, 0, header);
  if (size !== header.headerBytes + header.bodyLength) {
    throw corruptionError(path, size, `file is ${size} bytes, header says ${header.headerBytes + header.bodyLength}`);
  }
  return header;
}

/**
 * Streams the records of a snapshot file in key order, verifying as it goes; the final
 * SHA-256/count/length check throws after the last record (see the module contract).
 */
export async function* readSnapshotRecords(fs: StorageFs, path: string): AsyncGenerator<KvRecord, SnapshotHeader> {
  try {
    const h = await fs.open(path, 'r');
    try {
      const header = await readHeaderFrom(h, path);
      const decoder = new BodyDecoder();
      const buf = Buffer.allocUnsafe(CHUNK);
      let pos = header.headerBytes;
      const end = header.headerBytes + header.bodyLength;
      let sliceStart = performance.now();
      while (pos < end) {
        const { bytesRead } = await h.read(buf, 0, Math.min(CHUNK, end - pos), pos);
        if (bytesRead === 0) throw corruptionError(path, pos, 'unexpected end of file');
        // Decoded a piece at a time, with a turn of the event loop whenever a slice ran
        // READ_SLICE_MS: the consumer's work on each record (a restore's) counts in the slice.
        for (let off = 0; off < bytesRead; off += DECODE_PIECE) {
          const out: KvRecord[] = [];
          const bad = decoder.push(buf.subarray(off, Math.min(bytesRead, off + DECODE_PIECE)), out);
          if (bad) throw corruptionError(path, pos + off, bad);
          for (let i = 0; i < out.length; i++) {
            yield out[i]!;
            if ((i & 63) === 63 && performance.now() - sliceStart >= READ_SLICE_MS) sliceStart = await nextTurn();
          }
          if (performance.now() - sliceStart >= READ_SLICE_MS) sliceStart = await nextTurn();
        }
        pos += bytesRead;
      }
      const bad = decoder.finish(header);
      if (bad) throw corruptionError(path, null, bad);
      return header;
    } finally {
      await h.close();
    }
  } catch (err) {
    throw readError(err, path);
  }
}

/** Reads the whole file once, verifying header and body. Resolves to the header. */
export async function verifySnapshotFile(fs: StorageFs, path: string): Promise<SnapshotHeader> {
  const it = readSnapshotRecords(fs, path);
  for (;;) {
    const r = await it.next();
    if (r.done) return r.value;
  }
}

/** The raw bytes of a snapshot file in chunks of `chunkSize` (for InstallSnapshot/StreamSnapshot). */
export async function* readSnapshotBytes(fs: StorageFs, path: string, chunkSize = CHUNK): AsyncGenerator<Buffer> {
  try {
    const h = await fs.open(path, 'r');
    try {
      const { size } = await h.stat();
      for (let pos = 0; pos < size; ) {
        const buf = Buffer.allocUnsafe(Math.min(chunkSize, size - pos));
        const { bytesRead } = await h.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        pos += bytesRead;
        yield bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
      }
    } finally {
      await h.close();
    }
  } catch (err) {
    throw readError(err, path);
  }
}

/**
 * A snapshot file being received from a peer, chunk by chunk (push style, as the transport's
 * `SnapshotSink` delivers them). Bytes go to `<index>-<term>.snap.<pid>.<n>.part`; {@link finish} fsyncs,
 * verifies the whole file (header names index/term, body length, count, SHA-256), renames it into
 * place and fsyncs the directory. Any failure, or {@link abort}, removes the `.part`. One write at
 * a time; the owner must call finish or abort exactly once.
 */
export class SnapshotFileReceiver {
  private handle: FileHandle | null = null;
  private pos = 0;
  private done = false;
  readonly name: string;
  private readonly part: string;

  constructor(
    private readonly fs: StorageFs,
    private readonly dir: string,
    readonly index: number,
    readonly term: number,
  ) {
    this.name = snapshotFileName(index, term);
    this.part = join(dir, partFileName(this.name));
  }

  /** Appends the next piece of the file. */
  async write(data: Uint8Array): Promise<void> {
    if (this.done) throw new Error(`snapshot ${this.name} was already finished or aborted`);
    try {
      this.handle ??= await this.fs.open(this.part, 'w', 0o644);
      const b = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      await writeFully(this.handle, b, this.pos);
      this.pos += b.length;
    } catch (err) {
      await this.abort();
      throw toStorageError(err, `receiving snapshot ${join(this.dir, this.name)}`);
    }
  }

  /** Makes the received file durable and verified under its final name. */
  async finish(): Promise<WrittenSnapshot> {
    if (this.done) throw new Error(`snapshot ${this.name} was already finished or aborted`);
    try {
      this.handle ??= await this.fs.open(this.part, 'w', 0o644);
      await this.fs.sync(this.handle);
      await this.handle.close();
      this.handle = null;
      const header = await verifySnapshotFile(this.fs, this.part);
      if (header.index !== this.index || header.term !== this.term) {
        throw corruptionError(basename(this.part), 12, `header covers ${header.index}-${header.term}, expected ${this.index}-${this.term}`);
      }
      await this.fs.rename(this.part, join(this.dir, this.name));
      await this.fs.syncDir(this.dir);
      this.done = true;
      return { name: this.name, index: this.index, term: this.term, bytes: this.pos, entryCount: header.entryCount, bodySha256: header.sha256 };
    } catch (err) {
      await this.abort();
      throw toStorageError(err, `receiving snapshot ${join(this.dir, this.name)}`);
    }
  }

  /** Discards what was received. Idempotent; never throws. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (this.handle) await this.handle.close().catch(() => undefined);
    this.handle = null;
    await removeQuietly(this.fs, this.part).catch(() => undefined);
  }
}

/** Receives a whole snapshot from an async iterable of byte chunks (see {@link SnapshotFileReceiver}). */
export async function receiveSnapshotFile(
  fs: StorageFs,
  dir: string,
  index: number,
  term: number,
  chunks: AsyncIterable<Uint8Array>,
): Promise<WrittenSnapshot> {
  const r = new SnapshotFileReceiver(fs, dir, index, term);
  try {
    for await (const c of chunks) await r.write(c);
  } catch (err) {
    await r.abort();
    throw toStorageError(err, `receiving snapshot ${join(dir, r.name)}`);
  }
  return r.finish();
}
