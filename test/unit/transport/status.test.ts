/**
 * gRPC status → raftctl error mapping and the retry rule (src/transport/status.ts), against the
 * exit-code classes of CLI.md.
 */
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { Metadata, status } from '@grpc/grpc-js';
import { IntegrityError, NoLeaderError, NotReadyError, OutcomeUnknownError, RaftCtlError, RejectedError, TimeoutError, UnreachableError, UsageError } from '../../../src/errors.js';
import { toServiceError } from '../../../src/transport/server.js';
import { tidyDetails, fromGrpcError, isRetryable, TRAILER } from '../../../src/transport/status.js';

function grpcError(code: status, details: string, trailers: Record<string, string> = {}): Error {
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(trailers)) metadata.set(k, v);
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata });
}

const EP = '10.0.0.1:9081';

describe('fromGrpcError', () => {
  const cases: Array<[string, Error, { code: string; exit: number; sent?: boolean; message?: RegExp }]> = [
    ['connection refused', grpcError(status.UNAVAILABLE, 'No connection established. Last error: connect ECONNREFUSED 10.0.0.1:9081'), { code: 'UNREACHABLE', exit: 4, sent: false, message: /^cannot connect to 10\.0\.0\.1:9081/ }],
    ['a live node without a leader', grpcError(status.UNAVAILABLE, 'Leader not discovered'), { code: 'NOT_READY', exit: 3, sent: true }],
    ["d-engine's readiness gate", grpcError(status.UNAVAILABLE, 'Service is not ready'), { code: 'NOT_READY', exit: 3, sent: true }],
    ['a deadline', grpcError(status.DEADLINE_EXCEEDED, 'Deadline exceeded after 0.101s'), { code: 'TIMEOUT', exit: 5, sent: true, message: /deadline exceeded/ }],
    ['a cancelled call', grpcError(status.CANCELLED, 'Cancelled on client'), { code: 'TIMEOUT', exit: 5 }],
    ["d-engine's server-wide request timeout", grpcError(status.CANCELLED, 'Timeout expired'), { code: 'TIMEOUT', exit: 5, sent: true, message: /the node's own request timeout expired/ }],
    ["d-engine's not-leader write refusal", grpcError(status.FAILED_PRECONDITION, 'Not leader'), { code: 'NOT_LEADER', exit: 3 }],
    ['already exists', grpcError(status.FAILED_PRECONDITION, 'node already exists'), { code: 'FAILED_PRECONDITION', exit: 6, message: /node already exists/ }],
    ['a codec failure', grpcError(status.INTERNAL, 'Failed to parse server response'), { code: 'PROTOCOL_VIOLATION', exit: 7 }],
    // Our own request did not encode (grpc-js cancels the call before sending): the caller's bad
    // value, not the endpoint's malformed message.
    ['a request of ours that does not encode', grpcError(status.INTERNAL, 'Request message serialization failure: uint32 value -1 is not an integer in 0..4294967295'), { code: 'USAGE', exit: 2, sent: false, message: /^the request to 10\.0\.0\.1:9081 cannot be encoded, so nothing was sent: uint32 value -1/ }],
    ['a remote internal error', grpcError(status.INTERNAL, 'Response channel closed'), { code: 'REMOTE_INTERNAL', exit: 6 }],
    ['a learner refusing metadata', grpcError(status.PERMISSION_DENIED, 'learner'), { code: 'PERMISSION_DENIED', exit: 6 }],
    ['a d-engine node without the admin service', grpcError(status.UNIMPLEMENTED, 'unknown service'), { code: 'UNIMPLEMENTED', exit: 6 }],
    ['an admin trailer', grpcError(status.FAILED_PRECONDITION, 'stale plan', { [TRAILER.error]: 'CONFIG_CHANGED' }), { code: 'CONFIG_CHANGED', exit: 6 }],
  ];
  for (const [name, err, want] of cases) {
    it(`maps ${name} to ${want.code} (exit ${want.exit})`, () => {
      const e = fromGrpcError(err, EP);
      assert.ok(e instanceof RaftCtlError);
      assert.equal(e.code, want.code);
      assert.equal(e.exitCode, want.exit);
      assert.equal(e.details?.endpoint, EP);
      assert.equal(e.details?.grpcCode, (err as unknown as { code: number }).code);
      if (want.sent !== undefined) assert.equal(e.details?.sent, want.sent);
      if (want.message) assert.match(e.message, want.message);
      assert.equal(e.cause, err);
    });
  }

  it('d-engine\'s readiness gate ("Service is not ready", reference §3.0) is a refusal (nothing proposed); another UNAVAILABLE is not', () => {
    assert.equal(fromGrpcError(grpcError(status.UNAVAILABLE, 'Service is not ready'), EP).details?.refused, true);
    assert.equal(fromGrpcError(grpcError(status.UNAVAILABLE, 'Leader stepped down'), EP).details?.refused, undefined);
    assert.equal(fromGrpcError(grpcError(status.UNAVAILABLE, 'the node is shutting down'), EP).details?.refused, undefined);
  });

  it('reads the leader hint of a raftctl NOT_LEADER trailer', () => {
    const e = fromGrpcError(grpcError(status.FAILED_PRECONDITION, 'not leader', { [TRAILER.error]: 'NOT_LEADER', [TRAILER.leaderId]: '3', [TRAILER.leaderAddress]: '10.0.0.3:9081' }), EP);
    assert.ok(e instanceof NoLeaderError);
    assert.equal(e.code, 'NOT_LEADER');
    assert.equal(e.leaderId, 3);
    assert.equal(e.leaderAddress, '10.0.0.3:9081');
    assert.equal(e.hint, 'the leader is at 10.0.0.3:9081');
    const noHint = fromGrpcError(grpcError(status.FAILED_PRECONDITION, 'x', { [TRAILER.error]: 'NOT_LEADER', [TRAILER.leaderId]: 'abc' }), EP) as NoLeaderError;
    assert.equal(noHint.leaderId, null);
  });

  it('carries raftctl-first-index of a COMPACTED answer as a number', () => {
    const e = fromGrpcError(grpcError(status.OUT_OF_RANGE, 'compacted', { [TRAILER.error]: 'COMPACTED', [TRAILER.firstIndex]: '1201' }), EP);
    assert.equal(e.code, 'COMPACTED');
    assert.equal(e.details?.firstIndex, 1201);
  });

  it('explains size-limit refusals on either side', () => {
    const server = fromGrpcError(grpcError(status.RESOURCE_EXHAUSTED, 'Received message larger than max (100 vs. 64)'), EP);
    const client = fromGrpcError(grpcError(status.RESOURCE_EXHAUSTED, 'Attempted to send message with a size larger than 4194304'), EP);
    const busy = fromGrpcError(grpcError(status.RESOURCE_EXHAUSTED, 'too many requests'), EP);
    assert.equal(server.hint, 'the message exceeds the size limit');
    assert.equal(client.hint, 'the message exceeds the size limit');
    assert.equal(busy.hint, 'the node is overloaded; retry later');
    // QA: grpc-js refuses an oversized request before writing it, yet the error said `sent: true`
    // (for a write: it may have reached the node) although the docs say nothing is sent.
    assert.equal(client.details?.sent, false, 'our own send limit: nothing left this host');
    assert.equal(server.details?.sent, true, 'the node received and refused it');
  });

  it('an answer a node will not build (a scan over 32 MiB) is not called overload: retrying cannot help', () => {
    const scan = fromGrpcError(grpcError(status.RESOURCE_EXHAUSTED, 'the scan would answer more than 33554432 bytes; scan a longer (narrower) prefix'), EP);
    assert.equal(scan.exitCode, 6);
    assert.match(scan.hint ?? '', /retrying will not change that: ask for less/);
  });

  it('a node at its state quota or key bound is full, not overloaded: retrying cannot help, deleting can', () => {
    for (const details of [
      'the state would pass its quota: 888 + 222 bytes over --max-state-bytes 1024 (each key counts its key and value bytes plus 200); delete keys, or restart the nodes with a larger --max-state-bytes',
      'the node holds 8388608 keys, the most it can (8388608): delete keys to add others',
    ]) {
      const full = fromGrpcError(grpcError(status.RESOURCE_EXHAUSTED, details), EP);
      assert.equal(full.exitCode, 6);
      assert.match(full.hint ?? '', /the node is full, and retrying will not change that: delete keys/);
    }
  });

  it('an answer that is not gRPC (HTTP status only, or a non-gRPC content-type) is UNREACHABLE (4) with no made-up gRPC code, like an HTTP/1 server', () => {
    const notFound = fromGrpcError(grpcError(status.UNIMPLEMENTED, 'Received HTTP status code 404'), EP);
    assert.ok(notFound instanceof UnreachableError);
    assert.equal(notFound.exitCode, 4);
    assert.equal(notFound.message, "cannot connect to 10.0.0.1:9081: the endpoint answers HTTP/2 but not gRPC (HTTP status 404 without a gRPC status; is this a raftctl or d-engine node's port?)");
    assert.deepEqual(notFound.details, { endpoint: EP, sent: false, httpStatus: 404 }, 'no grpcCode: grpc-js made UNIMPLEMENTED up, no d-engine node said it');
    assert.match(notFound.hint ?? '', /^check --endpoints/);
    // A proxy's 5xx (502-504, a CDN's 520-524, a plain 500), 408 or 429 may have forwarded the
    // request: sent stays true (a write's outcome is unknown, it is not retried elsewhere).
    const proxy = fromGrpcError(grpcError(status.UNAVAILABLE, 'Received HTTP status code 503'), EP);
    assert.deepEqual([proxy.code, proxy.details?.sent], ['UNREACHABLE', true]);
    assert.match(proxy.message, /a proxy whose backend is down/);
    for (const code of [500, 524, 408, 429]) assert.equal(fromGrpcError(grpcError(status.UNKNOWN, `Received HTTP status code ${code}`), EP).details?.sent, true, `HTTP ${code}`);
    for (const code of [404, 415]) assert.equal(fromGrpcError(grpcError(status.UNIMPLEMENTED, `Received HTTP status code ${code}`), EP).details?.sent, false, `HTTP ${code}`);
    // An HTML page read as a length prefix, and a stream ended without trailers, after a text/* content-type.
    const html = fromGrpcError(grpcError(status.RESOURCE_EXHAUSTED, 'Received message larger than max (1752460652 vs 67108864)'), EP, { contentType: 'text/html' });
    assert.deepEqual([html.code, html.exitCode, html.details?.sent, html.details?.grpcCode], ['UNREACHABLE', 4, false, undefined]);
    assert.match(html.message, /content-type text\/html, not application\/grpc/);
    const empty = fromGrpcError(grpcError(status.INTERNAL, 'Received RST_STREAM with code 0 (Call ended without gRPC status)'), EP, { contentType: 'text/plain' });
    assert.equal(empty.code, 'UNREACHABLE');
    // A gRPC server's answers are unchanged, and a deadline stays a deadline whatever the headers said.
    assert.equal(fromGrpcError(grpcError(status.RESOURCE_EXHAUSTED, 'Received message larger than max (100 vs. 64)'), EP, { contentType: 'application/grpc+proto' }).code, 'RESOURCE_EXHAUSTED');
    assert.equal(fromGrpcError(grpcError(status.UNIMPLEMENTED, 'unknown service'), EP, { contentType: 'application/grpc' }).code, 'UNIMPLEMENTED');
    assert.equal(fromGrpcError(grpcError(status.DEADLINE_EXCEEDED, 'Deadline exceeded after 0.101s'), EP, { contentType: 'text/html' }).code, 'TIMEOUT');
  });

  it('a peer that does not accept gzip (UNIMPLEMENTED naming the compression) gets a hint to send uncompressed; another UNIMPLEMENTED none', () => {
    for (const details of ["Content is compressed with `gzip` which isn't supported", 'grpc: Decompressor is not installed for grpc-encoding "gzip"']) {
      const e = fromGrpcError(grpcError(status.UNIMPLEMENTED, details), EP);
      assert.equal(e.code, 'UNIMPLEMENTED');
      assert.equal(e.exitCode, 6);
      assert.match(e.hint ?? '', /does not accept gzip-compressed requests: send with compression off/);
      assert.equal(isRetryable(e), false);
    }
    assert.equal(fromGrpcError(grpcError(status.UNIMPLEMENTED, 'unknown service raftctl.admin.v1.Admin'), EP).hint, undefined);
  });

  it('passes a RaftCtlError through unchanged', () => {
    const e = new TimeoutError('x');
    assert.equal(fromGrpcError(e, EP), e);
  });
});

describe('isRetryable', () => {
  it('never retries a request of ours that does not encode', () => {
    assert.equal(isRetryable(fromGrpcError(grpcError(status.INTERNAL, 'Request message serialization failure: uint64 value -1 is not an integer in 0..2^53-1'), EP)), false);
  });

  it('retries what may succeed later and nothing else', () => {
    const retryable = Object.values(status)
      .filter((c): c is status => typeof c === 'number' && c !== status.OK)
      .filter((c) => isRetryable(fromGrpcError(grpcError(c, 'x'), EP)))
      .map((c) => status[c]);
    assert.deepEqual(retryable.sort(), ['ABORTED', 'DEADLINE_EXCEEDED', 'UNAVAILABLE', 'UNKNOWN'].sort());
  });

  it('a node\'s own request timeout (d-engine: CANCELLED "Timeout expired", reference §3.0) may succeed again; a call this client cancelled may not', () => {
    assert.equal(isRetryable(fromGrpcError(grpcError(status.CANCELLED, 'Timeout expired'), EP)), true);
    assert.equal(isRetryable(fromGrpcError(grpcError(status.CANCELLED, 'Cancelled on client'), EP)), false);
    assert.equal(isRetryable(fromGrpcError(grpcError(status.CANCELLED, 'Call cancelled'), EP)), false);
  });

  it('judges errors without a gRPC code by their class', () => {
    assert.equal(isRetryable(new RaftCtlError('UNREACHABLE', 4, 'x')), true);
    assert.equal(isRetryable(new RaftCtlError('TIMEOUT', 5, 'x')), true);
    assert.equal(isRetryable(new RaftCtlError('NOT_READY', 3, 'x')), true);
    assert.equal(isRetryable(new RaftCtlError('INVALID_CONFIG', 2, 'x')), false);
  });
});

test('tidyDetails: grpc-js internals are dropped from the messages users read', () => {
  assert.equal(tidyDetails('No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:1. Resolution note:'), 'connection refused (ECONNREFUSED)');
  assert.equal(tidyDetails('Channel closed before call started'), 'no connection: it was dropped before the call started (another call to this peer failed, or the peer left)');
  const dropped = fromGrpcError(grpcError(status.UNAVAILABLE, 'Channel closed before call started'), '10.0.0.1:9081');
  assert.deepEqual([dropped.code, dropped.exitCode, dropped.details?.sent], ['UNREACHABLE', 4, false], 'the call never started: nothing was sent');
  assert.equal(tidyDetails('No connection established. Last error: Protocol error (2026-11-28T11:39:04.008Z)'), "the endpoint does not speak HTTP/2 gRPC (is this a raftctl or d-engine node's port?)");
  assert.equal(tidyDetails('No connection established. Last error: Error: connect EHOSTUNREACH 10.0.0.1:9. Resolution note: '), 'no connection (EHOSTUNREACH)');
  assert.equal(tidyDetails('Deadline exceeded after 1.001s,name resolution: 0.007s,time to current attempt start: 0.001s,Waiting for LB pick'), 'no connection within 1.001s');
  assert.equal(tidyDetails('Deadline exceeded after 2.000s,remote_addr=127.0.0.1:5'), 'no answer within 2.000s');
  assert.equal(tidyDetails('Deadline exceeded after 0.200s,name resolution: 0.002s,metadata filters: 0.001s,LB pick: 0.010s,remote_addr=127.0.0.1:37979'), 'no answer within 0.200s');
  assert.equal(tidyDetails('Name resolution failed for target dns:nope:1. Resolution note:'), 'Name resolution failed for target dns:nope:1');
  const e = fromGrpcError(Object.assign(new Error('x'), { code: 14, details: 'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:1. Resolution note:' }), '127.0.0.1:1');
  assert.equal(e.message, 'cannot connect to 127.0.0.1:1: connection refused (ECONNREFUSED)');
  assert.equal(e.details?.sent, false);
  const invalid = fromGrpcError(Object.assign(new Error('x'), { code: 3, details: 'key is 5000 bytes; the limit is 4096' }), '127.0.0.1:1');
  assert.deepEqual([invalid.code, invalid.exitCode, invalid.message], ['INVALID_ARGUMENT', 6, '127.0.0.1:1: key is 5000 bytes; the limit is 4096']);
  assert.match(invalid.hint ?? '', /changed nothing/, 'a refusal says what to do (CLI.md: what failed, why, what to try)');
});

test('a raftctl node\'s error keeps its exit class across the wire (server toServiceError → client fromGrpcError); a usage error arrives as a refusal (6)', () => {
  const cases: Array<[RaftCtlError, number, string]> = [
    [new TimeoutError('read index timed out'), 5, 'TIMEOUT'],
    [new OutcomeUnknownError('proposal outcome unknown'), 5, 'OUTCOME_UNKNOWN'],
    [new NotReadyError('no leader yet'), 3, 'NOT_READY'],
    [new IntegrityError('CHECKSUM_MISMATCH', 'bad chunk'), 7, 'CHECKSUM_MISMATCH'],
    [new RejectedError('SNAPSHOT_IN_PROGRESS', 'busy'), 6, 'SNAPSHOT_IN_PROGRESS'],
    [new UsageError('bad request'), 6, 'USAGE'],
  ];
  for (const [thrown, exit, code] of cases) {
    const wire = toServiceError(thrown);
    const got = fromGrpcError(Object.assign(new Error(wire.details), { code: wire.code, details: wire.details, metadata: wire.metadata }), 'n1:1');
    assert.equal(got.exitCode, exit, `${thrown.code}: exit ${got.exitCode} (grpc ${wire.code})`);
    assert.equal(got.code, code);
    assert.equal(got.details?.sent, true);
  }
});

test('a connection lost during a call is UNREACHABLE with the request sent, not "the node is up but not ready"', () => {
  for (const details of ['Connection dropped', 'read ECONNRESET', 'Received RST_STREAM with code 2']) {
    const e = fromGrpcError(Object.assign(new Error(details), { code: status.UNAVAILABLE, details }), 'n1:1');
    assert.ok(e instanceof UnreachableError, details);
    assert.equal(e.details?.sent, true);
  }
  assert.ok(fromGrpcError(Object.assign(new Error('x'), { code: status.UNAVAILABLE, details: 'Leader not discovered' }), 'n1:1') instanceof NotReadyError);
});
