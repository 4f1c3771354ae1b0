/**
 * ClientResponse errors as the kv commands read them (src/app/kv-route.ts clientResponseError):
 * d-engine's ErrorCode and ErrorMetadata (reference §1.3, §1.5, §6), every field of the metadata
 * used where it says something.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NoLeaderError, NotReadyError, RejectedError } from '../../../src/errors.js';
import { clientResponseError, writeCertainlyRefused } from '../../../src/app/kv-route.js';
import type { ClientResponse } from '../../../src/transport/messages.js';

const EP = '10.0.0.1:9081';

test('SUCCESS is no error', () => {
  assert.equal(clientResponseError({ error: 0 }, EP), null);
  assert.equal(clientResponseError({}, EP), null);
});

test('NOT_LEADER: the hint of ErrorMetadata, its decimal leader_id and its address dialable (scheme stripped)', () => {
  const e = clientResponseError({ error: 4001, metadata: { leaderId: '3', leaderAddress: 'http://10.0.0.3:9081' } }, EP);
  assert.ok(e instanceof NoLeaderError);
  assert.deepEqual([e.code, e.leaderId, e.leaderAddress, e.hint], ['NOT_LEADER', 3, '10.0.0.3:9081', 'the leader is at 10.0.0.3:9081']);
  const bad = clientResponseError({ error: 4001, metadata: { leaderId: '0x3', leaderAddress: '' } }, EP) as NoLeaderError;
  assert.deepEqual([bad.leaderId, bad.leaderAddress], [null, null]);
});

test('PROPOSE_FAILED and TERM_OUTDATED end with the node\'s debug_message; a write\'s outcome stays unknown', () => {
  const e = clientResponseError({ error: 4006, metadata: { debugMessage: 'leadership lost with the entry in flight' } }, EP);
  assert.ok(e instanceof RejectedError);
  assert.equal(e.message, `${EP} answered PROPOSE_FAILED: leadership lost with the entry in flight`);
  assert.equal(writeCertainlyRefused(e), false);
  assert.equal(clientResponseError({ error: 4007 }, EP)?.message, `${EP} answered TERM_OUTDATED`);
});

test('RATE_LIMITED is a refusal whose hint names retry_after_ms when the node sent it (present 0 included)', () => {
  const e = clientResponseError({ error: 4004, metadata: { retryAfterMs: 250 } }, EP)!;
  assert.deepEqual([e.code, e.exitCode, e.hint, writeCertainlyRefused(e)], ['RATE_LIMITED', 6, 'retry after 250 ms', true]);
  assert.equal(clientResponseError({ error: 4004, metadata: { retryAfterMs: 0 } }, EP)!.hint, 'retry after 0 ms');
  assert.equal(clientResponseError({ error: 4004 }, EP)!.hint, 'retry later');
});

test('CLUSTER_UNAVAILABLE is a not-ready node; a code newer than raftctl is named by its number', () => {
  assert.ok(clientResponseError({ error: 4005 }, EP) instanceof NotReadyError);
  const newer = 4099 as NonNullable<ClientResponse['error']>; // not in this build's ErrorCode
  const e = clientResponseError({ error: newer, metadata: { debugMessage: 'new' } }, EP)!;
  assert.deepEqual([e.code, e.message], ['ERROR_4099', `${EP} answered ERROR_4099: new`]);
});
