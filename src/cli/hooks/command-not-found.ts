/**
 * oclif `command_not_found` hook: an unknown command, or extra words after a known one
 * (`raftctl leader discover extra`, which oclif reads as the command id "leader:discover:extra"),
 * is a usage error like any bad argument (CLI.md): exit 2 and one line on stderr, JSON under
 * `--json` / `-o json`. Registered in package.json under `oclif.hooks.command_not_found`.
 */
import { Errors, type Hook } from '@oclif/core';
import { UsageError } from '../../errors.js';
import { outputFormatFromArgv } from '../base-command.js';
import { formatErrorLine, jsonErrorLines } from '../error-line.js';
import { colourEnabled, painter } from '../style.js';

/**
 * The usage error for command id `id` (colon-separated) given the known command ids: extra
 * arguments after the longest known command prefix, or an unknown command.
 */
export function commandNotFoundError(id: string, knownIds: readonly string[], bin = 'raftctl'): UsageError {
  const words = id.split(':');
  for (let n = words.length - 1; n > 0; n--) {
    const prefix = words.slice(0, n).join(':');
    if (knownIds.includes(prefix)) {
      const extra = words.slice(n);
      return new UsageError(`Unexpected argument${extra.length === 1 ? '' : 's'}: ${extra.join(', ')}`, {
        hint: `see \`${bin} ${words.slice(0, n).join(' ')} --help\``,
      });
    }
  }
  const topic = knownIds.filter((k) => k.startsWith(`${words[0]}:`)).map((k) => k.replace(/:/g, ' '));
  return new UsageError(`unknown command "${words.join(' ')}"`, {
    hint: topic.length > 0 ? `"${words[0]}" has: ${topic.map((t) => `${bin} ${t}`).join(', ')}` : `see \`${bin} --help\` for the commands`,
  });
}

const hook: Hook<'command_not_found'> = async function (options) {
  const err = commandNotFoundError(options.id, options.config.commandIDs, options.config.bin);
  const json = jsonErrorLines(outputFormatFromArgv(options.argv ?? []));
  process.stderr.write(`${formatErrorLine(err, { json, paint: painter(!json && colourEnabled(process.stderr)) })}\n`);
  throw new Errors.ExitError(err.exitCode);
};

export default hook;
