import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatByteSize, parseByteSize } from '../../../src/cli/byte-size.js';
import { UsageError } from '../../../src/errors.js';

test('byte sizes: bare bytes and binary units, case-insensitive, K/KB the same as KiB', () => {
  assert.equal(parseByteSize('65536', 'x'), 65536);
  assert.equal(parseByteSize('64KiB', 'x'), 65536);
  assert.equal(parseByteSize('64k', 'x'), 65536);
  assert.equal(parseByteSize('256MiB', 'x'), 256 * 1024 * 1024);
  assert.equal(parseByteSize('256 mb', 'x'), 256 * 1024 * 1024);
  assert.equal(parseByteSize('1GiB', 'x'), 1024 ** 3);
  assert.equal(parseByteSize('1.5KiB', 'x'), 1536);
  assert.equal(parseByteSize('100B', 'x'), 100);
});

test('byte sizes: anything else is a usage error naming the flag (exit 2)', () => {
  for (const bad of ['', 'abc', '-1', '1TiB', '12 parsecs', '0x10', '1e3']) {
    assert.throws(() => parseByteSize(bad, 'max-uncommitted-bytes'), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && /--max-uncommitted-bytes/.test(e.message), bad);
  }
  assert.throws(() => parseByteSize('0', 'x'), /must be at least 1B/);
  assert.throws(() => parseByteSize('0.5', 'x'), /must be at least 1B/);
  assert.throws(() => parseByteSize('1KiB', 'x', 4096), /must be at least 4KiB/);
  // Too large is said as such, not as "must be at least 1B".
  for (const huge of ['99999999999GiB', '9007199254740993', '8388608GiB']) {
    assert.throws(() => parseByteSize(huge, 'x'), (e: unknown) => e instanceof UsageError && e.exitCode === 2 && /is too large/.test(e.message) && !/at least/.test(e.message), huge);
  }
});

test('byte sizes format back in the largest exact binary unit', () => {
  assert.equal(formatByteSize(256 * 1024 * 1024), '256MiB');
  assert.equal(formatByteSize(1024 ** 3), '1GiB');
  assert.equal(formatByteSize(1536), '1536B');
  assert.equal(formatByteSize(65536), '64KiB');
});
