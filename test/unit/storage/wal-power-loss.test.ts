// Power loss at every file operation of a WAL's life, and of a restart that follows a kill -9
// inside a segment roll: every state POSIX allows afterwards (power-loss-fs.ts: what was fsynced,
// plus any subset of the directory operations since wal/'s last fsync) must open without a
// corruption refusal (wal/HEAD names a segment that exists, at least as long as recorded) and hold
// every acknowledged entry and the acknowledged vote. crash-points.test.ts and wal-head.test.ts
// kill -9, where the page cache keeps everything; this file is about the fsync order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HardState } from '../../../src/storage/log-storage.js';
import { FileWal } from '../../../src/storage/wal/file-wal.js';
import { Crash } from './faulty-fs.js';
import { entries, withTempDir } from './helpers.js';
import { powerLossFs, unsyncedFs, type PowerLossFs } from './power-loss-fs.js';

const SEGMENT = 4096;

/** What the killed process saw acknowledged. */
interface Acked {
  last: number;
  term: number;
  hardState: HardState;
}

function isCrash(err: unknown): boolean {
  return err instanceof Crash || (err as { cause?: unknown } | null)?.cause instanceof Crash;
}

/** Opens every power-loss state of `pl` in a directory of its own and checks it against `acked`. */
async function checkStates(pl: PowerLossFs, acked: Acked, where: string): Promise<number> {
  const states = pl.states();
  for (const state of states) {
    const dir = await mkdtemp(join(tmpdir(), 'raftctl-power-loss-'));
    try {
      for (const [name, bytes] of state.files) await writeFile(join(dir, name), bytes);
      const what = `${where}, power loss keeping [${state.ops}]`;
      let wal: FileWal;
      try {
        wal = await FileWal.open(dir, { fs: unsyncedFs, segmentBytes: SEGMENT });
      } catch (err) {
        assert.fail(`${what}: refused: ${(err as Error).message}`);
      }
      try {
        assert.ok(wal.lastIndex() >= acked.last, `${what}: acknowledged ${acked.last}, recovered ${wal.lastIndex()}`);
        if (acked.last > wal.compactPoint().index) assert.equal(wal.term(acked.last), acked.term, what);
        const hs = wal.hardState();
        assert.ok(hs.term > acked.hardState.term || (hs.term === acked.hardState.term && hs.votedFor === acked.hardState.votedFor), `${what}: acknowledged ${JSON.stringify(acked.hardState)}, recovered ${JSON.stringify(hs)}`);
      } finally {
        await wal.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return states.length;
}

/**
 * Runs `life` once per file operation it makes, the power lost at that operation, until a run
 * completes with no loss, and checks every state each loss can leave against what `life` marked
 * acknowledged. `prepare`, when given, runs first on the same WAL and is never interrupted (its
 * writes are not counted as acknowledged: `life` says what survives it). Returns the crash points
 * and states checked.
 */
async function lossAtEveryOperation(life: (wal: FileWal, acked: Acked) => Promise<void>, prepare?: (wal: FileWal) => Promise<void>): Promise<{ points: number; states: number }> {
  let points = 0;
  let states = 0;
  for (let n = 1; ; n++) {
    const done = await withTempDir(async (dir) => {
      const pl = powerLossFs(dir);
      const acked: Acked = { last: 0, term: 0, hardState: { term: 0, votedFor: 0 } };
      const open = () => FileWal.open(dir, { fs: pl.fs, segmentBytes: SEGMENT });
      let prepared: FileWal | undefined;
      if (prepare) {
        prepared = await open();
        await prepare(prepared);
      }
      pl.killAt(n);
      try {
        const wal = prepared ?? (await open());
        try {
          await life(wal, acked);
        } finally {
          await wal.close().catch(() => undefined);
        }
      } catch (err) {
        if (!isCrash(err)) throw err;
      }
      await pl.exit();
      points++;
      states += await checkStates(pl, acked, `killed at operation ${n}`);
      return !pl.killed();
    });
    if (done) return { points, states };
  }
}

test('power loss at every file operation of a WAL life (first segment, votes, appends over several rolls, compaction deleting segments): every state opens with what was acknowledged', async () => {
  const { points, states } = await lossAtEveryOperation(async (wal, acked) => {
    await wal.setHardState({ term: 3, votedFor: 2 });
    acked.hardState = { term: 3, votedFor: 2 };
    for (let i = 1; i <= 300; i += 10) {
      await wal.append(entries(i, i + 9, 3));
      Object.assign(acked, { last: i + 9, term: 3 });
      if (i === 201) await wal.compact(190, 3);
      if (i === 221) {
        await wal.setHardState({ term: 4, votedFor: 1 });
        acked.hardState = { term: 4, votedFor: 1 };
      }
    }
  });
  assert.ok(points > 50, `${points} crash points, ${states} states`);
});

test('a roll killed -9 at each of its operations, then the restart losing power at each of its own: every state opens with what was acknowledged (HEAD is advanced only over a segment whose rename is durable)', async () => {
  // The first entry of the append that rolls the first segment (the same writes on a plain disk).
  const rollAt = await withTempDir(async (dir) => {
    const wal = await FileWal.open(dir, { fs: unsyncedFs, segmentBytes: SEGMENT });
    await wal.setHardState({ term: 5, votedFor: 3 });
    let i = 1;
    for (; wal.segmentNames().length === 1; i += 10) await wal.append(entries(i, i + 9, 5));
    await wal.close();
    return i - 10;
  });
  let cases = 0;
  for (let k = 1; ; k++) {
    let rolled = false;
    for (let n = 1; ; n++) {
      const restarted = await withTempDir(async (dir) => {
        const pl = powerLossFs(dir);
        const acked: Acked = { last: 0, term: 0, hardState: { term: 0, votedFor: 0 } };
        const wal = await FileWal.open(dir, { fs: pl.fs, segmentBytes: SEGMENT });
        await wal.setHardState({ term: 5, votedFor: 3 });
        acked.hardState = { term: 5, votedFor: 3 };
        for (let i = 1; i < rollAt; i += 10) await wal.append(entries(i, i + 9, 5));
        Object.assign(acked, { last: rollAt - 1, term: 5 });
        assert.equal(wal.segmentNames().length, 1, 'no roll yet');
        // The process is killed at its k-th operation from here: in the append that rolls, or
        // right after it.
        pl.killAt(k);
        try {
          for (let i = rollAt; wal.segmentNames().length === 1; i += 10) {
            await wal.append(entries(i, i + 9, 5));
            Object.assign(acked, { last: i + 9, term: 5 });
          }
          rolled = true;
        } catch (err) {
          if (!isCrash(err)) throw err;
        }
        await wal.close().catch(() => undefined);
        await pl.exit();
        // The restart, on the same page cache, loses power at its n-th operation.
        pl.killAt(n);
        try {
          const again = await FileWal.open(dir, { fs: pl.fs, segmentBytes: SEGMENT });
          await again.close();
        } catch (err) {
          if (!isCrash(err)) throw err;
        }
        await pl.exit();
        cases += await checkStates(pl, acked, `roll killed at operation ${k}, restart at ${n}`);
        return !pl.killed();
      });
      if (restarted) break;
    }
    if (rolled) break;
  }
  assert.ok(cases > 100, `${cases} states`);
});

test('power loss at every file operation of a roll after a truncation below the tail’s name (its TRUNCATE carry record), a compaction deleting every older segment, and the appends after: every state opens with what was acknowledged', async () => {
  const { points, states } = await lossAtEveryOperation(
    async (wal, acked) => {
      // A new leader's log disagrees from index 6 on: the log ends below the tail's name.
      await wal.truncateSuffix(6);
      Object.assign(acked, { last: 5, term: 2 });
      let term = 3;
      const before = wal.segmentNames().length;
      while (wal.segmentNames().length === before) {
        await wal.setHardState({ term, votedFor: 1 });
        acked.hardState = { term: term++, votedFor: 1 };
      }
      await wal.compact(5, 2);
      for (let i = 6; i <= 100; i += 5) {
        await wal.append(entries(i, i + 4, term - 1));
        Object.assign(acked, { last: i + 4, term: term - 1 });
      }
    },
    async (wal) => {
      await wal.setHardState({ term: 2, votedFor: 1 });
      for (let i = 1; i <= 300; i += 10) await wal.append(entries(i, i + 9, 2));
    },
  );
  assert.ok(points > 20, `${points} crash points, ${states} states`);
});
