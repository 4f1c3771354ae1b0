/**
 * The global flags of CLI.md, shared by every command through BaseCommand.baseFlags, and
 * flag constructors for durations and endpoint lists. TLS (`--cacert/--cert/--key`) and
 * `--profile` are not flags yet: they arrive with src/cli/context.ts, the one place that builds
 * channels and credentials.
 */
import { Flags } from '@oclif/core';
import { formatByteSize, parseByteSize } from './byte-size.js';
import { formatDuration, isBareNumber, parseDuration } from './duration.js';
import { parseEndpoints } from './endpoints.js';
import { OUTPUT_FORMATS } from './output.js';
import { KEY_ENCODINGS, type KeyEncoding } from './value-input.js';
import { UsageError } from '../errors.js';

const GLOBAL = 'GLOBAL';

/**
 * A duration flag (`500ms`, `3s`, `2m`; bare number = ms) whose value is milliseconds; zero only
 * with `allowZero`, and `off` (any case) as 0 with `allowOff`.
 */
export function durationFlag(options: { summary: string; defaultMs?: number; name: string; helpGroup?: string; allowZero?: boolean; allowOff?: boolean }) {
  return Flags.custom<number>({
    summary: options.summary,
    helpGroup: options.helpGroup,
    helpValue: options.allowOff === true ? 'DURATION|off' : 'DURATION',
    parse: async (input) => (options.allowOff === true && input.trim().toLowerCase() === 'off' ? 0 : parseDuration(input, options.name, { allowZero: options.allowZero === true || options.allowOff === true })),
    ...(options.defaultMs === undefined
      ? {}
      : { default: options.defaultMs, defaultHelp: async () => formatDuration(options.defaultMs!) }),
  })();
}

/** A byte-size flag (`65536`, `64KiB`, `256MiB`, `1GiB`) whose value is bytes. */
export function byteSizeFlag(options: { summary: string; defaultBytes: number; name: string; min?: number }) {
  return Flags.custom<number>({
    summary: options.summary,
    helpValue: 'SIZE',
    parse: async (input) => parseByteSize(input, options.name, options.min),
    default: options.defaultBytes,
    defaultHelp: async () => formatByteSize(options.defaultBytes),
  })();
}

/**
 * A TTL flag: a duration whose value is whole seconds, rounded up (d-engine's `ttl_secs`). A
 * bare number is refused: it would mean milliseconds (CLI.md), and `--ttl 60` or `--ttl 3600`
 * almost always meant seconds, not a TTL of 1 or 4 s.
 */
export function ttlSecondsFlag(options: { summary: string; name: string }) {
  return Flags.custom<number>({
    summary: options.summary,
    helpValue: 'DURATION',
    parse: async (input) => {
      // Sent to the server, never waited for here: not bounded by the timer limit.
      const ms = parseDuration(input, options.name, { maxMs: Number.MAX_SAFE_INTEGER });
      if (isBareNumber(input)) {
        throw new UsageError(`--${options.name} ${input.trim()} needs a unit (a bare number would mean milliseconds; TTLs are whole seconds)`, {
          hint: `e.g. --${options.name} ${input.trim()}s, or 10m, 1h`,
        });
      }
      return Math.ceil(ms / 1000);
    },
  })();
}

/** `--key-encoding utf8|base64`: how the kv commands' KEY (or PREFIX) argument is written. */
export function keyEncodingFlag() {
  return Flags.option({
    summary: 'How the KEY (or PREFIX) argument is written: utf8 text, or base64 as JSON output prints keys that are not UTF-8 (keyEncoding "base64").',
    options: KEY_ENCODINGS as unknown as KeyEncoding[],
    default: 'utf8' as KeyEncoding,
  })();
}

/**
 * The flags every cluster command takes. Commands that talk to no cluster (`node start`,
 * `playground`) take only those that mean something to them ({@link someGlobalFlags}).
 */
export const globalFlags = {
  endpoints: Flags.custom<string[]>({
    char: 'e',
    summary: 'Any node(s) of the cluster, host:port[,host:port...]; the leader is found automatically.',
    env: 'RAFTCTL_ENDPOINTS',
    helpValue: 'HOST:PORT,...',
    helpGroup: GLOBAL,
    parse: async (input) => parseEndpoints(input),
  })(),
  timeout: durationFlag({ name: 'timeout', summary: 'Deadline of each attempt (500ms, 3s, 2m; bare number = ms).', defaultMs: 3000, helpGroup: GLOBAL }),
  'wait-timeout': durationFlag({ name: 'wait-timeout', summary: 'The whole command never takes longer than this.', defaultMs: 30_000, helpGroup: GLOBAL }),
  output: Flags.option({
    char: 'o',
    summary: 'Output format (default table, also when piped); --json is the same as -o json.',
    options: OUTPUT_FORMATS,
    helpGroup: GLOBAL,
  })(),
  debug: Flags.boolean({ summary: 'Print stack traces and causes with errors.', helpGroup: GLOBAL, default: false }),
};

/**
 * The global flags of a command whose `--wait-timeout` defaults to something other than 30 s
 * (`bench`, `kv watch`): that flag has no oclif default, so `--help` shows `summary`, which must
 * name the real default, instead of "[default: 30s]". The command supplies the value it uses
 * when the flag is not given through `operatorContext({ defaultWaitTimeoutMs })`.
 */
export function globalFlagsWithWaitTimeout(summary: string) {
  return { ...globalFlags, 'wait-timeout': durationFlag({ name: 'wait-timeout', summary, helpGroup: GLOBAL }) };
}

/**
 * Only the named global flags, for a command's `baseFlags`: a command must not list (or accept
 * and silently ignore) a flag that means nothing to it.
 */
export function someGlobalFlags<K extends keyof typeof globalFlags>(...names: K[]): Pick<typeof globalFlags, K> {
  return Object.fromEntries(names.map((n) => [n, globalFlags[n]])) as Pick<typeof globalFlags, K>;
}
