/**
 * oclif `init` hook, run before anything else writes (help included): output that cannot be
 * written (stdout redirected to a full disk, ENOSPC) is one `OUTPUT_FAILED` line on stderr and
 * exit 1, not oclif's stack trace; a reader gone (EPIPE, EIO) is dropped (../broken-pipe.ts). A
 * command replaces this handler with its own, which knows its output format (base-command.ts).
 * Registered in package.json under `oclif.hooks.init`.
 */
import type { Hook } from '@oclif/core';
import { exitOutputFailed, ignoreBrokenPipes, onOutputFailed } from '../broken-pipe.js';
import { painter } from '../style.js';

const hook: Hook<'init'> = async function () {
  ignoreBrokenPipes();
  onOutputFailed((err, stream) => exitOutputFailed(err, stream, { json: false, paint: painter(false) }));
};

export default hook;
