/**
 * ChannelPool (src/transport/channels.ts): channel options per class, caching per (address,
 * class, compression), rebuilding on address change, closing when members leave. No network:
 * grpc-js channels connect lazily.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, RaftCtlError } from '../../../src/errors.js';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import { ChannelPool, DENGINE_MAX_MESSAGE_BYTES } from '../../../src/transport/channels.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';

describe('ChannelPool', () => {
  it('gives every channel its own subchannel pool, reconnect backoff 100 ms–1 s, d-engine size limits and per-class keepalive', () => {
    const pool = new ChannelPool();
    const control = pool.channelOptions('control', false);
    assert.equal(control['grpc.use_local_subchannel_pool'], 1);
    assert.equal(control['grpc.initial_reconnect_backoff_ms'], 100);
    assert.equal(control['grpc.max_reconnect_backoff_ms'], 1000);
    assert.equal(control['grpc.max_send_message_length'], DENGINE_MAX_MESSAGE_BYTES);
    assert.equal(control['grpc.enable_retries'], 0);
    assert.equal(control['grpc.default_compression_algorithm'], undefined);
    assert.equal(control['grpc.keepalive_time_ms'], 30_000);
    assert.equal(pool.channelOptions('data', true)['grpc.default_compression_algorithm'], 2);
    assert.equal(pool.channelOptions('bulk', false)['grpc.keepalive_time_ms'], 600_000);
    pool.close();
  });

  it('refuses options no pool can work with (ConfigError), accepts the edges', () => {
    for (const bad of [
      { maxSendMessageBytes: -1 },
      { maxReceiveMessageBytes: 0 },
      { maxSendMessageBytes: 1.5 },
      { maxReceiveMessageBytes: 2 ** 31 },
      { reconnectInitialMs: 0 },
      { reconnectMaxMs: Number.NaN },
      { reconnectInitialMs: 5000 },
      { reconnectInitialMs: 500, reconnectMaxMs: 400 },
    ]) {
      assert.throws(() => new ChannelPool(bad), ConfigError, JSON.stringify(bad));
    }
    assert.throws(() => new ChannelPool({ reconnectInitialMs: 5000 }), /reconnectInitialMs \(5000\) must be at most reconnectMaxMs \(1000, the default\)/);
    for (const good of [{ maxSendMessageBytes: 1 }, { maxReceiveMessageBytes: 2 ** 31 - 1 }, { reconnectInitialMs: 1000, reconnectMaxMs: 1000 }]) new ChannelPool(good).close();
    // Only a lower maximum given (accepted before the check existed): the default initial backoff follows it.
    const fast = new ChannelPool({ reconnectMaxMs: 50 });
    const o = fast.channelOptions('control', false);
    assert.deepEqual([o['grpc.initial_reconnect_backoff_ms'], o['grpc.max_reconnect_backoff_ms']], [50, 50]);
    fast.close();
  });

  it('caches one channel per (address, class, compression)', () => {
    const pool = new ChannelPool();
    const a = pool.forAddress('127.0.0.1:1', 'control');
    assert.equal(pool.forAddress('127.0.0.1:1', 'control'), a);
    assert.notEqual(pool.forAddress('127.0.0.1:1', 'data'), a);
    assert.notEqual(pool.forAddress('127.0.0.1:1', 'control', true), a);
    assert.equal(pool.size, 3);
    pool.close();
    assert.equal(pool.size, 0);
    assert.throws(() => pool.forAddress('127.0.0.1:1', 'control'), /closed/);
  });

  it('rebuilds a peer\'s channels when its address changes, keeping an address another peer still uses', () => {
    const pool = new ChannelPool();
    const old = pool.forPeer(2, '127.0.0.1:2', 'control');
    pool.forPeer(3, '127.0.0.1:3', 'control');
    const moved = pool.forPeer(2, '127.0.0.1:22', 'control');
    assert.notEqual(moved, old);
    assert.equal(pool.size, 2, 'the old address of peer 2 was closed');
    // Peer 4 shares peer 3's address; moving peer 3 keeps the shared channel.
    const shared = pool.forPeer(4, '127.0.0.1:3', 'control');
    pool.forPeer(3, '127.0.0.1:33', 'control');
    assert.equal(pool.forPeer(4, '127.0.0.1:3', 'control'), shared);
    pool.close();
  });

  it('retainPeers closes the channels of peers that left', () => {
    const pool = new ChannelPool();
    pool.forPeer(2, '127.0.0.1:2', 'control');
    pool.forPeer(2, '127.0.0.1:2', 'data');
    pool.forPeer(3, '127.0.0.1:3', 'control');
    pool.retainPeers([3]);
    assert.equal(pool.size, 1);
    pool.retainPeers([]);
    assert.equal(pool.size, 0);
    pool.close();
  });

  it('a closed pool refuses channels with a RaftCtlError (TRANSPORT_CLOSED), so a transport sharing it fails its calls as RaftCtlErrors', async () => {
    // QA: it threw a plain Error('ChannelPool is closed'), which a per-peer call of a transport
    // whose shared pool was closed passed on as it was.
    const pool = new ChannelPool();
    pool.close();
    assert.throws(() => pool.forAddress('127.0.0.1:1', 'control'), (e: unknown) => e instanceof RaftCtlError && e.code === 'TRANSPORT_CLOSED' && /channel pool is closed/.test(e.message));
    const t = new GrpcTransport({ selfId: 1, pool });
    try {
      await assert.rejects(t.requestVote(2, { term: 1, candidateId: 1 }, { members: [{ id: 2, address: '127.0.0.1:1', role: 'voter' }] }, { deadlineMs: 100 }), (e: unknown) => e instanceof RaftCtlError && e.code === 'TRANSPORT_CLOSED');
    } finally {
      t.close();
    }
  });

  it('an address grpc-js cannot use is a ConfigError (empty) or unreachable with nothing sent (unparsable), never a plain Error or a node "not ready"', async () => {
    // QA: '' threw grpc-js's plain Error 'Could not parse target name ""' out of every call, and
    // '[::1' (a bracket missing) failed as NOT_READY "the node is up but not ready" (exit 3).
    const pool = new ChannelPool();
    const client = new EndpointClient({ pool });
    const t = new GrpcTransport({ selfId: 1, pool });
    try {
      assert.throws(() => pool.forAddress('', 'control'), (e: unknown) => e instanceof ConfigError && /"" is not an address/.test(e.message));
      await assert.rejects(client.getClusterMetadata('', { deadlineMs: 1000 }), (e: unknown) => e instanceof ConfigError);
      await assert.rejects(t.requestVote(2, { term: 1, candidateId: 1 }, { members: [{ id: 2, address: '', role: 'voter' }] }, { deadlineMs: 1000 }), (e: unknown) => e instanceof ConfigError);
      // The transport and the endpoint client check a target's host:port before dialling: '[::1'
      // can never answer, so it is the caller's error (exit 2), not a node that is down (exit 4,
      // retried by fan-outs).
      await assert.rejects(client.getClusterMetadata('[::1', { deadlineMs: 1000 }), (e: unknown) => e instanceof ConfigError && e.details?.sent === false);
      const [view] = await t.discoverLeader({}, false, ['[::1'], { deadlineMs: 1000 });
      assert.ok(view!.error instanceof ConfigError && view!.error.details?.sent === false, String(view!.error));
    } finally {
      t.close();
      client.close();
      pool.close();
    }
  });
});
