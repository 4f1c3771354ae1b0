import { Args, Flags } from '@oclif/core';
import { kvWrite, type KvWriteResult } from '../../src/app/kv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { keyEncodingFlag } from '../../src/cli/flags.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { keyArgument, readValueArgument } from '../../src/cli/value-input.js';
import { kvWriteView } from '../../src/cli/views/kv.js';
import { UsageError } from '../../src/errors.js';

export default class KvCas extends BaseCommand<typeof KvCas> {
  static override summary = 'Compare-and-swap: set a key only if it holds an expected value (or is absent).';

  static override description = `Sets KEY to NEW only when its current value is exactly --expect, or with --absent only when the key does not exist. NEW and --expect take "-" (stdin) or "@FILE" like kv put (at most one of them may be "-").

Prints the result and exits 0 when the value was swapped, 6 (COMPARE_FAILED, "succeeded": false) when the comparison failed and nothing changed, and 5 with "outcome": "unknown" when no answer says what happened.

${EXIT_CODES_HELP}`;

  static override args = {
    key: Args.string({ description: 'The key (UTF-8 text; base64 with --key-encoding base64).', required: true }),
    new: Args.string({ description: 'The new value, "-" for stdin or "@FILE".', required: true }),
  };

  static override flags = {
    'key-encoding': keyEncodingFlag(),
    expect: Flags.string({ summary: 'The value the key must hold now ("-" for stdin, "@FILE").', exclusive: ['absent'] }),
    absent: Flags.boolean({ summary: 'The key must not exist now.', exclusive: ['expect'], default: false }),
  };

  static override examples = [
    { description: 'Take a lock only if nobody holds it', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 locks/deploy --absent alice' },
    { description: 'Move a state machine forward', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 job/42/state --expect queued running --json' },
  ];

  async run(): Promise<KvWriteResult> {
    if (this.flags.expect === undefined && !this.flags.absent) {
      throw new UsageError('kv cas needs --expect VALUE or --absent', { hint: 'e.g. raftctl kv cas KEY --expect OLD NEW, or raftctl kv cas KEY --absent NEW' });
    }
    if (this.flags.expect === '-' && this.args.new === '-') throw new UsageError('--expect and NEW cannot both be read from stdin', { hint: 'pass one of them as "@FILE"' });
    const key = keyArgument(this.args.key, 'KEY', this.flags['key-encoding']);
    const expected = this.flags.expect === undefined ? null : await readValueArgument(this.flags.expect, '--expect');
    const value = await readValueArgument(this.args.new, 'NEW');
    const verdict = await kvWrite(await this.operatorContext(), { op: 'cas', key, expected, value });
    return this.renderVerdict(verdict, kvWriteView);
  }
}
