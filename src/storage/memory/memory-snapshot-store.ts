/**
 * In-memory {@link SnapshotStore} for tests and simulations. Snapshots are held as the exact
 * bytes of the file format (snapshot-format.ts) and verified the same way, so corruption tests
 * can flip bytes through {@link MemorySnapshotStore.rawBytes}.
 */
import { createHash } from 'node:crypto';
import { ConfigError } from '../../errors.js';
import type { KvRecord } from '../../state-machine/types.js';
import { corruptionError } from '../errors.js';
import type { SnapshotInfo, WrittenSnapshot } from '../snapshot/snapshot-file.js';
import {
  BodyDecoder,
  decodeSnapshotHeader,
  encodeBodyRecord,
  encodeSnapshotHeader,
  snapshotFileName,
  type SnapshotHeader,
  type SnapshotMeta,
} from '../snapshot/snapshot-format.js';
import type { SnapshotReceiver, SnapshotStore } from '../snapshot/snapshot-store.js';

const CHUNK = 64 * 1024;

/** SnapshotStore kept in memory as exact file bytes. */
export class MemorySnapshotStore implements SnapshotStore {
  private readonly files = new Map<string, Buffer>();

  constructor(readonly retainCount = 2) {
    if (!Number.isInteger(retainCount) || retainCount < 1) throw new ConfigError(`snapshot retain count must be at least 1, got ${retainCount}`);
  }

  /** The stored bytes of a snapshot (mutable: tests corrupt them). */
  rawBytes(name: string): Buffer | undefined {
    return this.files.get(name);
  }

  async list(): Promise<SnapshotInfo[]> {
    const out: SnapshotInfo[] = [];
    for (const [name, buf] of this.files) {
      const [index, term] = name.replace('.snap', '').split('-').map(Number) as [number, number];
      out.push({ name, index, term, bytes: buf.length });
    }
    return out.sort((a, b) => a.index - b.index || a.term - b.term);
  }

  async latest(): Promise<SnapshotInfo | null> {
    return (await this.list()).at(-1) ?? null;
  }

  async create(meta: SnapshotMeta, records: AsyncIterable<KvRecord> | Iterable<KvRecord>): Promise<WrittenSnapshot> {
    const parts: Buffer[] = [];
    let count = 0;
    let prev: Buffer | null = null;
    for await (const r of records) {
      if (prev !== null && Buffer.compare(prev, r.key) >= 0) throw new Error('snapshot records are not in strictly ascending key order');
      prev = r.key;
      parts.push(encodeBodyRecord(r));
      count++;
    }
    const body = Buffer.concat(parts);
    const sha = createHash('sha256').update(body).digest();
    const file = Buffer.concat([encodeSnapshotHeader(meta, count, body.length, sha), body]);
    const name = snapshotFileName(meta.index, meta.term);
    this.files.set(name, file);
    return { name, index: meta.index, term: meta.term, bytes: file.length, entryCount: count, bodySha256: sha.toString('hex') };
  }

  async receive(index: number, term: number, chunks: AsyncIterable<Uint8Array>): Promise<WrittenSnapshot> {
    const r = this.beginReceive(index, term);
    try {
      for await (const c of chunks) await r.write(c);
    } catch (err) {
      await r.abort();
      throw err;
    }
    const w = await r.finish();
    await this.keepNewest();
    return w;
  }

  beginReceive(index: number, term: number): SnapshotReceiver {
    const parts: Buffer[] = [];
    let done = false;
    const name = snapshotFileName(index, term);
    return {
      write: async (data) => {
        if (done) throw new Error(`snapshot ${name} was already finished or aborted`);
        parts.push(Buffer.from(data));
      },
      finish: async () => {
        if (done) throw new Error(`snapshot ${name} was already finished or aborted`);
        done = true;
        const file = Buffer.concat(parts);
        const header = this.verifyBuffer(name, file);
        if (header.index !== index || header.term !== term) {
          throw corruptionError(name, 12, `header covers ${header.index}-${header.term}, expected ${index}-${term}`);
        }
        this.files.set(name, file);
        return { name, index, term, bytes: file.length, entryCount: header.entryCount, bodySha256: header.sha256 };
      },
      abort: async () => {
        done = true;
        parts.length = 0;
      },
    };
  }

  source(s: SnapshotInfo, chunkSize?: number): { readonly size: number; open(): AsyncIterable<Uint8Array> } {
    return { size: s.bytes, open: () => this.bytes(s, chunkSize) };
  }

  private file(s: SnapshotInfo): Buffer {
    const f = this.files.get(s.name);
    if (!f) throw corruptionError(s.name, null, 'snapshot not found');
    return f;
  }

  private headerOf(name: string, file: Buffer): SnapshotHeader {
    const h = decodeSnapshotHeader(file);
    if (typeof h === 'string') throw corruptionError(name, 0, h);
    if (file.length !== h.headerBytes + h.bodyLength) throw corruptionError(name, file.length, 'size does not match header');
    return h;
  }

  private verifyBuffer(name: string, file: Buffer): SnapshotHeader {
    const h = this.headerOf(name, file);
    const d = new BodyDecoder();
    const bad = d.push(file.subarray(h.headerBytes), []) ?? d.finish(h);
    if (bad) throw corruptionError(name, null, bad);
    return h;
  }

  async header(s: SnapshotInfo): Promise<SnapshotHeader> {
    return this.headerOf(s.name, this.file(s));
  }

  async *records(s: SnapshotInfo): AsyncGenerator<KvRecord, SnapshotHeader> {
    const file = this.file(s);
    const h = this.headerOf(s.name, file);
    const d = new BodyDecoder();
    for (let pos = h.headerBytes; pos < file.length; pos += CHUNK) {
      const out: KvRecord[] = [];
      const bad = d.push(file.subarray(pos, Math.min(file.length, pos + CHUNK)), out);
      if (bad) throw corruptionError(s.name, pos, bad);
      yield* out;
    }
    const bad = d.finish(h);
    if (bad) throw corruptionError(s.name, null, bad);
    return h;
  }

  async *bytes(s: SnapshotInfo, chunkSize = CHUNK): AsyncGenerator<Buffer> {
    const file = this.file(s);
    for (let pos = 0; pos < file.length; pos += chunkSize) yield Buffer.from(file.subarray(pos, pos + chunkSize));
  }

  async verify(s: SnapshotInfo): Promise<SnapshotHeader> {
    return this.verifyBuffer(s.name, this.file(s));
  }

  async retain(count: number): Promise<string[]> {
    const all = await this.list();
    const drop = all.slice(0, Math.max(0, all.length - Math.max(1, count)));
    for (const s of drop) this.files.delete(s.name);
    return drop.map((s) => s.name);
  }

  async remove(s: SnapshotInfo): Promise<void> {
    this.files.delete(s.name);
  }

  keepNewest(): Promise<string[]> {
    return this.retain(this.retainCount);
  }
}
