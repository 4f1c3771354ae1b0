import { Args } from '@oclif/core';
import { kvWrite, type KvWriteResult } from '../../src/app/kv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { keyEncodingFlag } from '../../src/cli/flags.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { keyArgument } from '../../src/cli/value-input.js';
import { kvWriteView } from '../../src/cli/views/kv.js';

export default class KvDel extends BaseCommand<typeof KvDel> {
  static override summary = 'Delete a key through the leader.';

  static override description = `Deleting a key that does not exist succeeds (d-engine's semantics). Like every write, a delete whose outcome is unknown is not retried: the command prints "outcome": "unknown" and exits 5.

${EXIT_CODES_HELP}`;

  static override args = {
    key: Args.string({ description: 'The key (UTF-8 text; base64 with --key-encoding base64).', required: true }),
  };

  static override flags = {
    'key-encoding': keyEncodingFlag(),
  };

  static override examples = [
    { description: 'Delete a key', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 greeting' },
    { description: 'Delete a key that is not UTF-8, as scan printed it (keyEncoding "base64")', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 --key-encoding base64 AAEC/w==' },
  ];

  async run(): Promise<KvWriteResult> {
    const verdict = await kvWrite(await this.operatorContext(), { op: 'delete', key: keyArgument(this.args.key, 'KEY', this.flags['key-encoding']) });
    return this.renderVerdict(verdict, kvWriteView);
  }
}
