/**
 * A call's deadline as a library user passes it (CallOptions.deadlineMs, PeerCallOptions).
 * QA: a deadline that is not a number (NaN from a bad computation, undefined from plain
 * JavaScript or a misspelt option) became an already-passed grpc-js deadline, so every call
 * failed at once as UNREACHABLE "cannot connect … no connection within 0.006s" (exit 4), and
 * GrpcTransport evicted the healthy peer's channels. It is a ConfigError (exit 2) now, before any
 * call; 0 or less still means "as soon as possible" (1 ms), as a spent budget passes it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, RaftCtlError, UnreachableError } from '../../../src/errors.js';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import { GrpcServer, unaryHandler } from '../../../src/transport/server.js';
import { SERVICE_NAMES, SERVICES } from '../../../src/transport/services.js';
import { delay, FakePeer } from '../../harness/fake-peer.js';
import { startHungServer } from '../../harness/hung-server.js';

describe('call deadlines', () => {
  let peer: FakePeer;
  before(async () => {
    peer = await FakePeer.start();
  });
  after(() => peer.stop());

  for (const bad of [Number.NaN, undefined, '100']) {
    it(`deadlineMs ${String(bad)} (${typeof bad}) is a ConfigError before any call, not an unreachable node`, async () => {
      const client = new EndpointClient();
      const t = new GrpcTransport({ selfId: 1 });
      try {
        const calls = peer.calls.length;
        const opts = { deadlineMs: bad as number };
        await assert.rejects(client.getClusterMetadata(peer.address, opts), (e: unknown) => e instanceof ConfigError && /deadlineMs/.test(e.message));
        await assert.rejects(t.requestVote(2, { term: 1, candidateId: 1 }, { members: [{ id: 2, address: peer.address, role: 'voter' }] }, opts), (e: unknown) => e instanceof ConfigError);
        assert.equal(peer.calls.length, calls, 'nothing reached the peer');
      } finally {
        t.close();
        client.close();
      }
    });
  }

  it('a transport option that cannot work is a ConfigError from the constructor, not a peer that looks down on every call', () => {
    // QA: streamConnectTimeoutMs 0, -1 or NaN made every openReplicationStream to a live peer fail
    // as UNREACHABLE "cannot connect ... within NaN ms" (exit 4); discoveryTimeoutMs -5 every
    // discovery view; appendQueueCapacity 0 threw a plain RangeError.
    for (const options of [{ appendQueueCapacity: 0 }, { appendQueueCapacity: 2.5 }, { streamConnectTimeoutMs: 0 }, { streamConnectTimeoutMs: -1 }, { streamConnectTimeoutMs: Number.NaN }, { discoveryTimeoutMs: -5 }, { discoveryTimeoutMs: Number.POSITIVE_INFINITY }, { replicationResponseTimeoutMs: -1 }]) {
      const name = Object.keys(options)[0]!;
      assert.throws(() => new GrpcTransport(options), (e: unknown) => e instanceof ConfigError && e.exitCode === 2 && e.message.startsWith(`${name} must be`), JSON.stringify(options));
    }
    new GrpcTransport({ appendQueueCapacity: 1, streamConnectTimeoutMs: 1, discoveryTimeoutMs: 0.5, replicationResponseTimeoutMs: 0 }).close();
    // QA: streamConnectTimeoutMs 3e9 (past Node's 2^31-1 ms timer limit) made every stream open to
    // a hung peer fail within a few ms, "cannot connect ... within 3000000000 ms", with a
    // TimeoutOverflowWarning; a response timeout that long woke its watchdog every 1 ms while requests waited.
    for (const options of [{ streamConnectTimeoutMs: 2 ** 31 }, { replicationResponseTimeoutMs: 3e9 }]) {
      const name = Object.keys(options)[0]!;
      assert.throws(() => new GrpcTransport(options), (e: unknown) => e instanceof ConfigError && e.exitCode === 2 && e.message.startsWith(`${name} must be at most 2147483647 ms`), JSON.stringify(options));
    }
    new GrpcTransport({ streamConnectTimeoutMs: 2 ** 31 - 1, replicationResponseTimeoutMs: 2 ** 31 - 1, discoveryTimeoutMs: 3e9 }).close();
  });

  it('a deadline of 0 or less is still a call with a 1 ms deadline (a spent budget), not an error of use', async () => {
    const client = new EndpointClient();
    try {
      await assert.rejects(client.getClusterMetadata(peer.address, { deadlineMs: 0 }), (e: unknown) => !(e instanceof ConfigError));
      // And a valid deadline works on the same client.
      assert.ok(await client.getClusterMetadata(peer.address, { deadlineMs: 5000 }));
    } finally {
      client.close();
    }
  });
});

describe('connectTimeoutMs (a caller with other endpoints to try)', () => {
  it('a node that accepts TCP but never speaks HTTP/2 fails after connectTimeoutMs as unreachable, nothing sent, not after the deadline', async () => {
    const hung = await startHungServer();
    const endpoint = hung.address;
    const client = new EndpointClient();
    try {
      const started = performance.now();
      await assert.rejects(client.getClusterMetadata(endpoint, { deadlineMs: 10_000, connectTimeoutMs: 200 }), (e: unknown) => {
        assert.ok(e instanceof UnreachableError, String(e));
        assert.equal((e as RaftCtlError).details?.sent, false);
        assert.match((e as Error).message, /no connection within 0\.200s/);
        return true;
      });
      assert.ok(performance.now() - started < 5_000, 'gave up at the connect timeout, not the 10 s deadline');
    } finally {
      client.close();
      await hung.close();
    }
  });

  it('once connected, a call slower than connectTimeoutMs runs to its answer (only the deadline applies)', async () => {
    const peer = await FakePeer.start();
    const client = new EndpointClient();
    try {
      peer.handle('GetClusterMetadata', delay(400));
      assert.ok(await client.getClusterMetadata(peer.address, { deadlineMs: 10_000, connectTimeoutMs: 100 }));
    } finally {
      client.close();
      await peer.stop();
    }
  });
  // Scenario: the call reaches the node, which then begins a graceful stop (GrpcServer.shutdown:
  // GOAWAY, running calls may finish) and answers 1.2 s later. The client's channel leaves
  // READY at the GOAWAY though the call was sent. Expectation: the answer arrives; before, the
  // connect timer (200 ms) saw a channel not READY, cancelled the sent call and reported it
  // unreachable with `sent: false` (for a write: "nothing applied", and kv tried the next node).
  // grpc-js 1.14 destroys at forceShutdown only the sessions it tracks for channelz, which is off
  // on our servers: a call still open after the grace ran on until the client's deadline (found
  // with an in-process node stopped in the middle of a snapshot receive: its pusher waited 20 s).
  it('a force shutdown ends the calls still open: the client sees the stop, not its own deadline', async () => {
    const server = new GrpcServer();
    let reached!: () => void;
    const called = new Promise<void>((resolve) => (reached = resolve));
    server.addService(SERVICE_NAMES.cluster, SERVICES[SERVICE_NAMES.cluster]!, {
      GetClusterMetadata: unaryHandler(() => {
        reached();
        return new Promise(() => undefined); // never answers
      }),
    });
    const bound = await server.listen('127.0.0.1:0');
    const client = new EndpointClient();
    try {
      // A deadline below the client's keepalive timeout (which ended such a call after ~30 s).
      const call = client.getClusterMetadata(`127.0.0.1:${bound.port}`, { deadlineMs: 15_000 });
      call.catch(() => undefined);
      await called;
      await server.shutdown(50);
      await assert.rejects(call, (e: RaftCtlError) => {
        assert.notEqual(e.code, 'TIMEOUT', `${e.code}: ${e.message}`);
        return true;
      });
    } finally {
      client.close();
    }
  });

  it('a call sent before its channel left READY (GOAWAY of a stopping node) is not cancelled as never sent', async () => {
    const server = new GrpcServer();
    let stopping: Promise<void> | undefined;
    server.addService(SERVICE_NAMES.cluster, SERVICES[SERVICE_NAMES.cluster]!, {
      GetClusterMetadata: unaryHandler(async () => {
        stopping = server.shutdown(5_000);
        await new Promise((resolve) => setTimeout(resolve, 1_200));
        return { version: 7, nodes: [], currentLeaderId: 0 };
      }),
    });
    const bound = await server.listen('127.0.0.1:0');
    const client = new EndpointClient();
    try {
      const res = await client.getClusterMetadata(`127.0.0.1:${bound.port}`, { deadlineMs: 10_000, connectTimeoutMs: 200 });
      assert.equal(res.version, 7);
    } finally {
      client.close();
      server.forceShutdown();
      await stopping;
    }
  });
});
