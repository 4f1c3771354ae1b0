/**
 * `kv put KEY -` in a real process: the value is read from stdin to its end, bytes unchanged
 * (an in-process run cannot feed process.stdin). One spawn, ~0.3 s.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startFakeKv, type FakeKvCluster } from './helpers/fake-kv.js';
import { REPO_ROOT } from './helpers/run-command.js';

let kv: FakeKvCluster;
before(async () => {
  kv = await startFakeKv({ nodes: 1 });
});
after(() => kv.close());

test('kv put KEY - stores stdin (multi-line, trailing newline kept) and exits 0', async () => {
  const input = 'line one\nline two\n';
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/run.js'), 'kv', 'put', 'from-stdin', '-', '-e', kv.endpoints[0]!, '--json'], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  assert.equal(code, 0, stderr);
  assert.equal((JSON.parse(stdout) as { outcome: string }).outcome, 'applied');
  assert.equal(kv.store.get('from-stdin')?.toString(), input);
});
