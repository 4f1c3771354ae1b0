/**
 * Retry policies, backoff delays and the retry loop (src/transport/retry.ts), on a manual clock
 * so every delay is exact. Reference §2.2–2.3 for d-engine's numbers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { NotReadyError, OutcomeUnknownError, RaftCtlError, RejectedError, TimeoutError, UnreachableError } from '../../../src/errors.js';
import { backoffDelay, DEFAULT_RETRY, validateRetryPolicy, withRetry, type RetryPolicy } from '../../../src/transport/retry.js';
import { ManualClock } from '../../harness/manual-clock.js';

const P: RetryPolicy = { maxAttempts: 4, timeoutMs: 100, baseDelayMs: 50, maxDelayMs: 1000, jitter: 0 };

describe('DEFAULT_RETRY', () => {
  it("matches d-engine's RetryPolicies::default() (reference §2.3)", () => {
    const table = Object.fromEntries(Object.entries(DEFAULT_RETRY).map(([k, p]) => [k, [p.maxAttempts, p.timeoutMs, p.baseDelayMs, p.maxDelayMs]]));
    assert.deepEqual(table, {
      appendEntries: [1, 100, 50, 1000],
      election: [3, 100, 50, 5000],
      membership: [120, 500, 3000, 60000],
      autoDiscovery: [3, 100, 50, 1000],
      joinCluster: [3, 500, 3000, 60000],
      installSnapshot: [3, 500, 50, 2000],
    });
    for (const [name, p] of Object.entries(DEFAULT_RETRY)) assert.equal(validateRetryPolicy(p, name), p);
  });
});

describe('backoffDelay', () => {
  it('doubles from baseDelay and caps at maxDelay (no jitter reproduces d-engine exactly)', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(P, n)), [50, 100, 200, 400, 800, 1000, 1000]);
    assert.equal(backoffDelay(P, 1000), 1000, 'a huge attempt number neither overflows nor exceeds the cap');
    assert.equal(backoffDelay({ ...P, baseDelayMs: 0, maxDelayMs: 0 }, 3), 0);
  });

  it('jitters downwards by up to `jitter` of the delay, drawn from the injected random source', () => {
    const j = { ...P, jitter: 0.2 };
    assert.equal(backoffDelay(j, 1, () => 0), 50);
    assert.equal(backoffDelay(j, 1, () => 0.5), 45);
    assert.equal(backoffDelay(j, 3, () => 0.999999), 160);
    assert.equal(backoffDelay({ ...P, jitter: 1 }, 2, () => 0.25), 75);
  });
});

describe('validateRetryPolicy', () => {
  const bad: Array<[Partial<RetryPolicy>, RegExp]> = [
    [{ maxAttempts: 0 }, /maxAttempts must be an integer ≥ 1 \(got 0\); 0 is not "unlimited"/],
    [{ maxAttempts: 1.5 }, /maxAttempts/],
    [{ timeoutMs: 0 }, /timeoutMs must be > 0/],
    [{ baseDelayMs: -1 }, /baseDelayMs must be ≥ 0/],
    [{ baseDelayMs: 2000, maxDelayMs: 1000 }, /maxDelayMs \(1000\) must be ≥ baseDelayMs \(2000\)/],
    [{ maxDelayMs: 120_001 }, /maxDelayMs must be ≤ 120000/],
    [{ jitter: 1.5 }, /jitter must be in \[0, 1\]/],
    [{ jitter: Number.NaN }, /jitter/],
  ];
  for (const [patch, message] of bad) {
    it(`rejects ${JSON.stringify(patch)} with a ConfigError naming the policy`, () => {
      assert.throws(
        () => validateRetryPolicy({ ...P, ...patch }, 'election'),
        (e: RaftCtlError) => e.code === 'INVALID_CONFIG' && e.exitCode === 2 && e.message.startsWith('election: ') && message.test(e.message),
      );
    });
  }
});

describe('withRetry', () => {
  const notReady = (): NotReadyError => new NotReadyError('n1:1: not ready', { details: { grpcCode: status.UNAVAILABLE, sent: true } });

  it('returns the first success with its attempt count, sleeping the exact backoff between failures', async () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    const retries: Array<[number, number]> = [];
    const outcome = clock.drive(
      withRetry(
        P,
        async (ctx) => {
          seen.push(ctx.attempt);
          assert.equal(ctx.timeoutMs, 100);
          if (ctx.attempt < 3) throw notReady();
          return 'ok';
        },
        { clock, onRetry: ({ attempt, delayMs }) => retries.push([attempt, delayMs]) },
      ),
    );
    assert.deepEqual(await outcome, { value: 'ok', attempts: 3 });
    assert.deepEqual(seen, [1, 2, 3]);
    assert.deepEqual(clock.sleeps, [50, 100]);
    assert.deepEqual(retries, [[1, 50], [2, 100]]);
    assert.equal(clock.now(), 150);
  });

  it('after the last attempt throws the last error with details.attempts, and sleeps maxAttempts − 1 times', async () => {
    const clock = new ManualClock();
    let n = 0;
    const err = await clock.drive(withRetry(P, async () => { n++; throw new UnreachableError(`down ${n}`, { details: { grpcCode: status.UNAVAILABLE, sent: false } }); }, { clock })).catch((e: RaftCtlError) => e);
    assert.ok(err instanceof UnreachableError);
    assert.equal(err.message, 'down 4');
    assert.equal(err.details?.attempts, 4);
    assert.deepEqual(clock.sleeps, [50, 100, 200]);
  });

  it('stops at once on an error that cannot succeed on retry', async () => {
    const clock = new ManualClock();
    let n = 0;
    const denied = new RejectedError('PERMISSION_DENIED', 'learner', { details: { grpcCode: status.PERMISSION_DENIED } });
    await assert.rejects(withRetry(P, async () => { n++; throw denied; }, { clock }), (e: RaftCtlError) => e === denied && e.details?.attempts === 1);
    assert.equal(n, 1);
    assert.deepEqual(clock.sleeps, []);
    await assert.rejects(withRetry(P, async () => { throw new Error('bug'); }, { clock }), (e: RaftCtlError) => e.code === 'INTERNAL' && e.message === 'bug');
  });

  it('never repeats a write whose outcome is unknown; a write that never left is retried', async () => {
    const clock = new ManualClock();
    let n = 0;
    const err = await withRetry(P, async () => { n++; throw new TimeoutError('deadline', { details: { grpcCode: status.DEADLINE_EXCEEDED, sent: true } }); }, { clock, unsafeToRepeat: true }).catch((e: unknown) => e);
    assert.ok(err instanceof OutcomeUnknownError);
    assert.equal(err.exitCode, 5);
    assert.equal(err.details?.outcome, 'unknown');
    assert.equal(n, 1);

    let m = 0;
    const r = await clock.drive(
      withRetry(P, async () => {
        if (++m === 1) throw new UnreachableError('refused', { details: { grpcCode: status.UNAVAILABLE, sent: false } });
        return 'written';
      }, { clock, unsafeToRepeat: true }),
    );
    assert.deepEqual(r, { value: 'written', attempts: 2 });
  });

  it('a definite refusal of a write is not turned into an unknown outcome; a connection lost mid-call is', async () => {
    const clock = new ManualClock();
    const invalid = new RejectedError('INVALID_ARGUMENT', 'bad key', { details: { grpcCode: status.INVALID_ARGUMENT, sent: true } });
    await assert.rejects(withRetry(P, async () => { throw invalid; }, { clock, unsafeToRepeat: true }), (e: RaftCtlError) => e === invalid && e.exitCode === 6);
    const notLeader = new NotReadyError('x', { details: { grpcCode: status.FAILED_PRECONDITION, sent: true } });
    await assert.rejects(withRetry(P, async () => { throw notLeader; }, { clock, unsafeToRepeat: true }), (e: RaftCtlError) => !(e instanceof OutcomeUnknownError));
    const lost = new UnreachableError('lost the connection during the call', { details: { grpcCode: status.UNAVAILABLE, sent: true } });
    await assert.rejects(withRetry(P, async () => { throw lost; }, { clock, unsafeToRepeat: true }), OutcomeUnknownError);
  });

  it('a signal aborted before the first attempt: TimeoutError with sent: false and 0 attempts, so a write is not taken for an unknown outcome', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(P, async () => ++calls, { clock: new ManualClock(), signal: AbortSignal.abort(), unsafeToRepeat: true }),
      (e: RaftCtlError) => e.code === 'TIMEOUT' && e.details?.sent === false && e.details?.attempts === 0,
    );
    assert.equal(calls, 0);
  });

  it('an abort during the backoff sleep ends the loop with the last error', async () => {
    const clock = new ManualClock();
    const ac = new AbortController();
    const pending = withRetry(P, async () => { throw notReady(); }, { clock, signal: ac.signal });
    await clock.waitForSleepers(1);
    ac.abort();
    await assert.rejects(pending, (e: RaftCtlError) => e.code === 'NOT_READY' && e.details?.attempts === 1);
    await assert.rejects(withRetry(P, async () => 1, { clock, signal: ac.signal }), (e: RaftCtlError) => e.code === 'TIMEOUT');
  });

  it('rejects an invalid policy before any attempt', async () => {
    let called = false;
    await assert.rejects(withRetry({ ...P, maxAttempts: 0 }, async () => { called = true; }, { clock: new ManualClock() }), (e: RaftCtlError) => e.code === 'INVALID_CONFIG');
    assert.equal(called, false);
  });
});
