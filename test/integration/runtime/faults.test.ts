/**
 * Faults on real node processes (tick 30 ms, election timeout 300 ms):
 * - a leader paused with SIGSTOP while a new leader takes writes never serves a stale read
 *   after SIGCONT, under lease or linearizable policy (dissertation §6.4: lease validity uses
 *   monotonic time, so a paused process cannot trust its old lease);
 * - `--max-uncommitted` and `--max-uncommitted-bytes` refuse writes beyond their bound at once
 *   while nothing can commit;
 * - opt-in chaos (`RAFTCTL_CHAOS_MS=60000`): 8 writers against random kill -9 / restart of any
 *   node; every acknowledged write is readable at the end and all nodes converge.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import { killAll, restartNode, startCluster, waitFor, type NodeCluster } from '../../harness/node-process.js';

const ELECTION_MS = 300;
const client = new EndpointClient();
const o = { deadlineMs: 1000 };

after(async () => {
  client.close();
  await killAll();
});

async function leaderOf(c: NodeCluster, ids: number[]): Promise<number | undefined> {
  for (const id of ids) {
    const m = await client.getClusterMetadata(c.peers[id]!, { deadlineMs: 300 }).catch(() => null);
    const l = m?.currentLeaderId ?? 0;
    if (l && ids.includes(l)) return l;
  }
  return undefined;
}

const put = (c: NodeCluster, id: number, key: string, value: string, opts = o) =>
  client.write(c.peers[id]!, { command: { insert: { key: Buffer.from(key), value: Buffer.from(value) } } }, opts);

/**
 * The deadline of the write beyond the bound: a leader that queued it instead of refusing it
 * would answer only here (DEADLINE_EXCEEDED). "At once" is checked against it, not against a
 * fixed figure a loaded machine can miss.
 */
const OVER_DEADLINE_MS = 20_000;

test('a paused leader serves no stale read after it resumes (lease and linearizable)', async () => {
  const c = await startCluster(3);
  try {
    for (let round = 0; round < 2; round++) {
      const old = await waitFor('leader', () => leaderOf(c, [1, 2, 3]), 20 * ELECTION_MS);
      assert.equal((await put(c, old, 'x', `old${round}`)).writeResult?.succeeded, true);
      process.kill(c.nodes.get(old)!.pid, 'SIGSTOP');
      let resumed = false;
      try {
        const others = [1, 2, 3].filter((id) => id !== old);
        const next = await waitFor('a new leader', () => leaderOf(c, others), 10 * ELECTION_MS);
        assert.equal((await put(c, next, 'x', `new${round}`)).writeResult?.succeeded, true);
        process.kill(c.nodes.get(old)!.pid, 'SIGCONT');
        resumed = true;
        const reads = await Promise.all(
          [0, 0, 1, 1, undefined].map((policy) =>
            client
              .read(c.peers[old]!, { keys: [Buffer.from('x')], ...(policy !== undefined ? { consistencyPolicy: policy } : {}) }, o)
              .then((r) => (r.error === 4001 ? 'NOT_LEADER' : r.readData?.results?.[0] ? Buffer.from(r.readData.results[0].value!).toString() : 'absent'))
              .catch((e: { code?: string }) => e.code ?? 'error'),
          ),
        );
        assert.deepEqual(reads.filter((v) => v.startsWith('old')), [], `stale reads from the resumed leader: ${reads.join(',')}`);
      } finally {
        if (!resumed) process.kill(c.nodes.get(old)!.pid, 'SIGCONT');
      }
    }
  } finally {
    await c.stop();
  }
});

/**
 * A 3-node cluster started with `extraArgs`: one write commits, then both followers are killed
 * (-9); `stuck` writes of `value` fill the bound (they cannot commit and time out on the client
 * side), and one more is sent. Returns its outcome ("CODE message", or "answered"), how long it
 * took, and the outcomes of the stuck ones.
 */
async function writeBeyondBound(extraArgs: string[], stuck: number, value: string): Promise<{ refused: string; ms: number; stuck: string[] }> {
  const c = await startCluster(3, { extraArgs });
  try {
    const leader = await waitFor('leader', () => leaderOf(c, [1, 2, 3]), 20 * ELECTION_MS);
    assert.equal((await put(c, leader, 'warm', 'up')).writeResult?.succeeded, true);
    for (const id of [1, 2, 3].filter((i) => i !== leader)) await c.nodes.get(id)!.kill9();
    const pending = Array.from({ length: stuck }, (_, i) => put(c, leader, `stuck${i}`, value).then(() => 'answered', (e: { code?: string }) => e.code ?? 'error'));
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const refused = await put(c, leader, 'over', value, { deadlineMs: OVER_DEADLINE_MS }).then(() => 'answered', (e: { code?: string; message?: string }) => `${e.code ?? 'error'} ${e.message ?? ''}`);
    const ms = Date.now() - started;
    return { refused, ms, stuck: await Promise.all(pending) };
  } finally {
    await c.stop();
  }
}

test('--max-uncommitted: with its followers down, a leader refuses writes beyond the bound at once (RESOURCE_EXHAUSTED)', async () => {
  // Three proposals fill the bound.
  const r = await writeBeyondBound(['--max-uncommitted', '3'], 3, 'v');
  assert.match(r.refused, /^RESOURCE_EXHAUSTED /);
  assert.ok(r.ms < OVER_DEADLINE_MS / 4, `refused at once, not after its deadline (${OVER_DEADLINE_MS} ms): took ${r.ms} ms`);
  assert.notDeepEqual(r.stuck, ['answered', 'answered', 'answered']);
});

test('--max-uncommitted-bytes: with its followers down, a leader refuses a write that would pass the byte bound at once (RESOURCE_EXHAUSTED)', async () => {
  // Two 3 KiB values fit in 8 KiB.
  const r = await writeBeyondBound(['--max-uncommitted-bytes', '8KiB'], 2, 'v'.repeat(3072));
  assert.match(r.refused, /^RESOURCE_EXHAUSTED .*uncommitted bytes/);
  assert.ok(r.ms < OVER_DEADLINE_MS / 4, `refused at once, not after its deadline (${OVER_DEADLINE_MS} ms): took ${r.ms} ms`);
  assert.notDeepEqual(r.stuck, ['answered', 'answered']);
});

const chaosMs = Number(process.env.RAFTCTL_CHAOS_MS ?? 0);

test('chaos: random kill -9 and restart under 8 writers loses no acknowledged write', { skip: chaosMs > 0 ? false : 'set RAFTCTL_CHAOS_MS to run' }, async () => {
  const c = await startCluster(3, { snapshotEvery: 100 });
  const acked = new Map<string, string>();
  let hint = 1;
  let stop = false;
  try {
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const key = `w${w}-${i}`;
        try {
          const r = await put(c, hint, key, String(i));
          if (r.writeResult?.succeeded && !r.error) acked.set(key, String(i));
          else if (r.error === 4001 && r.metadata?.leaderId) hint = Number(r.metadata.leaderId);
          else throw new Error('no leader');
        } catch {
          hint = (hint % 3) + 1;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    const end = Date.now() + chaosMs;
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, 700 + Math.random() * 800));
      const id = 1 + Math.floor(Math.random() * 3);
      await c.nodes.get(id)!.kill9();
      await new Promise((r) => setTimeout(r, Math.random() * 600));
      await restartNode(c, id, { extraArgs: ['--snapshot-every', '100', '--snapshot-log-ratio', '0'] });
    }
    stop = true;
    await Promise.all(writers);
    const leader = await waitFor('leader', () => leaderOf(c, [1, 2, 3]), 20 * ELECTION_MS);
    const keys = [...acked.keys()];
    let missing = 0;
    for (let i = 0; i < keys.length; i += 500) {
      const r = await client.read(c.peers[leader]!, { keys: keys.slice(i, i + 500).map((k) => Buffer.from(k)) }, { deadlineMs: 5000 });
      const got = new Map((r.readData?.results ?? []).map((x) => [Buffer.from(x.key!).toString(), Buffer.from(x.value!).toString()]));
      for (const k of keys.slice(i, i + 500)) if (got.get(k) !== acked.get(k)) missing++;
    }
    assert.equal(missing, 0, `${missing} of ${keys.length} acknowledged writes missing`);
    let last = '';
    await waitFor('every node applied the same index', async () => {
      const st = await Promise.all(Object.values(c.peers).map((a) => client.getNodeStatus(a, o).then((s) => [Number(s.appliedIndex), Number(s.commitIndex), Number(s.lastLogIndex), s.role, Number(s.term), s.leaderId ?? 0]).catch((e: Error) => e.message)));
      last = JSON.stringify(st);
      const applied = st.map((x) => (Array.isArray(x) ? Number(x[0]) : -1));
      return applied.every((v) => v === applied[0] && v >= 0) ? true : undefined;
    }, 40 * ELECTION_MS).catch((err: Error) => {
      throw new Error(`${err.message}; last status ${last}`);
    });
  } finally {
    stop = true;
    await c.stop();
  }
});
