/**
 * leaderVerdict (src/app/verdict.ts): the exit code of a "who leads?" question from each
 * endpoint's outcome. Scenario: mixes of valid answers, malformed answers (protocol violations),
 * timeouts and connection failures. Expected: 0, then 3, then 7, then 5, then 4 (CLI.md's "most
 * informative wins", with a malformed answer after a valid one and before silence).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProtocolError, TimeoutError, UnreachableError } from '../../../src/errors.js';
import { leaderlessVerdict, leaderVerdict } from '../../../src/app/verdict.js';

const ok = { endpoint: 'a', error: null };
const malformed = { endpoint: 'b', error: new ProtocolError('b: malformed message (Response message parsing error: invalid tag encoding)') };
const timeout = { endpoint: 'c', error: new TimeoutError('c: deadline exceeded') };
const refused = { endpoint: 'd', error: new UnreachableError('cannot connect to d') };

test('a malformed answer ranks after a valid one and before timeouts and connection failures', () => {
  assert.equal(leaderVerdict(true, [malformed]), 0);
  assert.equal(leaderVerdict(false, [malformed]), 7);
  assert.equal(leaderVerdict(false, [malformed, timeout, refused]), 7);
  assert.equal(leaderVerdict(false, [malformed, ok]), 3);
  assert.equal(leaderVerdict(false, [timeout, refused]), 5);
  assert.equal(leaderVerdict(false, [refused]), 4);
  assert.equal(leaderVerdict(false, []), 4);
});

test('the verdict of malformed answers only: PROTOCOL_VIOLATION with the detail, no election hint', () => {
  const v = leaderlessVerdict({}, 7, 'cluster status', [malformed, refused]);
  assert.equal(v.code, 'PROTOCOL_VIOLATION');
  assert.equal(v.message, 'cluster status: the only answers were malformed (b: malformed message (Response message parsing error: invalid tag encoding); cannot connect to d)');
  assert.doesNotMatch(v.hint ?? '', /election/);
});
