/**
 * oclif `command_not_found` hook: an unknown command, or extra words after a known one
 * (`raftctl leader discover extra`, which oclif reads as the command id "leader:discover:extra"),
 * is a usage error like any bad argument (CLI.md): exit 2 and one line on stderr, JSON under
 * `--json` / `-o json` / RAFTCTL_CONTENT_TYPE=json. Registered in package.json under `oclif.hooks.command_not_found`.
 */
import { Errors, type Hook } from '@oclif/core';
import { UsageError } from '../../errors.js';
import { outputFormatBeforeParse } from '../base-command.js';
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
  const near = topic.length > 0 ? [] : closest(id, knownIds);
  return new UsageError(`unknown command "${words.join(' ')}"`, {
    hint:
      topic.length > 0
        ? `"${words[0]}" has: ${topic.map((t) => `${bin} ${t}`).join(', ')}`
        : near.length > 0
          ? `did you mean ${near.map((k) => `\`${bin} ${k.replace(/:/g, ' ')}\``).join(' or ')}?`
          : `see \`${bin} --help\` for the commands`,
  });
}

/**
 * The known commands that the first words of `id` are a typo of ("clustr:status", "kb:get:mykey"
 * with its argument): each word at most one edit away and never replaced whole. Nearest only.
 */
function closest(id: string, knownIds: readonly string[]): string[] {
  const typed = id.split(':');
  const scored = knownIds.flatMap((k) => {
    const words = k.split(':');
    if (typed.length < words.length) return [];
    const d = words.map((w, i) => editDistance(typed[i]!, w));
    return d.every((x, i) => x <= 1 && x < words[i]!.length) ? [{ k, d: d.reduce((a, b) => a + b, 0) }] : [];
  });
  const best = Math.min(...scored.map((x) => x.d));
  return scored.filter((x) => x.d === best && x.d > 0).map((x) => x.k);
}

/** Levenshtein distance (command ids are short). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

const hook: Hook<'command_not_found'> = async function (options) {
  const err = commandNotFoundError(options.id, options.config.commandIDs, options.config.bin);
  const json = jsonErrorLines(outputFormatBeforeParse(options.argv ?? [], options.config));
  process.stderr.write(`${formatErrorLine(err, { json, paint: painter(!json && colourEnabled(process.stderr)) })}\n`);
  throw new Errors.ExitError(err.exitCode);
};

export default hook;
