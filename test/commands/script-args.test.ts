/**
 * The repository's scripts refuse options they do not know (scripts/script-args.ts): before,
 * `bench-cluster.js --help` or a mistyped `--round 8` was ignored and the default benchmark ran
 * (minutes, with etcd where installed); `sim.js --seed 3` ran 100 seeds. Each case here ends
 * before any cluster or simulation starts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const scripts = join(dirname(fileURLToPath(import.meta.url)), '../../scripts');
const bench = join(dirname(fileURLToPath(import.meta.url)), '../../bench');
// No etcd: were a case to run the benchmark after all, it would measure raftctl alone, and the
// 10 s limit below ends it.
const run = (file: string, ...args: string[]) => spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', timeout: 10_000, env: { ...process.env, ETCD_BIN: '/nonexistent' } });

test('--help prints the usage and exits 0 without running anything', () => {
  for (const [file, usage] of [
    [join(scripts, 'bench-cluster.js'), /^usage: node dist\/scripts\/bench-cluster\.js \[--duration 10s\]/],
    [join(scripts, 'bench-failover.js'), /^usage: node dist\/scripts\/bench-failover\.js \[--rounds 5\] \[--signal KILL\|TERM\]/],
    [join(scripts, 'sim.js'), /^usage: npm run sim -- \[--seeds N\]/],
    [join(bench, 'transport.js'), /^usage: npm run bench:transport -- \[--quick\]/],
  ] as const) {
    const r = run(file, '--help');
    assert.equal(r.status, 0, `${file}: ${r.stderr}`);
    assert.match(r.stdout, usage);
  }
});

test('unknown options and bad values exit 2 with the error and the usage on stderr', () => {
  const cases: [string, string[], RegExp][] = [
    [join(scripts, 'bench-cluster.js'), ['--round', '8'], /^error: Unknown option '--round'/],
    [join(scripts, 'bench-cluster.js'), ['--rounds', '0'], /^error: --rounds must be a whole number ≥ 1, got 0/],
    [join(scripts, 'bench-cluster.js'), ['--duration', 'soon'], /^error: .*"soon" is not a duration/],
    [join(scripts, 'bench-cluster.js'), ['--duration', '0s'], /^error: --duration: "0s" must be greater than zero/],
    [join(scripts, 'bench-failover.js'), ['--rounds', 'five'], /^error: --rounds must be a whole number ≥ 1, got five/],
    [join(scripts, 'bench-failover.js'), ['--signal', 'HUP'], /^error: --signal must be KILL or TERM, got HUP/],
    [join(scripts, 'sim.js'), ['--seed', '3'], /^error: Unknown option '--seed'/],
    [join(scripts, 'sim.js'), ['--seeds', 'many'], /^error: --seeds must be a whole number ≥ 0, got many/],
    [join(bench, 'transport.js'), ['--only', 'unary-1,nope'], /^error: --only: unknown nope/],
  ];
  for (const [file, args, message] of cases) {
    const r = run(file, ...args);
    assert.equal(r.status, 2, `${file} ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, `${file} ${args.join(' ')}`);
    assert.match(r.stderr, /\nusage: /);
    assert.equal(r.stdout, '');
  }
});

// Scenario: `bench-cluster.js | head -1`-style: the reader goes away before the first line.
// Before, stdout's EPIPE crashed the script while a cluster ran (its temporary directory, 192 MB
// for etcd, was left behind). Expected: the run in progress is cleaned up and the script ends.
test('bench-cluster with its output gone stops after the run in progress, leaving no temporary directory', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'raftctl-script-epipe-'));
  try {
    const child = spawn(process.execPath, [join(scripts, 'bench-cluster.js'), '--rounds', '1', '--duration', '200ms', '--warmup', '0s'], {
      env: { ...process.env, ETCD_BIN: '/nonexistent', TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // the reader is gone: the first line written fails with EPIPE
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE/);
    assert.deepEqual(readdirSync(tmp), [], 'the cluster\'s temporary directory was removed');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
