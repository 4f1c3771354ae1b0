import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repeatsStop, SAME_SIGNAL_MS } from '../../../src/cli/hangup.js';

test('repeatsStop: nothing repeats before a stop; any SIGHUP repeats one; the same signal repeats it only within SAME_SIGNAL_MS', () => {
  assert.equal(repeatsStop(null, 'SIGINT', 0), false);
  assert.equal(repeatsStop(null, 'SIGHUP', 0), false);
  const first = { sig: 'SIGINT', at: 1000 };
  assert.equal(repeatsStop(first, 'SIGINT', 1000 + SAME_SIGNAL_MS - 1), true, 'timeout -s INT: the command, then its process group');
  assert.equal(repeatsStop(first, 'SIGINT', 1000 + SAME_SIGNAL_MS), false, 'a deliberate second Ctrl-C');
  assert.equal(repeatsStop(first, 'SIGTERM', 1001), false, 'another signal is a second request');
  assert.equal(repeatsStop(first, 'SIGHUP', 1000 + 60_000), true, 'a closing terminal, at any delay');
  assert.equal(repeatsStop({ sig: 'SIGHUP', at: 0 }, 'SIGINT', 10), false);
});
