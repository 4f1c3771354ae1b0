/**
 * SnapshotFileDigests: the whole-file SHA-256 a StreamSnapshot offer announces, computed once
 * per file (in the background when a file becomes a node's latest), so a pull's chunk 0 does
 * not wait for a pass over the whole file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { IntegrityError } from '../../../src/errors.js';
import { SnapshotFileDigests } from '../../../src/runtime/snapshot-digests.js';
import { MemorySnapshotStore, type SnapshotInfo } from '../../../src/storage/index.js';

const config = { voters: [1], votersOutgoing: [], learners: [], addresses: { 1: 'a:1' } };

async function storeWith(indexes: number[]): Promise<{ store: MemorySnapshotStore; files: SnapshotInfo[]; passes: Map<string, number> }> {
  const store = new MemorySnapshotStore();
  const files: SnapshotInfo[] = [];
  for (const index of indexes) {
    const records = Array.from({ length: 50 }, (_, i) => ({ key: Buffer.from(`k${String(i).padStart(3, '0')}`), value: Buffer.alloc(100, index), expiresAtUnixMs: 0 }));
    const w = await store.create({ index, term: 1, configuration: config, configIndex: 1 }, records);
    files.push({ name: w.name, index: w.index, term: w.term, bytes: w.bytes });
  }
  const passes = new Map<string, number>();
  const bytes = store.bytes.bind(store);
  store.bytes = (s: SnapshotInfo, chunkSize?: number) => {
    passes.set(s.name, (passes.get(s.name) ?? 0) + 1);
    return bytes(s, chunkSize);
  };
  return { store, files, passes };
}

async function sha256Of(store: MemorySnapshotStore, s: SnapshotInfo): Promise<string> {
  const h = createHash('sha256');
  for await (const piece of store.bytes(s)) h.update(piece);
  return h.digest('hex');
}

test('the digest is the SHA-256 of every byte of the file (header included), and known() has it once computed', async () => {
  const { store, files } = await storeWith([10]);
  const digests = new SnapshotFileDigests(store);
  assert.equal(digests.known(files[0]!), undefined);
  const d = await digests.digest(files[0]!);
  assert.equal(Buffer.from(d).toString('hex'), await sha256Of(store, files[0]!));
  assert.deepEqual(digests.known(files[0]!), d);
});

test('prepare() and any number of digest() calls for one file share one pass over it', async () => {
  const { store, files, passes } = await storeWith([10]);
  const digests = new SnapshotFileDigests(store);
  digests.prepare(files[0]!);
  const all = await Promise.all([digests.digest(files[0]!), digests.digest(files[0]!)]);
  await digests.digest(files[0]!);
  assert.equal(passes.get(files[0]!.name), 1);
  assert.deepEqual(all[0], all[1]);
});

test('a failed pass is reported to onError and forgotten: the next call reads the file again', async () => {
  const { store, files } = await storeWith([10]);
  const bytes = store.bytes.bind(store);
  let failNext = true;
  store.bytes = (s: SnapshotInfo, chunkSize?: number) => {
    if (failNext) {
      failNext = false;
      return (async function* () {
        throw new Error('EIO: i/o error, read');
      })();
    }
    return bytes(s, chunkSize);
  };
  const errors: string[] = [];
  const digests = new SnapshotFileDigests(store, (file, err) => errors.push(`${file.name}: ${(err as Error).message}`));
  digests.prepare(files[0]!);
  await assert.rejects(digests.digest(files[0]!), /EIO/);
  assert.deepEqual(errors, [`${files[0]!.name}: EIO: i/o error, read`]);
  assert.equal(digests.known(files[0]!), undefined);
  const d = await digests.digest(files[0]!);
  assert.equal(Buffer.from(d).toString('hex'), await sha256Of(store, files[0]!));
});

test('a file shorter than its listed size is an IntegrityError, not a digest of part of it', async () => {
  const { store, files } = await storeWith([10]);
  const digests = new SnapshotFileDigests(store);
  await assert.rejects(digests.digest({ ...files[0]!, bytes: files[0]!.bytes + 1 }), (e: unknown) => e instanceof IntegrityError && /read \d+ bytes, its size was/.test(e.message));
});

test('only the two newest files\' digests are kept', async () => {
  const { store, files, passes } = await storeWith([10, 20, 30]);
  const digests = new SnapshotFileDigests(store);
  for (const f of files) await digests.digest(f);
  assert.equal(digests.known(files[0]!), undefined);
  assert.ok(digests.known(files[1]!));
  assert.ok(digests.known(files[2]!));
  await digests.digest(files[0]!);
  assert.equal(passes.get(files[0]!.name), 2, 'a dropped digest is computed again when asked for');
});

test('prepare() hashes again a file replaced under the same name and size (a corrupt snapshot replaced at the same index)', async () => {
  const { store, files } = await storeWith([10]);
  const digests = new SnapshotFileDigests(store);
  const before = await digests.digest(files[0]!);
  const records = Array.from({ length: 50 }, (_, i) => ({ key: Buffer.from(`k${String(i).padStart(3, '0')}`), value: Buffer.alloc(100, 99), expiresAtUnixMs: 0 }));
  const again = await store.create({ index: 10, term: 1, configuration: config, configIndex: 1 }, records);
  assert.equal(again.name, files[0]!.name);
  assert.equal(again.bytes, files[0]!.bytes);
  digests.prepare(again);
  const after = await digests.digest(again);
  assert.notDeepEqual(after, before);
  assert.equal(Buffer.from(after).toString('hex'), await sha256Of(store, again));
});
