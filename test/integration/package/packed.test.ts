/**
 * The published package as `npm install raftctl` would lay it out, without a network: the
 * tarball of `npm pack` is unpacked into a temporary project's node_modules/raftctl, and each of
 * the package's declared `dependencies` is linked next to it from this checkout's node_modules
 * (what npm would install; a package used but not declared is therefore missing, as it would be
 * for a strict installer).
 *
 * Scenarios and expectations:
 * - the tarball holds the entry point, its declarations and every declaration file they import
 *   (relative imports followed from dist/src/index.d.ts), the CLI (bin, commands, the oclif
 *   manifest), and no tests or build state;
 * - a consumer's `import ... from 'raftctl'` loads the unpacked copy and its values;
 * - a strict TypeScript consumer (NodeNext, skipLibCheck off) type-checks against the packed
 *   declarations: documented types are real (`@ts-expect-error` lines would be unused under
 *   `any`) and internal modules are not reachable; so does the README's example;
 * - the CLI runs from the unpacked copy (`--version`; `leader discover` against a closed port
 *   exits 4, UNREACHABLE).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { deadAddress } from '../../harness/fake-peer.js';
import { REPO_ROOT } from '../../harness/node-process.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'raftctl-packed-'));
const project = join(work, 'consumer');
const installed = join(project, 'node_modules', 'raftctl');
/** Paths inside the tarball (relative to the package root), from `npm pack --json`. */
let packed: Set<string>;

before(async () => {
  // --ignore-scripts: pack the dist/ `npm test` just built (prepare would rebuild it).
  const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--offline', '--pack-destination', work], { cwd: REPO_ROOT, env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = new Set(info!.files.map((f) => f.path));
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  await run('tar', ['-xzf', join(work, info!.filename), '-C', work], { timeout: 60_000 });
  renameSync(join(work, 'package'), installed);
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of [...Object.keys(pkg.dependencies), '@types/node']) {
    mkdirSync(dirname(join(project, 'node_modules', dep)), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', dep), join(project, 'node_modules', dep), 'dir');
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
});
after(() => rmSync(work, { recursive: true, force: true }));

test('the tarball holds the entry point, every declaration it imports and the CLI; no tests or build state', () => {
  const needed = ['package.json', 'bin/run.js', 'oclif.manifest.json', 'dist/src/index.js', 'dist/commands/leader/discover.js'];
  // Follow relative imports from the entry point's declarations through every .d.ts they name.
  const queue = ['dist/src/index.d.ts'];
  for (const seen = new Set<string>(); queue.length > 0; ) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    needed.push(file);
    assert.ok(existsSync(join(installed, file)), `${file} is in the unpacked package`);
    for (const m of readFileSync(join(installed, file), 'utf8').matchAll(/from\s+['"](\.[^'"]+)['"]/g)) {
      queue.push(posix.join(posix.dirname(file), m[1]!).replace(/\.js$/, '.d.ts'));
    }
  }
  assert.ok(needed.includes('dist/src/proto/raftctl.d.ts'), 'the message types come from the generated proto declarations');
  assert.deepEqual(needed.filter((f) => !packed.has(f)), []);
  assert.deepEqual([...packed].filter((f) => f.startsWith('dist/test/') || f.startsWith('test/') || f.includes('tsbuildinfo') || f.startsWith('src/')), []);
});

test('a consumer imports the unpacked package by name', async () => {
  const script = "const api = await import('raftctl'); console.log(JSON.stringify({ url: import.meta.resolve('raftctl'), transport: typeof api.GrpcTransport, client: typeof api.EndpointClient, error: typeof api.UnreachableError }));";
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, timeout: 30_000 });
  assert.deepEqual(JSON.parse(stdout), {
    url: pathToFileURL(realpathSync(join(installed, 'dist/src/index.js'))).href,
    transport: 'function',
    client: 'function',
    error: 'function',
  });
});

test('a strict TypeScript consumer and the README example type-check against the packed declarations', async () => {
  writeFileSync(
    join(project, 'consumer.ts'),
    `import { DEFAULT_RETRY, EndpointClient, GrpcTransport, RaftCtlError, type FanOutResult, type Membership, type VoteResponse } from 'raftctl';
// @ts-expect-error the node runtime is internal, not exported
import { NodeHost } from 'raftctl';
// @ts-expect-error no subpath is exported
import type { ChannelPool } from 'raftctl/dist/src/transport/channels.js';

const m: Membership = { selfId: 9, members: [{ id: 1, address: '127.0.0.1:1', role: 'voter' }] };
const transport = new GrpcTransport({ selfId: 9, clusterId: 'prod' });
const votes: FanOutResult<VoteResponse> = await transport.sendVoteRequests({ term: 1, candidateId: 9 }, DEFAULT_RETRY.election, m, { signal: AbortSignal.timeout(100) });
const granted: boolean | null | undefined = votes.results[0]?.response?.voteGranted;
const error: RaftCtlError | undefined = votes.results[0]?.error;
// @ts-expect-error selfId is a number
new GrpcTransport({ selfId: 'one' });
// @ts-expect-error a member's role is 'voter' or 'learner'
const bad: Membership = { members: [{ id: 1, address: 'h:1', role: 'leader' }] };
const client = new EndpointClient();
const leader: number | null | undefined = (await client.getClusterMetadata('127.0.0.1:1', { deadlineMs: 100 })).currentLeaderId;
console.log(granted, error?.exitCode, leader, bad, NodeHost, {} as ChannelPool);
`,
  );
  // The README's example, as a user would paste it.
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const example = /## Using raftctl as a library\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(example?.includes("from 'raftctl'"), 'README has a TypeScript example importing raftctl');
  writeFileSync(join(project, 'readme-example.ts'), example ?? '');
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] },
      files: ['consumer.ts', 'readme-example.ts'],
    }),
  );
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await run(process.execPath, [tsc, '-p', project], { cwd: project, timeout: 90_000 });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    assert.fail(`tsc failed on the consumer:\n${stdout ?? ''}${stderr ?? String(e)}`);
  }
});

test('the CLI runs from the unpacked package', async () => {
  const bin = join(installed, 'bin', 'run.js');
  const { stdout } = await run(process.execPath, [bin, '--version'], { cwd: project, timeout: 30_000 });
  assert.match(stdout, /^raftctl\/\d+\.\d+\.\d+ /);
  const dead = await deadAddress();
  const failed = await run(process.execPath, [bin, 'leader', 'discover', '-e', dead, '--timeout', '1s', '--json'], { cwd: project, timeout: 30_000 }).then(
    () => assert.fail('leader discover against a closed port succeeded'),
    (e: { code?: number }) => e,
  );
  assert.equal(failed.code, 4);
});
