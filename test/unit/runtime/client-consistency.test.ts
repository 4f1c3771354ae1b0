/**
 * RaftClientService's read paths on a three-node in-process cluster (helpers.ts), through the
 * production handlers (captured from addClientService, no wire): what a leader that has been
 * deposed without knowing it answers. Raft dissertation §6.4: a read is served only once
 * leadership at read time is proven (ReadIndex round) or covered by a lease; a node that cannot
 * prove it must not answer from its possibly stale state.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addClientService } from '../../../src/runtime/services/client-services.js';
import type { RaftNode } from '../../../src/runtime/raft-node.js';
import type { GrpcServer } from '../../../src/transport/server.js';
import { MemCluster, put, until } from './helpers.js';

type Unary = (call: { request: unknown }, cb: (err: unknown, res?: unknown) => void) => void;

/** The client handlers of `node`, callable without gRPC. */
function handlersOf(node: RaftNode): Record<string, Unary> {
  let impl: Record<string, Unary> = {};
  const server = { addService: (_n: string, _d: unknown, i: Record<string, Unary>) => ((impl = i), server) } as unknown as GrpcServer;
  addClientService(server, { node });
  return impl;
}

/** Calls a unary handler; settles with the answer or the status error. */
function call(h: Unary, request: unknown): Promise<{ ok: true; res: unknown } | { ok: false; err: { code?: number; details?: string; metadata?: unknown } }> {
  return new Promise((resolve) => h({ request }, (err, res) => resolve(err ? { ok: false, err: err as { code?: number } } : { ok: true, res })));
}

/**
 * Cuts `old` (the leader) off and freezes its ticks, so it keeps believing it leads (a process
 * whose timers are late: GC pause, overloaded host), lets the two others elect a leader and
 * write `k = 2` there. Returns the new leader and a function that lets `old` tick and hear again.
 */
async function deposeSilently(c: MemCluster, old: RaftNode): Promise<{ fresh: RaftNode; heal: () => void }> {
  const tick = old.core.tick.bind(old.core);
  old.core.tick = () => undefined;
  c.isolated.add(old.id);
  const fresh = await until('a new leader', () => c.leader(), 5000);
  await fresh.propose(put('k', '2'));
  assert.equal(old.role, 'leader', 'the old leader still believes it leads');
  return {
    fresh,
    heal: () => {
      old.core.tick = tick;
      c.isolated.delete(old.id);
    },
  };
}

/**
 * Calls client handler `method` with `request` on a leader deposed without knowing it
 * ({@link deposeSilently}), checks that no answer comes while it is cut off (200 ms), lets it hear
 * the new term, and returns the answer it gives then.
 */
async function askDeposedLeader(method: string, request: unknown): ReturnType<typeof call> {
  const c = await MemCluster.create([1, 2, 3]);
  let heal = (): void => undefined;
  try {
    const old = await until('leader', () => c.leader());
    await old.propose(put('k', '1'));
    ({ heal } = await deposeSilently(c, old));
    const pending = call(handlersOf(old)[method]!, request);
    const early = await Promise.race([pending, new Promise((r) => setTimeout(() => r('pending'), 200))]);
    assert.equal(early, 'pending', `the cut-off leader answered ${method}: ${JSON.stringify(early)}`);
    heal();
    return await pending;
  } finally {
    heal();
    await c.stop();
  }
}

test('a scan on a leader deposed without knowing it is never answered from its stale state (NOT_LEADER once it learns)', async () => {
  // Once it hears the new term it steps down: the scan it was proving gets "Not leader".
  const answer = await askDeposedLeader('HandleClientScan', { prefix: Buffer.from('k') });
  assert.equal(answer.ok ? JSON.stringify(answer.res) : answer.err.code, 9, 'FAILED_PRECONDITION "Not leader"');
});

for (const consistencyPolicy of [undefined, 0, 1]) {
  test(`a read (policy ${consistencyPolicy ?? 'unset'}) on a leader deposed without knowing it is not answered from its stale state`, async () => {
    const answer = await askDeposedLeader('HandleClientRead', { keys: [Buffer.from('k')], ...(consistencyPolicy === undefined ? {} : { consistencyPolicy }) });
    assert.ok(!answer.ok || (answer.res as { error?: number }).error === 4001, JSON.stringify(answer));
  });
}
