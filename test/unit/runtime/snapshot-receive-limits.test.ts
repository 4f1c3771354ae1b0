/**
 * A node's bounds on the InstallSnapshot pushes it receives (snapshot-receive-limits.ts): the
 * size a push may declare, how many it takes at once, and the free disk space. The class on its
 * own, then a real NodeHost follower over loopback gRPC (its election timeout far beyond the
 * test, its two other members never run): refused pushes are answered RESOURCE_EXHAUSTED, logged
 * `snapshot install failed` with their code, and leave no file behind.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { RejectedError, type RaftCtlError } from '../../../src/errors.js';
import { NodeHost } from '../../../src/runtime/node-host.js';
import { defaultMaxSnapshotBytes, SnapshotReceiveLimits } from '../../../src/runtime/snapshot-receive-limits.js';
import { clientStreamCall } from '../../../src/transport/call.js';
import { ChannelPool } from '../../../src/transport/channels.js';
import type { SnapshotChunk, SnapshotResponse } from '../../../src/transport/messages.js';
import { SnapshotService } from '../../../src/transport/services.js';
import { chunkChecksum, sha256Of } from '../../../src/transport/snapshot-chunks.js';
import { payload, scriptChunks } from '../../integration/snapshot/fake-snapshot-peer.js';
import { freePorts } from '../../harness/node-process.js';
import { filesUnder, until } from './helpers.js';

/** The gRPC status code a mapped call error carries. */
const grpcCodeOf = (err: unknown): unknown => (err as RaftCtlError).details?.grpcCode;
const busy = (err: unknown) => err instanceof RejectedError && err.code === 'SNAPSHOT_RECEIVES_BUSY' && err.details?.grpcCode === status.RESOURCE_EXHAUSTED;
const noSpace = (err: unknown) => err instanceof RejectedError && err.code === 'SNAPSHOT_NO_SPACE' && err.details?.grpcCode === status.RESOURCE_EXHAUSTED;

describe('SnapshotReceiveLimits', () => {
  test('at most maxConcurrent pushes at once; a released one frees its slot (release is idempotent)', async () => {
    const limits = new SnapshotReceiveLimits(1000, async () => null, 2);
    const a = await limits.admit(10);
    await limits.admit(10);
    await assert.rejects(limits.admit(10), busy);
    a.release();
    a.release();
    assert.equal(limits.active, 1);
    await limits.admit(10);
    assert.equal(limits.active, 2);
  });

  test('refused when the free space is below what it declared plus what the running pushes may still write; a refusal takes no slot', async () => {
    let free = 1000;
    const limits = new SnapshotReceiveLimits(10_000, async () => free, 3);
    await assert.rejects(limits.admit(1001), noSpace);
    assert.equal(limits.active, 0);
    const a = await limits.admit(600);
    await assert.rejects(limits.admit(500), (err: unknown) => noSpace(err) && /may still write 600/.test((err as Error).message));
    // What `a` wrote is already off the free space: only the rest of its declared size counts.
    a.wrote(400);
    free = 600;
    await limits.admit(400);
    assert.equal(limits.active, 2);
  });

  test('two pushes admitted at once each count the other (the slot is taken before the free space is read)', async () => {
    const limits = new SnapshotReceiveLimits(10_000, async () => 1000, 2);
    const results = await Promise.allSettled([limits.admit(600), limits.admit(600)]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    assert.equal(limits.active, 1);
  });

  test('the default size follows the state quota and what may be in flight past it', () => {
    assert.equal(defaultMaxSnapshotBytes(1024 ** 3, 256 * 1024 ** 2), 2.5 * 1024 ** 3);
  });
});

describe('a NodeHost follower receiving pushes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'raftctl-receive-limits-'));
  const pool = new ChannelPool();
  const hosts: NodeHost[] = [];
  after(async () => {
    pool.close();
    for (const h of hosts) await h.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function follower(name: string, limits: { maxStateBytes: number; maxUncommittedBytes: number }) {
    const lines: Array<{ level: string; msg: string; fields: Record<string, unknown> | undefined }> = [];
    const logger = { log: (level: string, msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields }) };
    const ports = await freePorts(3);
    const peers = { 1: `127.0.0.1:${ports[0]}`, 2: `127.0.0.1:${ports[1]}`, 3: `127.0.0.1:${ports[2]}` };
    const dataDir = join(dir, name);
    const host = await NodeHost.start({ id: 1, listen: peers[1], dataDir, mode: { kind: 'peers', peers }, tickMs: 50, electionTimeoutMs: 600_000, logger, ...limits });
    hosts.push(host);
    assert.equal(host.node.role, 'follower');
    return { host, lines, dataDir, before: filesUnder(dataDir) };
  }

  function push(host: NodeHost, chunks: readonly SnapshotChunk[], end: boolean) {
    const { call, done } = clientStreamCall(pool.forAddress(host.address, 'bulk'), SnapshotService.InstallSnapshot, { deadlineMs: 20_000 }, host.address);
    call.on('error', () => undefined);
    done.catch(() => undefined);
    for (const c of chunks) call.write(c);
    if (end) call.end();
    return { call, done: done as Promise<SnapshotResponse> };
  }

  const data = payload(4000, 9);
  const chunks = scriptChunks(data, 1000, { leaderTerm: 2, leaderId: 2, checksum: sha256Of(data), lastIncluded: { index: 10, term: 2 } });

  test('a push declaring more than the node accepts (twice its state quota plus the uncommitted bound) is refused RESOURCE_EXHAUSTED, logged, nothing written; the refusal names the flags to raise', async () => {
    // Limit: 2 × (1000 + 999) = 3998 bytes; the push declares 4 chunks of 1000.
    const f = await follower('too-large', { maxStateBytes: 1000, maxUncommittedBytes: 999 });
    // The message reaches the leader's `snapshot push failed` too: both logs say what to change.
    const flags = /more than the 3998 this node accepts \(2 × \(--max-state-bytes \+ --max-uncommitted-bytes\) of this node: it cannot catch up/;
    await assert.rejects(push(f.host, chunks, true).done, (err: unknown) => grpcCodeOf(err) === status.RESOURCE_EXHAUSTED && /up to 4000 bytes /.test((err as Error).message) && flags.test((err as Error).message));
    const report = await until('the refusal logged', () => f.lines.find((l) => l.msg === 'snapshot install failed'));
    assert.deepEqual({ level: report.level, code: report.fields?.code, flags: flags.test(String(report.fields?.error)) }, { level: 'warn', code: 'SNAPSHOT_TOO_LARGE', flags: true });
    assert.deepEqual(filesUnder(f.dataDir), f.before);
  });

  test('a third push while two are being received is refused RESOURCE_EXHAUSTED and logged; the two cancelled leave no file behind', async () => {
    const f = await follower('busy', { maxStateBytes: 1024 ** 2, maxUncommittedBytes: 1024 ** 2 });
    // Two pushes from different senders hold their `.part` files open (chunk 0 written, no end).
    const first = push(f.host, [chunks[0]!], false);
    const second = push(f.host, [{ ...chunks[0]!, leaderId: 3 }], false);
    await until('two .part files', () => (filesUnder(f.dataDir).filter((n) => n.endsWith('.part')).length === 2 ? true : undefined));
    await assert.rejects(push(f.host, chunks, true).done, (err: unknown) => grpcCodeOf(err) === status.RESOURCE_EXHAUSTED && /2 snapshot pushes are being received already/.test((err as Error).message));
    const report = await until('the refusal logged', () => f.lines.find((l) => l.msg === 'snapshot install failed'));
    assert.deepEqual({ level: report.level, code: report.fields?.code }, { level: 'warn', code: 'SNAPSHOT_RECEIVES_BUSY' });
    first.call.cancel();
    second.call.cancel();
    await until('the partial files removed', () => (filesUnder(f.dataDir).join() === f.before.join() ? true : undefined));
    // The slots are free again: a whole push is received and answered (random bytes are no
    // snapshot file: its verification refuses it, and its file is removed).
    const res = await push(f.host, chunks, true).done;
    assert.equal(res.success, false);
    assert.deepEqual(filesUnder(f.dataDir), f.before);
    assert.equal(f.lines.filter((l) => l.msg === 'snapshot install failed' && l.fields?.code === 'SNAPSHOT_RECEIVES_BUSY').length, 1);
  });

  test('a node stopped in the middle of a receive leaves no .part, and a stale .part (a killed process\'s) is removed at the next start', async () => {
    const f = await follower('stopped', { maxStateBytes: 1024 ** 2, maxUncommittedBytes: 1024 ** 2 });
    const held = push(f.host, [chunks[0]!], false);
    await until('the .part file', () => (filesUnder(f.dataDir).some((n) => n.endsWith('.part')) ? true : undefined));
    await f.host.stop();
    await held.done.catch(() => undefined);
    assert.deepEqual(filesUnder(f.dataDir).filter((n) => n.endsWith('.part')), [], 'left by the stop');
    // A process killed mid-receive leaves its .part (another pid's name): the restart removes it.
    const stale = join(f.dataDir, 'snap', '00000000000000000010-00000000000000000002.snap.999999.1.part');
    writeFileSync(stale, 'half a snapshot');
    const again = await NodeHost.start({ id: 1, listen: '127.0.0.1:0', dataDir: f.dataDir, mode: { kind: 'restart' }, tickMs: 50, electionTimeoutMs: 600_000, logger: { log: () => undefined } });
    hosts.push(again);
    assert.deepEqual(filesUnder(f.dataDir).filter((n) => n.endsWith('.part')), []);
  });

  test('a push delivering more than it declared is refused INVALID_ARGUMENT at the first larger chunk and its .part removed', async () => {
    const f = await follower('over', { maxStateBytes: 1024 ** 2, maxUncommittedBytes: 1024 ** 2 });
    const big = payload(64 * 1024, 10);
    const over = push(f.host, [chunks[0]!, { ...chunks[1]!, data: big, chunkChecksum: chunkChecksum(big) }], false);
    await assert.rejects(over.done, (err: unknown) => grpcCodeOf(err) === status.INVALID_ARGUMENT && /65536 bytes, more than chunk 0's 1000/.test((err as Error).message));
    const report = await until('the refusal logged', () => f.lines.find((l) => l.msg === 'snapshot install failed'));
    assert.equal(report.fields?.code, 'PROTOCOL_VIOLATION');
    await until('the partial file removed', () => (filesUnder(f.dataDir).join() === f.before.join() ? true : undefined));
  });
});
