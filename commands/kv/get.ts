import { Args, Flags } from '@oclif/core';
import { CONSISTENCY_POLICIES, kvGet, type Consistency, type KvGetResult } from '../../src/app/kv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { keyEncodingFlag } from '../../src/cli/flags.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { isMachineFormat } from '../../src/cli/output.js';
import { keyArgument } from '../../src/cli/value-input.js';
import { kvGetView } from '../../src/cli/views/kv.js';

export default class KvGet extends BaseCommand<typeof KvGet> {
  static override summary = 'Read a key.';

  static override description = `Prints the value (table output) or {"key", "value", "found", "keyEncoding", "valueEncoding"} (JSON); values that are not valid UTF-8 are base64 with valueEncoding "base64". A missing key exits 0 with "found": false (and prints nothing in table output).

--consistency linearizable and lease read through the leader; eventual reads the first endpoint that answers, from its local state. Without --consistency the request carries no policy and the server's default applies (linearizable on raftctl nodes; on d-engine nodes its configured raft.read_consistency.default_policy, linearizable unless configured otherwise).

${EXIT_CODES_HELP}`;

  static override args = {
    key: Args.string({ description: 'The key (UTF-8 text; base64 with --key-encoding base64).', required: true }),
  };

  static override flags = {
    'key-encoding': keyEncodingFlag(),
    consistency: Flags.option({ summary: 'Read consistency (default: the server\'s default).', options: Object.keys(CONSISTENCY_POLICIES) as Consistency[] })(),
  };

  static override examples = [
    { description: 'Read a value', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 greeting' },
    { description: 'A fast, possibly stale read from any node', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9082 greeting --consistency eventual' },
    { description: 'Read a key that is not UTF-8, as scan printed it (keyEncoding "base64")', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 --key-encoding base64 AAEC/w==' },
    { description: 'Check whether a key exists', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 locks/deploy --json | jq .found' },
  ];

  async run(): Promise<KvGetResult> {
    const result = await kvGet(await this.operatorContext(), keyArgument(this.args.key, 'KEY', this.flags['key-encoding']), this.flags.consistency);
    if (!result.found && !isMachineFormat(this.format)) return result;
    return this.render(result, kvGetView);
  }
}
