import { Args } from '@oclif/core';
import { kvScan, type KvScanResult } from '../../src/app/kv.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { keyEncodingFlag } from '../../src/cli/flags.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { bytesArgument } from '../../src/cli/value-input.js';
import { kvScanView } from '../../src/cli/views/kv.js';

export default class KvScan extends BaseCommand<typeof KvScan> {
  static override summary = 'List every key that starts with PREFIX, with its value.';

  static override description = `Served by the leader from its state machine (d-engine's HandleClientScan); a raftctl leader first proves it still leads (a ReadIndex round), so the scan is linearizable, while a d-engine leader answers at once. Entries are sorted by key bytes; "revision" is the leader's applied index at scan time. An empty PREFIX ("") lists every key on raftctl nodes (d-engine's RocksDB store returns nothing for it).

The whole answer is one message (d-engine's ScanRequest has no limit or paging): a raftctl node refuses to answer more than 32 MiB of keys and values or more than 100,000 entries (exit 6, RESOURCE_EXHAUSTED: scan a longer, narrower prefix); answers from d-engine nodes, which send any size, are accepted up to 64 MiB (larger: exit 6). d-engine's own clients accept 4 MiB.

${EXIT_CODES_HELP}`;

  static override args = {
    prefix: Args.string({ description: 'The key prefix (UTF-8 text; base64 with --key-encoding base64).', required: true }),
  };

  static override flags = {
    'key-encoding': keyEncodingFlag(),
  };

  static override examples = [
    { description: 'Everything under /config/', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 /config/' },
    { description: 'Just the keys', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 /config/ --json | jq -r \'.entries[].key\'' },
  ];

  async run(): Promise<KvScanResult> {
    const result = await kvScan(await this.operatorContext(), bytesArgument(this.args.prefix, 'PREFIX', this.flags['key-encoding']));
    return this.render(result, kvScanView);
  }
}
