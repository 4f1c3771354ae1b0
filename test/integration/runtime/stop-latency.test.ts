/**
 * How long a real `node start` follower takes to exit on SIGTERM / SIGINT while its leader keeps
 * a replication stream (StreamAppendEntries) open to it. The test plays leader 2 of a
 * three-member `--peers` cluster (nodes 2 and 3 do not run; the election timeout is far beyond
 * the test, so node 1 stays a follower): it opens the stream, has one Append answered, then
 * sends nothing more, as a leader between two heartbeats does. The server's shutdown used to
 * wait for that stream (until the leader's next Append, or its whole 1 s grace), so a follower
 * with a heartbeat interval of a second or more took over a second to exit.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { join } from 'node:path';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import type { Membership } from '../../../src/transport/types.js';
import { freePorts, killAll, removeDir, startNode, tempDir } from '../../harness/node-process.js';

const dir = tempDir('raftctl-stop-');
after(async () => {
  await killAll();
  removeDir(dir);
});

/** Below the server's 1 s shutdown grace: a stop that waits for the idle stream cannot meet it. */
const STOP_BOUND_MS = 900;

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`a follower exits within ${STOP_BOUND_MS} ms of ${signal} while its leader's replication stream is open and idle`, async () => {
    const ports = await freePorts(3);
    const peers = { 1: `127.0.0.1:${ports[0]}`, 2: `127.0.0.1:${ports[1]}`, 3: `127.0.0.1:${ports[2]}` };
    const node = await startNode({ id: 1, listen: peers[1], dataDir: join(dir, `n-${signal}`), peers, heartbeatInterval: '1s', electionTimeout: '10m' });
    const started = node.stderrText().split('\n').map((l) => (l ? (JSON.parse(l) as Record<string, unknown>) : null)).find((l) => l?.msg === 'node started');
    const clusterId = String(started?.clusterId);
    const transport = new GrpcTransport({ selfId: 2, clusterId });
    try {
      const m: Membership = { selfId: 2, members: Object.entries(peers).map(([id, address]) => ({ id: Number(id), address, role: 'voter' as const })) };
      const stream = await transport.openReplicationStream(1, m, false);
      // Node 1's log holds the configuration entry at (1, 1): a heartbeat of leader 2 in term 2.
      const answer = await stream.send({ term: 2, leaderId: 2, prevLogIndex: 1, prevLogTerm: 1, leaderCommitIndex: 1, entries: [] });
      assert.ok(answer.success, `the follower accepted the heartbeat: ${JSON.stringify(answer)}`);
      const t0 = performance.now();
      node.child.kill(signal);
      const code = await node.exited;
      const ms = performance.now() - t0;
      assert.equal(code, 0, node.stderrText().slice(-2000));
      assert.ok(ms < STOP_BOUND_MS, `the follower took ${Math.round(ms)} ms to exit on ${signal}`);
      // The stream was ended by the node (UNAVAILABLE), not cut by a forced shutdown.
      const broken = await stream.closed;
      assert.match(String(broken?.message), /shutting down/);
    } finally {
      transport.close();
      await node.kill9();
    }
  });
}
