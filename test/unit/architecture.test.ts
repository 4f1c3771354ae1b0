/**
 * Enforces the layout of ARCHITECTURE.md: imports flow downward only, the core stays pure,
 * only src/transport touches gRPC, only src/storage (and src/cli for user-named input files)
 * touches the file system, and only commands/ and src/cli write to stdout or stderr.
 *
 * Scenario: every .ts file under src/, commands/ and bin/ is scanned for import specifiers.
 * Expected: each relative import lands in a layer its own layer may use; forbidden modules and
 * identifiers do not appear. A failure names the file, the import and the rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Which layers each layer may import (itself always allowed). */
const ALLOWED: Record<string, readonly string[]> = {
  'src/proto': [],
  'src/errors': [],
  'src/core': [],
  'src/state-machine': ['src/core', 'src/proto', 'src/errors'],
  'src/storage': ['src/core', 'src/proto', 'src/errors', 'src/state-machine'],
  'src/transport': ['src/core', 'src/proto', 'src/errors'],
  'src/runtime': ['src/core', 'src/proto', 'src/errors', 'src/state-machine', 'src/storage', 'src/transport'],
  'src/app': ['src/core', 'src/proto', 'src/errors', 'src/state-machine', 'src/storage', 'src/transport', 'src/runtime'],
  'src/cli': ['src/errors', 'src/app', 'src/transport'],
  commands: ['src/cli', 'src/app'],
  bin: [],
  // The package's public entry point (package.json `exports`): the transport client and errors only.
  'src/index': ['src/transport', 'src/errors'],
};

function layerOf(file: string): string | undefined {
  const rel = relative(root, file).split(sep).join('/');
  if (rel === 'src/errors.ts') return 'src/errors';
  if (rel === 'src/index.ts') return 'src/index';
  const top = rel.split('/');
  if (top[0] === 'src' && top.length > 2) return `src/${top[1]}`;
  if (top[0] === 'commands' || top[0] === 'bin') return top[0];
  return undefined;
}

function* sources(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

function importsOf(text: string): string[] {
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

const files = [...sources(join(root, 'src')), ...sources(join(root, 'commands')), ...sources(join(root, 'bin'))];

test('the scan finds the source tree', () => {
  assert.ok(files.length > 10, `expected source files under ${root}`);
});

test('imports flow downward only (ARCHITECTURE.md, "Layout")', () => {
  const violations: string[] = [];
  for (const file of files) {
    const layer = layerOf(file);
    if (!layer) continue;
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = layerOf(resolve(dirname(file), spec));
      if (!target || target === layer) continue;
      if (!ALLOWED[layer]!.includes(target)) violations.push(`${relative(root, file)} imports ${spec} (${layer} may not import ${target})`);
    }
  }
  assert.deepEqual(violations, []);
});

test('src/core is pure: no node:*, packages, timers, clock, randomness or process', () => {
  const violations: string[] = [];
  for (const file of files.filter((f) => layerOf(f) === 'src/core')) {
    const text = readFileSync(file, 'utf8');
    for (const spec of importsOf(text)) if (!spec.startsWith('.')) violations.push(`${relative(root, file)} imports ${spec}`);
    for (const word of ['setTimeout', 'setInterval', 'setImmediate', 'Date.now', 'new Date', 'Math.random', 'process.', 'performance.now']) {
      if (text.includes(word)) violations.push(`${relative(root, file)} uses ${word}`);
    }
  }
  assert.deepEqual(violations, []);
});

test('only src/transport imports @grpc/grpc-js; only src/proto and src/transport import protobufjs', () => {
  const violations: string[] = [];
  for (const file of files) {
    const layer = layerOf(file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('@grpc/') && layer !== 'src/transport') violations.push(`${relative(root, file)} imports ${spec}`);
      if (spec.startsWith('protobufjs') && layer !== 'src/proto' && layer !== 'src/transport') violations.push(`${relative(root, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(violations, []);
});

test('only src/storage touches the file system (src/cli may read files the user names)', () => {
  const violations: string[] = [];
  for (const file of files) {
    const layer = layerOf(file);
    if (layer === 'src/storage' || layer === 'src/cli' || layer === 'bin') continue;
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (/^(node:)?fs(\/promises)?$/.test(spec)) violations.push(`${relative(root, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(violations, []);
});

test('only commands/ and src/cli write to stdout or stderr', () => {
  const violations: string[] = [];
  for (const file of files) {
    const layer = layerOf(file);
    if (layer === 'src/cli' || layer === 'commands' || layer === 'bin' || layer === 'src/proto') continue;
    const text = readFileSync(file, 'utf8');
    for (const word of ['console.', 'process.stdout', 'process.stderr']) {
      if (text.includes(word)) violations.push(`${relative(root, file)} uses ${word}`);
    }
  }
  assert.deepEqual(violations, []);
});

test('the public entry point (src/index.ts) re-exports named symbols only, no `export *` and no code of its own', () => {
  const text = readFileSync(join(root, 'src/index.ts'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  assert.doesNotMatch(text, /export\s*\*/);
  const statements = text.split(';').map((s) => s.trim()).filter((s) => s !== '');
  assert.deepEqual(statements.filter((s) => !/^export\s+(type\s+)?\{[^}]*\}\s*from\s*'[^']+'$/.test(s)), []);
});

test('no source file imports the package by its own name (that would bypass the layer rules above)', () => {
  const violations: string[] = [];
  for (const file of files) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) if (spec === 'raftctl' || spec.startsWith('raftctl/')) violations.push(`${relative(root, file)} imports ${spec}`);
  }
  assert.deepEqual(violations, []);
});
