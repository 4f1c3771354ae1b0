import { Args } from '@oclif/core';
import { kvWrite, type KvWriteResult } from '../../src/app/kv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { keyArgument } from '../../src/cli/value-input.js';
import { kvWriteView } from '../../src/cli/views/kv.js';

export default class KvDel extends BaseCommand<typeof KvDel> {
  static override summary = 'Delete a key through the leader.';

  static override description = `Deleting a key that does not exist succeeds (d-engine's semantics). Like every write, a delete whose outcome is unknown is not retried: the command prints "outcome": "unknown" and exits 5.

${EXIT_CODES_HELP}`;

  static override args = {
    key: Args.string({ description: 'The key (UTF-8).', required: true }),
  };

  static override examples = [
    { description: 'Delete a key', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 greeting' },
  ];

  async run(): Promise<KvWriteResult> {
    const verdict = await kvWrite(await this.operatorContext(), { op: 'delete', key: keyArgument(this.args.key) });
    return this.renderVerdict(verdict, kvWriteView);
  }
}
