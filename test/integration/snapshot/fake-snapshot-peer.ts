/**
 * Test helpers local to the snapshot transfer tests: a real gRPC server on 127.0.0.1:0 hosting
 * only SnapshotService, a client channel to it, a manual clock, deterministic payloads and
 * scripted chunks. Every helper is bounded in time and everything it opens is closed by
 * `close()`.
 */
import type { Client, handleBidiStreamingCall, handleClientStreamingCall, UntypedServiceImplementation } from '@grpc/grpc-js';
import { ChannelPool } from '../../../src/transport/channels.js';
export { ManualClock } from '../../harness/manual-clock.js';
import type { SnapshotAck, SnapshotChunk, SnapshotResponse } from '../../../src/transport/messages.js';
import { GrpcServer } from '../../../src/transport/server.js';
import { SERVICE_NAMES, SnapshotService } from '../../../src/transport/services.js';
import { chunkChecksum } from '../../../src/transport/snapshot-chunks.js';
import type { SnapshotSource } from '../../../src/transport/types.js';

export interface FakeSnapshotPeer {
  readonly address: string;
  /** A bulk-class client to the peer (closed by `close`). */
  readonly client: Client;
  close(): Promise<void>;
}

/** Starts a server hosting the given SnapshotService handlers (others answer UNIMPLEMENTED). */
export async function startSnapshotPeer(handlers: {
  InstallSnapshot?: handleClientStreamingCall<SnapshotChunk, SnapshotResponse>;
  StreamSnapshot?: handleBidiStreamingCall<SnapshotAck, SnapshotChunk>;
}): Promise<FakeSnapshotPeer> {
  const server = new GrpcServer();
  server.addService(SERVICE_NAMES.snapshot, SnapshotService, handlers as UntypedServiceImplementation);
  await server.listen('127.0.0.1:0');
  const pool = new ChannelPool();
  const client = pool.forAddress(server.address, 'bulk');
  return {
    address: server.address,
    client,
    async close() {
      pool.close();
      server.forceShutdown();
    },
  };
}

/** An address where nothing listens (a server was bound there and shut down). */
export async function deadAddress(): Promise<string> {
  const server = new GrpcServer();
  await server.listen('127.0.0.1:0');
  const address = server.address;
  server.forceShutdown();
  return address;
}

/** Polls `predicate` every 5 ms (real time) until true; throws after `timeoutMs`. */
export async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** `size` deterministic pseudo-random bytes (xorshift32 from `seed`). */
export function payload(size: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
    if (i + 1 < size) out[i + 1] = (x >>> 8) & 0xff;
    if (i + 2 < size) out[i + 2] = (x >>> 16) & 0xff;
    if (i + 3 < size) out[i + 3] = (x >>> 24) & 0xff;
  }
  return out;
}

/** A source of `size` bytes generated piece by piece (never held whole); counts its opens. */
export function generatedSource(size: number, pieceBytes = 1024 * 1024): SnapshotSource & { opens: number } {
  const src = {
    opens: 0,
    size,
    async *open() {
      src.opens += 1;
      for (let off = 0; off < size; off += pieceBytes) yield new Uint8Array(Math.min(pieceBytes, size - off)).fill(off / pieceBytes & 0xff);
    },
  };
  return src;
}

/** Concatenates byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))));
}

/** Splits `data` into scripted chunks with correct CRCs; chunk 0 carries `checksum` as metadata. */
export function scriptChunks(data: Uint8Array, chunkBytes: number, envelope: { leaderTerm: number; leaderId: number; checksum: Uint8Array; lastIncluded?: { index: number; term: number } }): SnapshotChunk[] {
  const total = Math.max(1, Math.ceil(data.byteLength / chunkBytes));
  const chunks: SnapshotChunk[] = [];
  for (let seq = 0; seq < total; seq++) {
    const part = data.subarray(seq * chunkBytes, Math.min(data.byteLength, (seq + 1) * chunkBytes));
    chunks.push({
      leaderTerm: envelope.leaderTerm,
      leaderId: envelope.leaderId,
      seq,
      totalChunks: total,
      chunkChecksum: chunkChecksum(part),
      data: part,
      ...(seq === 0 ? { metadata: { lastIncluded: envelope.lastIncluded ?? { index: 10, term: 2 }, checksum: envelope.checksum } } : {}),
    });
  }
  return chunks;
}

/** A copy of `chunk` whose data has one byte flipped (its CRC no longer matches). */
export function corrupted(chunk: SnapshotChunk): SnapshotChunk {
  const data = new Uint8Array(chunk.data ?? new Uint8Array(1));
  data[0] = (data[0] ?? 0) ^ 0xff;
  return { ...chunk, data };
}
