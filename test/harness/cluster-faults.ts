/**
 * Seeded process faults on a {@link NodeCluster} of real `node start` processes.
 *
 * Contract: {@link runFaults} injects one fault at a time until `durationMs` passes, choosing
 * (seeded) among:
 * - `kill-leader` / `kill-any`: SIGKILL the leader (or any node), restart it from its data
 *   directory after 0–`2 × electionMs`;
 * - `kill-majority`: SIGKILL the leader and another node (the survivor has no quorum), restart
 *   both from their data directories after 0–2 election timeouts, one after the other;
 * - `pause-leader` / `pause-any`: SIGSTOP the leader (or any node) for 1.5–6 election
 *   timeouts, then SIGCONT (it wakes up with a stale view of the cluster: a deposed leader, or a
 *   follower whose election timer ran out);
 * - `term-leader`: SIGTERM the leader (it hands leadership off), restart it after 0–2 election
 *   timeouts.
 * Between faults it waits 1–3 election timeouts. The leader is whoever GetClusterMetadata names
 * (any node when none answers). Every fault is undone before it returns: stopped nodes are
 * continued, dead ones restarted (also when it throws). A node that exited without being
 * killed is a failure: before every fault and at the end, it throws naming the node, its exit
 * and the tail of its log. Returns what it did, for the report.
 */
import { EndpointClient } from '../../src/transport/endpoint-client.js';
import { restartNode, type ClusterOptions, type NodeCluster } from './node-process.js';
import { SeededRandom } from './random.js';

export type FaultKind = 'kill-leader' | 'kill-any' | 'kill-majority' | 'pause-leader' | 'pause-any' | 'term-leader';

/** Options of {@link runFaults}. */
export interface FaultOptions {
  readonly seed: number;
  readonly durationMs: number;
  /** The cluster's minimum election timeout (ms): scales the pauses. */
  readonly electionMs: number;
  /** Faults to choose from (default all). */
  readonly kinds?: readonly FaultKind[];
  /** Flags for restarted nodes (timing as the cluster was started with). */
  readonly restart?: ClusterOptions;
}

/** One fault injected: what, on which node, at which monotonic time. */
export interface FaultRecord {
  readonly kind: FaultKind;
  readonly node: number;
  readonly atMs: number;
  readonly endMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The node GetClusterMetadata names as leader, or undefined. */
export async function currentLeader(client: EndpointClient, cluster: NodeCluster): Promise<number | undefined> {
  const answers = await Promise.all(
    [...cluster.nodes.keys()].map((id) => client.getClusterMetadata(cluster.peers[id]!, { deadlineMs: 300 }).catch(() => null)),
  );
  for (const m of answers) {
    const l = m?.currentLeaderId ?? 0;
    if (l && cluster.nodes.has(l)) return l;
  }
  return undefined;
}

/** Injects faults (see the module contract). */
export async function runFaults(cluster: NodeCluster, o: FaultOptions): Promise<FaultRecord[]> {
  const rng = new SeededRandom(o.seed);
  const kinds = o.kinds ?? ['kill-leader', 'kill-any', 'kill-majority', 'pause-leader', 'pause-any', 'term-leader'];
  const client = new EndpointClient();
  const records: FaultRecord[] = [];
  const ids = [...cluster.nodes.keys()];
  const paused = new Set<number>();
  const dead = new Set<number>();
  const end = performance.now() + o.durationMs;
  const e = o.electionMs;
  const checkAlive = (): void => {
    for (const [id, p] of cluster.nodes) {
      if (dead.has(id) || (p.child.exitCode === null && p.child.signalCode === null)) continue;
      throw new Error(`node ${id} exited on its own (${p.child.exitCode ?? p.child.signalCode}); its log ends:\n${p.stderrText().slice(-3000)}`);
    }
  };
  try {
    while (performance.now() < end) {
      await sleep(rng.between(e, 3 * e));
      checkAlive();
      const kind = rng.pick(kinds);
      const leader = kind === 'kill-any' || kind === 'pause-any' ? undefined : await currentLeader(client, cluster);
      const node = leader ?? rng.pick(ids);
      const p = cluster.nodes.get(node)!;
      const atMs = performance.now();
      switch (kind) {
        case 'kill-leader':
        case 'kill-any':
          dead.add(node);
          await p.kill9();
          await sleep(rng.between(0, 2 * e));
          await restartNode(cluster, node, o.restart);
          dead.delete(node);
          break;
        case 'kill-majority': {
          const other = rng.pick(ids.filter((id) => id !== node));
          dead.add(node).add(other);
          await Promise.all([p.kill9(), cluster.nodes.get(other)!.kill9()]);
          for (const id of rng.chance(0.5) ? [node, other] : [other, node]) {
            await sleep(rng.between(0, 2 * e));
            await restartNode(cluster, id, o.restart);
            dead.delete(id);
          }
          break;
        }
        case 'term-leader':
          dead.add(node);
          await p.stop(5000);
          await sleep(rng.between(0, 2 * e));
          await restartNode(cluster, node, o.restart);
          dead.delete(node);
          break;
        case 'pause-leader':
        case 'pause-any':
          paused.add(node);
          process.kill(p.pid, 'SIGSTOP');
          await sleep(rng.between(Math.round(1.5 * e), 6 * e));
          process.kill(p.pid, 'SIGCONT');
          paused.delete(node);
          break;
      }
      records.push({ kind, node, atMs, endMs: performance.now() });
    }
    checkAlive();
  } finally {
    for (const id of paused) process.kill(cluster.nodes.get(id)!.pid, 'SIGCONT');
    for (const id of dead) await restartNode(cluster, id, o.restart).catch(() => undefined);
    client.close();
  }
  return records;
}
