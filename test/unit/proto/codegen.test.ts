/**
 * The committed generated code (src/proto/raftctl.js, raftctl.d.ts) is exactly what
 * `npm run gen:proto` produces from proto/ (PROTOCOL.md "proto/ layout and code generation").
 *
 * Scenario: run `node scripts/gen-proto.mjs <tmpdir>` and compare byte for byte.
 * Expected: identical files; on a difference the failure names the first differing line and
 * says to run `npm run gen:proto` and commit. Also checks the generator's inputs and the uint64
 * post-processing on the committed output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { BENCH_PROTO_FILES, PROTO_FILES, repoRoot } from './protos.js';

const run = promisify(execFile);

const root = repoRoot();
const GENERATED = ['raftctl.js', 'raftctl.d.ts'] as const;

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  committed:   ${JSON.stringify(a[i])}\n  regenerated: ${JSON.stringify(b[i])}`;
  }
  return 'same text, different bytes';
}

test('regenerating from proto/ reproduces the committed src/proto files byte for byte', async () => {
  const out = mkdtempSync(join(tmpdir(), 'raftctl-codegen-test-'));
  try {
    await run(process.execPath, [join(root, 'scripts', 'gen-proto.mjs'), out], { cwd: root, timeout: 60_000 });
    for (const name of GENERATED) {
      const committed = readFileSync(join(root, 'src', 'proto', name));
      const regenerated = readFileSync(join(out, name));
      assert.ok(
        committed.equals(regenerated),
        `src/proto/${name} is stale: run \`npm run gen:proto\` and commit the result. First difference at ${firstDifference(committed.toString('utf8'), regenerated.toString('utf8'))}`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

function* protoFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* protoFiles(full);
    else if (entry.name.endsWith('.proto')) yield relative(root, full).split(sep).join('/');
  }
}

test('the generator compiles every .proto under proto/, and only those', () => {
  const script = readFileSync(join(root, 'scripts', 'gen-proto.mjs'), 'utf8');
  const listed = [...script.matchAll(/'(proto\/[^']+\.proto)'/g)].map((m) => m[1]!).sort();
  assert.deepEqual(listed, [...protoFiles(join(root, 'proto'))].sort());
  assert.deepEqual(listed, [...PROTO_FILES, ...BENCH_PROTO_FILES].sort());
});

test('every uint64 read and write in the committed codec goes through checkU64', () => {
  const js = readFileSync(join(root, 'src', 'proto', 'raftctl.js'), 'utf8');
  assert.match(js, /import \{ checkBytes as \$checkBytes, checkI32 as \$checkI32, checkString as \$checkString, checkU32 as \$checkU32, checkU64 as \$checkU64, configureNumbers \} from "\.\/safe-integer\.js";\n\nconfigureNumbers\(\$protobuf\);/);
  const guardedReads = js.match(/\$checkU64\(reader\.uint64\(\)\)/g) ?? [];
  const guardedWrites = js.match(/\.uint64\(\$checkU64\(message\.[A-Za-z0-9_]+\)\)/g) ?? [];
  assert.ok(guardedReads.length > 0 && guardedWrites.length > 0);
  // Anything else would bypass the guard: repeated uint64 (uint64s), map values, unwrapped calls.
  const unguarded = js.match(/\.uint64s\(|(?<!\$checkU64\(reader)\.uint64\((?!\$checkU64\()/g) ?? [];
  assert.deepEqual(unguarded, []);
  // Other 64-bit wire types would need the same treatment; none is used.
  assert.doesNotMatch(js, /\.(?:int64|sint64|fixed64|sfixed64)\(/);
});

test('every singular uint32 write in the committed codec goes through checkU32 (an id out of range is not sent as value >>> 0)', () => {
  const js = readFileSync(join(root, 'src', 'proto', 'raftctl.js'), 'utf8');
  const guarded = js.match(/\.uint32\(\$checkU32\(message\.[A-Za-z0-9_]+\)\)/g) ?? [];
  assert.ok(guarded.length > 0);
  assert.deepEqual(js.match(/\.uint32\(message\.[A-Za-z0-9_]+\)/g) ?? [], []);
});

test('every bytes write (singular and repeated) in the committed codec goes through checkBytes (a string is not base64-decoded)', () => {
  const js = readFileSync(join(root, 'src', 'proto', 'raftctl.js'), 'utf8');
  assert.ok((js.match(/\.bytes\(\$checkBytes\(message\.[A-Za-z0-9_]+(?:\[i\])?\)\)/g) ?? []).length > 0);
  assert.deepEqual(js.match(/\.bytes\((?!\$checkBytes\()[^)]/g) ?? [], []);
});

test('every string write in the committed codec goes through checkString (a number is not sent as "")', () => {
  const js = readFileSync(join(root, 'src', 'proto', 'raftctl.js'), 'utf8');
  assert.ok((js.match(/\.string\(\$checkString\(message\./g) ?? []).length > 0);
  assert.deepEqual(js.match(/\.string\((?!\$checkString\()[^)]/g) ?? [], []);
});

test('every singular int32 write (enums, roles) in the committed codec goes through checkI32 (an enum name is not sent as 0)', () => {
  const js = readFileSync(join(root, 'src', 'proto', 'raftctl.js'), 'utf8');
  assert.ok((js.match(/\.int32\(\$checkI32\(message\.[A-Za-z0-9_]+\)\)/g) ?? []).length > 0);
  assert.deepEqual(js.match(/[^u]int32\(message\.[A-Za-z0-9_]+\)/g) ?? [], []);
});

test('the committed typings expose uint64 fields as numbers, never Long, and import no `long` (not a dependency of ours; they are published)', () => {
  const dts = readFileSync(join(root, 'src', 'proto', 'raftctl.d.ts'), 'utf8');
  const longUses = dts.split('\n').filter((line) => /\bLong\b/.test(line));
  assert.deepEqual(longUses, []);
});
