/**
 * Watch semantics under faults, on real node processes (3 nodes, a snapshot every 20 entries):
 * a `/w/` prefix watch with prev values on every node, and `raftctl kv watch` on one follower,
 * while four clients write (put, put with a 1 s ttl, cas, delete), the leader is SIGKILLed and
 * restarted, then the watched follower is SIGSTOPped until the leader compacted past it and
 * SIGCONTed (it installs the leader's snapshot).
 *
 * Checked:
 * - every stream: revisions never go back; two events share a revision only when one expire
 *   entry deleted several keys (DELETEs of distinct keys); nothing follows a CANCELED event; a
 *   PROGRESS event (every 30 s to an idle watch, should the run last that long) never carries a
 *   revision below the changes before it, and the changes after it are above it;
 * - every two streams agree event for event (key, type, value, prev value, revision) on the
 *   revisions both cover: every node delivers the same committed changes in the same order;
 * - the follower that installed a snapshot ends its watch with CANCELED (never a silent gap),
 *   and the stream's status says a snapshot was restored;
 * - `kv watch` on that follower prints the same events as the raw stream of its node (JSON,
 *   prev values), then the canceled event, and exits 4 WATCH_CANCELED with the resync hint;
 * - a stream that lasted to the end replays to the final state of the prefix (the TTL keys
 *   included: their expiry arrived as DELETE events).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { EndpointClient } from '../../../src/transport/endpoint-client.js';
import type { WatchResponse } from '../../../src/transport/messages.js';
import { BIN, REPO_ROOT, killAll, restartNode, startCluster, waitFor, type NodeCluster } from '../../harness/node-process.js';
import { currentLeader } from '../../harness/cluster-faults.js';
import { raftctl } from '../../../src/proto/raftctl.js';

const ELECTION_MS = 300;
const o = { deadlineMs: 2000 };
const PREFIX = '/w/';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

after(killAll);

interface Stream {
  readonly node: number;
  readonly events: WatchResponse[];
  end: unknown;
  done: Promise<void>;
  readonly abort: AbortController;
}

function watchPrefix(client: EndpointClient, cluster: NodeCluster, node: number): Stream {
  const s: Stream = { node, events: [], end: undefined, abort: new AbortController(), done: Promise.resolve() };
  s.done = (async () => {
    try {
      for await (const e of client.watch(cluster.peers[node]!, { clientId: 0, key: Buffer.from(PREFIX), prefix: true, prevKv: true }, { signal: s.abort.signal })) s.events.push(e);
      s.end = 'ended OK';
    } catch (err) {
      s.end = err;
    }
  })();
  return s;
}

const text = (b: Uint8Array | null | undefined): string => Buffer.from(b ?? []).toString();
const describe = (e: WatchResponse): string => `${Number(e.revision)} ${['PUT', 'DELETE', 'CANCELED', 'PROGRESS'][e.eventType ?? 0]} ${text(e.key)}=${text(e.value)} prev=${text(e.prevValue)}`;
/** PUT and DELETE events (not CANCELED, not the PROGRESS events a node sends an idle watch every 30 s). */
const changes = (s: Stream): WatchResponse[] => s.events.filter((e) => e.eventType === 0 || e.eventType === 1);
const canceled = (s: Stream): boolean => s.events.some((e) => e.eventType === 2);

function checkOrder(s: Stream): void {
  let last = 0;
  let keysAtLast = new Set<string>();
  for (const e of s.events) {
    const r = Number(e.revision);
    if (e.eventType === 3) {
      // PROGRESS at r: every change up to r was delivered, so the next one is above r.
      assert.ok(r >= last, `node ${s.node}: PROGRESS at ${r} after revision ${last}`);
      if (r > last) keysAtLast = new Set();
      last = r;
      keysAtLast.add('\0progress');
      continue;
    }
    if (e.eventType !== 0 && e.eventType !== 1) continue;
    const k = text(e.key);
    if (r === last) assert.ok(e.eventType === 1 && !keysAtLast.has(k) && !keysAtLast.has('\0progress'), `node ${s.node}: a second event at revision ${r}: ${describe(e)}`);
    else assert.ok(r > last, `node ${s.node}: revision ${r} after ${last}`);
    if (r !== last) keysAtLast = new Set();
    keysAtLast.add(k);
    last = r;
  }
  const at = s.events.findIndex((e) => e.eventType === 2);
  if (at >= 0) assert.equal(at, s.events.length - 1, `node ${s.node}: nothing after CANCELED`);
}

/** The events of `events` with revisions in lo..hi, described. */
function window(events: readonly WatchResponse[], lo: number, hi: number): string[] {
  return events.filter((e) => Number(e.revision) >= lo && Number(e.revision) <= hi).map(describe);
}

function agree(a: Stream, b: Stream): void {
  const ea = changes(a);
  const eb = changes(b);
  if (ea.length === 0 || eb.length === 0) return;
  const lo = Math.max(Number(ea[0]!.revision), Number(eb[0]!.revision));
  const hi = Math.min(Number(ea.at(-1)!.revision), Number(eb.at(-1)!.revision));
  assert.deepEqual(window(ea, lo, hi), window(eb, lo, hi), `nodes ${a.node} and ${b.node} agree on revisions ${lo}..${hi}`);
}

test('watches under many writers, a leader kill, a pause past compaction (snapshot install) and TTL expiry', async () => {
  const cluster = await startCluster(3, { snapshotEvery: 20 });
  const client = new EndpointClient();
  let stop = false;
  let spawned: ChildProcess | undefined;
  const writers: Promise<void>[] = [];
  try {
    const streams = [1, 2, 3].map((id) => watchPrefix(client, cluster, id));
    // The node that took the last write first: a paused node answers nothing until the deadline.
    let lastOk = 1;
    const write = async (command: object): Promise<void> => {
      for (const id of [lastOk, ...[1, 2, 3].filter((i) => i !== lastOk)]) {
        const r = await client.write(cluster.peers[id]!, { clientId: 0, command }, o).catch(() => null);
        if (r?.error === 0) {
          lastOk = id;
          return;
        }
      }
    };
    await waitFor('every watch registered', async () => {
      await write({ insert: { key: Buffer.from(`${PREFIX}probe`), value: Buffer.from('p') } });
      return streams.every((s) => s.events.length > 0) ? true : undefined;
    }, 20 * ELECTION_MS, 50);
    const first = (await currentLeader(client, cluster))!;
    const watched = [1, 2, 3].find((id) => id !== first)!;
    const cli = spawn(process.execPath, [BIN, 'kv', 'watch', PREFIX, '--prefix', '--prev-kv', '-o', 'ndjson', '-e', cluster.peers[watched]!], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    spawned = cli;
    let cliOut = '';
    let cliErr = '';
    cli.stdout.on('data', (d: Buffer) => (cliOut += d.toString()));
    cli.stderr.on('data', (d: Buffer) => (cliErr += d.toString()));
    const cliExit = new Promise<number | string>((r) => cli.on('exit', (c, sig) => r(c ?? sig ?? 'unknown')));
    await waitFor('kv watch registered', async () => {
      await write({ insert: { key: Buffer.from(`${PREFIX}probe`), value: Buffer.from('q') } });
      return cliOut.length > 0 ? true : undefined;
    }, 20 * ELECTION_MS, 50);

    for (let w = 0; w < 4; w++) {
      writers.push((async () => {
        for (let i = 0; !stop; i++) {
          const key = Buffer.from(`${PREFIX}k${(i * 7 + w) % 6}`);
          const value = Buffer.from(`w${w}-${i}`);
          const op = i % 5;
          if (op < 2) await write({ insert: { key, value } });
          else if (op === 2) await write({ insert: { key, value, ttlSecs: 1 } });
          else if (op === 3) await write({ compareAndSwap: { key, newValue: value, ...(i % 2 ? { expectedValue: Buffer.from(`w${w}-${i - 1}`) } : {}) } });
          else await write({ delete: { key } });
        }
      })());
    }
    await sleep(3 * ELECTION_MS);
    await cluster.nodes.get(first)!.kill9();
    await sleep(3 * ELECTION_MS);
    await restartNode(cluster, first, { extraArgs: ['--snapshot-every', '20', '--snapshot-log-ratio', '0'] });

    const p = cluster.nodes.get(watched)!;
    /** On a timeout, what each node reports (for the failure's diagnosis). */
    const statusesThenThrow = async (e: unknown): Promise<never> => {
      for (const id of [1, 2, 3]) console.log(`node ${id}:`, JSON.stringify(await client.getNodeStatus(cluster.peers[id]!, o).catch((x: unknown) => String(x))));
      throw e;
    };
    const before = await client.getNodeStatus(cluster.peers[watched]!, o);
    process.kill(p.pid, 'SIGSTOP');
    try {
      // The pause ends once the leader compacted past everything it sent the paused node: appends
      // it pipelined before the pause wait in the paused node's socket buffers and carry it past
      // its last log index when it resumes, so that index alone says nothing. The leader's own
      // account does: it reports the paused node in snapshot state once its log no longer holds
      // the entry that node needs next (nothing it sent is that far on), and sends nothing but a
      // snapshot from then on. A leader elected during the pause has not heard from the paused
      // node and reports no such state; then a wide margin past its last index stands in. The
      // pause no longer waits for thousands of writes: on a loaded machine (2 cores, 3 busy loops)
      // that took ~29 s of the 30 s bound, and a keepalive ping unanswered for 5 s in so long a
      // pause could drop the watch on the paused node before it saw the snapshot.
      await waitFor('the leader compacted past the paused node', async () => {
        const leader = await currentLeader(client, cluster);
        if (leader === undefined || leader === watched) return undefined;
        const st = await client.getNodeStatus(cluster.peers[leader]!, o).catch(() => null);
        if (!st) return undefined;
        const peer = (st.peers ?? []).find((q) => q.id === watched);
        const needsSnapshot = peer?.state === raftctl.admin.v1.PeerState.PEER_STATE_SNAPSHOT && Number(st.firstLogIndex) > Number(before.lastLogIndex) + 1;
        return needsSnapshot || Number(st.firstLogIndex) > Number(before.lastLogIndex) + 3000 ? true : undefined;
      }, 100 * ELECTION_MS, 100).catch((e: unknown) => statusesThenThrow(e));
    } finally {
      process.kill(p.pid, 'SIGCONT');
    }
    await waitFor('the paused node installed a snapshot', () => (/"msg":"snapshot installed"/.test(p.stderrText()) ? true : undefined), 40 * ELECTION_MS, 50).catch((e: unknown) => statusesThenThrow(e));
    await sleep(3 * ELECTION_MS);
    stop = true;
    await Promise.all(writers);

    const survivor = streams.find((s) => s.node !== watched && s.node !== first)!;
    const replay = (): Map<string, string> => {
      const state = new Map<string, string>();
      for (const e of changes(survivor)) {
        if (e.eventType === 0) state.set(text(e.key), text(e.value));
        else state.delete(text(e.key));
      }
      return state;
    };
    // TTL keys expire (1 s): their DELETEs come from the leader's expire entries.
    let final = new Map<string, string>();
    await waitFor(`node ${survivor.node}'s events replay to the leader's final state`, async () => {
      const leader = await currentLeader(client, cluster);
      const scan = leader === undefined ? null : await client.scan(cluster.peers[leader]!, { prefix: Buffer.from(PREFIX) }, o).catch(() => null);
      if (!scan) return undefined;
      final = new Map((scan.entries ?? []).map((e) => [text(e.key), text(e.value)]));
      return JSON.stringify([...replay()].sort()) === JSON.stringify([...final].sort()) ? true : undefined;
    }, 40 * ELECTION_MS, 200).catch((err: unknown) => {
      assert.deepEqual([...replay()].sort(), [...final].sort(), String(err));
    });
    await waitFor('kv watch ended', () => (cli.exitCode !== null ? true : undefined), 20 * ELECTION_MS);
    for (const s of streams) s.abort.abort();
    await Promise.all(streams.map((s) => s.done));

    for (const s of streams) checkOrder(s);
    for (const a of streams) for (const b of streams) if (a.node < b.node) agree(a, b);

    const ws = streams.find((s) => s.node === watched)!;
    assert.ok(canceled(ws), `node ${watched} installed a snapshot: its watch ends with CANCELED`);
    assert.match(String(ws.end), /restored a snapshot/);

    const lines = cliOut
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; key: string; value: string | null; revision: number | null; prevValue: string | null })
      .filter((l) => l.type !== 'progress');
    assert.equal(lines.at(-1)!.type, 'canceled');
    const cliEvents = lines.slice(0, -1).map((l) => `${l.revision} ${l.type.toUpperCase()} ${l.key}=${l.value ?? ''} prev=${l.prevValue ?? ''}`);
    const lo = lines[0]!.revision!;
    assert.deepEqual(cliEvents, window(changes(ws), lo, Infinity), 'kv watch prints the events of its node');
    assert.equal(await cliExit, 4);
    const err = JSON.parse(cliErr.trim().split('\n').at(-1)!).error as { code: string; hint: string };
    assert.equal(err.code, 'WATCH_CANCELED');
    assert.match(err.hint, /scan the keys to resync/);

    assert.ok(!canceled(survivor));
    assert.ok(changes(survivor).some((e) => e.eventType === 1), 'deletes (client and ttl) were seen');
  } finally {
    stop = true;
    await Promise.all(writers).catch(() => undefined);
    if (spawned && spawned.exitCode === null) spawned.kill('SIGKILL');
    client.close();
    await cluster.stop();
  }
});
