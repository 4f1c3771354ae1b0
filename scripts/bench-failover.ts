/**
 * `node dist/scripts/bench-failover.js [--rounds 5] [--signal KILL|TERM] [--json]` (npm run
 * bench:failover): how long a three-node cluster takes from kill -9 of its leader (with
 * `--signal TERM`: a graceful stop, which both systems begin by handing leadership over) to the
 * first accepted write, for
 * raftctl nodes and, where etcd is installed, for etcd, both at a 100 ms heartbeat and a
 * 1000 ms election timeout (raftctl randomizes the election timeout in [1000, 2000) ms, etcd in
 * [1000, 2000) ms too). One system at a time, fresh data directories per system.
 *
 * Each round: wait until a leader accepts a write, kill -9 the leader, then write in a loop
 * (250 ms deadline per attempt, 10 ms apart) to the surviving members, following raftctl's
 * NOT_LEADER hints; the time from the kill to the first accepted write is the round's figure.
 * The killed member is restarted from its data directory before the next round.
 */
import { etcdAvailable, outputGone, probeClient, sleep, startEtcd, startRaftctl, tryWrite, waitReady, median, type Cluster, type System } from './bench-common.js';
import { parseScriptArgs, wholeNumber } from './script-args.js';

const USAGE = `usage: node dist/scripts/bench-failover.js [--rounds 5] [--signal KILL|TERM] [--json]
  --rounds N       leader stops per system (default 5)
  --signal S       KILL (default: kill -9, a crash) or TERM (a graceful stop)
  --json           one JSON document instead of lines
etcd is used where /usr/bin/etcd (or ETCD_BIN) exists; see docs/benchmarks.md`;
const args = parseScriptArgs(USAGE, { rounds: { type: 'string' }, signal: { type: 'string' }, json: { type: 'boolean' } });
const json = args.json === true;

const TIMEOUTS = { heartbeatMs: 100, electionMs: 1000 };

/** `--signal`: KILL (default, a crash) or TERM (a graceful stop, as in a rolling restart). */
function stopSignal(): NodeJS.Signals {
  const given = typeof args.signal === 'string' ? args.signal : 'KILL';
  const s = given.toUpperCase().replace(/^SIG/, '');
  if (s !== 'KILL' && s !== 'TERM') {
    process.stderr.write(`error: --signal must be KILL or TERM, got ${given}\n${USAGE}\n`);
    process.exit(2);
  }
  return `SIG${s}`;
}

async function failoverOnce(cluster: Cluster, round: number, signal: NodeJS.Signals): Promise<number> {
  const leader = await waitReady(cluster, 30_000);
  // Let the followers catch up and the leader's lease settle before the kill.
  await sleep(500);
  const survivors = cluster.endpoints.filter((_, i) => i !== leader);
  const probe = probeClient();
  try {
    const killedAt = performance.now();
    await cluster.kill(leader, signal);
    let target = survivors[0]!;
    let attempt = 0;
    for (;;) {
      const r = await tryWrite(probe.client, cluster.system, target, `/bench/failover/${round}`, 250);
      if (r.ok) return Math.round(performance.now() - killedAt);
      if (performance.now() - killedAt > 60_000) throw new Error(`${cluster.system}: no write accepted within 60 s of the kill`);
      target = r.hint && survivors.includes(r.hint) ? r.hint : survivors[++attempt % survivors.length]!;
      await sleep(10);
    }
  } finally {
    probe.close();
    await cluster.restart(leader);
  }
}

async function measure(system: System, rounds: number, signal: NodeJS.Signals): Promise<number[]> {
  const cluster = system === 'raftctl' ? await startRaftctl(TIMEOUTS) : await startEtcd(TIMEOUTS);
  const figures: number[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const ms = await failoverOnce(cluster, round, signal);
      figures.push(ms);
      if (!json) process.stdout.write(`${system.padEnd(7)} round ${round}: first accepted write ${ms} ms after ${signal === 'SIGKILL' ? 'kill -9' : signal} of the leader\n`);
      if (outputGone()) break;
    }
  } finally {
    await cluster.stop();
  }
  return figures;
}

async function main(): Promise<void> {
  const rounds = wholeNumber(args, 'rounds', 5, 1, USAGE);
  const signal = stopSignal();
  const systems: System[] = etcdAvailable() ? ['raftctl', 'etcd'] : ['raftctl'];
  if (!etcdAvailable()) process.stderr.write('etcd not found (install etcd-server or set ETCD_BIN): raftctl only\n');
  const results: Record<string, { rounds: number[]; median: number; max: number }> = {};
  for (const system of systems) {
    const figures = await measure(system, rounds, signal);
    results[system] = { rounds: figures, median: median(figures), max: Math.max(...figures) };
    if (outputGone()) return;
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ heartbeatMs: TIMEOUTS.heartbeatMs, electionMs: TIMEOUTS.electionMs, signal, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write('\n');
  for (const [system, r] of Object.entries(results)) process.stdout.write(`${system.padEnd(7)} median ${r.median} ms, max ${r.max} ms (${r.rounds.join(', ')})\n`);
  if (results.raftctl && results.etcd) process.stdout.write(`ratio raftctl/etcd (median): x${Math.round((results.raftctl.median / results.etcd.median) * 100) / 100}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-failover: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
