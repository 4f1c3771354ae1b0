import { Args } from '@oclif/core';
import { kvWrite, type KvWriteResult } from '../../src/app/kv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { keyEncodingFlag, ttlSecondsFlag } from '../../src/cli/flags.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { keyArgument, readValueArgument } from '../../src/cli/value-input.js';
import { kvWriteView } from '../../src/cli/views/kv.js';

export default class KvPut extends BaseCommand<typeof KvPut> {
  static override summary = 'Write a key through the leader.';

  static override description = `VALUE is the value itself, "-" to read it from stdin, or "@FILE" to read it from a file. The request goes to the leader (any endpoint will do; NOT_LEADER answers are followed). Prints OK once the leader has applied the write.

A write is never retried blindly: when it may have reached the leader but no answer says what happened (a timeout, a dropped connection), the command prints the result with "outcome": "unknown" and exits 5. Read the key back before retrying.

${EXIT_CODES_HELP}`;

  static override args = {
    key: Args.string({ description: 'The key (UTF-8 text; base64 with --key-encoding base64).', required: true }),
    value: Args.string({ description: 'The value, "-" for stdin or "@FILE".', required: true }),
  };

  static override flags = {
    'key-encoding': keyEncodingFlag(),
    ttl: ttlSecondsFlag({ name: 'ttl', summary: 'Expire the key after this long, with a unit (30s, 5m, 1h; whole seconds, rounded up).' }),
  };

  static override examples = [
    { description: 'Write a value', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 greeting hello' },
    { description: 'Store a file, expiring in ten minutes', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 config/app @app.json --ttl 10m' },
    { description: 'Pipe the value in', command: '$ date | <%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 last-run - --json' },
  ];

  async run(): Promise<KvWriteResult> {
    const key = keyArgument(this.args.key, 'KEY', this.flags['key-encoding']);
    const value = await readValueArgument(this.args.value);
    const ttlSecs = this.flags.ttl;
    const verdict = await kvWrite(await this.operatorContext(), { op: 'put', key, value, ...(ttlSecs === undefined ? {} : { ttlSecs }) });
    return this.renderVerdict(verdict, kvWriteView);
  }
}
