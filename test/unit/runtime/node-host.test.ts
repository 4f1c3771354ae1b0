/**
 * NodeHost start rules on a real data directory (single node, loopback, tick 10 ms):
 * restart from the directory alone, the same bootstrap run again, and a received snapshot whose
 * install never reached the log (crash between the file's rename and the COMPACT record).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { IntegrityError } from '../../../src/errors.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/runtime/logger.js';
import { NodeHost, parsePeers, seededRandom } from '../../../src/runtime/node-host.js';
import { FileSnapshotStore } from '../../../src/storage/index.js';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import { DEFAULT_RETRY } from '../../../src/transport/retry.js';
import { put, until } from './helpers.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'raftctl-host-'));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const base = { id: 1, listen: '127.0.0.1:0', tickMs: 10, electionTimeoutMs: 100, logger: silentLogger } as const;

test('a node restarts from its data directory alone; the same --bootstrap run again is accepted', async () => {
  await withDir(async (dir) => {
    const dataDir = join(dir, 'n1');
    let host = await NodeHost.start({ ...base, listen: '127.0.0.1:0', dataDir, mode: { kind: 'bootstrap' } });
    const address = host.address;
    await until('leader', () => (host.node.leaderReady ? true : undefined));
    await host.node.propose(put('a', '1'));
    await host.stop();
    host = await NodeHost.start({ ...base, listen: address, dataDir, mode: { kind: 'restart' } });
    await until('leader after restart', () => (host.node.leaderReady ? true : undefined));
    await until('applied', () => (host.node.sm.get(Buffer.from('a'), Date.now()) ? true : undefined));
    await host.stop();
    host = await NodeHost.start({ ...base, listen: address, dataDir, mode: { kind: 'bootstrap' } });
    await until('leader after the same bootstrap', () => (host.node.leaderReady ? true : undefined));
    assert.equal(host.node.sm.get(Buffer.from('a'), Date.now())?.toString(), '1');
    await host.stop();
  });
});

test('a snapshot file beyond the log becomes the log base at start (its install had not reached the WAL)', async () => {
  await withDir(async (dir) => {
    const dataDir = join(dir, 'n1');
    let host = await NodeHost.start({ ...base, dataDir, mode: { kind: 'bootstrap' } });
    const address = host.address;
    const configuration = host.node.configuration;
    await host.stop();
    const store = await FileSnapshotStore.open(join(dataDir, 'snap'));
    await store.create({ index: 50, term: 7, configuration, configIndex: 1 }, [{ key: Buffer.from('from-snap'), value: Buffer.from('yes'), expiresAtUnixMs: 0 }]);
    host = await NodeHost.start({ ...base, listen: address, dataDir, mode: { kind: 'restart' } });
    try {
      assert.equal(host.node.sm.get(Buffer.from('from-snap'), Date.now())?.toString(), 'yes');
      await until('leader', () => (host.node.leaderReady ? true : undefined));
      const { index } = await host.node.propose(put('after', '1'));
      assert.ok(index > 50, `new entries continue after the snapshot (index ${index})`);
      assert.equal(host.node.status().firstLogIndex, 51);
    } finally {
      await host.stop();
    }
  });
});

test('a restart from a snapshot reports the same configuration index (GetNodeStatus) as before it', async () => {
  await withDir(async (dir) => {
    const dataDir = join(dir, 'n1');
    let host = await NodeHost.start({ ...base, dataDir, mode: { kind: 'bootstrap' } });
    const address = host.address;
    const client = new EndpointClient();
    try {
      await until('leader', () => (host.node.leaderReady ? true : undefined));
      for (let i = 0; i < 5; i++) await host.node.propose(put(`k${i}`, 'v'));
      const snap = await host.node.snapshot();
      const before = await client.getNodeStatus(address, { deadlineMs: 3000 });
      assert.equal(Number(before.configIndex), 1, 'the bootstrap configuration entry');
      assert.ok(snap.index > 1);
      await host.stop();
      host = await NodeHost.start({ ...base, listen: address, dataDir, mode: { kind: 'restart' } });
      assert.equal(host.node.status().snapshotIndex, snap.index, 'restarted from the snapshot');
      const after = await client.getNodeStatus(address, { deadlineMs: 3000 });
      assert.equal(Number(after.configIndex), Number(before.configIndex));
      assert.equal(host.node.sm.configIndex, 1);
    } finally {
      client.close();
      await host.stop();
    }
  });
});

test('a restart logs its recovery before it listens: recovering, log recovered, restoring snapshot (size, records), snapshot restored, node started', async () => {
  // A node restoring 945 MB printed nothing for 21 s and did not listen: it looked hung.
  await withDir(async (dir) => {
    const dataDir = join(dir, 'n1');
    let host = await NodeHost.start({ ...base, dataDir, mode: { kind: 'bootstrap' } });
    const address = host.address;
    try {
      await until('leader', () => (host.node.leaderReady ? true : undefined));
      for (let i = 0; i < 5; i++) await host.node.propose(put(`k${i}`, 'v'));
      const snap = await host.node.snapshot();
      await host.stop();
      const lines: Array<{ msg: string; fields: Record<string, unknown> }> = [];
      const logger = { log: (_level: string, msg: string, fields: Record<string, unknown> = {}) => void lines.push({ msg, fields }) };
      host = await NodeHost.start({ ...base, logger, listen: address, dataDir, mode: { kind: 'restart' } });
      const msgs = lines.map((l) => l.msg);
      assert.deepEqual(msgs.slice(0, 5), ['recovering', 'log recovered', 'restoring snapshot', 'snapshot restored', 'node started']);
      const restoring = lines[2]!.fields;
      assert.equal(restoring.index, snap.index);
      assert.equal(restoring.bytes, snap.bytes);
      assert.equal(restoring.records, 5);
      assert.equal(lines[3]!.fields.records, 5);
      assert.equal(typeof lines[3]!.fields.ms, 'number');
      assert.ok((lines[1]!.fields.lastIndex as number) >= snap.index, 'the log reaches the snapshot');
    } finally {
      await host.stop();
    }
  });
});

test('--peers parsing: ids, duplicates and malformed entries', () => {
  assert.deepEqual(parsePeers('1=127.0.0.1:1,3=h:3'), { 1: '127.0.0.1:1', 3: 'h:3' });
  assert.throws(() => parsePeers('1=a:1,1=b:2'), /twice/);
  assert.throws(() => parsePeers('x=a:1'), /ID=HOST:PORT/);
  assert.throws(() => parsePeers('1=a:70000'), /"a:70000" is not HOST:PORT with a port of 1 to 65535/);
  assert.throws(() => parsePeers('1=a:0'), /not HOST:PORT/);
  assert.deepEqual(parsePeers('1=raft_node_1:9081,2=[::1]:9082'), { 1: 'raft_node_1:9081', 2: '[::1]:9082' }, 'compose service names (underscores) and IPv6');
  assert.throws(() => parsePeers(''), /no node/);
});

test('the election-timer PRNG is deterministic per seed and stays in range', () => {
  const a = seededRandom(42);
  const b = seededRandom(42);
  const xs = Array.from({ length: 100 }, () => a.nextInt(10));
  assert.deepEqual(xs, Array.from({ length: 100 }, () => b.nextInt(10)));
  assert.ok(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 10));
  assert.ok(new Set(xs).size > 5);
});

test('StreamSnapshot answers NOT_FOUND while the leader has no snapshot file', async () => {
  await withDir(async (dir) => {
    const host = await NodeHost.start({ ...base, dataDir: join(dir, 'n1'), mode: { kind: 'bootstrap' }, snapshotEvery: 0 });
    const t = new GrpcTransport({ selfId: 99 });
    try {
      await until('leader', () => (host.node.leaderReady ? true : undefined));
      await assert.rejects(
        (async () => {
          const pull = await t.requestSnapshotFromLeader(1, DEFAULT_RETRY.installSnapshot, { selfId: 99, members: [{ id: 1, address: host.address, role: 'voter' }] });
          for await (const _ of pull) void _;
        })(),
        /No snapshot available/,
      );
    } finally {
      t.close();
      await host.stop();
    }
  });
});

test('a corrupt latest snapshot (body or header) while an older intact one is what the log continues from: the refusal (exit 7) names both and says to move the corrupt one aside; after that the restart recovers every write', async () => {
  for (const damage of ['body', 'header'] as const) {
    await withDir(async (dir) => {
      const dataDir = join(dir, 'n1');
      // Two snapshots taken on demand 30 entries apart; compaction keeps 40 entries behind a
      // snapshot, so the log still continues from the older one.
      const opts = { ...base, dataDir, snapshotEvery: 0, keepLogEntries: 40 };
      let host = await NodeHost.start({ ...opts, mode: { kind: 'bootstrap' } });
      const address = host.address;
      const snapDir = join(dataDir, 'snap');
      const snaps = () => readdirSync(snapDir).filter((n) => n.endsWith('.snap')).sort((a, b) => parseInt(a) - parseInt(b));
      const n = 70;
      try {
        await until('leader', () => (host.node.leaderReady ? true : undefined));
        for (let i = 0; i < n; i++) {
          await host.node.propose(put(`k${i}`, `v${i}`));
          if (i === 29 || i === 59) await host.node.snapshot();
        }
      } finally {
        await host.stop();
      }
      assert.equal(snaps().length, 2, `${damage}: ${readdirSync(snapDir).join(',')}`);
      const [older, newest] = snaps() as [string, string];
      const path = join(snapDir, newest);
      const raw = readFileSync(path);
      raw[damage === 'body' ? raw.length - 12 : 14]! ^= 0x10;
      writeFileSync(path, raw);
      await assert.rejects(NodeHost.start({ ...opts, listen: address, mode: { kind: 'restart' } }), (err: unknown) => {
        assert.ok(err instanceof IntegrityError, String(err));
        assert.equal(err.exitCode, 7);
        assert.ok(err.message.includes(newest), err.message);
        assert.ok(err.hint?.includes(older) && err.hint.includes(`move ${newest}`), `${damage}: ${err.hint}`);
        return true;
      }, damage);
      renameSync(path, join(dir, newest));
      host = await NodeHost.start({ ...opts, listen: address, mode: { kind: 'restart' } });
      try {
        // The log after the older snapshot is applied once the restarted node commits again.
        await until(`${damage}: last write applied`, () => (host.node.sm.get(Buffer.from(`k${n - 1}`), Date.now()) ? true : undefined));
        for (let i = 0; i < n; i++) assert.equal(host.node.sm.get(Buffer.from(`k${i}`), Date.now())?.toString(), `v${i}`, `${damage}: k${i}`);
      } finally {
        await host.stop();
      }
    });
  }
});

test('a snapshot file beyond the log whose body is corrupt: the start is refused (exit 7) before the log is compacted to it (the WAL is left as it was)', async () => {
  await withDir(async (dir) => {
    const dataDir = join(dir, 'n1');
    let host = await NodeHost.start({ ...base, dataDir, mode: { kind: 'bootstrap' } });
    const address = host.address;
    await until('leader', () => (host.node.leaderReady ? true : undefined));
    for (let i = 0; i < 5; i++) await host.node.propose(put(`k${i}`, `v${i}`));
    const configuration = host.node.configuration;
    await host.stop();
    const store = await FileSnapshotStore.open(join(dataDir, 'snap'));
    await store.create({ index: 50, term: 7, configuration, configIndex: 1 }, [{ key: Buffer.from('from-snap'), value: Buffer.from('yes'), expiresAtUnixMs: 0 }]);
    const path = join(dataDir, 'snap', '50-7.snap');
    const raw = readFileSync(path);
    raw[raw.length - 12]! ^= 0x10; // body: the header still reads
    writeFileSync(path, raw);
    const walDir = join(dataDir, 'wal');
    const wal = () => readdirSync(walDir).filter((n) => n.endsWith('.wal')).sort().map((n) => [n, readFileSync(join(walDir, n)).toString('base64')]);
    const before = wal();
    await assert.rejects(NodeHost.start({ ...base, listen: address, dataDir, mode: { kind: 'restart' } }), (err: unknown) => {
      assert.ok(err instanceof IntegrityError, String(err));
      assert.equal(err.exitCode, 7);
      assert.ok(err.message.includes('50-7.snap'), err.message);
      return true;
    });
    assert.deepEqual(wal(), before, 'a refused start must not compact the log to the corrupt snapshot');
    // Moved aside, the node starts from its log as before.
    renameSync(path, join(dir, '50-7.snap'));
    host = await NodeHost.start({ ...base, listen: address, dataDir, mode: { kind: 'restart' } });
    try {
      await until('applied', () => (host.node.sm.get(Buffer.from('k4'), Date.now()) ? true : undefined));
    } finally {
      await host.stop();
    }
  });
});

test('a restart on port 0 whose configured address for this node is not host:port binds a free port and warns, instead of failing with a RangeError (exit 1)', async () => {
  // The configuration comes from peers: d-engine checks no address it stores, a hostile peer can
  // write anything. Bootstrapping with such an --advertise puts one there the same way.
  await withDir(async (dir) => {
    const dataDir = join(dir, 'n1');
    let host = await NodeHost.start({ ...base, dataDir, advertise: 'not an address', mode: { kind: 'bootstrap' } });
    await host.stop();
    const warnings: { msg: string; fields?: Record<string, unknown> }[] = [];
    const logger = { ...silentLogger, log: (level: string, msg: string, fields?: Record<string, unknown>) => void (level === 'warn' && warnings.push({ msg, ...(fields ? { fields } : {}) })) };
    host = await NodeHost.start({ ...base, logger, dataDir, mode: { kind: 'restart' } });
    try {
      assert.match(host.address, /^127\.0\.0\.1:\d+$/);
      const moved = warnings.find((w) => /listens on another port than the cluster configuration names/.test(w.msg));
      assert.equal(moved?.fields?.configured, 'not an address');
    } finally {
      await host.stop();
    }
  });
});
