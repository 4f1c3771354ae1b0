/**
 * ClientResponse errors as the kv commands read them (src/app/kv-route.ts clientResponseError):
 * d-engine's ErrorCode and ErrorMetadata (reference §1.3, §1.5, §6), every field of the metadata
 * used where it says something; and routeRequest over a fake client where a hint's spelling matters.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NoLeaderError, NotReadyError, RejectedError, UnreachableError } from '../../../src/errors.js';
import { clientResponseError, routeRequest, writeCertainlyRefused } from '../../../src/app/kv-route.js';
import { CallBudget } from '../../../src/app/operator.js';
import { AddressBook } from '../../../src/transport/address-identity.js';
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

/**
 * Scenario: `-e localhost:1001,localhost:1002` (a fake client, no network; the AddressBook's
 * lookup maps localhost to 127.0.0.1). Node 1 refuses connections (just killed); node 2 still
 * names it leader at 127.0.0.1:1001, in its NOT_LEADER hint and in DiscoverLeader. Expectation:
 * the hint is the endpoint given and found dead, so no request is sent to 127.0.0.1:1001 (a
 * second attempt at the dead node, under its other spelling) and the request ends NOT_LEADER
 * when --wait-timeout runs out. Rule: routeRequest follows a hint only to a node not seen dead.
 */
test('routeRequest: a hint naming a dead endpoint in another spelling is not followed', async () => {
  const refused = (endpoint: string): Error => new UnreachableError(`cannot connect to ${endpoint}: connection refused`, { details: { endpoint, sent: false, grpcCode: 14 } });
  const isNode1 = (endpoint: string): boolean => endpoint.endsWith(':1001');
  const client = {
    discoverLeader: async (endpoint: string) => {
      if (isNode1(endpoint)) throw refused(endpoint);
      return { leaderId: 1, leaderAddress: '127.0.0.1:1001', term: 3 };
    },
  };
  const sent: string[] = [];
  const budget = new CallBudget(300, 600);
  try {
    const ctx = { client, endpoints: ['localhost:1001', 'localhost:1002'], budget, addresses: new AddressBook({ lookup: async (h) => (h === 'localhost' ? ['127.0.0.1'] : []) }) };
    await assert.rejects(
      routeRequest(ctx as never, async (endpoint) => {
        sent.push(endpoint);
        if (isNode1(endpoint)) throw refused(endpoint);
        throw new NoLeaderError(`${endpoint} is not the leader`, { code: 'NOT_LEADER', leaderId: 1, leaderAddress: '127.0.0.1:1001', details: { endpoint, sent: true } });
      }, { kind: 'read' }),
      (e: unknown) => e instanceof NoLeaderError && e.code === 'NOT_LEADER',
    );
    assert.deepEqual([...new Set(sent)].sort(), ['localhost:1001', 'localhost:1002']);
  } finally {
    budget.dispose();
  }
});

/**
 * Scenario: `-e svc:9081`, a name that resolves to every node of the cluster (round-robin DNS, a
 * Kubernetes headless service; the fake lookup maps it to 127.0.0.1, .2 and .3). The dial lands
 * on node 1, a follower, whose NOT_LEADER hint (and DiscoverLeader answer) names the leader at
 * 127.0.0.2:9081. Expectation: the request goes to 127.0.0.2:9081 and succeeds there. Rule: a
 * name that resolves to several addresses of one family is not one node, so a hint naming one of
 * those addresses is not "the endpoint given" (redialling `svc:9081` would reach node 1 again,
 * until --wait-timeout: exit 3).
 */
test('routeRequest: a hint naming one of the addresses a round-robin endpoint name resolves to is followed', async () => {
  const leader = '127.0.0.2:9081';
  const client = {
    discoverLeader: async () => ({ leaderId: 2, leaderAddress: leader, term: 3 }),
  };
  const sent: string[] = [];
  const budget = new CallBudget(300, 600);
  try {
    const ctx = { client, endpoints: ['svc:9081'], budget, addresses: new AddressBook({ lookup: async (h) => (h === 'svc' ? ['127.0.0.1', '127.0.0.2', '127.0.0.3'] : []) }) };
    const routed = await routeRequest(ctx as never, async (endpoint) => {
      sent.push(endpoint);
      if (endpoint !== leader) throw new NoLeaderError(`${endpoint} is not the leader`, { code: 'NOT_LEADER', leaderId: 2, leaderAddress: leader, details: { endpoint, sent: true } });
      return 'ok';
    }, { kind: 'read' });
    assert.deepEqual(routed, { endpoint: leader, value: 'ok' });
    assert.deepEqual(sent, ['svc:9081', leader]);
  } finally {
    budget.dispose();
  }
});
