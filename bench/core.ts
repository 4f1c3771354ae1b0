/**
 * `npm run bench:core`: how fast the pure Raft core commits, with no IO at all.
 *
 * Three RaftCores are wired by a bare in-memory pump: every Ready is "persisted" at once,
 * its messages are stepped into the target core, then it is advanced. No faults, no checkers.
 * Throughput: the leader proposes a batch of B commands (16-byte payloads), the pump runs
 * until the batch is committed on the leader, repeated for ~1 s; entries/s = committed / s.
 * Heap: heap growth between forced GCs (`--expose-gc`), per committed entry, (a) with the
 * whole log retained in memory and (b) with every core compacting behind a snapshot every
 * 10,000 applied entries, as the runtime does. In the heap runs the pump copies each entry
 * (and its payload bytes) when it crosses to a follower, as a decoder would, so every core
 * holds its own copy.
 */
import { RaftCore, initialState, type Configuration, type Entry, type Inbound, type Outbound } from '../src/core/index.js';

const VOTERS = [1, 2, 3];
const CONFIG: Configuration = { voters: VOTERS, votersOutgoing: [], learners: [], addresses: { 1: 'a:1', 2: 'b:1', 3: 'c:1' } };

class Pump {
  readonly cores = new Map<number, RaftCore>();
  readonly queue: Inbound[] = [];
  committed = 0;
  leaderId = 0;
  constructor(
    readonly copyEntries: boolean,
    readonly compactEvery: number,
  ) {
    let seed = 7;
    const random = { nextInt: (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n) };
    for (const id of VOTERS) this.cores.set(id, new RaftCore({ id, random }, initialState(CONFIG)));
  }

  send(m: Outbound): void {
    if (this.copyEntries && m.type === 'Append' && m.entries.length > 0) {
      this.queue.push({ ...m, entries: m.entries.map(copyEntry) });
    } else {
      this.queue.push(m);
    }
  }

  /** Runs Readies and deliveries until nothing is left to do. */
  run(): void {
    for (;;) {
      let worked = false;
      for (const [id, c] of this.cores) {
        while (c.hasReady()) {
          worked = true;
          const rd = c.ready();
          for (const m of rd.messages) this.send(m);
          for (const m of rd.messagesAfterPersist) this.send(m);
          if (id === this.leaderId) this.committed += rd.committedEntries.length;
          c.advance(rd);
          if (this.compactEvery > 0) {
            const s = c.status();
            if (s.appliedIndex - s.snapshotIndex >= this.compactEvery) c.compact(s.appliedIndex);
          }
        }
      }
      if (this.queue.length > 0) {
        worked = true;
        const q = this.queue.splice(0);
        for (const m of q) this.cores.get(m.to)!.step(m);
      }
      if (!worked) return;
    }
  }

  elect(): RaftCore {
    for (let i = 0; i < 100; i++) {
      for (const c of this.cores.values()) c.tick(i);
      this.run();
      for (const [id, c] of this.cores) {
        if (c.status().role === 'leader') {
          this.leaderId = id;
          this.run();
          return c;
        }
      }
    }
    throw new Error('no leader');
  }
}

function copyEntry(e: Entry): Entry {
  return e.payload.type === 'command' ? { index: e.index, term: e.term, payload: { type: 'command', data: e.payload.data.slice() } } : { ...e };
}

function payload(i: number): Uint8Array {
  const b = new Uint8Array(16);
  new DataView(b.buffer).setUint32(0, i);
  return b;
}

/** Entries/s committed on the leader with batches of `batch` proposals, for about `ms` ms. */
function throughput(batch: number, ms: number): number {
  const p = new Pump(false, 10_000);
  const leader = p.elect();
  p.committed = 0;
  const data = payload(1);
  const t0 = performance.now();
  let t = t0;
  let n = 0;
  while (t - t0 < ms) {
    for (let i = 0; i < batch; i++) leader.propose(data);
    p.run();
    n++;
    if ((n & 15) === 0) t = performance.now();
  }
  t = performance.now();
  return (p.committed / (t - t0)) * 1000;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with node --expose-gc (npm run bench:core does)');
  g();
  g();
}

/** Heap bytes per committed entry over `entries` entries in batches of 100. */
function heapPerEntry(entries: number, compactEvery: number): number {
  const p = new Pump(true, compactEvery);
  const leader = p.elect();
  for (let i = 0; i < 100; i++) leader.propose(payload(i));
  p.run();
  gc();
  const before = process.memoryUsage().heapUsed;
  const start = p.committed;
  for (let i = 0; p.committed - start < entries; i++) {
    for (let k = 0; k < 100; k++) leader.propose(payload(i * 100 + k));
    p.run();
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  const n = p.committed - start;
  if (leader.status().commitIndex < n) throw new Error('not committed');
  return (after - before) / n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
throughput(100, 300); // warm-up
const b1 = median([throughput(1, 1000), throughput(1, 1000), throughput(1, 1000)]);
const b100 = median([throughput(100, 1000), throughput(100, 1000), throughput(100, 1000)]);
const retained = heapPerEntry(200_000, 0);
const compacted = heapPerEntry(200_000, 10_000);
process.stdout.write(
  [
    `raft core, 3 voters, bare in-memory pump, 16-byte commands, node ${process.version}`,
    `batch of 1:   ${fmt(b1)} entries/s committed (median of 3 x 1 s)`,
    `batch of 100: ${fmt(b100)} entries/s committed (median of 3 x 1 s)`,
    `heap, whole log retained:          ${fmt(retained)} bytes per committed entry (3 copies, one per core; 200,000 entries)`,
    `heap, compacting every 10,000:     ${compacted.toFixed(1)} bytes per committed entry (200,000 entries)`,
    '',
  ].join('\n'),
);
