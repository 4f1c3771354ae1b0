/**
 * Calls made with an AbortSignal that has already aborted (a library user's budget spent before
 * the call, a shared shutdown signal). QA: a streaming call (EndpointClient.watch, a server
 * stream) ignored such a signal and ran until the server ended it, because an abort listener
 * added to an aborted signal never fires; a unary call refused before it started reported
 * `sent: true`, so a write never sent read as an unknown outcome.
 *
 * And EndpointClient.close(): it closed the channels (when it owned them) but a watch in progress
 * ran on, keeping the process alive, and unary calls ran to their deadlines; later calls failed
 * with a plain Error "ChannelPool is closed", not a RaftCtlError (see also channels.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerWritableStream } from '@grpc/grpc-js';
import { RaftCtlError, TimeoutError } from '../../../src/errors.js';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import { withRetry } from '../../../src/transport/retry.js';
import { systemClock } from '../../../src/transport/clock.js';
import { delay, FakePeer } from '../../harness/fake-peer.js';
import { startHungServer } from '../../harness/hung-server.js';

describe('calls with an already-aborted signal', () => {
  let peer: FakePeer;
  let client: EndpointClient;
  let watchCalls = 0;
  before(async () => {
    peer = await FakePeer.start();
    // Three events, then the stream ends OK: a call that ignores the signal completes normally.
    peer.raw.set('Watch', (call: ServerWritableStream<unknown, unknown>) => {
      watchCalls += 1;
      for (let i = 0; i < 3; i++) call.write({ watchId: 1 });
      call.end();
    });
    client = new EndpointClient();
  });
  after(async () => {
    client.close();
    await peer.stop();
  });

  it('a watch is cancelled at once: the iteration throws TimeoutError (CANCELLED) and yields no event', async () => {
    const aborted = AbortSignal.abort();
    let events = 0;
    await assert.rejects(
      (async () => {
        for await (const event of client.watch(peer.address, { key: Buffer.from('k') }, { signal: aborted })) {
          void event;
          events += 1;
        }
      })(),
      (e: unknown) => e instanceof TimeoutError && e.details?.grpcCode === 1,
    );
    assert.equal(events, 0);
    // The signal still works when it aborts later (one event then abort).
    const later = new AbortController();
    const seen: number[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of client.watch(peer.address, { key: Buffer.from('k') }, { signal: later.signal })) {
          void event;
          seen.push(1);
          later.abort();
        }
      })(),
      (e: unknown) => e instanceof TimeoutError,
    );
    assert.ok(seen.length >= 1 && watchCalls >= 1);
  });

  it('a unary call is refused before it starts with sent:false, so a write is not reported as an unknown outcome', async () => {
    const before = peer.callsTo('HandleClientWrite').length;
    const aborted = AbortSignal.abort();
    await assert.rejects(client.write(peer.address, { clientId: 1 }, { deadlineMs: 1000, signal: aborted }), (e: unknown) => {
      assert.ok(e instanceof TimeoutError, String(e));
      assert.equal(e.details?.sent, false);
      return true;
    });
    assert.equal(peer.callsTo('HandleClientWrite').length, before, 'nothing reached the peer');
    // withRetry's rule for writes: a call that never left is not an unknown outcome.
    await assert.rejects(
      withRetry({ maxAttempts: 1, timeoutMs: 1000, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 }, () => client.write(peer.address, { clientId: 1 }, { deadlineMs: 1000, signal: aborted }), {
        clock: systemClock,
        unsafeToRepeat: true,
      }),
      (e: unknown) => e instanceof RaftCtlError && e.code !== 'OUTCOME_UNKNOWN',
    );
  });
});

describe('EndpointClient.close()', () => {
  let peer: FakePeer;
  before(async () => {
    peer = await FakePeer.start();
    // One event, then the stream stays open until the client cancels it.
    peer.raw.set('Watch', (call: ServerWritableStream<unknown, unknown>) => {
      call.write({ watchId: 1 });
    });
    peer.handle('GetClusterMetadata', delay(60_000));
  });
  after(() => peer.stop());

  /** Settles like `p`, or rejects after `ms` of real time (a bound on a wait that would hang). */
  const bounded = <T>(p: Promise<T>, what: string, ms = 10_000): Promise<T> =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} still pending after ${ms} ms`)), ms).unref())]);

  for (const owned of [true, false]) {
    it(`cancels a watch and unary calls in flight with TRANSPORT_CLOSED, and refuses later calls (${owned ? 'its own pool' : 'a shared pool'})`, async () => {
      const { ChannelPool } = await import('../../../src/transport/channels.js');
      const shared = owned ? undefined : new ChannelPool();
      const client = new EndpointClient(shared ? { pool: shared } : {});
      try {
        const watch = client.watch(peer.address, { key: Buffer.from('k') });
        assert.equal((await bounded(watch.next(), 'the first event')).done, false);
        const unary = client.getClusterMetadata(peer.address, { deadlineMs: 60_000 });
        const closedCode = (e: unknown): boolean => e instanceof RaftCtlError && e.code === 'TRANSPORT_CLOSED';
        client.close();
        await assert.rejects(bounded(watch.next(), 'the watch after close()'), closedCode);
        await assert.rejects(bounded(unary, 'the unary call after close()'), closedCode);
        await assert.rejects(client.getClusterMetadata(peer.address, { deadlineMs: 1000 }), closedCode);
        await assert.rejects(client.watch(peer.address, { key: Buffer.from('k') }).next(), closedCode);
      } finally {
        client.close();
        shared?.close();
      }
    });
  }
});

describe('signals joined per call', () => {
  it('a watch or call that cannot even be created (a malformed address) leaves no listener on the caller\'s signal', async () => {
    const client = new EndpointClient();
    const caller = new AbortController();
    try {
      for (let i = 0; i < 3; i++) {
        await assert.rejects(client.watch('', { key: Buffer.from('k') }, { signal: caller.signal }).next(), RaftCtlError);
        await assert.rejects(client.getClusterMetadata('', { deadlineMs: 1000, signal: caller.signal }), RaftCtlError);
      }
      assert.equal(getEventListeners(caller.signal, 'abort').length, 0);
    } finally {
      client.close();
    }
  });
});

describe('GrpcTransport.close()', () => {
  it('ends an openReplicationStream still waiting for its connection at once, with TRANSPORT_CLOSED', async () => {
    // QA: the wait for the data connection ignored close(): it ran to streamConnectTimeoutMs and
    // then failed as UNREACHABLE, though the transport was closed meanwhile.
    const silent = await startHungServer();
    const endpoint = silent.address;
    // The connect wait, had close() not ended it, would end in 3 s as UNREACHABLE, not
    // TRANSPORT_CLOSED.
    const t = new GrpcTransport({ selfId: 1, streamConnectTimeoutMs: 3_000 });
    try {
      const opening = t.openReplicationStream(2, { members: [{ id: 2, address: endpoint, role: 'voter' }] }, false);
      const waiting = new Promise<void>((resolve) => {
        const poll = (): void => void (silent.connections > 0 ? resolve() : setTimeout(poll, 5));
        poll();
      });
      await Promise.race([waiting, new Promise((_, reject) => setTimeout(() => reject(new Error('no connection attempt within 10 s')), 10_000).unref())]);
      t.close();
      const outcome = await Promise.race([
        opening.then(
          () => 'opened',
          (e: unknown) => (e instanceof RaftCtlError ? e.code : String(e)),
        ),
        new Promise<string>((resolve) => setTimeout(() => resolve('still waiting 10 s after close()'), 10_000).unref()),
      ]);
      assert.equal(outcome, 'TRANSPORT_CLOSED');
    } finally {
      t.close();
      await silent.close();
    }
  });
});

describe('a process whose transport and client are closed', () => {
  // QA: grpc-js's waitForReady deadline (the replication stream's connect wait) is a timer that
  // the channel's close did not clear: a library user's process with nothing else to do stayed
  // alive until streamConnectTimeoutMs after close() (30 s here).
  it('exits promptly after close(), with a replication stream, a unary call and a watch waiting for a dead address', async () => {
    const transportUrl = new URL('../../../src/transport/grpc-transport.js', import.meta.url).href;
    const clientUrl = new URL('../../../src/transport/endpoint-client.js', import.meta.url).href;
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const dead = `127.0.0.1:${(probe.address() as net.AddressInfo).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const script = `
      import { GrpcTransport } from ${JSON.stringify(transportUrl)};
      import { EndpointClient } from ${JSON.stringify(clientUrl)};
      const m = { selfId: 1, members: [{ id: 2, address: ${JSON.stringify(dead)}, role: 'voter' }] };
      const t = new GrpcTransport({ selfId: 1, streamConnectTimeoutMs: 30000 });
      const c = new EndpointClient();
      const outcomes = [
        t.openReplicationStream(2, m, false),
        c.getClusterMetadata(${JSON.stringify(dead)}, { deadlineMs: 30000 }),
        (async () => { for await (const e of c.watch(${JSON.stringify(dead)}, { key: new Uint8Array([1]) })) void e; })(),
      ].map((p) => p.then(() => 'ok', (e) => e.code));
      setTimeout(() => { t.close(); c.close(); process.stdout.write('closed\\n'); }, 200);
      Promise.all(outcomes).then((codes) => process.stdout.write(codes.join(',') + '\\n'));
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let closedAt = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (closedAt === 0 && out.includes('closed')) closedAt = performance.now();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await new Promise<number | string>((resolve) => child.on('exit', (c, sig) => resolve(c ?? sig ?? 'unknown')));
    clearTimeout(kill);
    const lingeredMs = performance.now() - closedAt;
    assert.ok(closedAt > 0, `the child never closed: ${out} ${err}`);
    assert.ok(lingeredMs < 2_000, `the process lived ${Math.round(lingeredMs)} ms after close()`);
    assert.equal(code, 0, err);
    assert.match(out, /TRANSPORT_CLOSED,/, out);
  });
});

describe('EndpointClient.watch connectTimeoutMs', () => {
  // Scenario: a library user's watch of a node that accepts TCP and never speaks HTTP/2, with a
  // connect wait of 3e9 ms (past Node's 2^31-1 ms timer limit), then NaN. Expectation: the long
  // wait is still waiting when the caller's own signal ends it 300 ms later (TimeoutError), and
  // NaN is a ConfigError before anything is dialled. Both went to a timer that fired after 1 ms,
  // before any channel could connect: the watch failed UNREACHABLE "no connection within ...".
  it('a wait past the timer limit waits; one that is not a number > 0 is a ConfigError', async () => {
    const hung = await startHungServer();
    const address = hung.address;
    const client = new EndpointClient();
    try {
      const consume = async (opts: { signal?: AbortSignal; connectTimeoutMs?: number }): Promise<void> => {
        for await (const event of client.watch(address, { key: Buffer.from('k') }, opts)) void event;
      };
      await assert.rejects(consume({ signal: AbortSignal.timeout(300), connectTimeoutMs: 3e9 }), (e: unknown) => e instanceof TimeoutError);
      await assert.rejects(consume({ connectTimeoutMs: Number.NaN }), (e: unknown) => e instanceof RaftCtlError && e.code === 'INVALID_CONFIG' && /connectTimeoutMs must be/.test(e.message));
    } finally {
      client.close();
      await hung.close();
    }
  });
});
