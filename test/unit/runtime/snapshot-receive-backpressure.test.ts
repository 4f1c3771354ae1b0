/**
 * InstallSnapshot receive backpressure on a node (src/runtime/services/peer-services.ts
 * `installSink`): the sink's `write` (awaited by the server before it reads the next chunk off
 * the stream) is the snapshot store's own `write`, pending until the chunk is on disk, so a leader
 * sending faster than the follower's disk is slowed by HTTP/2 flow control instead of filling the
 * follower's memory (the transport half is in test/integration/snapshot/push.test.ts). A failed
 * disk write fails the push with its error; an aborted push discards the `.part` file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RaftCtlError } from '../../../src/errors.js';
import { contradictsLog, installSink, type PeerServiceContext } from '../../../src/runtime/services/peer-services.js';

/** Resolves to true when `p` settled within a few event-loop turns. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
}

/** A snapshot store whose receiver writes only when a test releases it (or fails it). */
function gatedStore() {
  const log: string[] = [];
  let release: (() => void) | null = null;
  let failWith: ((e: Error) => void) | null = null;
  const store = {
    beginReceive(index: number, term: number) {
      log.push(`begin ${index}-${term}`);
      return {
        write: (data: Uint8Array) =>
          new Promise<void>((resolve, reject) => {
            release = () => {
              log.push(`wrote ${data.byteLength}`);
              resolve();
            };
            failWith = reject;
          }),
        finish: async () => ({ name: 'x', index, term, bytes: 0 }),
        abort: async () => void log.push('abort'),
      };
    },
  };
  return {
    store,
    log,
    release: () => release?.(),
    fail: (e: Error) => failWith?.(e),
  };
}

const ctxWith = (store: unknown): PeerServiceContext => ({ snapshots: store } as unknown as PeerServiceContext);

/** The snapshot every {@link installRig} push receives: 9-5.snap. */
const WRITTEN = { name: '9-5.snap', index: 9, term: 5, bytes: 10, entryCount: 0, bodySha256: '' };
/** What a finished push reports to the sink. */
const OUTCOME = { sha256: 'ab', verified: true, bytes: 10, chunks: 1 };

/** What a test steers in an {@link installRig}; each default is the plain case. */
interface InstallRigOptions {
  /** The core's answer for a push from `leaderId` (default: accepted at term 5). */
  waitSnapshot?: (leaderId: number) => Promise<unknown>;
  step?: (m: unknown) => void;
  /** The node's log (default: empty, nothing compacted). */
  log?: { compactPoint: () => { index: number; term: number }; term: (i: number) => number | undefined };
  /** Snapshot files held (default none). */
  list?: () => Promise<unknown[]>;
  /** The received copy's verify + rename (default: at once, WRITTEN). */
  finish?: () => Promise<typeof WRITTEN>;
  abort?: () => Promise<void>;
  /** Called for each file removed, after it is recorded in `removed`. */
  onRemove?: (name: string) => void;
  keepNewest?: () => Promise<unknown[]>;
}

/** A follower node and snapshot store for `installSink` pushes of 9-5.snap; `removed` lists the files removed. */
function installRig(o: InstallRigOptions = {}) {
  const removed: string[] = [];
  const node = {
    id: 2,
    latestSnapshot: null as unknown,
    step: o.step ?? (() => undefined),
    router: { waitSnapshot: o.waitSnapshot ?? (async () => ({ success: true, term: 5 })) },
    log: o.log ?? { compactPoint: () => ({ index: 0, term: 0 }), term: () => undefined },
  };
  const store = {
    list: o.list ?? (async () => []),
    beginReceive: () => ({ write: async () => undefined, finish: o.finish ?? (async () => WRITTEN), abort: o.abort ?? (async () => undefined) }),
    header: async () => ({ index: 9, term: 5, configuration: { voters: [1, 2, 3], votersOutgoing: [], learners: [], addresses: {} }, configIndex: 1, sha256: 'ab', entryCount: 0 }),
    remove: async (f: { name: string }) => {
      removed.push(f.name);
      o.onRemove?.(f.name);
    },
    keepNewest: o.keepNewest ?? (async () => []),
  };
  const ctx = { snapshots: store, node, logger: { log: () => undefined }, answerTimeoutMs: 1000 } as unknown as PeerServiceContext;
  return { node, ctx, removed };
}

test('an InstallSnapshot sink write is pending until the snapshot store wrote the chunk', async () => {
  const g = gatedStore();
  const sink = installSink(ctxWith(g.store), 10, 2, 1, 2);
  const first = Promise.resolve(sink.write(new Uint8Array(1024)));
  assert.equal(await settled(first), false, 'the disk has not taken the chunk: the server does not read the next one');
  g.release();
  assert.equal(await settled(first), true);
  assert.deepEqual(g.log, ['begin 10-2', 'wrote 1024']);
});

test('a failed disk write fails the sink write with its error; abort discards what was received', async () => {
  const g = gatedStore();
  const sink = installSink(ctxWith(g.store), 10, 2, 1, 2);
  const w = Promise.resolve(sink.write(new Uint8Array(8)));
  g.fail(new Error('ENOSPC: no space left on device'));
  await assert.rejects(w, /ENOSPC/);
  await sink.abort?.(undefined as never);
  assert.deepEqual(g.log, ['begin 10-2', 'abort']);
});

/**
 * Scenario: a received snapshot the core refuses, either contradicting this node's log (another
 * term at its index: a stale or hand-made push) or agreeing with it (the same snapshot again,
 * from a leader that lost its answer or a deposed one, whose name is this node's own base), and
 * one it accepts.
 * Expected: only the contradicting file is removed (it would be served to learners and, on the
 * next start, made the log's base over committed entries); the agreeing one stays, since the
 * rename replaced this node's base with identical content (removing it left a node that could
 * not restart, exit 7: soak QA); an accepted one becomes the latest.
 */
test('a refused snapshot is removed only when it contradicts the log; an accepted one becomes the latest', async () => {
  const cases = [
    { name: 'refused, contradicting', success: false, logTerm: 3, held: false, removed: ['9-5.snap'], retained: 0 },
    { name: 'refused, agreeing (this node\'s own base)', success: false, logTerm: 5, held: false, removed: [], retained: 0 },
    { name: 'refused, already held under that name (contradicting or not: it was there before)', success: false, logTerm: 3, held: true, removed: [], retained: 0 },
    { name: 'accepted: the retention runs only now', success: true, logTerm: 3, held: false, removed: [], retained: 1 },
  ];
  for (const c of cases) {
    const stepped: unknown[] = [];
    const received: string[] = [];
    let retained = 0;
    const { node, ctx, removed } = installRig({
      step: (m) => stepped.push(m),
      waitSnapshot: async () => ({ success: c.success, term: 5 }),
      log: { compactPoint: () => ({ index: 9, term: c.logTerm }), term: (i: number) => (i === 9 ? c.logTerm : undefined) },
      list: async () => (c.held ? [{ name: '9-5.snap', index: 9, term: 5, bytes: 10 }] : []),
      finish: async () => (received.push('finish'), WRITTEN),
      abort: async () => void received.push('abort'),
      keepNewest: async () => (retained++, []),
    });
    const sink = installSink(ctx, 9, 5, 1, 5);
    await sink.write(new Uint8Array(10));
    const finishing = Promise.resolve(sink.finish!(OUTCOME));
    if (c.success) await finishing;
    else await assert.rejects(finishing, /refused/);
    assert.deepEqual(removed, c.removed, c.name);
    assert.deepEqual(received, [c.held ? 'abort' : 'finish'], `${c.name}: the received copy is discarded when the name is already held`);
    assert.equal(retained, c.retained, c.name);
    assert.equal(node.latestSnapshot === null, !c.success, c.name);
    assert.equal(stepped.length, 1);
  }
});

test('contradictsLog: another term or no entry at the index contradicts; below the compact point nothing does', () => {
  const log = { compactPoint: () => ({ index: 10, term: 2 }), term: (i: number) => (i === 10 ? 2 : i > 10 && i <= 20 ? 3 : undefined) };
  assert.equal(contradictsLog(log, 15, 3), false);
  assert.equal(contradictsLog(log, 15, 4), true);
  assert.equal(contradictsLog(log, 10, 2), false);
  assert.equal(contradictsLog(log, 10, 1), true);
  assert.equal(contradictsLog(log, 25, 3), true, 'beyond the log');
  assert.equal(contradictsLog(log, 5, 9), false, 'below the compact point: cannot tell');
});

test('no answer from the core in time (the install may still be running): the file is kept, whatever the log says yet (review: a slow restore got the installed file deleted)', async () => {
  const { ctx, removed } = installRig({ waitSnapshot: async () => Promise.reject(new Error('no answer from the Raft core within 40000 ms')) });
  const sink = installSink(ctx, 9, 5, 1, 5);
  await assert.rejects(Promise.resolve(sink.finish!(OUTCOME)), /no answer/);
  assert.deepEqual(removed, []);
});

/**
 * Scenario: two pushes of the same snapshot (`9-5.snap`) finish on a follower at once: a leader
 * that died right after its last chunk, while this node still verified the file, and the new
 * leader pushing its own copy (snapshots are taken at the same indexes on every node, so the
 * names often agree); or a leader retrying after its call broke. Both copies are verified before
 * either is renamed into place, so neither finds the other's file as "already held". The core
 * accepts the first and starts the install (the restore reads the file; the log is compacted
 * only after it); it refuses the second, whose cleanup found no entry at index 9 in the log
 * yet and deleted the file being installed: the restore failed (ENOENT, the node stopped), or
 * read the deleted file to its end and the log was compacted to 9 with no snapshot file left
 * to restart from (exit 7, "compacted beyond the latest snapshot").
 * Expected: the second finish waits for the first; it then finds the file held and keeps it.
 */
test('two pushes of the same snapshot finishing at once: the refused one never deletes the file the accepted one installs', async () => {
  const files = new Set<string>();
  let installed = false;
  let releaseVerify!: () => void;
  const verified = new Promise<void>((r) => (releaseVerify = r));
  let answerFirst!: (a: { success: boolean; term: number }) => void;
  const { ctx, removed } = installRig({
    waitSnapshot: (leaderId) => (leaderId === 1 ? new Promise((r) => (answerFirst = r)) : Promise.resolve({ success: false, term: 6 })),
    log: { compactPoint: () => (installed ? { index: 9, term: 5 } : { index: 0, term: 0 }), term: (i: number) => (installed && i === 9 ? 5 : undefined) },
    list: async () => [...files].map((name) => ({ name, index: 9, term: 5, bytes: 10 })),
    finish: async () => {
      await verified;
      files.add(WRITTEN.name);
      return WRITTEN;
    },
    onRemove: (name) => files.delete(name),
  });
  const outcome = { success: true, ...OUTCOME };
  const first = installSink(ctx, 9, 5, 1, 5);
  const second = installSink(ctx, 9, 5, 3, 6);
  const a = Promise.resolve(first.finish!(outcome));
  const b = Promise.resolve(second.finish!(outcome));
  b.catch(() => undefined);
  await settled(a);
  releaseVerify();
  await settled(a);
  // The core took the first: the install runs (it reads 9-5.snap) and compacts the log after it.
  await settled(b);
  installed = true;
  answerFirst({ success: true, term: 6 });
  await a;
  await assert.rejects(b, /refused/);
  assert.deepEqual(removed, [], 'the file being installed was deleted');
  assert.ok(files.has('9-5.snap'));
});

/**
 * Scenario: a received snapshot whose metadata no correct leader sends (its last included term
 * above the push's leader_term: core/validate.ts). Expected: refused as a protocol violation
 * (the handler logs `snapshot install failed` with code PROTOCOL_VIOLATION and answers
 * success: false), not as an internal error: the sink threw a gRPC status, which the handler,
 * expecting a RaftCtlError, wrapped as INTERNAL "finishing the snapshot failed: GrpcStatusError".
 */
test('a received snapshot whose metadata fails validation is refused as a protocol violation, not an internal error', async () => {
  const stepped: unknown[] = [];
  const { ctx, removed } = installRig({ step: (m) => stepped.push(m), waitSnapshot: async () => ({ success: true, term: 1 }) });
  const sink = installSink(ctx, 9, 5, 1, 4);
  await assert.rejects(Promise.resolve(sink.finish!(OUTCOME)), (err: unknown) => err instanceof RaftCtlError && err.code === 'PROTOCOL_VIOLATION' && /term 5 is above the request's term 4/.test(err.message));
  assert.equal(stepped.length, 0, 'nothing stepped');
  assert.deepEqual(removed, ['9-5.snap'], 'the file contradicts the log: removed');
});

/** A node and snapshot store for finishes of received pushes whose outcome each test steers. */
function finishRig() {
  const events: string[] = [];
  const waiters: Array<{ leaderId: number; resolve: (a: { success: boolean; term: number }) => void; reject: (e: Error) => void }> = [];
  const node = {
    id: 2,
    stopped: false,
    latestSnapshot: null as unknown,
    step: (m: { from: number }) => void events.push(`step from ${m.from}`),
    router: {
      waitSnapshot: (leaderId: number) => new Promise((resolve, reject) => waiters.push({ leaderId, resolve, reject })),
    },
    log: { compactPoint: () => ({ index: 0, term: 0 }), term: () => undefined },
  };
  const failVerify = new Set<number>();
  const rig = { verifying: null as Promise<void> | null };
  const store = {
    list: async () => [],
    beginReceive: (index: number, term: number) => {
      let n = 0;
      return {
        write: async () => undefined,
        finish: async () => {
          if (rig.verifying) await rig.verifying;
          n = failVerify.has(index) ? -1 : 1;
          events.push(`verify ${index}-${term}${n < 0 ? ' failed' : ''}`);
          if (n < 0) throw new RaftCtlError('CORRUPT_DATA', 7, `snapshot ${index}-${term} does not verify`);
          return { name: `${index}-${term}.snap`, index, term, bytes: 10, entryCount: 0, bodySha256: '' };
        },
        abort: async () => void (n === 0 && events.push(`abort ${index}-${term}`)),
      };
    },
    header: async (f: { index: number; term: number }) => ({ index: f.index, term: f.term, configuration: { voters: [1, 2, 3], votersOutgoing: [], learners: [], addresses: {} }, configIndex: 1, sha256: 'ab', entryCount: 0 }),
    remove: async (f: { name: string }) => void events.push(`remove ${f.name}`),
    keepNewest: async () => [],
  };
  const ctx = { snapshots: store, node, logger: { log: () => undefined }, answerTimeoutMs: 1000 } as unknown as PeerServiceContext;
  const finish = (index: number, term: number, leaderId: number) => {
    const p = Promise.resolve(installSink(ctx, index, term, leaderId, 5).finish!(OUTCOME));
    p.catch(() => undefined);
    return p;
  };
  return { events, waiters, node, failVerify, finish, rig };
}

/**
 * Finishes run one at a time (7fe431c); one that fails (a copy that does not verify) must not
 * hold the next one back.
 */
test('a finish that fails lets the next one run', async () => {
  const r = finishRig();
  r.failVerify.add(7);
  const a = r.finish(7, 5, 1);
  const b = r.finish(9, 5, 3);
  await assert.rejects(a, /does not verify/);
  assert.ok(!(await settled(b)), 'the second waits for its answer');
  assert.deepEqual(r.events, ['verify 7-5 failed', 'verify 9-5', 'step from 3']);
  r.waiters[0]!.resolve({ success: true, term: 5 });
  await b;
});

/**
 * Scenario: a node stops (SIGTERM) while one received push finishes (waiting for the core's
 * answer) and another, complete, waits for its turn (7fe431c). The stop rejects the first
 * one's wait; the second then ran after the stop: it verified and renamed its file into `snap/`
 * (possibly after the storage was closed and the LOCK released), stepped it into a stopped
 * node (ignored) and waited for an answer nobody would give, for 10 answer timeouts (20 s or
 * more, a timer holding an embedding process open). Expected: once the node stopped, a finish
 * that has not reached the core gives up at once, its copy discarded (the `.part` removed).
 */
test('a finish queued behind another when the node stops gives up at once, its copy discarded', async () => {
  const r = finishRig();
  const a = r.finish(9, 5, 1);
  const b = r.finish(9, 5, 3);
  assert.ok(!(await settled(a)), 'the first waits for the core');
  // NodeHost.stop → RaftNode.stop: stopped, then every waiter rejected.
  r.node.stopped = true;
  r.waiters[0]!.reject(new RaftCtlError('NODE_STOPPED', 6, 'the node is shutting down'));
  await assert.rejects(a, /shutting down/);
  assert.ok(await settled(b), 'the queued finish ended with the stop');
  await assert.rejects(b, (err: unknown) => err instanceof RaftCtlError && err.code === 'NODE_STOPPED');
  assert.deepEqual(r.events, ['verify 9-5', 'step from 1', 'abort 9-5']);
  assert.equal(r.waiters.length, 1, 'nothing waits for the core after the stop');
});

/** The same stop while the finish verifies: it gives up before the core instead of waiting for an answer that cannot come. */
test('a finish verifying when the node stops gives up before stepping', async () => {
  const r = finishRig();
  let verified!: () => void;
  r.rig.verifying = new Promise((resolve) => (verified = resolve));
  const a = r.finish(9, 5, 1);
  assert.ok(!(await settled(a)));
  r.node.stopped = true;
  verified();
  assert.ok(await settled(a), 'the finish ended with the stop');
  await assert.rejects(a, (err: unknown) => err instanceof RaftCtlError && err.code === 'NODE_STOPPED');
  assert.deepEqual(r.events, ['verify 9-5']);
  assert.equal(r.waiters.length, 0, 'nothing waits for the core after the stop');
});
