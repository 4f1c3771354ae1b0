/**
 * The streaming calls against an HTTP/2 server that is not a gRPC one (a web server or proxy on
 * the peer's port): a snapshot pull and a replication stream fail as unreachable (exit 4, "answers
 * HTTP/2 but not gRPC"), as unary calls already did. QA: for a page served with status 200 (an
 * HTML content-type) they reported grpc-js's made-up status instead, a refusal (exit 6), which
 * sends an operator looking at the node rather than the address; a 404 was already recognised.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EXIT, type RaftCtlError } from '../../../src/errors.js';
import { GrpcTransport } from '../../../src/transport/grpc-transport.js';
import { DEFAULT_RETRY } from '../../../src/transport/retry.js';
import type { Membership } from '../../../src/transport/types.js';
import { startRawHttp2, type RawHttp2Server } from '../../commands/helpers/raw-http2.js';

describe('streams to an endpoint that answers HTTP/2 but not gRPC', () => {
  const servers: RawHttp2Server[] = [];
  let notFound: Membership;
  let htmlPage: Membership;
  before(async () => {
    const page404 = await startRawHttp2((stream) => {
      stream.respond({ ':status': 404, 'content-type': 'text/html' });
      stream.end('<html>not found</html>');
    });
    const page200 = await startRawHttp2((stream) => {
      stream.respond({ ':status': 200, 'content-type': 'text/html' });
      stream.end('<html>hello</html>');
    });
    servers.push(page404, page200);
    notFound = { selfId: 1, members: [{ id: 2, address: page404.endpoint, role: 'voter' }] };
    htmlPage = { selfId: 1, members: [{ id: 2, address: page200.endpoint, role: 'voter' }] };
  });
  after(() => Promise.all(servers.map((s) => s.close())));

  const notGrpc = (e: RaftCtlError): boolean => {
    assert.equal(e.exitCode, EXIT.UNREACHABLE, `${e.code}: ${e.message}`);
    assert.match(e.message, /answers HTTP\/2 but not gRPC/);
    return true;
  };

  for (const [name, membership] of [['a 404 page', () => notFound], ['an HTML page with status 200', () => htmlPage]] as const) {
    it(`snapshot pull from ${name}: unreachable, not gRPC`, async () => {
      const t = new GrpcTransport({ selfId: 1 });
      try {
        // The first chunk's wait (500 ms by default) is not what this checks: a loaded machine took
        // longer than that to connect, and the pull failed as a timeout before the page answered.
        const retry = { ...DEFAULT_RETRY.installSnapshot, maxAttempts: 1, jitter: 0, timeoutMs: 30_000 };
        await assert.rejects(
          (async () => {
            const pull = await t.requestSnapshotFromLeader(2, retry, membership());
            for await (const chunk of pull) void chunk;
          })(),
          notGrpc,
        );
      } finally {
        t.close();
      }
    });

    it(`replication stream to ${name}: the break names the endpoint as not gRPC`, async () => {
      const t = new GrpcTransport({ selfId: 1 });
      try {
        const stream = await t.openReplicationStream(2, membership(), false);
        const sent = stream.send({ term: 2, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, leaderCommitIndex: 0, entries: [] });
        await assert.rejects(sent, (e: RaftCtlError) => {
          assert.equal(e.code, 'STREAM_BROKEN');
          return notGrpc(e.cause as RaftCtlError);
        });
      } finally {
        t.close();
      }
    });
  }
});
