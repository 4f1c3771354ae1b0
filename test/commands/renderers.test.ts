/**
 * The CLI's building blocks, exactly: duration and endpoint parsing, the YAML emitter, the
 * error line, colour rules, and the --wait-timeout bound seen from a command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration } from '../../src/cli/duration.js';
import { parseEndpoints } from '../../src/cli/endpoints.js';
import { formatErrorLine, oneLine, toReportable } from '../../src/cli/error-line.js';
import { colourEnabled, liveTerminal, painter } from '../../src/cli/style.js';
import { toYaml } from '../../src/cli/yaml.js';
import { cellText, renderTable } from '../../src/cli/table.js';
import { kvScanView, watchEventLine } from '../../src/cli/views/kv.js';
import { benchView } from '../../src/cli/bench-session.js';
import type { BenchResult } from '../../src/app/bench/bench.js';
import { outputFormatFromArgv } from '../../src/cli/base-command.js';
import { RaftCtlError, UsageError } from '../../src/errors.js';
import { GrpcServer } from '../../src/transport/server.js';
import { ClusterManagementService, SERVICE_NAMES } from '../../src/transport/services.js';
import { startDengineCluster } from './helpers/fake-nodes.js';
import { lines, runCommand } from './helpers/run-command.js';

test('durations: units, bare milliseconds, fractions, Go-style compounds; rejects junk and zero with exit 2', () => {
  const cases: [string, number][] = [['500ms', 500], ['3s', 3000], ['2m', 120_000], ['1h', 3_600_000], ['250', 250], ['1.5s', 1500], ['0.5ms', 1], ['3S', 3000]];
  for (const [text, ms] of cases) assert.equal(parseDuration(text), ms, text);
  for (const [text, ms] of [['1m30s', 90_000], ['2s500ms', 2500], ['1h15m', 4_500_000], ['1m0.5s', 60_500]] as const) assert.equal(parseDuration(text), ms, text);
  for (const bad of ['', 's', '3x', '-1s', '1e3', '3 s s', '0', '0ms', '1m30', '30s1m', '1s1s', '1m 30s', '0m0s']) {
    assert.throws(() => parseDuration(bad, 'timeout'), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && e.message.startsWith('--timeout:'), bad);
  }
  assert.deepEqual([3000, 30_000, 120_000, 1500, 7_200_000].map(formatDuration), ['3s', '30s', '2m', '1500ms', '2h']);
});

test('endpoints: host:port lists, IPv6 in brackets, duplicates dropped; anything else is a usage error', () => {
  assert.deepEqual(parseEndpoints('127.0.0.1:9081, node-2.example:9082,,[::1]:9083,127.0.0.1:9081'), ['127.0.0.1:9081', 'node-2.example:9082', '[::1]:9083']);
  for (const bad of ['', ' , ', 'host', 'host:', ':80', 'host:0', 'host:65536', 'http://h:80', 'a b:80', '::1:80']) {
    assert.throws(() => parseEndpoints(bad), UsageError, bad);
  }
});

test('YAML: block style, quoting only where a parser would read something else', () => {
  assert.equal(
    toYaml({ a: 1, b: null, c: true, s: 'plain', q: '127.0.0.1:1', num: '42', word: 'yes', y: 1, e: [], o: {}, list: [1, 'x'], nested: [{ k: 'v', deep: { z: [] } }], skip: undefined }),
    [
      'a: 1', 'b: null', 'c: true', 's: plain', 'q: "127.0.0.1:1"', 'num: "42"', 'word: "yes"', '"y": 1', 'e: []', 'o: {}',
      'list:', '  - 1', '  - x', 'nested:', '  - k: v', '    deep:', '      z: []', '',
    ].join('\n'),
  );
  assert.equal(toYaml('line\nbreak "q"'), '"line\\nbreak \\"q\\""\n');
  assert.equal(toYaml(null), 'null\n');
  assert.equal(toYaml([[1, 2], []]), '- - 1\n  - 2\n- []\n');
  assert.equal(toYaml({ 'key with: colon': '', '': 'empty key' }), '"key with: colon": ""\n"": empty key\n');
});

test('error line: one line, JSON form keeps code/exitCode/message/hint in that order', () => {
  const err = new RaftCtlError('NO_LEADER', 3, 'no leader\nknown', { hint: 'retry' });
  assert.equal(formatErrorLine(err, { json: false, paint: painter(false) }), 'Error: no leader; known. Hint: retry');
  assert.equal(formatErrorLine(err, { json: true, paint: painter(false) }), '{"error":{"code":"NO_LEADER","exitCode":3,"message":"no leader; known","hint":"retry"}}');
  assert.equal(formatErrorLine(new RaftCtlError('X', 1, 'm'), { json: true, paint: painter(false) }), '{"error":{"code":"X","exitCode":1,"message":"m","hint":null}}');
  assert.equal(oneLine('\u001b[2ma\u001b[22m\n\n  b  '), 'a; b');
  const bug = toReportable(new TypeError('x is undefined'), 'cluster:status');
  assert.deepEqual([bug.code, bug.exitCode], ['INTERNAL', 1]);
});

test('colour only on a TTY, never with NO_COLOR or TERM=dumb; FORCE_COLOR forces it', () => {
  assert.equal(colourEnabled({ isTTY: true }, {}), true);
  assert.equal(colourEnabled({ isTTY: false }, {}), false);
  assert.equal(colourEnabled({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(colourEnabled({ isTTY: true }, { TERM: 'dumb' }), false);
  assert.equal(colourEnabled({ isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.equal(painter(true).red('x'), '\u001b[31mx\u001b[39m');
  assert.equal(painter(false).red('x'), 'x');
});

test('the output format is read from raw argv for errors raised before parsing', () => {
  assert.equal(outputFormatFromArgv(['--json']), 'json');
  assert.equal(outputFormatFromArgv(['-o', 'yaml']), 'yaml');
  assert.equal(outputFormatFromArgv(['-ojson']), 'json');
  assert.equal(outputFormatFromArgv(['--output=ndjson']), 'ndjson');
  assert.equal(outputFormatFromArgv(['--', '--json']), undefined);
  assert.equal(outputFormatFromArgv(['-o', 'xml']), undefined);
});

test('table output is coloured when colour is forced, and JSON never is', async () => {
  const cluster = await startDengineCluster([{ id: 1, role: 1, status: 3, term: 2, lastLogIndex: 5, lastLogTerm: 2, appliedIndex: 5, leaderId: 1 }]);
  try {
    const t = await runCommand(['cluster', 'status', '-e', cluster.endpoints[0]!], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    assert.equal(t.exitCode, 0);
    assert.match(t.stdout, /\u001b\[32mleader\u001b\[39m/);
    const j = await runCommand(['cluster', 'status', '-e', cluster.endpoints[0]!, '--json'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    assert.doesNotMatch(j.stdout, /\u001b\[/);
  } finally {
    await cluster.close();
  }
});

test('--wait-timeout bounds the whole command even when --timeout is longer (exit 5)', async () => {
  const server = new GrpcServer();
  server.addService(SERVICE_NAMES.cluster, ClusterManagementService, { DiscoverLeader: () => undefined });
  await server.listen('127.0.0.1:0');
  try {
    const r = await runCommand(['leader', 'discover', '-e', server.address, '--timeout', '10s', '--wait-timeout', '300ms']);
    assert.equal(r.exitCode, 5);
    assert.ok(r.durationMs < 3000, `took ${r.durationMs} ms`);
    assert.equal(lines(r.stderr).length, 1);
  } finally {
    server.forceShutdown();
  }
});

test('table cells stay on one line: newlines, tabs and control characters in values are shown escaped', () => {
  assert.equal(cellText('a\nb\tc\rd\x07e\x1bX'), 'a\\nb\\tc\\rd\\x07e\\x1bX');
  assert.equal(cellText('\x1b[1mbold\x1b[0m'), '\x1b[1mbold\x1b[0m', 'our own colour codes pass');
  const plain = painter(false);
  assert.deepEqual(renderTable(['KEY', 'VALUE'], [['a', 'line1\nline2'], ['b', 'x']], plain).split('\n'), ['KEY  VALUE', 'a    line1\\nline2', 'b    x']);
});

test('user keys and values in kv tables and watch lines are escaped entirely, colour sequences included (QA: a key could colour the terminal)', () => {
  const plain = painter(false);
  const key = 'esc\x1b[31mred';
  const scan = kvScanView.table!({ prefix: '', prefixEncoding: 'utf8', revision: 3, count: 1, entries: [{ key, keyEncoding: 'utf8', value: 'v\x1b[32mg\n2', valueEncoding: 'utf8' }] }, { paint: plain } as never) as string;
  assert.doesNotMatch(scan, /\x1b/);
  assert.match(scan, /esc\\x1b\[31mred {2}v\\x1b\[32mg\\n2/);
  const line = watchEventLine({ type: 'put', key, keyEncoding: 'utf8', value: 'x', valueEncoding: 'utf8', revision: 4, prevValue: null, prevValueEncoding: null, endpoint: 'h:1' }, plain);
  assert.doesNotMatch(line, /\x1b/);
  // Our own colours still pass through cellText in other tables.
  assert.equal(cellText('\x1b[32mok\x1b[39m'), '\x1b[32mok\x1b[39m');
});

test('watch lines show the previous value with --prev-kv (QA: only JSON had it), escaped like any value', () => {
  const plain = painter(false);
  const put = watchEventLine({ type: 'put', key: 'k', keyEncoding: 'utf8', value: 'new', valueEncoding: 'utf8', revision: 7, prevValue: 'old\n', prevValueEncoding: 'utf8', endpoint: 'h:1' }, plain);
  assert.equal(put, 'PUT    k = new  rev 7  (was old\\n)');
  const del = watchEventLine({ type: 'delete', key: 'k', keyEncoding: 'utf8', value: null, valueEncoding: null, revision: 8, prevValue: '/w8=', prevValueEncoding: 'base64', endpoint: 'h:1' }, plain);
  assert.equal(del, 'DELETE k  rev 8  (was base64:/w8=)');
  const without = watchEventLine({ type: 'put', key: 'k', keyEncoding: 'utf8', value: 'v', valueEncoding: 'utf8', revision: 9, prevValue: null, prevValueEncoding: null, endpoint: 'h:1' }, plain);
  assert.equal(without, 'PUT    k = v  rev 9');
});

test('bench table: "1 error", not "1 errors" (QA)', () => {
  const r = { op: 'put', target: 'raftctl', endpoints: ['127.0.0.1:1'], clients: 1, conns: 1, rate: null, durationMs: 1000, warmupMs: 0, keySize: 8, valueSize: 256, keys: 10, consistency: null, prefilled: 0, mode: 'closed', count: 0, errors: 1, errorsByCode: { UNREACHABLE: 1 }, elapsedMs: 1, throughput: 0, missed: 0, generatorLagMs: null, latencyMs: { min: null, mean: null, p50: null, p95: null, p99: null, p999: null, max: null } } satisfies BenchResult;
  const text = benchView.table(r, { wide: false, paint: painter(false) });
  assert.match(text, /; 1 error \(UNREACHABLE 1\)$/m);
  assert.match(benchView.table({ ...r, errors: 2, errorsByCode: { UNREACHABLE: 2 } }, { wide: false, paint: painter(false) }), /; 2 errors \(UNREACHABLE 2\)$/m);
  // Open loop: a generator that ran late says so; under a millisecond is timer granularity.
  const open = { ...r, mode: 'open' as const, rate: 100, errors: 0, errorsByCode: {}, generatorLagMs: 42.5 };
  assert.match(benchView.table(open, { wide: false, paint: painter(false) }), /; sends up to 42\.5 ms late \(the load generator's own delay, in the latencies\)$/m);
  assert.doesNotMatch(benchView.table({ ...open, generatorLagMs: 0.4 }, { wide: false, paint: painter(false) }), / ms late /);
});

// QA: on a TTY with TERM=dumb (Emacs' shell, CI pseudo-terminals) the playground redrew its table
// with cursor-up/clear sequences that such a terminal prints as text.
test('a live (redrawn) view only on a TTY whose TERM is not dumb; NO_COLOR does not matter', () => {
  assert.equal(liveTerminal({ isTTY: true }, { TERM: 'xterm-256color' }), true);
  assert.equal(liveTerminal({ isTTY: true }, { TERM: 'xterm', NO_COLOR: '1' }), true);
  assert.equal(liveTerminal({ isTTY: true }, { TERM: 'dumb' }), false);
  assert.equal(liveTerminal({ isTTY: false }, { TERM: 'xterm' }), false);
  assert.equal(liveTerminal({}, {}), false);
});
