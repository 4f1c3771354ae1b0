import { Args, Flags } from '@oclif/core';
import { kvWatch, type KvWatchSummary } from '../../src/app/kv-watch.js';
import { BaseCommand } from '../../src/cli/base-command.js';
import { globalFlagsWithWaitTimeout, keyEncodingFlag } from '../../src/cli/flags.js';
import { EXIT_CODES_HELP } from '../../src/cli/help-text.js';
import { onStdoutClosed } from '../../src/cli/broken-pipe.js';
import { MAX_DURATION_MS } from '../../src/cli/duration.js';
import { isMachineFormat, renderStreamItem } from '../../src/cli/output.js';
import { writeOrWait } from '../../src/cli/stream-write.js';
import { colourEnabled, painter } from '../../src/cli/style.js';
import { keyArgument } from '../../src/cli/value-input.js';
import { watchEventLine } from '../../src/cli/views/kv.js';

/** The longest a watch may run when --wait-timeout is not given (setTimeout's limit, ~24 days). */
const UNBOUNDED_MS = MAX_DURATION_MS;

export default class KvWatch extends BaseCommand<typeof KvWatch> {
  static override summary = 'Stream changes of a key, or of every key under a prefix.';

  static override description = `Prints one event per line as changes are applied: NDJSON objects {"type": "put"|"delete"|"progress"|"canceled", "key", "keyEncoding", "value", "valueEncoding", "revision", "prevValue", "prevValueEncoding", "endpoint"} under -o json/ndjson (one YAML document each, "---" first, under -o yaml), a human line otherwise. Any endpoint will do (every node produces events at apply time): the first one, in the order given, that connects within --timeout is watched (a refused or hung endpoint is skipped; exit 4 when none connects; one at its watcher limit is skipped too, exit 6 RESOURCE_EXHAUSTED when all are).

Runs until Ctrl-C, until --count put/delete events were printed (exit 0), until the reader of its output goes away (\`| head -1\`: exit 0, at the first event written after it left: a pipe tells its writer only on a write, so on a quiet key the pipeline waits for the next change or progress event; --count 1 ends at once), or until the server ends the stream (with --count, before the count: exit 4, WATCH_ENDED). An idle watch gets a progress event with the node's applied index every 30 s (raftctl nodes: node start --watch-progress-interval; d-engine: heartbeat_interval_ms): the stream is alive and, from a raftctl node, every change up to that revision was printed (a d-engine node's ordering is unchecked); --count does not count them, and the first line a \`| head -1\` reads may be one (--count 1 waits for a change). A canceled event (the node stopped, restored a snapshot, or this client read too slowly), a lost connection, or the node ending the watch with UNAVAILABLE (a d-engine node shutting down, events received or not) exits 4: watch again and read or scan the keys to resync. --wait-timeout bounds it only when given (then exit 5 when it passes). d-engine requires a --prefix key to start and end with "/".

${EXIT_CODES_HELP}`;

  static override args = {
    key: Args.string({ description: 'The key, or the prefix with --prefix (UTF-8 text; base64 with --key-encoding base64).', required: true }),
  };

  static override baseFlags = globalFlagsWithWaitTimeout('Stop watching after this long, exit 5 (default: none, the watch runs until it ends).');

  static override flags = {
    'key-encoding': keyEncodingFlag(),
    prefix: Flags.boolean({ summary: 'Watch every key under KEY.', default: false }),
    'prev-kv': Flags.boolean({ summary: 'Include the previous value of each change.', default: false }),
    count: Flags.integer({ summary: 'Exit 0 after this many put/delete events.', min: 1 }),
  };

  static override examples = [
    { description: 'Follow one key', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 greeting' },
    { description: 'Follow a prefix as NDJSON', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 /config/ --prefix -o ndjson' },
    { description: 'Block until the next change of a key', command: '<%= config.bin %> <%= command.id %> -e 127.0.0.1:9081 job/42/state --count 1 --wait-timeout 5m' },
  ];

  async run(): Promise<KvWatchSummary> {
    const ctx = await this.operatorContext({ defaultWaitTimeoutMs: UNBOUNDED_MS });
    const format = this.format;
    const paint = painter(!isMachineFormat(format) && colourEnabled(process.stdout));
    const options = { key: keyArgument(this.args.key, 'KEY', this.flags['key-encoding']), prefix: this.flags.prefix, prevKv: this.flags['prev-kv'], ...(this.flags.count === undefined ? {} : { count: this.flags.count }) };
    // `kv watch ... | head -1`: once the reader is gone, the watch has nobody to stream to.
    const unhook = onStdoutClosed(() => process.exit(0));
    try {
      // Each event waits for stdout to take the previous ones: a slow reader slows the stream.
      return await kvWatch(ctx, options, (event) => writeOrWait(process.stdout, isMachineFormat(format) ? renderStreamItem(event, format) : `${watchEventLine(event, paint)}\n`));
    } finally {
      unhook();
    }
  }

  /** The events are the output; the summary is not printed (not even under --json). */
  protected override logJson(): void {}
}
