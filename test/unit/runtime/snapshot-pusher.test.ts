/**
 * Snapshot pushes (src/runtime/snapshot-pusher.ts, through GrpcPeerSender): the core waits for
 * one report per Snapshot request it sends, so a request that arrives while a push runs is
 * pushed after it; a push claims the term of its request and is skipped when this node no
 * longer leads that term. The transport is a fake whose pushes the test finishes by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppendMsg, Configuration, Inbound, SnapshotMsg } from '../../../src/core/index.js';
import { IntegrityError, RejectedError, TimeoutError, UnreachableError } from '../../../src/errors.js';
import { silentLogger, type Logger, type LogLevel } from '../../../src/runtime/logger.js';
import { GrpcPeerSender } from '../../../src/runtime/peer-sender.js';
import { SNAPSHOT_RETRY_MAX_MS, SNAPSHOT_RETRY_MS, SNAPSHOT_WARN_REPEAT_MS } from '../../../src/runtime/snapshot-pusher.js';
import type { SnapshotStore } from '../../../src/storage/index.js';
import type { SnapshotResponse } from '../../../src/transport/messages.js';
import type { ReplicationStream, Transport } from '../../../src/transport/types.js';
import { ManualClock } from '../../harness/manual-clock.js';

const configuration: Configuration = { voters: [1, 2], votersOutgoing: [], learners: [], addresses: { 1: '127.0.0.1:1', 2: '127.0.0.1:2' } };

interface Push {
  readonly index: number;
  readonly leaderTerm: number;
  finish(res: SnapshotResponse): void;
  fail(err: Error): void;
}

/** A sender to peer 2 whose pushes wait for the test, with the node's leader term under its control. */
function harness(o: { latestIndex?: () => number; latest?: () => Promise<unknown>; verify?: (file: { name: string }) => Promise<unknown>; replaceCorrupt?: () => Promise<unknown>; clock?: ManualClock; snapshotDigest?: (file: { name: string }) => Uint8Array | undefined; logger?: Logger } = {}) {
  const pushes: Push[] = [];
  /** The source each push was given (size, and sha256 when the digest was known). */
  const sources: { size?: number; sha256?: Uint8Array }[] = [];
  /** Replication streams being opened to peer 2: the test connects (resolves) or refuses (rejects) each. */
  const connects: { connect(): void; refuse(err: Error): void }[] = [];
  const stepped: Inbound[] = [];
  const node = { leaderTerm: 5 };
  const transport = {
    sendSnapshot: (_peer: number, info: { lastIncludedIndex: number }, src: { size?: number; sha256?: Uint8Array }, _m: unknown, opts: { leaderTerm: number }) => {
      sources.push(src);
      return new Promise<SnapshotResponse>((finish, fail) => pushes.push({ index: info.lastIncludedIndex, leaderTerm: opts.leaderTerm, finish, fail }));
    },
    openReplicationStream: () =>
      new Promise<ReplicationStream>((resolve, reject) =>
        connects.push({
          connect: () => resolve({ peerId: 2, capacity: 128, inflight: 0, send: () => new Promise(() => undefined), closed: new Promise(() => undefined), close() {} } as ReplicationStream),
          refuse: reject,
        }),
      ),
  } as unknown as Transport;
  const latestIndex = o.latestIndex ?? (() => 100);
  const snapshots = {
    latest: o.latest ?? (async () => ({ name: 'x.snap', index: latestIndex(), term: 1, bytes: 10 })),
    bytes: async function* () {},
    verify: o.verify ?? (async () => ({})),
  } as unknown as SnapshotStore;
  const sender = new GrpcPeerSender({
    selfId: 1, transport, configuration: () => configuration, step: (m) => stepped.push(m), snapshots, leaderTerm: () => node.leaderTerm, electionTimeoutMs: 100, logger: o.logger ?? silentLogger,
    ...(o.replaceCorrupt ? { replaceCorruptSnapshot: o.replaceCorrupt } : {}),
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.snapshotDigest ? { snapshotDigest: o.snapshotDigest } : {}),
  });
  return { pushes, stepped, node, sender, connects, sources };
}

const request = (term: number, index: number): SnapshotMsg => ({ type: 'Snapshot', from: 1, to: 2, term, leaderId: 1, snapshot: { index, term: 1, configuration, configIndex: 1 } as SnapshotMsg['snapshot'] });
/** A heartbeat to peer 2: it makes the sender open (or use) the replication stream. */
const heartbeat = (seq: number): AppendMsg => ({ type: 'Append', from: 1, to: 2, term: 5, leaderId: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommitIndex: 0, seq });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const reports = (stepped: Inbound[]) => stepped.map((m) => (m.type === 'SnapshotResponse' ? `SnapshotResponse(index ${m.snapshotIndex}, term ${m.term}, ${m.success})` : m.type));

test('a Snapshot request that arrives while a push to the peer runs is pushed after it, and reported', async () => {
  let latest = 100;
  const h = harness({ latestIndex: () => latest });
  try {
    h.sender.send(request(5, 100));
    await sleep(5);
    assert.equal(h.pushes.length, 1);
    h.sender.send(request(5, 300)); // the core asks again (say, the first report was lost on its side)
    h.sender.send(request(5, 300)); // and again: only the newest waiting request is kept
    latest = 300;
    await sleep(5);
    assert.equal(h.pushes.length, 1, 'one push per peer at a time');
    h.pushes[0]!.finish({ term: 5, success: true });
    await sleep(5);
    assert.deepEqual(h.pushes.map((p) => [p.index, p.leaderTerm]), [[100, 5], [300, 5]], 'the waiting request is pushed when the first push ends');
    h.pushes[1]!.finish({ term: 5, success: true });
    await sleep(5);
    assert.deepEqual(reports(h.stepped), ['SnapshotResponse(index 100, term 5, true)', 'SnapshotResponse(index 300, term 5, true)']);
  } finally {
    h.sender.close();
  }
});

test('re-elected while a push of its old term runs: the new term\'s request is pushed with the new term; the old push is not reported', async () => {
  let latest = 100;
  const h = harness({ latestIndex: () => latest });
  try {
    h.sender.send(request(5, 100));
    await sleep(5);
    h.node.leaderTerm = 7; // lost and regained leadership; the new term's core asks again
    latest = 300;
    h.sender.send(request(7, 300));
    await sleep(5);
    h.pushes[0]!.finish({ term: 7, success: false }); // the peer already follows term 7
    await sleep(5);
    assert.deepEqual(h.pushes.map((p) => [p.index, p.leaderTerm]), [[100, 5], [300, 7]]);
    assert.deepEqual(reports(h.stepped), [], 'an answer to a push of term 5 is no answer to the request of term 7');
    h.pushes[1]!.finish({ term: 7, success: true });
    await sleep(5);
    assert.deepEqual(reports(h.stepped), ['SnapshotResponse(index 300, term 7, true)']);
  } finally {
    h.sender.close();
  }
});

test('a push claims the term of its request; it is skipped (nothing sent or reported) when the node no longer leads that term', async () => {
  let releaseLatest: () => void = () => undefined;
  const h = harness({ latest: () => new Promise((r) => (releaseLatest = () => r({ name: 'x.snap', index: 100, term: 1, bytes: 10 }))) });
  try {
    h.sender.send(request(5, 100));
    await sleep(5);
    h.node.leaderTerm = 6; // a new term began while the file was looked up (this node leads it)
    releaseLatest();
    await sleep(5);
    assert.equal(h.pushes.length, 0, 'no push claims term 6 for a request of term 5');
    h.sender.send(request(6, 100));
    await sleep(5);
    h.node.leaderTerm = 0; // stepped down while the file was looked up
    releaseLatest();
    await sleep(5);
    assert.equal(h.pushes.length, 0);
    h.node.leaderTerm = 6;
    h.sender.send(request(6, 100));
    await sleep(5);
    releaseLatest();
    await sleep(5);
    assert.deepEqual(h.pushes.map((p) => p.leaderTerm), [6], "the request's term, still led");
    assert.deepEqual(h.stepped, []);
  } finally {
    h.sender.close();
  }
});

test('a failed push is reported Unreachable after a pause, unless a newer request waits (its push reports instead)', async () => {
  const h = harness();
  try {
    h.sender.send(request(5, 100));
    await sleep(5);
    h.pushes[0]!.fail(new Error('peer went away'));
    await sleep(SNAPSHOT_RETRY_MS + 50);
    assert.deepEqual(reports(h.stepped), ['Unreachable']);
    h.sender.send(request(5, 100));
    await sleep(5);
    h.pushes[1]!.fail(new Error('peer went away'));
    h.sender.send(request(5, 100)); // arrives during the pause
    await sleep(2 * SNAPSHOT_RETRY_MS + 50); // the second failure in a row: twice the pause
    assert.equal(h.pushes.length, 3, 'the waiting request is pushed after the pause');
    assert.deepEqual(reports(h.stepped), ['Unreachable'], 'no report for the superseded failure');
    h.pushes[2]!.finish({ term: 5, success: true });
    await sleep(5);
    assert.deepEqual(reports(h.stepped), ['Unreachable', 'SnapshotResponse(index 100, term 5, true)']);
  } finally {
    h.sender.close();
  }
});

test('a push the receiver refused (success: false) is reported as that refusal, with the receiver\'s term when higher, not as Unreachable', async () => {
  const h = harness();
  try {
    h.sender.send(request(5, 100));
    await sleep(5);
    h.pushes[0]!.fail(new RejectedError('SNAPSHOT_REJECTED', '127.0.0.1:2 refused the snapshot at index 100 (term 5)', { details: { term: 5 } }));
    await sleep(SNAPSHOT_RETRY_MS + 50);
    assert.deepEqual(reports(h.stepped), ['SnapshotResponse(index 100, term 5, false)'], 'the core then probes right after the snapshot');
    h.sender.send(request(5, 100));
    await sleep(5);
    h.pushes[1]!.fail(new RejectedError('SNAPSHOT_REJECTED', 'refused (term 9)', { details: { term: 9 } }));
    await sleep(2 * SNAPSHOT_RETRY_MS + 50); // still paced: a receiver that refuses every push is not sent the file in a loop
    assert.deepEqual(reports(h.stepped).at(-1), 'SnapshotResponse(index 100, term 9, false)', 'a higher term reaches the core, which steps down');
    h.sender.send(request(5, 100));
    await sleep(5);
    h.pushes[2]!.fail(new RejectedError('SNAPSHOT_REJECTED', 'refused (term 2^53 - 1)', { details: { term: 2 ** 53 - 1 } }));
    await sleep(4 * SNAPSHOT_RETRY_MS + 50);
    assert.deepEqual(reports(h.stepped).at(-1), 'Unreachable', 'a term the core would drop: reported as a failed transfer, so the peer is not left waiting');
  } finally {
    h.sender.close();
  }
});

test('a failed push verifies the file once; a file corrupt on this node is replaced by a fresh snapshot, which the next push sends', async () => {
  let latest = 100;
  const verified: string[] = [];
  let replaced = 0;
  const h = harness({
    latestIndex: () => latest,
    latest: async () => ({ name: `${latest}-1.snap`, index: latest, term: 1, bytes: 10 }),
    verify: async (file) => {
      verified.push(file.name);
      if (file.name === '100-1.snap') throw new IntegrityError('CORRUPT', 'corrupt data in snap/100-1.snap: body SHA-256 mismatch');
      return {};
    },
    replaceCorrupt: async () => {
      replaced++;
      latest = 120;
    },
  });
  try {
    h.sender.send(request(5, 100));
    await sleep(5);
    h.pushes[0]!.fail(new Error('127.0.0.1:2 refused the snapshot at index 100 (term 1)'));
    await sleep(SNAPSHOT_RETRY_MS + 50);
    assert.deepEqual(verified, ['100-1.snap']);
    assert.equal(replaced, 1, 'a fresh snapshot replaces the corrupt file');
    h.sender.send(request(5, 100)); // the core retries after the Unreachable report
    await sleep(5);
    assert.equal(h.pushes[1]!.index, 120, 'the retry sends the fresh snapshot');
    h.pushes[1]!.fail(new Error('peer went away'));
    await sleep(2 * SNAPSHOT_RETRY_MS + 50); // the second failure in a row: twice the pause
    h.sender.send(request(5, 120));
    await sleep(5);
    h.pushes[2]!.fail(new Error('peer went away'));
    await sleep(SNAPSHOT_RETRY_MS);
    assert.equal(h.stepped.filter((m) => m.type === 'Unreachable').length, 2, 'the third failure in a row waits four times the pause before it is reported');
    await sleep(3 * SNAPSHOT_RETRY_MS + 50);
    assert.equal(h.stepped.filter((m) => m.type === 'Unreachable').length, 3);
    assert.deepEqual(verified, ['100-1.snap', '120-1.snap'], 'each file is verified once, however often its pushes fail');
    assert.equal(replaced, 1, 'a sound file is not replaced');
  } finally {
    h.sender.close();
  }
});

test('the pause after failed pushes to a peer that was down ends when its replication stream connects again; the next failure pauses as a first one', async () => {
  const clock = new ManualClock();
  const h = harness({ clock });
  try {
    const down = (): Error => new UnreachableError('connection refused');
    // The peer is down: pushes fail, the pause doubles up to its cap.
    for (let i = 0; ; i++) {
      h.sender.send(request(5, 100));
      await waitUntil(() => h.pushes.length === i + 1, 'a push');
      h.pushes[i]!.fail(down());
      await clock.waitForSleepers(1);
      if (clock.sleeps.at(-1) === SNAPSHOT_RETRY_MAX_MS) break;
      clock.advance(clock.sleeps.at(-1)!);
      await waitUntil(() => h.stepped.length === i + 1, 'the report after the pause');
    }
    const reported = h.stepped.length;
    // A heartbeat opens a stream; the peer refuses it (still down): the pause goes on.
    h.sender.send(heartbeat(1));
    await waitUntil(() => h.connects.length === 1, 'a stream being opened');
    h.connects[0]!.refuse(down());
    await waitUntil(() => h.stepped.length === reported + 1, 'the stream failure reported');
    await settle();
    assert.deepEqual(reports(h.stepped.slice(reported)), ['Unreachable'], 'only the stream failure, not the push failure');
    // The peer is back: the next stream connects, and the failed push is reported at once.
    // (Heartbeats until the stream's reconnect backoff, 50 ms of real time, has passed.)
    await waitUntil(() => h.connects.length === 2, 'a second stream', 5000, () => h.sender.send(heartbeat(2)));
    h.connects[1]!.connect();
    await waitUntil(() => h.stepped.length === reported + 2, 'the push failure reported without waiting out the pause');
    const last = h.stepped.at(-1)!;
    assert.equal(last.type === 'Unreachable' && last.snapshot, true, 'the snapshot transfer reported Unreachable: the core asks again');
    // The count starts over: the next failure pauses SNAPSHOT_RETRY_MS, not the cap.
    h.sender.send(request(5, 100));
    const n = h.pushes.length;
    await waitUntil(() => h.pushes.length === n + 1, 'the next push');
    h.pushes[n]!.fail(down());
    await clock.waitForSleepers(1);
    assert.equal(clock.sleeps.at(-1), SNAPSHOT_RETRY_MS);
  } finally {
    h.sender.close();
  }
});

test('a refused push (the peer answered) keeps its pause when the peer\'s stream connects', async () => {
  const clock = new ManualClock();
  const h = harness({ clock });
  try {
    h.sender.send(request(5, 100));
    await waitUntil(() => h.pushes.length === 1, 'a push');
    h.pushes[0]!.fail(new RejectedError('SNAPSHOT_REJECTED', 'refused', { details: { term: 5 } }));
    await clock.waitForSleepers(1);
    h.sender.send(heartbeat(1));
    await waitUntil(() => h.connects.length === 1, 'a stream being opened');
    h.connects[0]!.connect();
    await settle();
    assert.deepEqual(h.stepped, [], 'still pausing');
    clock.advance(SNAPSHOT_RETRY_MS);
    await waitUntil(() => h.stepped.length === 1, 'the report after the pause');
    assert.deepEqual(reports(h.stepped), ['SnapshotResponse(index 100, term 5, false)']);
  } finally {
    h.sender.close();
  }
});

/** Lets pending promise callbacks and timers of 0 ms run (a few event-loop turns; no wall-clock wait). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/** Polls `predicate` on event-loop turns until true (bounded in real time); `poke` runs between polls. */
async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 5000, poke?: () => void): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    poke?.();
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('close() ends a pause after a failed push (its timer would keep the process alive), and nothing is reported', async () => {
  const clock = new ManualClock();
  const h = harness({ clock });
  h.sender.send(request(5, 100));
  await waitUntil(() => h.pushes.length === 1, 'a push');
  h.pushes[0]!.fail(new RejectedError('SNAPSHOT_REJECTED', 'refused', { details: { term: 5 } }));
  await clock.waitForSleepers(1);
  h.sender.close();
  await settle();
  assert.deepEqual(clock.pending, [], 'the pause ended');
  assert.deepEqual(h.stepped, []);
});

test('a push announces the file\'s whole-file SHA-256 when it is already known (the file is then read once), and leaves it to the transport\'s first pass when not', async () => {
  const digest = new Uint8Array(32).fill(7);
  let known = true;
  const h = harness({ snapshotDigest: (file) => (known && file.name === 'x.snap' ? digest : undefined) });
  h.sender.send(request(5, 100));
  await waitUntil(() => h.pushes.length === 1, 'the first push');
  assert.equal(h.sources[0]!.size, 10);
  assert.deepEqual(h.sources[0]!.sha256, digest);
  h.pushes[0]!.finish({ term: 5, success: true, nextChunk: 0 });
  known = false;
  h.sender.send(request(5, 100));
  await waitUntil(() => h.pushes.length === 2, 'the second push');
  assert.equal(h.sources[1]!.sha256, undefined);
  h.pushes[1]!.finish({ term: 5, success: true, nextChunk: 0 });
  h.sender.close();
});

test('a push that failed while the peer was up (stalled receiver, bad file) keeps its pause when the peer\'s stream reconnects (review: only unreachable pushes end early)', async () => {
  for (const failure of [() => new TimeoutError('no ack for a chunk within 2000 ms'), () => new IntegrityError('CHECKSUM_MISMATCH', 'the bytes sent differ from the announced SHA-256')]) {
    const clock = new ManualClock();
    const h = harness({ clock });
    try {
      h.sender.send(request(5, 100));
      await waitUntil(() => h.pushes.length === 1, 'a push');
      // The stream breaks and reconnects during the push (a response timeout of a live peer).
      h.sender.send(heartbeat(1));
      await waitUntil(() => h.connects.length === 1, 'a stream being opened');
      h.connects[0]!.connect();
      h.pushes[0]!.fail(failure());
      await clock.waitForSleepers(1);
      await settle();
      assert.deepEqual(h.stepped, [], `still pausing after ${failure().constructor.name}`);
      clock.advance(SNAPSHOT_RETRY_MS);
      await waitUntil(() => h.stepped.length === 1, 'the report after the pause');
    } finally {
      h.sender.close();
    }
  }
});

test('after close(), a file found corrupt by the check of a failed push is not replaced (the node is stopping)', async () => {
  let finishVerify!: (err: Error) => void;
  let replaced = 0;
  const h = harness({
    verify: () => new Promise((_resolve, reject) => (finishVerify = reject)),
    replaceCorrupt: async () => {
      replaced++;
    },
  });
  h.sender.send(request(5, 100));
  await waitUntil(() => h.pushes.length === 1, 'a push');
  h.pushes[0]!.fail(new UnreachableError('connection refused'));
  await waitUntil(() => finishVerify !== undefined, 'the file check');
  h.sender.close();
  finishVerify(new IntegrityError('CORRUPT', 'body SHA-256 mismatch'));
  await settle();
  assert.equal(replaced, 0);
});

test('a push whose own check found the sent bytes differ from the digest makes the file be verified again, even if it passed before', async () => {
  const verified: string[] = [];
  const clock = new ManualClock();
  const h = harness({ clock, verify: async (file) => void verified.push(file.name) });
  try {
    for (let i = 0; i < 3; i++) {
      h.sender.send(request(5, 100));
      await waitUntil(() => h.pushes.length === i + 1, 'a push');
      h.pushes[i]!.fail(i === 0 ? new UnreachableError('connection refused') : new IntegrityError('CHECKSUM_MISMATCH', 'the bytes sent differ from the announced SHA-256'));
      await clock.waitForSleepers(1);
      clock.advance(clock.pending[0]!);
      await waitUntil(() => h.stepped.length === i + 1, 'the report');
    }
    assert.deepEqual(verified, ['x.snap', 'x.snap', 'x.snap']);
  } finally {
    h.sender.close();
  }
});

test('a peer that refuses every push (its snapshot bound, say) is warned about once per episode, again after SNAPSHOT_WARN_REPEAT_MS; the retries log at debug; a success ends the episode', async () => {
  // Seen with real processes: a follower whose --max-state-bytes is too small for the leader's
  // snapshot refused each push (SNAPSHOT_TOO_LARGE); the leader logged `snapshot push started`
  // (info) and `snapshot push failed` (warn) at every retry, 12 lines a minute, forever.
  const clock = new ManualClock();
  const lines: { level: LogLevel; msg: string; code?: unknown }[] = [];
  const h = harness({ clock, logger: { log: (level, msg, fields) => lines.push({ level, msg, code: fields?.code }) } });
  const tooLarge = () => new RejectedError('SNAPSHOT_TOO_LARGE', '127.0.0.1:2: InstallSnapshot: the snapshot may be up to 20 bytes, more than the 10 this node accepts', { details: { grpcCode: 8 } });
  /** Fails push `i` with `err` and lets its pause run out (the core asks again at once). */
  const failPush = async (i: number, err: Error, advanceMs: number) => {
    await waitUntil(() => h.pushes.length === i + 1, `push ${i + 1}`);
    h.pushes[i]!.fail(err);
    await clock.waitForSleepers(1);
    clock.advance(advanceMs);
    await waitUntil(() => h.stepped.length === i + 1, `report ${i + 1}`);
    h.sender.send(request(5, 100));
  };
  const levels = (msg: string) => lines.filter((l) => l.msg === msg).map((l) => l.level);
  try {
    h.sender.send(request(5, 100));
    for (let i = 0; i < 6; i++) await failPush(i, tooLarge(), SNAPSHOT_RETRY_MAX_MS);
    await waitUntil(() => h.pushes.length === 7, 'push 7');
    assert.deepEqual(levels('snapshot push failed'), ['warn', 'debug', 'debug', 'debug', 'debug', 'debug'], 'one warning for six refusals');
    assert.deepEqual(levels('snapshot push started'), ['info', 'debug', 'debug', 'debug', 'debug', 'debug', 'debug']);
    assert.equal(lines.find((l) => l.level === 'warn')?.code, 'SNAPSHOT_TOO_LARGE');
    // Still refused SNAPSHOT_WARN_REPEAT_MS after the warning (60 s went by): a reminder.
    clock.advance(SNAPSHOT_WARN_REPEAT_MS - 60_000);
    await failPush(6, tooLarge(), SNAPSHOT_RETRY_MAX_MS);
    // Another failure (the peer went down) is news: warned at once.
    await failPush(7, new UnreachableError('down'), SNAPSHOT_RETRY_MAX_MS);
    assert.deepEqual(levels('snapshot push failed').slice(6), ['warn', 'warn']);
    // A push that succeeds ends the episode: the next refusal is warned about again.
    await waitUntil(() => h.pushes.length === 9, 'push 9');
    h.pushes[8]!.finish({ term: 5, success: true });
    await waitUntil(() => h.stepped.length === 9, 'report 9');
    h.sender.send(request(5, 100));
    await failPush(9, tooLarge(), SNAPSHOT_RETRY_MS);
    await waitUntil(() => h.pushes.length === 11, 'push 11');
    assert.deepEqual(levels('snapshot push failed').slice(8), ['warn']);
    assert.deepEqual(levels('snapshot push started').slice(-3), ['debug', 'info', 'debug'], 'the push after the success is news again, the retry after its failure not');
  } finally {
    h.sender.close();
  }
});
