/**
 * What `--help` advertises (QA): commands that talk to no cluster (`node start`, `playground`)
 * neither list nor accept the cluster flags they would ignore; every help example is shown as a
 * command (`$ ` prompt); topic descriptions name only commands that exist.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Config } from '@oclif/core';
import { lines, REPO_ROOT, runCommand } from './helpers/run-command.js';

/** `raftctl ...argv --help` in a child process (an in-process --help leaves oclif's shared config unable to find commands). */
function help(argv: readonly string[]): { stdout: string; stderr: string; exitCode: number } {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/run.js'), ...argv, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '200' } });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? 1 };
}

/** The flag names a `--help` text lists (its USAGE and FLAGS sections). */
function helpFlags(help: string): Set<string> {
  return new Set([...help.matchAll(/(?<![\w-])(--[a-z][\w-]*|-[a-z])\b/g)].map((m) => m[1]!));
}

test('node start --help lists no cluster or output flags (--json, -o, -e, --timeout, --wait-timeout), only --debug of the global ones', () => {
  const r = help(['node', 'start']);
  assert.equal(r.exitCode, 0, r.stderr);
  const flags = helpFlags(r.stdout);
  for (const f of ['--json', '--output', '-o', '--endpoints', '-e', '--timeout', '--wait-timeout']) assert.equal(flags.has(f), false, `${f} listed:\n${r.stdout}`);
  for (const f of ['--debug', '--id', '--listen', '--data-dir']) assert.equal(flags.has(f), true, `${f} missing`);
  assert.match(r.stdout, /cannot listen on/, 'says what a taken port does');
});

test('playground --help lists -o/--json and --wait-timeout (saying what it bounds) but not -e or --timeout', () => {
  const r = help(['playground']);
  assert.equal(r.exitCode, 0, r.stderr);
  const flags = helpFlags(r.stdout);
  for (const f of ['--endpoints', '-e', '--timeout']) assert.equal(flags.has(f), false, `${f} listed:\n${r.stdout}`);
  for (const f of ['--json', '--output', '-o', '--wait-timeout', '--debug']) assert.equal(flags.has(f), true, `${f} missing`);
  assert.match(r.stdout, /--wait-timeout=DURATION\s+\[default: 30s\] When piped/);
});

test('node start and playground refuse the flags they do not take: exit 2, "Nonexistent flag", a plain error line (no node started)', async () => {
  const cases: string[][] = [
    ['node', 'start', '--json', '--id', '1'],
    ['node', 'start', '-e', '127.0.0.1:1', '--id', '1'],
    ['node', 'start', '--wait-timeout', '1s', '--id', '1'],
    ['playground', '-e', '127.0.0.1:1', '--base-port', '65535'],
    ['playground', '--timeout', '1s', '--base-port', '65535'],
  ];
  for (const argv of cases) {
    const r = await runCommand(argv);
    assert.equal(r.exitCode, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    const err = lines(r.stderr);
    assert.equal(err.length, 1, r.stderr);
    assert.match(err[0]!, /^Error: Nonexistent flag: (--json|-e|--wait-timeout|--timeout)\b/, argv.join(' '));
  }
});

test('every help example is a command line with the $ prompt; topic descriptions promise only existing commands', async () => {
  const config = await Config.load({ root: REPO_ROOT });
  for (const command of config.commands) {
    for (const example of command.examples ?? []) {
      const text = typeof example === 'string' ? example : example.command;
      assert.match(text, /^(\$ |<%= config\.bin %>)/, `${command.id}: example "${text}" has no $ prompt`);
    }
  }
  const leader = config.topics.find((t) => t.name === 'leader');
  assert.equal(leader?.description, 'Find the leader.');
  assert.deepEqual(config.commands.filter((c) => c.id.startsWith('leader:')).map((c) => c.id), ['leader:discover']);
});

test('--help shows the --wait-timeout default each command really uses: 30s for most, not for bench (warm-up + duration + 1m) nor kv watch (unbounded)', () => {
  /** The --wait-timeout entry of the help's flag list, wrapped lines joined. */
  const waitTimeoutLine = (argv: string[]): string => {
    const r = help(argv);
    assert.equal(r.exitCode, 0, r.stderr);
    const entry = /^\s+--wait-timeout=DURATION(.*(?:\n {20,}\S.*)*)/m.exec(r.stdout);
    assert.ok(entry, `no --wait-timeout entry in ${argv.join(' ')} --help:\n${r.stdout}`);
    return entry[1]!.replace(/\s+/g, ' ');
  };
  assert.match(waitTimeoutLine(['cluster', 'status']), /\[default: 30s\]/);
  for (const argv of [['bench', 'put'], ['bench', 'get']]) {
    const line = waitTimeoutLine(argv);
    assert.doesNotMatch(line, /\[default: 30s\]/, `${argv.join(' ')}: ${line}`);
    assert.match(line, /default: --warmup \+ --duration \+ 1m/, `${argv.join(' ')}: ${line}`);
  }
  const watch = waitTimeoutLine(['kv', 'watch']);
  assert.doesNotMatch(watch, /\[default: 30s\]/, watch);
  assert.match(watch, /default: none/, watch);
});

// QA: `raftctl kv put -h` was "Nonexistent flag: -h" (exit 2); etcdctl, kubectl and most CLIs take -h.
test('-h is --help: same text, exit 0, for the root and for a command', () => {
  for (const argv of [['kv', 'put'], []]) {
    const short = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/run.js'), ...argv, '-h'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '200' } });
    const long = help(argv);
    assert.equal(short.status, 0, short.stderr);
    assert.equal(short.stdout, long.stdout, argv.join(' '));
    assert.match(short.stdout, /USAGE/);
  }
});
