/**
 * `node start` against damaged or contested data directories (STORAGE.md "Rules"), with real
 * processes started through the CLI:
 * - a torn last WAL record (a crash mid-write) is truncated and the node restarts with every
 *   acknowledged write;
 * - a corrupted record followed by valid ones is refused with exit 7, naming file and offset;
 * - a deleted newest WAL segment is refused with exit 7, naming it (wal/HEAD);
 * - a second process on the same data directory is refused (exit 2);
 * - re-bootstrapping a directory that holds another configuration is refused (exit 2);
 * - a bootstrap that cannot listen leaves nothing behind, so it can be retried.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { openNodeStorage } from '../../../src/storage/node-storage.js';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import { applyDamage, buildDataDir, copyDataDir, describeDamage, recordStarts, type Damage } from '../../unit/storage/damaged-dir.js';
import { freePorts, killAll, removeDir, runCli, startNode, tempDir, waitFor, type NodeProcess } from '../../harness/node-process.js';

const ELECTION_MS = 300;
const TIMING = { heartbeatInterval: '30ms', electionTimeout: `${ELECTION_MS}ms` } as const;
const client = new EndpointClient();
const o = { deadlineMs: 2000 };
const dirs: string[] = [];

after(async () => {
  client.close();
  await killAll();
  for (const d of dirs) removeDir(d);
});

function freshDir(): string {
  const d = tempDir('raftctl-datadir-');
  dirs.push(d);
  return join(d, 'n1');
}

async function leaderReady(p: NodeProcess): Promise<void> {
  await waitFor('leader', async () => ((await client.getClusterMetadata(p.address, { deadlineMs: 300 })).currentLeaderId === 1 ? true : undefined), 20 * ELECTION_MS);
}

async function writeKeys(p: NodeProcess, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await client.write(p.address, { command: { insert: { key: Buffer.from(`k${i}`), value: Buffer.from(`v${i}`) } } }, o);
    assert.equal(r.writeResult?.succeeded, true);
  }
}

/** The only WAL segment and the offset just past its last record (records: u32 len | u32 crc | u8 type | payload). */
function walEnd(dataDir: string): { path: string; end: number; firstPayload: number } {
  const walDir = join(dataDir, 'wal');
  const name = readdirSync(walDir).filter((n) => n.endsWith('.wal')).sort()[0]!;
  const path = join(walDir, name);
  const buf = readFileSync(path);
  let off = 0;
  while (off + 9 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const crc = buf.readUInt32BE(off + 4);
    if (len === 0 && crc === 0 && buf[off + 8] === 0) break;
    off += 9 + len;
  }
  return { path, end: off, firstPayload: 9 };
}

function patch(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

test('a torn last record is truncated on restart; every acknowledged write survives', async () => {
  const dataDir = freshDir();
  const p = await startNode({ id: 1, dataDir, bootstrap: true, ...TIMING });
  await leaderReady(p);
  await writeKeys(p, 20);
  await p.kill9();
  const { path, end } = walEnd(dataDir);
  // A record header promising 200 bytes, a wrong checksum, 20 bytes of payload, then zeros.
  const torn = Buffer.alloc(29, 0xab);
  torn.writeUInt32BE(200, 0);
  patch(path, end, torn);
  const q = await startNode({ id: 1, dataDir, ...TIMING });
  assert.match(q.stderrText(), /"msg":"torn WAL tail truncated".*"offset":\d+/);
  await leaderReady(q);
  const r = await client.read(q.address, { keys: Array.from({ length: 20 }, (_, i) => Buffer.from(`k${i}`)) }, o);
  assert.equal(r.readData?.results?.length, 20);
  assert.equal(await q.stop(), 0);
});

test('a corrupted record followed by valid ones is refused with exit 7 naming the file and offset', async () => {
  const dataDir = freshDir();
  const p = await startNode({ id: 1, dataDir, bootstrap: true, ...TIMING });
  await leaderReady(p);
  await writeKeys(p, 5);
  assert.equal(await p.stop(), 0);
  const { path, firstPayload } = walEnd(dataDir);
  const original = readFileSync(path).subarray(firstPayload, firstPayload + 1);
  patch(path, firstPayload, Buffer.from([original[0]! ^ 0xff]));
  const res = await runCli(['node', 'start', '--id', '1', '--listen', '127.0.0.1:0', '--data-dir', dataDir, '--exit-with-stdin']);
  assert.equal(res.code, 7, res.stderr);
  assert.equal(res.stdout, '');
  assert.match(res.stderr, /\.wal/);
  assert.match(res.stderr, /offset/i);
});

test('damage from the sweep (damage-sweep.test.ts), through a real `node start`: the segment before an entry-less newest one deleted, a record flipped in a middle segment, the latest snapshot\'s body flipped: each exit 7 naming the file on stderr; the undamaged copy starts', async () => {
  const built = join(tempDir('raftctl-damaged-'), 'built');
  dirs.push(dirname(built));
  await buildDataDir(built);
  const segments = readdirSync(join(built, 'wal')).filter((n) => n.endsWith('.wal')).sort();
  const latestSnap = readdirSync(join(built, 'snap')).sort((a, b) => parseInt(a) - parseInt(b)).at(-1)!;
  const middle = segments.at(-3)!;
  const cases: { damage: Damage; stderr: RegExp }[] = [
    { damage: { kind: 'delete', file: `wal/${segments.at(-2)!}` }, stderr: new RegExp(`log entries \\d+\\.\\.\\d+ are missing: the WAL segment before ${segments.at(-1)!.replace('.', '\\.')} was lost`) },
    { damage: { kind: 'flip', file: `wal/${middle}`, at: (await recordStarts(join(built, 'wal', middle)))[2]! + 12 }, stderr: new RegExp(`${middle.replace('.', '\\.')} at byte offset \\d+: checksum mismatch`) },
    { damage: { kind: 'flip', file: `snap/${latestSnap}`, at: statSync(join(built, 'snap', latestSnap)).size - 3 }, stderr: new RegExp(`${latestSnap.replace('.', '\\.')}.*(SHA-256|checksum|corrupt)`, 'i') },
  ];
  for (const [i, c] of cases.entries()) {
    const dataDir = join(dirname(built), `case${i}`);
    await copyDataDir(built, dataDir);
    await applyDamage(dataDir, c.damage);
    const res = await runCli(['node', 'start', '--id', '1', '--listen', '127.0.0.1:0', '--data-dir', dataDir, '--exit-with-stdin']);
    assert.equal(res.code, 7, `${describeDamage(c.damage)}: ${res.stderr}`);
    assert.match(res.stderr, c.stderr, describeDamage(c.damage));
    assert.ok(!res.stdout.includes('listening on'), describeDamage(c.damage));
  }
  // The same directory undamaged starts (the stale LOCK of the built node is taken over).
  const p = await startNode({ id: 1, dataDir: built, ...TIMING });
  assert.equal(await p.stop(), 0);
});

test('a deleted newest WAL segment is refused with exit 7 naming it; with every segment present the node restarts', async () => {
  const dataDir = freshDir();
  const p = await startNode({ id: 1, dataDir, bootstrap: true, ...TIMING });
  await leaderReady(p);
  await writeKeys(p, 5);
  assert.equal(await p.stop(), 0);
  // Segments of 64 MiB take long to fill: the stopped node's log is extended offline in 4 KiB
  // segments (no-op entries of its term), so that it spans several.
  const ns = await openNodeStorage(dataDir, { nodeId: 1, intent: { kind: 'restart' }, segmentBytes: 4096 });
  const term = ns.log.hardState().term;
  while (ns.log.segmentNames().length < 3) {
    const first = ns.log.lastIndex() + 1;
    await ns.log.append(Array.from({ length: 20 }, (_, k) => ({ index: first + k, term, payload: { type: 'noop' as const } })));
  }
  await ns.close();
  const q = await startNode({ id: 1, dataDir, ...TIMING });
  await leaderReady(q);
  assert.equal(await q.stop(), 0);
  const walDir = join(dataDir, 'wal');
  const newest = readdirSync(walDir).filter((n) => n.endsWith('.wal')).sort().at(-1)!;
  unlinkSync(join(walDir, newest));
  const res = await runCli(['node', 'start', '--id', '1', '--listen', '127.0.0.1:0', '--data-dir', dataDir, '--exit-with-stdin']);
  assert.equal(res.code, 7, res.stderr);
  assert.equal(res.stdout, '');
  assert.ok(res.stderr.includes(newest), res.stderr);
  assert.match(res.stderr, /newest WAL segment is missing/);
});

test('a second process on the same data directory is refused (exit 2) while the first keeps running', async () => {
  const dataDir = freshDir();
  const p = await startNode({ id: 1, dataDir, bootstrap: true, ...TIMING });
  const res = await runCli(['node', 'start', '--id', '1', '--listen', '127.0.0.1:0', '--data-dir', dataDir, '--exit-with-stdin']);
  assert.equal(res.code, 2, res.stderr);
  assert.match(res.stderr, /in use by process \d+/);
  await leaderReady(p);
  assert.equal(await p.stop(), 0);
});

test('re-bootstrapping a directory that holds another configuration is refused (exit 2); the same restart works', async () => {
  const dataDir = freshDir();
  const p = await startNode({ id: 1, dataDir, bootstrap: true, ...TIMING });
  await leaderReady(p);
  assert.equal(await p.stop(), 0);
  const [port] = await freePorts(1);
  const res = await runCli(['node', 'start', '--id', '1', '--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, '--peers', `1=127.0.0.1:${port},2=127.0.0.1:2`, '--exit-with-stdin']);
  assert.equal(res.code, 2, res.stderr);
  assert.match(res.stderr, /BOOTSTRAP_REFUSED|already holds/);
  const wrongId = await runCli(['node', 'start', '--id', '2', '--listen', '127.0.0.1:0', '--data-dir', dataDir, '--exit-with-stdin']);
  assert.equal(wrongId.code, 2, wrongId.stderr);
  const q = await startNode({ id: 1, dataDir, ...TIMING });
  await leaderReady(q);
  assert.equal(await q.stop(), 0);
});

test('a bootstrap that fails to listen (port taken) leaves the directory empty: one stderr line, and a retry on a free port bootstraps it', async () => {
  const dataDir = freshDir();
  const taken = createServer();
  await new Promise<void>((res) => taken.listen(0, '127.0.0.1', res));
  const port = (taken.address() as AddressInfo).port;
  try {
    const res = await runCli(['node', 'start', '--id', '1', '--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, '--bootstrap', '--exit-with-stdin']);
    assert.equal(res.code, 2, res.stderr);
    assert.equal(res.stderr.trim().split('\n').length, 1, `one stderr line, no grpc-js log line: ${res.stderr}`);
    assert.match(res.stderr, /cannot listen on 127\.0\.0\.1:\d+: the port is in use by another process\. Hint: .*127\.0\.0\.1:0 picks a free one/);
    assert.ok(!readdirSync(dataDir).includes('FORMAT'), 'no FORMAT left behind');
    for (const sub of ['wal', 'snap']) assert.deepEqual(readdirSync(join(dataDir, sub)), [], `nothing left in ${sub}/`);
  } finally {
    taken.close();
  }
  const p = await startNode({ id: 1, dataDir, bootstrap: true, ...TIMING });
  await leaderReady(p);
  assert.equal(await p.stop(), 0);
});
