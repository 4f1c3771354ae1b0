/**
 * The node-process harness other tests build on: startCluster gives a ready three-node
 * cluster (a leader named by GetClusterMetadata on every node), restartNode brings a killed node
 * back from its data directory, stop leaves no process behind.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import { killAll, restartNode, startCluster, waitFor } from '../../harness/node-process.js';

const client = new EndpointClient();
after(async () => {
  client.close();
  await killAll();
});

test('startCluster → a ready cluster; restartNode after kill -9; stop ends every process', async () => {
  const c = await startCluster(3);
  try {
    assert.equal(c.endpoints.split(',').length, 3);
    const leaders = await Promise.all(Object.values(c.peers).map(async (a) => (await client.getClusterMetadata(a, { deadlineMs: 1000 })).currentLeaderId ?? 0));
    assert.ok(leaders.some((l) => l > 0), `leaders seen: ${leaders.join(',')}`);
    await c.nodes.get(2)!.kill9();
    const p = await restartNode(c, 2);
    assert.equal(p.address, c.peers[2]);
    await waitFor('node 2 follows a leader', async () => ((await client.getNodeStatus(c.peers[2]!, { deadlineMs: 500 })).leaderId ? true : undefined), 5000);
  } finally {
    await c.stop();
  }
  for (const p of c.nodes.values()) assert.notEqual(p.child.exitCode ?? p.child.signalCode, null, `node ${p.id} exited`);
});
