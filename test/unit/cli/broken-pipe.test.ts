/**
 * The stdout/stderr guard of every command (src/cli/broken-pipe.ts): output whose reader is gone
 * is dropped instead of crashing the process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { ignoreBrokenPipes, onOutputFailed } from '../../../src/cli/broken-pipe.js';

function writeError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`write ${code}`), { code, syscall: 'write' });
}

test('a write to a closed pipe (EPIPE) or to a hung-up terminal (EIO) is dropped', () => {
  const stream = new EventEmitter();
  ignoreBrokenPipes([stream]);
  assert.doesNotThrow(() => stream.emit('error', writeError('EPIPE')));
  // QA: a node started in a terminal that was then closed logged its next line to the hung-up
  // terminal, got EIO, and the rethrown error crashed it (exit 1, then Node aborted in its exit
  // path: SIGABRT/SIGSEGV) instead of stopping gracefully on the SIGHUP.
  assert.doesNotThrow(() => stream.emit('error', writeError('EIO')));
});

test('other stream errors are still rethrown; the guard is installed once per stream', () => {
  const stream = new EventEmitter();
  ignoreBrokenPipes([stream]);
  ignoreBrokenPipes([stream]);
  assert.equal(stream.listenerCount('error'), 1);
  assert.throws(() => stream.emit('error', writeError('ENOSPC')), /ENOSPC/);
});

test('with an output-failure handler, other write errors (ENOSPC) go to it instead of being thrown; EPIPE still does not', () => {
  const stream = new EventEmitter();
  ignoreBrokenPipes([stream]);
  const seen: string[] = [];
  const remove = onOutputFailed((err) => seen.push(err.code ?? ''));
  try {
    assert.doesNotThrow(() => stream.emit('error', writeError('ENOSPC')));
    stream.emit('error', writeError('EPIPE'));
    assert.deepEqual(seen, ['ENOSPC']);
  } finally {
    remove();
  }
  assert.throws(() => stream.emit('error', writeError('ENOSPC')), /ENOSPC/, 'without the handler: rethrown');
});
