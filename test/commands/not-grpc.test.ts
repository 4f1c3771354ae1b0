/**
 * Endpoints that speak HTTP/2 but are not gRPC servers (a web server, an HTTP/2 proxy without a
 * route): every call to them fails with a status grpc-js makes up (404 → UNIMPLEMENTED, an HTML
 * page read as a message → RESOURCE_EXHAUSTED, a stream ended without trailers → INTERNAL). QA:
 * `leader discover` exited 3 "the reachable nodes know no leader … an election may be in
 * progress" and `cluster status` took the 404 for a d-engine node. Expected, as for an HTTP/1
 * server: exit 4 (UNREACHABLE), saying the endpoint is not a gRPC node's port.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeKv, type FakeKvCluster } from './helpers/fake-kv.js';
import { startRawHttp2, type RawHttp2Server } from './helpers/raw-http2.js';
import { errorLine, runCommand } from './helpers/run-command.js';

const parse = <T>(text: string): T => JSON.parse(text) as T;

/** How a fake HTTP/2 server answers every request. */
type Answer = '404 html' | '200 html' | '200 empty text';

/** A plain HTTP/2 server (not gRPC) on 127.0.0.1 with an OS-chosen port. */
async function startHttp2(answer: Answer): Promise<RawHttp2Server> {
  return startRawHttp2((stream) => {
    if (answer === '404 html') {
      stream.respond({ ':status': 404, 'content-type': 'text/html' });
      stream.end('<html><body>not found</body></html>');
    } else if (answer === '200 html') {
      stream.respond({ ':status': 200, 'content-type': 'text/html' });
      stream.end('<html><body>hello</body></html>');
    } else {
      stream.respond({ ':status': 200, 'content-type': 'text/plain' });
      stream.end();
    }
  });
}

for (const answer of ['404 html', '200 html', '200 empty text'] as const) {
  describe(`an HTTP/2 server that is not gRPC (${answer})`, () => {
    let web: Awaited<ReturnType<typeof startHttp2>>;
    before(async () => {
      web = await startHttp2(answer);
    });
    after(() => web.close());

    test('leader discover exits 4 (UNREACHABLE, not a gRPC port), never 3 with the election hint', async () => {
      const r = await runCommand(['leader', 'discover', '-e', web.endpoint, '--json']);
      assert.equal(r.exitCode, 4, r.stdout + r.stderr);
      const view = parse<{ views: { error: string }[] }>(r.stdout).views[0]!;
      assert.match(view.error, /^cannot connect to 127\.0\.0\.1:\d+: the endpoint answers HTTP\/2 but not gRPC \(.*is this a raftctl or d-engine node's port\?\)$/);
      const err = errorLine(r.stderr);
      assert.equal(err.code, 'UNREACHABLE');
      assert.doesNotMatch(err.hint, /election/);
    });

    test('cluster status exits 4 and does not take it for a d-engine node (source null)', async () => {
      const r = await runCommand(['cluster', 'status', '-e', web.endpoint, '--json']);
      assert.equal(r.exitCode, 4, r.stdout + r.stderr);
      assert.equal(parse<{ source: string | null }>(r.stdout).source, null);
      const err = errorLine(r.stderr);
      assert.equal(err.code, 'UNREACHABLE');
      assert.match(err.message, /but not gRPC/);
    });

    test('kv get and kv put exit 4 (a write there certainly changed nothing: not an unknown outcome)', async () => {
      const g = await runCommand(['kv', 'get', 'k', '-e', web.endpoint, '--json']);
      assert.equal(g.exitCode, 4, g.stderr);
      assert.match(errorLine(g.stderr).message, /but not gRPC/);
      const p = await runCommand(['kv', 'put', 'k', 'v', '-e', web.endpoint, '--json']);
      assert.equal(p.exitCode, 4, p.stderr);
      assert.equal(errorLine(p.stderr).code, 'UNREACHABLE');
    });
  });
}

describe('an HTTP/2 server that is not gRPC among a raftctl cluster\'s endpoints', () => {
  let kv: FakeKvCluster;
  let web: Awaited<ReturnType<typeof startHttp2>>;
  before(async () => {
    kv = await startFakeKv();
    web = await startHttp2('404 html');
  });
  after(async () => {
    await Promise.all([kv.close(), web.close()]);
  });

  test('cluster status still reads the cluster the raftctl way (the 404 is not a d-engine node); kv put goes to the next endpoint', async () => {
    const r = await runCommand(['cluster', 'status', '-e', `${web.endpoint},${kv.endpoints[1]}`, '--json']);
    assert.equal(r.exitCode, 0, r.stderr);
    const doc = parse<{ source: string; leaderId: number; members: { id: number; reachable: boolean }[] }>(r.stdout);
    assert.equal(doc.source, 'raftctl');
    assert.equal(doc.leaderId, 1);
    assert.deepEqual(doc.members.map((m) => [m.id, m.reachable]), [[1, true], [2, true], [3, true]]);
    const p = await runCommand(['kv', 'put', 'k', 'v', '-e', `${web.endpoint},${kv.endpoints[0]}`, '--json']);
    assert.equal(p.exitCode, 0, p.stderr);
    assert.equal(kv.store.get('k')?.toString(), 'v');
  });
});
