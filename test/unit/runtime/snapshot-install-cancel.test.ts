/**
 * A leader that cancels its InstallSnapshot push midway (it stepped down or stopped, its
 * deadline passed) is routine: the follower logs it as a cancel at info (code CANCELLED), not as
 * a failed install at warn with a protocol violation ("2 of 4 chunks arrived"), and keeps no part
 * of the transfer. A real NodeHost follower of a three-member cluster whose other members never
 * run (its election timeout is far beyond the test), over loopback gRPC.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHost } from '../../../src/runtime/node-host.js';
import { clientStreamCall } from '../../../src/transport/call.js';
import { ChannelPool } from '../../../src/transport/channels.js';
import { SnapshotService } from '../../../src/transport/services.js';
import { sha256Of } from '../../../src/transport/snapshot-chunks.js';
import { payload, scriptChunks } from '../../integration/snapshot/fake-snapshot-peer.js';
import { freePorts } from '../../harness/node-process.js';
import { filesUnder, until } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'raftctl-install-cancel-'));
const pool = new ChannelPool();
let host: NodeHost | undefined;
after(async () => {
  pool.close();
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a push the leader cancels midway is logged at info as CANCELLED (not a warning, not PROTOCOL_VIOLATION) and leaves no file behind', async () => {
  const lines: Array<{ level: string; msg: string; fields: Record<string, unknown> | undefined }> = [];
  const logger = { log: (level: string, msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields }) };
  const ports = await freePorts(3);
  const peers = { 1: `127.0.0.1:${ports[0]}`, 2: `127.0.0.1:${ports[1]}`, 3: `127.0.0.1:${ports[2]}` };
  const dataDir = join(dir, 'n1');
  host = await NodeHost.start({ id: 1, listen: peers[1], dataDir, mode: { kind: 'peers', peers }, tickMs: 50, electionTimeoutMs: 600_000, logger });
  assert.equal(host.node.role, 'follower');
  const before = filesUnder(dataDir);

  const data = payload(4000, 7);
  const chunks = scriptChunks(data, 1000, { leaderTerm: 2, leaderId: 2, checksum: sha256Of(data), lastIncluded: { index: 10, term: 2 } });
  const { call, done } = clientStreamCall(pool.forAddress(host.address, 'bulk'), SnapshotService.InstallSnapshot, { deadlineMs: 10_000 }, host.address);
  call.on('error', () => undefined);
  done.catch(() => undefined);
  call.write(chunks[0]!);
  call.write(chunks[1]!);
  // The receiver's file exists once the first chunk was taken.
  await until('the received snapshot file begun', () => (filesUnder(dataDir).length > before.length ? true : undefined));
  call.cancel();

  const report = await until('the cancel reported', () => lines.find((l) => /snapshot install/.test(l.msg)));
  assert.deepEqual({ level: report.level, msg: report.msg, code: report.fields?.code }, { level: 'info', msg: 'snapshot install cancelled by the sender', code: 'CANCELLED' });
  assert.match(String(report.fields?.error), /cancelled the push after \d of 4 chunks/);
  assert.deepEqual(lines.filter((l) => l.level === 'warn' || l.level === 'error'), []);
  await until('the partial file removed', () => (filesUnder(dataDir).join() === before.join() ? true : undefined));
});
