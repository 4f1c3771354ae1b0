// Crash consistency: whatever prefix of the last segment reached the disk (the rest zeros or
// garbage), recovery yields exactly the state after some prefix of the writes — never a mix,
// never an error. Seeded; SEED=<n> replays one seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogStorage, LogWrite } from '../../../src/storage/log-storage.js';
import { MemoryLogStorage } from '../../../src/storage/memory/memory-log-storage.js';
import { readRecordAt } from '../../../src/storage/wal/record.js';
import { FileWal } from '../../../src/storage/wal/file-wal.js';
import { mulberry32 } from '../../../src/core/index.js';
import { withTempDir } from './helpers.js';


function view(log: LogStorage) {
  return { compact: log.compactPoint(), hardState: log.hardState(), entries: log.entries(0, Infinity).map((e) => [e.index, e.term]) };
}

function endOfRecords(buf: Buffer): number {
  let off = 0;
  for (;;) {
    const r = readRecordAt(buf, off, buf.length);
    if (!r.ok) return off;
    off = r.next;
  }
}

test('a torn last segment recovers to the state after a prefix of the writes', async () => {
  const seeds = process.env.SEED ? [Number(process.env.SEED)] : Array.from({ length: 15 }, (_, i) => 7000 + i);
  for (const seed of seeds) {
    await withTempDir(async (dir) => {
      const rnd = mulberry32(seed);
      const int = (n: number) => Math.floor(rnd() * n);
      const wal = await FileWal.open(dir, { segmentBytes: 1024 * 1024 });
      const model = new MemoryLogStorage();
      const states = [{ end: 0, view: view(model) }];
      const segName = (await readdir(dir)).find((n) => n.endsWith('.wal'))!;
      let term = 1;
      for (let step = 0; step < 60; step++) {
        // One kind of change per write, so every record boundary is a state of the model.
        let w: LogWrite;
        const op = int(10);
        if (op === 0 && model.lastIndex() > model.compactPoint().index + 1) {
          w = { truncateFrom: model.lastIndex() - int(2) };
        } else if (op === 1 && model.lastIndex() > model.compactPoint().index) {
          const at = model.compactPoint().index + 1 + int(model.lastIndex() - model.compactPoint().index);
          w = { compact: { index: at, term: model.term(at)! } };
        } else if (op === 2) {
          w = { hardState: { term: ++term, votedFor: int(3) } };
        } else {
          const first = model.lastIndex() + 1;
          w = { entries: Array.from({ length: 1 + int(5) }, (_, i) => ({ index: first + i, term, payload: { type: 'command' as const, data: Buffer.alloc(1 + int(200), step) } })) };
        }
        await model.write(w);
        await wal.write(w);
        states.push({ end: endOfRecords(await readFile(join(dir, segName))), view: view(model) });
      }
      await wal.close();
      const path = join(dir, segName);
      const full = await readFile(path);
      const cut = int(states.at(-1)!.end + 1);
      const torn = Buffer.from(full);
      torn.fill(0, cut);
      if (rnd() < 0.5) Buffer.from('garbage!').copy(torn, cut); // a partially written, garbled record
      await writeFile(path, torn);
      const expected = [...states].reverse().find((s) => s.end <= cut)!;
      const again = await FileWal.open(dir, { segmentBytes: 1024 * 1024 });
      assert.deepEqual(view(again), expected.view, `seed ${seed}: cut at ${cut}`);
      await again.close();
    });
  }
});
