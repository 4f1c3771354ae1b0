/**
 * `kv watch` reads its stream at the pace of its output (src/app/kv-watch.ts "Backpressure",
 * src/cli/stream-write.ts): a consumer whose output is full stops reading, so the node's bounded
 * watch buffer, not this process, holds what the reader has not taken.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { kvWatch } from '../../../src/app/kv-watch.js';
import type { KvContext } from '../../../src/app/kv-route.js';
import { CallBudget } from '../../../src/app/operator.js';
import { writeOrWait } from '../../../src/cli/stream-write.js';
import type { WatchResponse } from '../../../src/transport/messages.js';

const EP = '127.0.0.1:1';

/** A context whose client's watch yields `n` PUT events and counts how many were taken. */
function fakeWatch(n: number): { ctx: KvContext; taken: () => number; budget: CallBudget } {
  let taken = 0;
  const budget = new CallBudget(1000, 10_000);
  const client = {
    async *watch(): AsyncGenerator<WatchResponse> {
      for (let i = 1; i <= n; i++) {
        taken++;
        yield { key: Buffer.from('/k'), value: Buffer.from(`v${i}`), eventType: 0, revision: i };
      }
    },
  };
  return { ctx: { client, endpoints: [EP], budget } as unknown as KvContext, taken: () => taken, budget };
}

// Scenario: the output takes the first event, then is full until released. Expectation: the
// stream is not read past the event being written; once released, the rest follow in order.
test('kvWatch takes no further event while onEvent waits for its output', async () => {
  const { ctx, taken, budget } = fakeWatch(5);
  let release!: () => void;
  const blocked = new Promise<void>((r) => (release = r));
  const seen: string[] = [];
  const done = kvWatch(ctx, { key: Buffer.from('/k'), prefix: false, prevKv: false, count: 5 }, (e) => {
    seen.push(e.value!);
    return seen.length === 1 ? blocked : undefined;
  });
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.deepEqual(seen, ['v1']);
  assert.equal(taken(), 1, 'no event is taken from the stream while the output is full');
  release();
  assert.deepEqual((await done).events, 5);
  assert.deepEqual(seen, ['v1', 'v2', 'v3', 'v4', 'v5']);
  budget.dispose();
});

test('writeOrWait: undefined while the stream takes the text, else a promise settled by drain', async () => {
  const out = new PassThrough({ highWaterMark: 8 });
  assert.equal(writeOrWait(out, 'abc'), undefined);
  const waiting = writeOrWait(out, 'defghijk');
  assert.ok(waiting instanceof Promise, 'over the high-water mark: wait');
  let settled = false;
  void waiting.then(() => (settled = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(settled, false, 'not before the reader took anything');
  out.read();
  await waiting;
  assert.equal(settled, true);
  assert.equal(out.listenerCount('drain'), 0, 'its listeners are removed');
});
