// Property tests of the snapshot body decoder (snapshot-format.ts BodyDecoder) under every way
// a body can arrive in pieces: readSnapshotRecords (snapshot-file.ts) feeds it 32 KiB slices of
// 1 MiB reads, so a record may be split anywhere (inside its key length, key, value length,
// value or expiry), span many pieces, or end exactly at a piece boundary; a piece may be empty.
// Expected: the records, the final check and any corruption found are the same as when the body
// is decoded in one piece.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { BodyDecoder, encodeBodyRecord, type SnapshotHeader, type SnapshotMeta } from '../../../src/storage/snapshot/snapshot-format.js';
import { FileSnapshotStore } from '../../../src/storage/snapshot/snapshot-store.js';
import type { KvRecord } from '../../../src/state-machine/types.js';
import { SeededRandom } from '../../harness/random.js';
import { withTempDir } from './helpers.js';

const meta: SnapshotMeta = { index: 50, term: 3, configuration: { voters: [1, 2, 3], votersOutgoing: [], learners: [], addresses: {} }, configIndex: 1 };

/** Records in strictly increasing key order: an empty key first at times, empty values often, a large value now and then. */
function randomRecords(rng: SeededRandom, n: number, maxValue: number): KvRecord[] {
  const keys = new Map<string, Buffer>();
  if (rng.chance(0.3)) keys.set('', Buffer.alloc(0));
  while (keys.size < n) {
    const k = Buffer.alloc(rng.between(1, 12));
    for (let i = 0; i < k.length; i++) k[i] = rng.nextInt(256);
    keys.set(k.toString('latin1'), k);
  }
  return [...keys.values()]
    .sort(Buffer.compare)
    .map((key) => {
      const kind = rng.nextInt(10);
      const vl = kind < 3 ? 0 : kind < 9 ? rng.between(1, 40) : rng.between(41, maxValue);
      const value = Buffer.alloc(vl);
      for (let i = 0; i < vl; i++) value[i] = rng.nextInt(256);
      const expiresAtUnixMs = rng.chance(0.3) ? rng.between(1, 2 ** 31) * 2 ** 21 + rng.nextInt(2 ** 21) : 0;
      return { key, value, expiresAtUnixMs };
    });
}

function headerOf(body: Buffer, entryCount: number): SnapshotHeader {
  return { ...meta, formatVersion: 2, entryCount, bodyLength: body.length, sha256: createHash('sha256').update(body).digest('hex'), headerBytes: 0 };
}

/** What decoding `body` cut at `cuts` (ascending offsets) gives: the records, the first error (from a push or the final check). */
function decode(body: Buffer, cuts: readonly number[], header: SnapshotHeader): { records: KvRecord[]; error: string | null } {
  const d = new BodyDecoder();
  const records: KvRecord[] = [];
  let from = 0;
  for (const to of [...cuts, body.length]) {
    const bad = d.push(body.subarray(from, to), records);
    if (bad) return { records, error: bad };
    from = to;
  }
  return { records, error: d.finish(header) };
}

/** Ascending cut points for `len` bytes: mostly tiny pieces (0 to 20 bytes), some large; repeats give empty pieces. */
function randomCuts(rng: SeededRandom, len: number): number[] {
  const cuts: number[] = [];
  for (let at = 0; ; ) {
    at += rng.chance(0.8) ? rng.between(0, 20) : rng.between(21, 5000);
    if (at >= len) return cuts;
    cuts.push(at);
  }
}

test('any split of a body into pieces decodes to the same records as the whole (random bodies, random splits)', () => {
  const rng = new SeededRandom(0x5eed5);
  for (let round = 0; round < 150; round++) {
    const input = randomRecords(rng, rng.between(0, 60), 3000);
    const body = Buffer.concat(input.map((r) => encodeBodyRecord(r)));
    const header = headerOf(body, input.length);
    for (let s = 0; s < 10; s++) {
      const cuts = randomCuts(rng, body.length);
      const got = decode(body, cuts, header);
      assert.equal(got.error, null, `round ${round}, cuts ${cuts.join(',')}`);
      assert.deepEqual(got.records, input, `round ${round}, cuts ${cuts.join(',')}`);
    }
  }
});

test('every cut into two and three pieces of a small body decodes as the whole (each field split at each byte, records ending at a boundary, the last piece)', () => {
  const rng = new SeededRandom(77);
  // An empty key with an empty value, records of every field size up to a few bytes.
  const input: KvRecord[] = [
    { key: Buffer.alloc(0), value: Buffer.alloc(0), expiresAtUnixMs: 0 },
    { key: Buffer.from('a'), value: Buffer.alloc(0), expiresAtUnixMs: 2 ** 53 - 1 },
    { key: Buffer.from('ab'), value: Buffer.from([0xff]), expiresAtUnixMs: 1 },
    { key: Buffer.from('b'), value: Buffer.alloc(37, 9), expiresAtUnixMs: 0 },
    ...randomRecords(rng, 4, 30).map((r) => ({ ...r, key: Buffer.concat([Buffer.from('c'), r.key]) })),
  ];
  const body = Buffer.concat(input.map((r) => encodeBodyRecord(r)));
  const header = headerOf(body, input.length);
  for (let i = 0; i <= body.length; i++) {
    for (let j = i; j <= body.length; j++) {
      const got = decode(body, [i, j], header);
      assert.equal(got.error, null, `cuts ${i},${j}`);
      assert.deepEqual(got.records, input, `cuts ${i},${j}`);
    }
  }
});

test('a corrupt or cut body is reported the same however it is split (length out of range, keys out of order, expiry too large, cut inside a record)', () => {
  const rng = new SeededRandom(4242);
  for (let round = 0; round < 200; round++) {
    const input = randomRecords(rng, rng.between(2, 30), 200);
    const good = Buffer.concat(input.map((r) => encodeBodyRecord(r)));
    const body = Buffer.from(good);
    const starts: number[] = [];
    for (let off = 0, i = 0; i < input.length; off += 16 + input[i]!.key.length + input[i]!.value.length, i++) starts.push(off);
    const victim = rng.nextInt(input.length);
    const at = starts[victim]!;
    const kl = input[victim]!.key.length;
    const vl = input[victim]!.value.length;
    let cut = body;
    switch (round % 5) {
      case 0:
        body.writeUInt32BE(0xffff_fff0, at); // key length out of range
        break;
      case 1:
        body.writeUInt32BE(0xffff_fff0, at + 4 + kl); // value length out of range
        break;
      case 2:
        body[at + 8 + kl + vl] = 0xff; // expiry above 2^53-1
        break;
      case 3: {
        // Two neighbours swapped: keys out of order.
        const v = Math.max(1, victim);
        const swapped = input.map((r) => encodeBodyRecord(r));
        [swapped[v - 1], swapped[v]] = [swapped[v]!, swapped[v - 1]!];
        cut = Buffer.concat(swapped);
        break;
      }
      default:
        cut = body.subarray(0, rng.between(0, body.length - 1)); // the file ends early
        break;
    }
    const header = headerOf(good, input.length);
    const whole = decode(cut, [], header);
    assert.notEqual(whole.error, null, `round ${round}: the damage must be found`);
    for (let s = 0; s < 8; s++) {
      const cuts = randomCuts(rng, cut.length);
      const got = decode(cut, cuts, header);
      assert.equal(got.error, whole.error, `round ${round}, cuts ${cuts.join(',')}`);
      assert.deepEqual(got.records, whole.records.slice(0, got.records.length), `round ${round}: records before the damage`);
    }
  }
});

test('a snapshot file whose records straddle, or end exactly at, the reader\'s 32 KiB and 1 MiB boundaries reads back whole', async () => {
  await withTempDir(async (dir) => {
    const store = await FileSnapshotStore.open(dir);
    const rng = new SeededRandom(9);
    /** Records of the given total sizes (16 + key + value bytes each, keys of 8 bytes), keys in order. */
    const sized = (sizes: number[]): KvRecord[] => sizes.map((size, i) => ({ key: Buffer.from(`k${String(i).padStart(7, '0')}`), value: Buffer.alloc(size - 24, i), expiresAtUnixMs: i }));
    const PIECE = 32 * 1024;
    const cases: Array<[string, KvRecord[]]> = [
      // Every record one piece: each ends exactly where a decode piece (and every 32nd, a read) ends.
      ['exact', sized(Array(70).fill(PIECE))],
      // One byte more: the split point walks through every field over the file.
      ['plus one', sized(Array(70).fill(PIECE + 1))],
      // Records of about three pieces each: every read boundary falls inside one gathered from
      // several pieces, the first of them from the read before.
      ['larger than pieces', sized(Array.from({ length: 30 }, (_, i) => 3 * PIECE + 1000 + 37 * i))],
      // A read's last piece starts at a record boundary and ends inside a record of 100 bytes:
      // what is left of it must outlive the next read into the same buffer.
      ['remainder across reads', sized([...Array(31).fill(PIECE), ...Array(700).fill(100), ...Array(40).fill(PIECE)])],
      // Random small records: most pieces start and end inside one.
      ['random small', randomRecords(rng, 25_000, 2000)],
      // Random sizes, values larger than a piece.
      ['random large', randomRecords(rng, 600, 100_000)],
    ];
    for (const [name, input] of cases) {
      const w = await store.create({ ...meta, index: meta.index + cases.findIndex((c) => c[0] === name) }, input);
      assert.ok(w.bytes > 2 * 1024 * 1024, `${name}: the body spans several 1 MiB reads (${w.bytes} bytes)`);
      const out: KvRecord[] = [];
      for await (const r of store.records(w)) out.push(r);
      assert.equal(out.length, input.length, name);
      const first = out.findIndex((r, i) => !r.key.equals(input[i]!.key) || !r.value.equals(input[i]!.value) || r.expiresAtUnixMs !== input[i]!.expiresAtUnixMs);
      assert.equal(first, -1, `${name}: record ${first} differs`);
    }
  });
});
