#!/usr/bin/env node
// Generates src/proto/raftctl.js and raftctl.d.ts from proto/ with protobufjs-cli (pure
// JavaScript, nothing downloaded). Deterministic: the unit test regenerates into a temporary
// directory and diffs against the committed files.
//
// Post-processing makes every uint64 pass through checkU64 (src/proto/safe-integer.ts) on decode
// and encode, so a value above 2^53-1 is a typed Uint64RangeError instead of a silently rounded
// number, and every singular uint32 through checkU32 on encode, so an id out of range is a typed
// Uint32RangeError instead of being sent as `value >>> 0` (another node's id), and every singular
// int32 (enums, roles) through checkI32, so an enum name string is refused instead of sent as 0,
// and every bytes field through checkBytes, so a string is refused instead of base64-decoded,
// and every string field through checkString, so a number is refused instead of sent as "".
//
// Usage: node scripts/gen-proto.mjs [outDir]   (default src/proto)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'src/proto'));

/** Every .proto we compile, in a fixed order (the include root is the repository root). */
export const PROTO_FILES = [
  'proto/common.proto',
  'proto/error.proto',
  'proto/server/election.proto',
  'proto/server/replication.proto',
  'proto/server/storage.proto',
  'proto/server/cluster.proto',
  'proto/client/client_api.proto',
  'proto/grpc/health/v1/health.proto',
  'proto/raftctl/raft/v1/peer.proto',
  'proto/raftctl/admin/v1/admin.proto',
  'proto/etcd/kv.proto',
  'proto/etcd/rpc.proto',
];

const bin = (name) => join(root, 'node_modules/.bin', name);
const work = mkdtempSync(join(tmpdir(), 'raftctl-gen-'));
try {
  const rawJs = join(work, 'raw.js');
  execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'es6', '--force-number', '-p', '.', '-o', rawJs, ...PROTO_FILES], { cwd: root, stdio: 'inherit' });
  let js = readFileSync(rawJs, 'utf8');
  const decodes = (js.match(/reader\.uint64\(\)/g) ?? []).length;
  js = js.replace(/reader\.uint64\(\)/g, '$checkU64(reader.uint64())');
  js = js.replace(/\.uint64\((message\.[A-Za-z0-9_]+)\)/g, '.uint64($checkU64($1))');
  const u32Fields = (js.match(/\.uint32\(message\.[A-Za-z0-9_]+\)/g) ?? []).length;
  js = js.replace(/\.uint32\((message\.[A-Za-z0-9_]+)\)/g, '.uint32($checkU32($1))');
  const i32Fields = (js.match(/\.int32\(message\.[A-Za-z0-9_]+\)/g) ?? []).length;
  js = js.replace(/\.int32\((message\.[A-Za-z0-9_]+)\)/g, '.int32($checkI32($1))');
  const bytesFields = (js.match(/\.bytes\(message\.[A-Za-z0-9_]+(?:\[i\])?\)/g) ?? []).length;
  js = js.replace(/\.bytes\((message\.[A-Za-z0-9_]+(?:\[i\])?)\)/g, '.bytes($checkBytes($1))');
  // A proto3 bytes field is written only when `message.x.length` is truthy: an object or number
  // without `length` (a caller's mistake) was skipped, i.e. sent as empty. Check it there too.
  js = js.replace(/(\$Object\.hasOwnProperty\.call\(message, "([A-Za-z0-9_]+)"\) && )message\.\2\.length\)(\n\s+writer\.uint32\([^\n]*\.bytes\(\$checkBytes\(message\.\2\)\);)/g, '$1$checkBytes(message.$2).length)$3');
  const stringFields = (js.match(/\.string\(message\.[A-Za-z0-9_]+(?:\[i\]|\[keys\[i\]\])?\)/g) ?? []).length;
  js = js.replace(/\.string\((message\.[A-Za-z0-9_]+(?:\[i\]|\[keys\[i\]\])?)\)/g, '.string($checkString($1))');
  const unguarded = js.match(/\.uint64s\(|(?<!\$checkU64\(reader)\.uint64\((?!\$checkU64\()/g);
  if (unguarded) throw new Error(`gen-proto: ${unguarded.length} uint64 codec call(s) bypass checkU64 (repeated or map uint64?); extend the post-processing`);
  js = js.replace(
    'import $protobuf from "protobufjs/minimal.js";',
    'import $protobuf from "protobufjs/minimal.js";\nimport { checkBytes as $checkBytes, checkI32 as $checkI32, checkString as $checkString, checkU32 as $checkU32, checkU64 as $checkU64, configureNumbers } from "./safe-integer.js";\n\nconfigureNumbers($protobuf);',
  );
  if (!js.includes('configureNumbers($protobuf)') || decodes === 0 || u32Fields === 0 || i32Fields === 0 || bytesFields === 0 || stringFields === 0) throw new Error('gen-proto: generated code changed shape; update the post-processing');
  mkdirSync(outDir, { recursive: true });
  const jsOut = join(outDir, 'raftctl.js');
  writeFileSync(jsOut, js);
  execFileSync(bin('pbts'), ['-o', join(outDir, 'raftctl.d.ts'), jsOut], { cwd: root, stdio: 'inherit' });
  // pbts types uint64 as number|Long; with --force-number they are numbers only. Its
  // `import Long = require("long")` is then unused, and `long` is no dependency of ours: the
  // published declarations (dist/src/proto/raftctl.d.ts) must not import it.
  const dts = readFileSync(join(outDir, 'raftctl.d.ts'), 'utf8')
    .replace(/\(number\|Long\)/g, 'number')
    .replace('import Long = require("long");\n', '');
  if (/\bLong\b/.test(dts)) throw new Error('gen-proto: raftctl.d.ts still names Long; update the post-processing');
  writeFileSync(join(outDir, 'raftctl.d.ts'), dts);
} finally {
  rmSync(work, { recursive: true, force: true });
}
