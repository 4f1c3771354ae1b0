/**
 * Usage errors of every command (CLI.md, "errors" and "Exit codes"): exit 2, nothing on
 * stdout, exactly one line on stderr (JSON under --json / -o json / -o ndjson), no stack trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lines, runCommand } from './helpers/run-command.js';

const CASES: { name: string; argv: string[]; message: RegExp }[] = [
  { name: 'an unknown flag', argv: ['--bogus'], message: /Nonexistent flag: --bogus/ },
  { name: 'a bad duration', argv: ['--timeout', '3x'], message: /--timeout: "3x" is not a duration/ },
  { name: 'a zero duration', argv: ['--wait-timeout', '0s'], message: /--wait-timeout: "0s" must be greater than zero/ },
  // QA: 1000h went to setTimeout, which fires at once past 2^31 − 1 ms: exit 5 "did not finish within --wait-timeout" and a Node warning on stderr.
  { name: 'a duration longer than a timer can wait', argv: ['--wait-timeout', '1000h'], message: /--wait-timeout: "1000h" is too long: at most 596h/ },
  { name: 'a bare number of ms too large to be exact', argv: ['--timeout', '9999999999999999999999'], message: /--timeout: "9999999999999999999999" is too long/ },
  { name: 'an endpoint without a port', argv: ['-e', 'localhost'], message: /--endpoints: "localhost" is not host:port/ },
  { name: 'an endpoint with a scheme', argv: ['-e', 'http://127.0.0.1:80'], message: /drop the scheme/ },
  { name: 'an unknown output format', argv: ['-o', 'xml'], message: /Expected --output=xml to be one of: table, wide, json, yaml, ndjson/ },
  { name: '--json with a conflicting -o', argv: ['--json', '-o', 'yaml'], message: /--json conflicts with -o yaml/ },
  { name: 'an unexpected argument', argv: ['extra-arg'], message: /Unexpected argument: extra-arg/ },
  { name: 'a flag missing its value at the end', argv: ['-e', '127.0.0.1:1', '--timeout'], message: /Flag --timeout expects a value/ },
  { name: 'a flag followed by another flag instead of its value', argv: ['-e', '--json'], message: /Flag --endpoints expects a value/ },
];

for (const command of [['leader', 'discover'], ['cluster', 'status']]) {
  for (const c of CASES) {
    test(`${command.join(' ')} with ${c.name}: exit 2, one stderr line, empty stdout`, async () => {
      const argv = c.argv.includes('-e') ? c.argv : ['-e', '127.0.0.1:1', ...c.argv];
      const r = await runCommand([...command, ...argv]);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.equal(r.stdout, '');
      const err = lines(r.stderr);
      assert.equal(err.length, 1, r.stderr);
      assert.match(err[0]!, c.message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    });
  }
}

test('with no endpoints at all: exit 2 and a hint naming -e and RAFTCTL_ENDPOINTS', async () => {
  const r = await runCommand(['cluster', 'status'], { RAFTCTL_ENDPOINTS: undefined });
  assert.equal(r.exitCode, 2);
  assert.equal(r.stdout, '');
  assert.deepEqual(lines(r.stderr), ['Error: --endpoints: no endpoint given. Hint: pass -e host:port[,host:port...] or set RAFTCTL_ENDPOINTS']);
});

// QA: RAFTCTL_ENDPOINTS=$(cat endpoints.txt), one endpoint a line, read as `"a:1; b:2" is not host:port`:
// the error line folds the newline into "; ", which the user never typed.
test('endpoints separated by a newline or spaces: the item shown as typed (\\n), the hint says to use commas', async () => {
  const r = await runCommand(['leader', 'discover'], { RAFTCTL_ENDPOINTS: '127.0.0.1:9081\n127.0.0.1:9082' });
  assert.equal(r.exitCode, 2);
  assert.equal(r.stdout, '');
  assert.deepEqual(lines(r.stderr), ['Error: --endpoints: "127.0.0.1:9081\\n127.0.0.1:9082" is not host:port. Hint: separate endpoints with commas, not spaces or newlines: e.g. --endpoints 127.0.0.1:9081,127.0.0.1:9082']);
});

test('under --json a usage error is the JSON error line', async () => {
  const r = await runCommand(['leader', 'discover', '-e', '127.0.0.1:1', '--timeout', 'soon', '--json']);
  assert.equal(r.exitCode, 2);
  assert.equal(r.stdout, '');
  const err = lines(r.stderr);
  assert.equal(err.length, 1);
  assert.deepEqual(JSON.parse(err[0]!), {
    error: {
      code: 'USAGE',
      exitCode: 2,
      message: '--timeout: "soon" is not a duration',
      hint: 'use a number with a unit, e.g. 500ms, 3s, 2m, 1m30s (a bare number means milliseconds)',
    },
  });
});

test('-o json and -o ndjson (not only --json) switch the error line to JSON', async () => {
  for (const format of ['json', 'ndjson']) {
    const r = await runCommand(['leader', 'discover', '-o', format, '-e', 'nope']);
    assert.equal(r.exitCode, 2);
    assert.equal((JSON.parse(lines(r.stderr)[0]!) as { error: { code: string } }).error.code, 'USAGE', format);
  }
});

test('RAFTCTL_CONTENT_TYPE=json (README: same as --json) makes a flag or argument error the JSON error line too; an -o on the command line beats it', async () => {
  const env = { RAFTCTL_CONTENT_TYPE: 'json' };
  for (const argv of [
    ['leader', 'discover', '-e', '127.0.0.1:1', '--timeout', 'soon'],
    ['leader', 'discover', '-e', '127.0.0.1:1', '--bogus'],
    ['kv', 'get', '-e', '127.0.0.1:1'],
    ['playground', '--nodes', '0'],
  ]) {
    const r = await runCommand(argv, env);
    assert.equal(r.exitCode, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    const err = lines(r.stderr);
    assert.equal(err.length, 1, r.stderr);
    assert.equal((JSON.parse(err[0]!) as { error: { code: string } }).error.code, 'USAGE', argv.join(' '));
  }
  const table = await runCommand(['leader', 'discover', '-o', 'table', '-e', '127.0.0.1:1', '--timeout', 'soon'], env);
  assert.equal(table.exitCode, 2);
  assert.match(lines(table.stderr)[0]!, /^Error: --timeout: "soon" is not a duration/);
  const node = await runCommand(['node', 'start', '--bogus'], env);
  assert.equal(node.exitCode, 2);
  assert.match(lines(node.stderr)[0]!, /^Error: Nonexistent flag: --bogus/, 'node start has no JSON output: a plain line');
});

test('--debug adds the stack trace after the one line', async () => {
  const r = await runCommand(['leader', 'discover', '-e', '127.0.0.1:1', '--timeout', 'x', '--debug']);
  assert.equal(r.exitCode, 2);
  assert.match(lines(r.stderr)[0]!, /^Error: --timeout/);
  assert.match(r.stderr, /\n\s+at /);
});

test('missing arguments are named on one line: "missing required arguments: key, value"', async () => {
  const r = await runCommand(['kv', 'put', '-e', '127.0.0.1:1']);
  assert.equal(r.exitCode, 2);
  assert.equal(r.stdout, '');
  const err = lines(r.stderr);
  assert.equal(err.length, 1, r.stderr);
  assert.match(err[0]!, /missing required arguments: key, value\. Hint: see `raftctl kv put --help`/);
  const one = await runCommand(['kv', 'put', 'k', '-e', '127.0.0.1:1', '--json']);
  assert.equal((JSON.parse(lines(one.stderr)[0]!) as { error: { message: string } }).error.message, 'missing required argument: value');
});

test('a TLS or profile setting in the environment (CLI.md) is refused, exit 2, rather than silently ignored for plaintext', async () => {
  for (const name of ['RAFTCTL_CACERT', 'RAFTCTL_PROFILE']) {
    const r = await runCommand(['kv', 'get', 'k', '-e', '127.0.0.1:1'], { [name]: '/etc/raftctl/ca.pem' });
    assert.equal(r.exitCode, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`${name} is set, but this raftctl has no TLS or profiles yet: it would connect in plaintext.*Hint: unset ${name}`));
  }
});

test('node start: an --election-timeout under 3 default heartbeat intervals is refused (exit 2, nothing made), not silently raised to 300 ms (QA)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'raftctl-timings-'));
  try {
    const r = await runCommand(['node', 'start', '--id', '1', '--listen', '127.0.0.1:0', '--data-dir', join(dir, 'n1'), '--bootstrap', '--election-timeout', '100ms']);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /--election-timeout must be at least 3 heartbeat intervals \(300 ms with the default --heartbeat-interval of 100ms\)/);
    assert.deepEqual(readdirSync(dir), [], 'no data directory made');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('playground with a TMPDIR it cannot create its temporary directory in: exit 2 naming TMPDIR and --data-dir, not "a bug"', async () => {
  const r = await runCommand(['playground', '--json'], { TMPDIR: '/nonexistent/raftctl-tmp' });
  assert.equal(r.exitCode, 2, r.stderr);
  assert.equal(r.stdout, '');
  const err = lines(r.stderr);
  assert.equal(err.length, 1, r.stderr);
  // QA: exit 1, INTERNAL, "unexpected error: ENOENT: no such file or directory, mkdtemp ...": "this is a bug in raftctl".
  const { error } = JSON.parse(err[0]!) as { error: { code: string; message: string; hint: string } };
  assert.equal(error.code, 'USAGE');
  assert.equal(error.message, 'playground: cannot create a temporary data directory in /nonexistent/raftctl-tmp (ENOENT)');
  assert.match(error.hint, /TMPDIR.*--data-dir/);
});
