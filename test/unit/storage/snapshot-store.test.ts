// Snapshot files (STORAGE.md "Snapshot files"): write/read round trip, header fields, corrupt
// detection (exit 7), .part hygiene, retain count, receive from raw bytes; file and memory
// stores produce identical bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { join } from 'node:path';
import { IntegrityError } from '../../../src/errors.js';
import { countingFs, nodeStorageFs } from '../../../src/storage/fs.js';
import { MemorySnapshotStore } from '../../../src/storage/memory/memory-snapshot-store.js';
import { FileSnapshotStore } from '../../../src/storage/snapshot/snapshot-store.js';
import type { SnapshotMeta } from '../../../src/storage/snapshot/snapshot-format.js';
import type { KvRecord } from '../../../src/state-machine/types.js';
import { faultyFs } from './faulty-fs.js';
import { withTempDir } from './helpers.js';

const meta: SnapshotMeta = {
  index: 120,
  term: 4,
  configuration: { voters: [1, 2, 3], votersOutgoing: [], learners: [{ id: 9, readOnly: true }], addresses: { 1: 'h:1', 9: 'h:9' } },
  configIndex: 97,
};

function records(n: number): KvRecord[] {
  const out: KvRecord[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ key: Buffer.from(`key/${String(i).padStart(6, '0')}`), value: Buffer.from(`value-${i}`.repeat(1 + (i % 3))), expiresAtUnixMs: i % 5 === 0 ? 1_700_000_000_000 + i : 0 });
  }
  return out;
}

async function collect(it: AsyncIterable<KvRecord>): Promise<KvRecord[]> {
  const out: KvRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
}

test('write then read a snapshot: header fields, records in order, durable rename', async () => {
  await withTempDir(async (dir) => {
    const fs = countingFs();
    const store = await FileSnapshotStore.open(dir, { fs });
    const input = records(5000);
    const w = await store.create(meta, input);
    assert.equal(w.name, '120-4.snap');
    assert.equal(w.entryCount, 5000);
    assert.ok(fs.counters.renames >= 1 && fs.counters.dirSyncs >= 1, 'rename must be followed by a directory fsync');
    assert.deepEqual(await readdir(dir), ['120-4.snap']);
    const [info] = await store.list();
    assert.equal(info!.bytes, w.bytes);
    const h = await store.header(info!);
    assert.equal(h.index, 120);
    assert.equal(h.term, 4);
    assert.equal(h.entryCount, 5000);
    assert.equal(h.sha256, w.bodySha256);
    assert.deepEqual(h.configuration, meta.configuration);
    assert.equal(h.configIndex, 97);
    assert.equal(h.formatVersion, 2);
    assert.deepEqual(await collect(store.records(info!)), input);
    const raw = await readFile(join(dir, '120-4.snap'));
    assert.equal(raw.subarray(0, 11).toString('latin1'), 'RAFTCTLSNAP');
  });
});

test('a version-1 file (no configuration index) is still read, with its last included index as the configuration index', async () => {
  await withTempDir(async (dir) => {
    const store = await FileSnapshotStore.open(dir);
    await store.create(meta, records(50));
    const path = join(dir, '120-4.snap');
    const v2 = await readFile(path);
    // Version 2: [0, 80) fixed fields | u64 configuration index | configuration (C) | CRC-32.
    // Version 1 is the same without the configuration index; its CRC covers [0, 80 + C).
    const c = v2.readUInt32BE(76);
    const head = Buffer.concat([v2.subarray(0, 80), v2.subarray(88, 88 + c)]);
    head[11] = 1;
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlibCrc32(head));
    await writeFile(path, Buffer.concat([head, crc, v2.subarray(88 + c + 4)]));
    const [info] = await store.list();
    const h = await store.header(info!);
    assert.deepEqual([h.formatVersion, h.index, h.term, h.configIndex], [1, 120, 4, 120]);
    assert.deepEqual(h.configuration, meta.configuration);
    assert.deepEqual(await collect(store.records(info!)), records(50));
    await store.verify(info!);
  });
});

test('a corrupt body byte is an IntegrityError (exit 7) naming the file', async () => {
  await withTempDir(async (dir) => {
    const store = await FileSnapshotStore.open(dir);
    await store.create(meta, records(1000));
    const path = join(dir, '120-4.snap');
    const raw = await readFile(path);
    raw[raw.length - 100]! ^= 0x55;
    await writeFile(path, raw);
    const [info] = await store.list();
    await assert.rejects(store.verify(info!), (err: unknown) => {
      assert.ok(err instanceof IntegrityError);
      assert.equal(err.exitCode, 7);
      assert.equal(err.details?.file, path);
      return true;
    });
  });
});

test('a corrupt header or truncated file is refused before the body is read', async () => {
  await withTempDir(async (dir) => {
    const store = await FileSnapshotStore.open(dir);
    await store.create(meta, records(10));
    const path = join(dir, '120-4.snap');
    const raw = await readFile(path);
    const flipped = Buffer.from(raw);
    flipped[13]! ^= 1; // inside last included index: header CRC catches it
    await writeFile(path, flipped);
    const [info] = await store.list();
    await assert.rejects(store.header(info!), /header checksum mismatch/);
    await writeFile(path, raw.subarray(0, raw.length - 1));
    await assert.rejects(store.header(info!), IntegrityError);
    await writeFile(path, Buffer.from('not a snapshot at all, definitely not, no magic here at all... padding padding padding'));
    await assert.rejects(store.header(info!), /bad magic/);
  });
});

test('a snapshot file whose name and header disagree (a copied or renamed file) is refused as corruption naming both, not taken for the snapshot its name says', async () => {
  await withTempDir(async (dir) => {
    const store = await FileSnapshotStore.open(dir);
    await store.create(meta, records(10));
    // Named as the newest: latest() would pick it, retention would keep it forever, and a restart
    // would restore index 120 while believing it restored 99999.
    await writeFile(join(dir, '99999-9.snap'), await readFile(join(dir, '120-4.snap')));
    const latest = (await store.latest())!;
    assert.equal(latest.name, '99999-9.snap');
    const refused = (err: unknown) => {
      assert.ok(err instanceof IntegrityError, String(err));
      assert.equal(err.exitCode, 7);
      assert.ok(err.message.includes(join(dir, '99999-9.snap')), err.message);
      assert.match(err.message, /99999-9/);
      assert.match(err.message, /120-4/);
      return true;
    };
    await assert.rejects(store.header(latest), refused);
    await assert.rejects(store.verify(latest), refused);
    await assert.rejects(collect(store.records(latest)), refused);
    const [good] = await store.list();
    assert.equal((await store.header(good!)).index, 120);
  });
});

test('retain keeps the newest N; leftover .part files are removed on open', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, '5-1.snap.part'), 'half written');
    const store = await FileSnapshotStore.open(dir, { retain: 2 });
    assert.deepEqual(await readdir(dir), []);
    for (const index of [10, 20, 30, 40]) await store.create({ ...meta, index }, records(3));
    assert.equal((await store.list()).length, 4, 'create() applies no retention (its caller does)');
    assert.deepEqual(await store.keepNewest(), ['10-4.snap', '20-4.snap']);
    assert.deepEqual((await store.list()).map((s) => s.name), ['30-4.snap', '40-4.snap']);
    assert.equal((await store.latest())?.index, 40);
    assert.deepEqual(await store.retain(1), ['30-4.snap']);
  });
});

test('a local snapshot and one received from the leader at the same index and term, written at once, both succeed', async () => {
  await withTempDir(async (dir) => {
    const leader = await FileSnapshotStore.open(join(dir, 'leader'));
    await leader.create(meta, records(20_000));
    const [info] = await leader.list();
    const store = await FileSnapshotStore.open(join(dir, 'node'));
    async function* slowly<T>(items: AsyncIterable<T> | Iterable<T>, every: number): AsyncGenerator<T> {
      let n = 0;
      for await (const x of items) {
        if (n++ % every === 0) await new Promise((r) => setTimeout(r, 2));
        yield x;
      }
    }
    const [local, received] = await Promise.all([store.create(meta, slowly(records(20_000), 2000)), store.receive(120, 4, slowly(leader.bytes(info!, 16 * 1024), 4))]);
    assert.equal(local.entryCount, 20_000);
    assert.equal(received.entryCount, 20_000);
    assert.deepEqual(await readdir(join(dir, 'node')), ['120-4.snap'], 'one snapshot, no temporary file left');
    assert.equal((await store.verify((await store.latest())!)).index, 120);
  });
});

test('list() skips a snapshot deleted between reading the directory and its stat; concurrent retains do not fail', async () => {
  await withTempDir(async (dir) => {
    let vanish: string | null = null;
    const base = countingFs();
    const fs = {
      ...base,
      async stat(path: string) {
        if (vanish && path.endsWith(vanish)) {
          const { unlink } = await import('node:fs/promises');
          await unlink(path); // a concurrent retain() wins the race
        }
        return base.stat(path);
      },
    };
    const store = await FileSnapshotStore.open(dir, { fs, retain: 3 });
    for (const index of [10, 20, 30]) await store.create({ ...meta, index }, records(3));
    vanish = '10-4.snap';
    assert.deepEqual((await store.list()).map((s) => s.name), ['20-4.snap', '30-4.snap']);
    vanish = null;
    await store.create({ ...meta, index: 40 }, records(3));
    await Promise.all([store.retain(1), store.retain(1)]);
    assert.deepEqual((await store.list()).map((s) => s.name), ['40-4.snap']);
  });
});

test('a failing record source leaves no .snap and no .part behind', async () => {
  await withTempDir(async (dir) => {
    const store = await FileSnapshotStore.open(dir);
    async function* failing(): AsyncGenerator<KvRecord> {
      yield* records(10);
      throw new Error('source failed');
    }
    await assert.rejects(store.create(meta, failing()), /source failed/);
    assert.deepEqual(await readdir(dir), []);
    const unordered = [...records(3)].reverse();
    await assert.rejects(store.create(meta, unordered), /ascending key order/);
    assert.deepEqual(await readdir(dir), []);
  });
});

test('receive: raw bytes from a peer are verified before they become a snapshot', async () => {
  await withTempDir(async (dir) => {
    const src = await FileSnapshotStore.open(join(dir, 'leader'));
    await src.create(meta, records(3000));
    const [info] = await src.list();
    const dst = await FileSnapshotStore.open(join(dir, 'follower'));
    const got = await dst.receive(120, 4, src.bytes(info!, 1024));
    assert.equal(got.entryCount, 3000);
    assert.deepEqual(await collect(dst.records((await dst.latest())!)), records(3000));

    async function* corrupted(): AsyncGenerator<Buffer> {
      let n = 0;
      for await (const c of src.bytes(info!, 4096)) {
        if (n++ === 3) c[10]! ^= 1;
        yield c;
      }
    }
    const bad = await FileSnapshotStore.open(join(dir, 'bad'));
    await assert.rejects(bad.receive(120, 4, corrupted()), IntegrityError);
    assert.deepEqual(await readdir(join(dir, 'bad')), []);
    await assert.rejects(bad.receive(121, 4, src.bytes(info!)), /expected 121-4/);
  });
});

for (const [kind, make] of [
  ['file', (dir: string) => FileSnapshotStore.open(dir)],
  ['memory', async () => new MemorySnapshotStore(2)],
] as const) {
  test(`${kind} store: push-style receive (write, finish) and abort leave the right files`, async () => {
    await withTempDir(async (dir) => {
      const src = await FileSnapshotStore.open(join(dir, 'src'));
      await src.create(meta, records(500));
      const info = (await src.latest())!;
      const source = src.source(info, 777);
      assert.equal(source.size, info.bytes);
      const dst = await make(join(dir, 'dst'));
      const r = dst.beginReceive(120, 4);
      for await (const piece of source.open()) await r.write(piece);
      const w = await r.finish();
      assert.equal(w.entryCount, 500);
      assert.deepEqual(await collect(dst.records((await dst.latest())!)), records(500));

      const other = await make(join(dir, 'other'));
      const aborted = other.beginReceive(120, 4);
      await aborted.write(Buffer.from('partial'));
      await aborted.abort();
      assert.deepEqual(await other.list(), []);
      const truncated = other.beginReceive(120, 4);
      let n = 0;
      for await (const piece of source.open()) if (n++ < 2) await truncated.write(piece);
      await assert.rejects(truncated.finish(), IntegrityError);
      assert.deepEqual(await other.list(), []);
      if (kind === 'file') assert.deepEqual(await readdir(join(dir, 'other')), []);
    });
  });
}

test('a disk that fills in the middle of a push-style receive: the write fails typed (STORAGE_IO_ERROR, ENOSPC) and removes its .part; the next receive works', async () => {
  await withTempDir(async (dir) => {
    const src = await FileSnapshotStore.open(join(dir, 'src'));
    await src.create(meta, records(500));
    const info = (await src.latest())!;
    // The third write into the .part finds the disk full (once: the next receive has room).
    let writes = 0;
    const fs = faultyFs(Number.MAX_SAFE_INTEGER, 'enospc-once', (op) => op.kind === 'write' && op.name.endsWith('.part') && ++writes === 3);
    const dst = await FileSnapshotStore.open(join(dir, 'dst'), { fs });
    const r = dst.beginReceive(120, 4);
    await assert.rejects(
      (async () => {
        for await (const piece of src.source(info, 700).open()) await r.write(piece);
      })(),
      (err: Error & { code?: string }) => err.code === 'STORAGE_IO_ERROR' && /ENOSPC|no space/.test(err.message),
    );
    // The failed write removed its .part itself (SnapshotFileReceiver: any failure removes it).
    assert.deepEqual(await readdir(join(dir, 'dst')), []);
    const again = dst.beginReceive(120, 4);
    for await (const piece of src.source(info, 700).open()) await again.write(piece);
    assert.equal((await again.finish()).entryCount, 500);
    assert.deepEqual(await readdir(join(dir, 'dst')), [info.name]);
  });
});

test('memory store: same bytes as the file store, same corruption detection', async () => {
  await withTempDir(async (dir) => {
    const file = await FileSnapshotStore.open(dir);
    await file.create(meta, records(200));
    const mem = new MemorySnapshotStore(2);
    const w = await mem.create(meta, records(200));
    assert.deepEqual(mem.rawBytes(w.name), await readFile(join(dir, w.name)));
    assert.deepEqual(await collect(mem.records(w)), records(200));
    mem.rawBytes(w.name)![w.bytes - 1]! ^= 1;
    await assert.rejects(mem.verify(w), IntegrityError);
    await assert.rejects(collect(mem.records(w)), IntegrityError);
  });
});

test('a snapshot file that cannot be read (EIO) is a typed storage error (STORAGE_IO_ERROR, exit 1), not an unexpected error; a corrupt one stays exit 7', async () => {
  // Scenario: the disk fails while a node reads its latest snapshot (a restart restoring from it,
  // an install, a push to a follower). Expectation: every read path rejects with a
  // StorageIoError naming the file, as writes do (docs/storage.md "Failures and exit codes").
  await withTempDir(async (dir) => {
    let failReads = false;
    const eio = () => Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    const fs = {
      ...nodeStorageFs,
      async open(path: string, flags: string | number, mode?: number) {
        const h = await nodeStorageFs.open(path, flags, mode);
        return new Proxy(h, {
          get(target, prop, receiver) {
            if (prop === 'read' && failReads) return async () => Promise.reject(eio());
            const v = Reflect.get(target, prop, receiver);
            return typeof v === 'function' ? v.bind(target) : v;
          },
        });
      },
      async readdir(d: string) {
        if (failReads) throw eio();
        return nodeStorageFs.readdir(d);
      },
    } as typeof nodeStorageFs;
    const store = await FileSnapshotStore.open(dir, { fs });
    const info = await store.create(meta, records(100));
    failReads = true;
    const typed = (err: Error & { code?: string }) => err.code === 'STORAGE_IO_ERROR' && err.message.includes(info.name) === true && /EIO/.test(err.message);
    await assert.rejects(store.header(info), typed);
    await assert.rejects(collect(store.records(info)), typed);
    await assert.rejects(store.verify(info), typed);
    await assert.rejects((async () => { for await (const _ of store.bytes(info)) void _; })(), typed);
    await assert.rejects(store.list(), (err: Error & { code?: string }) => err.code === 'STORAGE_IO_ERROR' && /EIO/.test(err.message));
    failReads = false;
    await writeFile(join(dir, info.name), Buffer.from('not a snapshot at all, but long enough to hold a header of eighty bytes or so......'));
    await assert.rejects(store.header(info), IntegrityError);
  });
});

// Reading a snapshot's records (a follower's verify and restore of a snapshot it received, a
// restart's restore, a leader's check of a file a push failed with) let nothing else run on the
// event loop for a whole 1 MiB read: 29,127 records of 8-byte values (12-byte keys) were decoded and handed
// out without a turn; a restore of 200,000 such keys stalled the node 150-490 ms per MiB. Now
// the event loop runs whenever a slice took about 4 ms. Expected: far fewer records than one
// 1 MiB read holds between two turns (at about 1 µs a record, 4 ms is some 4,000).
test('reading records lets the event loop run within a 1 MiB read (a restore of small keys stalled a node 150+ ms per MiB)', async () => {
  await withTempDir(async (dir) => {
    const store = await FileSnapshotStore.open(dir);
    const small: KvRecord[] = [];
    for (let i = 0; i < 80_000; i++) small.push({ key: Buffer.from(`k${String(i).padStart(7, '0')}`), value: Buffer.alloc(8, i), expiresAtUnixMs: 0 });
    const w = await store.create(meta, small);
    assert.ok(w.bytes > 2 * 1024 * 1024, `the body spans several 1 MiB reads (${w.bytes} bytes)`);
    let done = false;
    let sinceTurn = 0;
    let longestRun = 0;
    const turn = (): void => {
      sinceTurn = 0;
      if (!done) setImmediate(turn);
    };
    setImmediate(turn);
    let n = 0;
    try {
      for await (const r of store.records(w)) {
        assert.ok(r.key.equals(small[n]!.key));
        n++;
        sinceTurn++;
        if (sinceTurn > longestRun) longestRun = sinceTurn;
      }
    } finally {
      done = true;
    }
    assert.equal(n, small.length);
    // One 1 MiB read holds 1,048,576 / 32 = 32,768 of these records (8-byte keys and values).
    assert.ok(longestRun < 20_000, `${longestRun} records were read without a turn of the event loop`);
  });
});

test('records split over many small reads decode as from one read (a value larger than the pieces it arrives in)', async () => {
  const { BodyDecoder, encodeBodyRecord } = await import('../../../src/storage/snapshot/snapshot-format.js');
  const input: KvRecord[] = [
    { key: Buffer.from('a'), value: Buffer.alloc(0), expiresAtUnixMs: 0 },
    { key: Buffer.from('b'), value: Buffer.alloc(300_000, 7), expiresAtUnixMs: 5 },
    ...records(300),
  ];
  const body = Buffer.concat(input.map((r) => encodeBodyRecord(r)));
  for (const piece of [1, 7, 4096, 32 * 1024, body.length]) {
    const d = new BodyDecoder();
    const out: KvRecord[] = [];
    for (let off = 0; off < body.length; off += piece) assert.equal(d.push(body.subarray(off, off + piece), out), null);
    assert.deepEqual(out, input, `pieces of ${piece} bytes`);
    assert.equal(d.count, input.length);
    assert.equal(d.bytes, body.length);
  }
  // A body cut inside a record is still reported at the end.
  const d = new BodyDecoder();
  assert.equal(d.push(body.subarray(0, 1000), []), null);
  assert.equal(d.finish({ ...meta, formatVersion: 2, entryCount: 1, bodyLength: 1000, sha256: '', headerBytes: 0 }), 'body ends inside a record');
});
