/**
 * `npm run bench:transport`: raftctl's transport beside a bare grpc-js baseline on loopback.
 *
 * Every figure is measured for `ours` (GrpcTransport, with its queues, retry wrapper, channel
 * pool and status mapping; server = raftctl's GrpcServer adapter) and for `bare` (a grpc-js
 * Client calling the same method paths with the same generated messages; server = a plain
 * grpc-js Server with trivial handlers). Servers run in a child process. Rounds alternate
 * ours/bare, ROUNDS each after one unrecorded warm-up round of both; the report gives the median and range of each and the ratio of
 * medians (bare/ours for throughput: 1.0 = parity, 1.2 = ours 20% slower).
 *
 * Also: `raftctl --version` cold start beside a bare oclif CLI, and `raftctl leader discover`
 * end to end against a local server.
 *
 * Options: --quick (shorter runs, for a smoke check), --only NAME[,NAME].
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { Client, credentials, type ClientDuplexStream } from '@grpc/grpc-js';
import { GrpcTransport } from '../src/transport/grpc-transport.js';
import type { AppendEntriesRequest, AppendEntriesResponse, SnapshotChunk } from '../src/transport/messages.js';
import { ReplicationService, SnapshotService } from '../src/transport/services.js';
import type { Membership } from '../src/transport/types.js';
import { parseScriptArgs } from '../scripts/script-args.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Every name `--only` takes (the scenarios of {@link scenarios}, then the two end-to-end measurements). */
const NAMES = ['unary-1', 'unary-64', 'stream-batch-1', 'stream-batch-100', 'snapshot-push', 'cold-start', 'leader-discover'];
const USAGE = `usage: npm run bench:transport -- [--quick] [--only NAME[,NAME...]]
  --quick        shorter runs, for a smoke check
  --only NAMES   only these measurements: ${NAMES.join(', ')}`;
const args = parseScriptArgs(USAGE, { quick: { type: 'boolean' }, only: { type: 'string' } });
const QUICK = args.quick === true;
const ONLY = typeof args.only === 'string' ? new Set(args.only.split(',').map((n) => n.trim())) : undefined;
const unknownNames = [...(ONLY ?? [])].filter((n) => !NAMES.includes(n));
if (unknownNames.length > 0) {
  process.stderr.write(`error: --only: unknown ${unknownNames.join(', ')}\n${USAGE}\n`);
  process.exit(2);
}
const ROUNDS = 3;
const RUN_MS = QUICK ? 400 : 2000;
const SNAPSHOT_BYTES = (QUICK ? 8 : 64) * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const COMMAND = new Uint8Array(256).fill(7);
const RETRY = { maxAttempts: 1, timeoutMs: 5000, baseDelayMs: 50, maxDelayMs: 1000, jitter: 0 };

interface ServerHandle {
  addresses: string[];
  stop(): Promise<void>;
}

async function startServer(mode: 'ours' | 'bare', ports: number): Promise<ServerHandle> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'dist/bench/transport-server.js'), mode, String(ports)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((res, rej) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) res(buf.slice(0, nl));
    });
    child.once('exit', (code) => rej(new Error(`server exited with ${code}`)));
  });
  const addresses = line.replace(/^listening on /, '').split(',');
  return {
    addresses,
    stop: () =>
      new Promise<void>((res) => {
        child.once('exit', () => res());
        child.stdin!.end();
        setTimeout(() => child.kill('SIGKILL'), 2000).unref();
      }),
  };
}

function appendRequest(prevLogIndex: number, batch: number): AppendEntriesRequest {
  const entries = [];
  for (let i = 1; i <= batch; i++) entries.push({ index: prevLogIndex + i, term: 1, payload: { command: COMMAND } });
  return { term: 1, leaderId: 1, prevLogIndex, prevLogTerm: 1, entries, leaderCommitIndex: prevLogIndex };
}

function membershipOf(addresses: string[]): Membership {
  return { selfId: 1, members: [{ id: 1, address: '127.0.0.1:1', role: 'voter' }, ...addresses.map((address, i) => ({ id: i + 2, address, role: 'voter' as const }))] };
}

function bareUnary(client: Client, req: AppendEntriesRequest): Promise<AppendEntriesResponse> {
  const m = ReplicationService.AppendEntries;
  return new Promise((res, rej) =>
    client.makeUnaryRequest(m.path, m.requestSerialize, m.responseDeserialize, req, { deadline: Date.now() + 5000 }, (err, v) => (err ? rej(err) : res(v!))),
  );
}

/** Runs `loops` concurrent closed loops for RUN_MS; returns completed operations per second. */
async function closedLoops(loops: number, op: (loop: number, i: number) => Promise<unknown>): Promise<number> {
  let done = 0;
  const end = performance.now() + RUN_MS;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      for (let i = 0; performance.now() < end; i++) {
        await op(loop, i);
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

type Measure = (server: ServerHandle) => Promise<number>;

interface Scenario {
  name: string;
  unit: string;
  ports: number;
  /** Higher is better (throughput) when true. */
  higherIsBetter: boolean;
  ours: Measure;
  bare: Measure;
}

async function streamOurs(server: ServerHandle, batch: number): Promise<number> {
  const transport = new GrpcTransport({ selfId: 1 });
  try {
    const stream = await transport.openReplicationStream(2, membershipOf(server.addresses), false);
    let entries = 0;
    const end = performance.now() + RUN_MS;
    const start = performance.now();
    const pending: Promise<unknown>[] = [];
    for (let prev = 0; performance.now() < end; prev += batch) {
      pending.push(stream.send(appendRequest(prev, batch)).then(() => (entries += batch)));
      if (pending.length >= 128) await pending.shift();
    }
    await Promise.all(pending);
    stream.close();
    return entries / ((performance.now() - start) / 1000);
  } finally {
    transport.close();
  }
}

async function streamBare(server: ServerHandle, batch: number): Promise<number> {
  const client = new Client(server.addresses[0]!, credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 });
  const m = ReplicationService.StreamAppendEntries;
  const call: ClientDuplexStream<AppendEntriesRequest, AppendEntriesResponse> = client.makeBidiStreamRequest(m.path, m.requestSerialize, m.responseDeserialize);
  let answered = 0;
  let waiter: (() => void) | undefined;
  call.on('data', () => {
    answered++;
    waiter?.();
  });
  const end = performance.now() + RUN_MS;
  const start = performance.now();
  let sent = 0;
  for (let prev = 0; performance.now() < end; prev += batch) {
    while (sent - answered >= 128) await new Promise<void>((r) => (waiter = r));
    if (!call.write(appendRequest(prev, batch))) await new Promise((r) => call.once('drain', r));
    sent++;
  }
  while (answered < sent) await new Promise<void>((r) => (waiter = r));
  const rate = (answered * batch) / ((performance.now() - start) / 1000);
  call.on('error', () => undefined);
  await new Promise<void>((r) => {
    call.once('status', () => r());
    call.end();
  });
  client.close();
  return rate;
}

function snapshotPayload(): Uint8Array {
  const data = new Uint8Array(SNAPSHOT_BYTES);
  for (let i = 0; i < data.length; i += 4096) data[i] = i & 0xff;
  return data;
}

async function snapshotOurs(server: ServerHandle, payload: Uint8Array, sha256: Uint8Array): Promise<number> {
  const transport = new GrpcTransport({ selfId: 1 });
  try {
    const start = performance.now();
    await transport.sendSnapshot(
      2,
      { lastIncludedIndex: 100, lastIncludedTerm: 1 },
      {
        size: payload.length,
        sha256,
        async *open() {
          for (let off = 0; off < payload.length; off += CHUNK_BYTES) yield payload.subarray(off, off + CHUNK_BYTES);
        },
      },
      membershipOf(server.addresses),
      { leaderTerm: 1, leaderId: 1, chunkBytes: CHUNK_BYTES },
    );
    return payload.length / 1e6 / ((performance.now() - start) / 1000);
  } finally {
    transport.close();
  }
}

async function snapshotBare(server: ServerHandle, payload: Uint8Array, sha256: Uint8Array): Promise<number> {
  const client = new Client(server.addresses[0]!, credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1, 'grpc.max_send_message_length': 8 * 1024 * 1024 });
  const m = SnapshotService.InstallSnapshot;
  const start = performance.now();
  await new Promise<void>((res, rej) => {
    const call = client.makeClientStreamRequest(m.path, m.requestSerialize, m.responseDeserialize, { deadline: Date.now() + 120_000 }, (err) => (err ? rej(err) : res()));
    const total = Math.ceil(payload.length / CHUNK_BYTES);
    void (async () => {
      for (let seq = 0; seq < total; seq++) {
        const data = payload.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES);
        const sum = new Uint8Array(4);
        new DataView(sum.buffer).setUint32(0, crc32(data));
        const chunk: SnapshotChunk = { leaderTerm: 1, leaderId: 1, seq, totalChunks: total, chunkChecksum: sum, data, ...(seq === 0 ? { metadata: { lastIncluded: { term: 1, index: 100 }, checksum: sha256 } } : {}) };
        if (!call.write(chunk)) await new Promise((r) => call.once('drain', r));
      }
      call.end();
    })();
  });
  client.close();
  return payload.length / 1e6 / ((performance.now() - start) / 1000);
}

/**
 * One 64 MiB push takes about a quarter of a second here, too short for a stable figure under
 * load: each round makes PUSHES_PER_ROUND pushes one after another and reports their harmonic
 * mean rate (total bytes / total time).
 */
const PUSHES_PER_ROUND = QUICK ? 1 : 4;
async function repeatedPushes(push: () => Promise<number>): Promise<number> {
  let seconds = 0;
  for (let i = 0; i < PUSHES_PER_ROUND; i++) seconds += SNAPSHOT_BYTES / 1e6 / (await push());
  return (PUSHES_PER_ROUND * SNAPSHOT_BYTES) / 1e6 / seconds;
}

function scenarios(): Scenario[] {
  const payload = snapshotPayload();
  const sha256 = createHash('sha256').update(payload).digest();
  const req = appendRequest(0, 0);
  return [
    {
      name: 'unary-1',
      unit: 'calls/s',
      ports: 1,
      higherIsBetter: true,
      ours: async (s) => {
        const t = new GrpcTransport({ selfId: 1 });
        const m = membershipOf(s.addresses);
        try {
          return await closedLoops(1, () => t.sendAppendRequest(2, req, RETRY, m, false));
        } finally {
          t.close();
        }
      },
      bare: async (s) => {
        const c = new Client(s.addresses[0]!, credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 });
        try {
          return await closedLoops(1, () => bareUnary(c, req));
        } finally {
          c.close();
        }
      },
    },
    {
      name: 'unary-64',
      unit: 'calls/s',
      ports: 64,
      higherIsBetter: true,
      ours: async (s) => {
        const t = new GrpcTransport({ selfId: 1 });
        const m = membershipOf(s.addresses);
        try {
          return await closedLoops(64, (loop) => t.sendAppendRequest(loop + 2, req, RETRY, m, false));
        } finally {
          t.close();
        }
      },
      bare: async (s) => {
        const cs = s.addresses.map((a) => new Client(a, credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 }));
        try {
          return await closedLoops(64, (loop) => bareUnary(cs[loop]!, req));
        } finally {
          for (const c of cs) c.close();
        }
      },
    },
    { name: 'stream-batch-1', unit: 'entries/s', ports: 1, higherIsBetter: true, ours: (s) => streamOurs(s, 1), bare: (s) => streamBare(s, 1) },
    { name: 'stream-batch-100', unit: 'entries/s', ports: 1, higherIsBetter: true, ours: (s) => streamOurs(s, 100), bare: (s) => streamBare(s, 100) },
    { name: 'snapshot-push', unit: 'MB/s', ports: 1, higherIsBetter: true, ours: (s) => repeatedPushes(() => snapshotOurs(s, payload, sha256)), bare: (s) => repeatedPushes(() => snapshotBare(s, payload, sha256)) },
  ];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number): string => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2));

async function runScenario(sc: Scenario): Promise<void> {
  const results = { ours: [] as number[], bare: [] as number[] };
  // Round 0 is a warm-up of both sides (not recorded): the client process's JIT, shared by both,
  // would otherwise be cold only for whichever side runs first.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const mode of ['ours', 'bare'] as const) {
      const server = await startServer(mode, sc.ports);
      try {
        const figure = await sc[mode](server);
        if (round > 0) results[mode].push(figure);
      } finally {
        await server.stop();
      }
    }
  }
  const o = median(results.ours);
  const b = median(results.bare);
  const ratio = sc.higherIsBetter ? b / o : o / b;
  const range = (xs: number[]): string => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
  console.log(`${sc.name.padEnd(18)} ours ${fmt(o).padStart(10)} ${sc.unit} [${range(results.ours)}]  bare ${fmt(b).padStart(10)} [${range(results.bare)}]  ratio ${ratio.toFixed(2)}x`);
}

/** Median wall time in ms of `runs` spawns of a command. */
function timeCommand(argv: string[], runs: number, env: NodeJS.ProcessEnv = process.env): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(argv[0]!, argv.slice(1), { env, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return times;
}

/** A minimal oclif CLI (one command, same @oclif/core) in a temp dir, for the cold-start baseline. */
function makeBareOclif(): { dir: string; bin: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bare-oclif-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'commands'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bare', version: '1.0.0', type: 'module', oclif: { bin: 'bare', commands: './commands', topicSeparator: ' ', plugins: ['@oclif/plugin-help'] } }));
  writeFileSync(join(dir, 'bin/run.js'), "import { execute } from '@oclif/core';\nawait execute({ dir: import.meta.url });\n");
  writeFileSync(join(dir, 'commands/hello.js'), "import { Command } from '@oclif/core';\nexport default class Hello extends Command { async run() { this.log('hi'); } }\n");
  return { dir, bin: join(dir, 'bin/run.js') };
}

async function coldStart(): Promise<void> {
  const bare = makeBareOclif();
  try {
    const runs = QUICK ? 3 : 10;
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(...timeCommand([process.execPath, join(root, 'bin/run.js'), '--version'], 1));
      base.push(...timeCommand([process.execPath, bare.bin, '--version'], 1));
    }
    const o = median(ours);
    const b = median(base);
    console.log(`${'cold-start'.padEnd(18)} ours ${o.toFixed(0).padStart(10)} ms [${Math.min(...ours).toFixed(0)}–${Math.max(...ours).toFixed(0)}]  bare oclif ${b.toFixed(0).padStart(6)} ms  ratio ${(o / b).toFixed(2)}x`);
  } finally {
    rmSync(bare.dir, { recursive: true, force: true });
  }
}

async function leaderDiscoverE2e(): Promise<void> {
  const server = await startServer('ours', 1);
  try {
    const runs = QUICK ? 3 : 10;
    const times = timeCommand([process.execPath, join(root, 'bin/run.js'), 'leader', 'discover', '-e', server.addresses[0]!, '--json'], runs);
    console.log(`${'leader-discover'.padEnd(18)} median ${median(times).toFixed(0)} ms [${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}] end to end (process spawn included), goal < 250 ms`);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  console.log(`bench:transport — node ${process.version}, ${ROUNDS} alternating rounds after a warm-up round, ${RUN_MS} ms per throughput run, snapshot ${SNAPSHOT_BYTES / 1024 / 1024} MiB`);
  console.log('ratio = bare/ours for throughput (1.00 = parity; goal ≤ 1.20)');
  for (const sc of scenarios()) if (!ONLY || ONLY.has(sc.name)) await runScenario(sc);
  if (!ONLY || ONLY.has('cold-start')) await coldStart();
  if (!ONLY || ONLY.has('leader-discover')) await leaderDiscoverE2e();
}

await main();
