/**
 * Unknown commands and extra words after a command are usage errors (exit 2, one line), via
 * the oclif `command_not_found` hook (src/cli/hooks/command-not-found.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandNotFoundError } from '../../src/cli/hooks/command-not-found.js';
import { errorLine, lines, REPO_ROOT, runCommand } from './helpers/run-command.js';

const KNOWN = ['leader:discover', 'cluster:status'];

test('extra words after a known command are unexpected arguments of that command', () => {
  const e = commandNotFoundError('leader:discover:extra:more', KNOWN);
  assert.deepEqual([e.exitCode, e.message, e.hint], [2, 'Unexpected arguments: extra, more', 'see `raftctl leader discover --help`']);
});

test('an unknown command in a known topic lists the topic\'s commands; an unknown topic points to --help', () => {
  const inTopic = commandNotFoundError('leader:elect', KNOWN);
  assert.deepEqual([inTopic.exitCode, inTopic.message, inTopic.hint], [2, 'unknown command "leader elect"', '"leader" has: raftctl leader discover']);
  const unknown = commandNotFoundError('frobnicate', KNOWN);
  assert.deepEqual([unknown.exitCode, unknown.message, unknown.hint], [2, 'unknown command "frobnicate"', 'see `raftctl --help` for the commands']);
});

test('a typo of a command (within two edits) is answered with the command meant', () => {
  const typo = commandNotFoundError('clustr:status', KNOWN);
  assert.deepEqual([typo.exitCode, typo.message, typo.hint], [2, 'unknown command "clustr status"', 'did you mean `raftctl cluster status`?']);
  // With its arguments after it, and no whole word replaced ("xx" is not a typo of "kv").
  assert.equal(commandNotFoundError('kb:get:mykey', [...KNOWN, 'kv:get']).hint, 'did you mean `raftctl kv get`?');
  assert.equal(commandNotFoundError('xx:get', [...KNOWN, 'kv:get']).hint, 'see `raftctl --help` for the commands');
});

const registered = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { oclif: { hooks?: Record<string, string> } }).oclif.hooks?.command_not_found !== undefined;

test('end to end: `leader discover extra` exits 2 with one line', { skip: registered ? false : 'hook not registered in package.json oclif.hooks yet' }, async () => {
  const r = await runCommand(['leader', 'discover', 'extra', '-e', '127.0.0.1:1', '--json']);
  assert.equal(r.exitCode, 2);
  assert.equal(r.stdout, '');
  assert.deepEqual(lines(r.stderr).map((l) => (JSON.parse(l) as { error: { message: string } }).error.message), ['Unexpected argument: extra']);
});

test('end to end: under RAFTCTL_CONTENT_TYPE=json (the same as --json) an unknown command is the JSON error line', { skip: registered ? false : 'hook not registered in package.json oclif.hooks yet' }, async () => {
  const r = await runCommand(['kv', 'frobnicate'], { RAFTCTL_CONTENT_TYPE: 'json' });
  assert.equal(r.exitCode, 2);
  assert.equal(r.stdout, '');
  const err = errorLine(r.stderr);
  assert.deepEqual([err.code, err.exitCode, err.message], ['USAGE', 2, 'unknown command "kv frobnicate"']);
  const table = await runCommand(['kv', 'frobnicate', '-o', 'table'], { RAFTCTL_CONTENT_TYPE: 'json' });
  assert.match(lines(table.stderr)[0]!, /^Error: unknown command "kv frobnicate"/, '-o on the command line beats the environment');
});
