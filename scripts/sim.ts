/**
 * `npm run sim -- --seeds N [--start S] [--scale K] [--progress]`: runs N seeded random schedules
 * of the simulated cluster (test/harness/schedule.ts), seeds S .. S+N-1 (default S = 1);
 * `--scale K` makes each fault phase K times longer, with K times the membership operations
 * (default 1: the schedules the test suite runs). Each
 * violation prints the seed, the property and the last 200 events; `--start S --seeds 1`
 * (with the same `--scale`) replays that seed exactly. The last line is always
 * `N seeds, V violations, E entries committed, C config changes completed`; `--progress` adds a
 * line on stderr every 100 seeds. Exit 1 when any seed violated a property, 2 for a bad argument.
 */
import { runSeed } from '../test/harness/schedule.js';
import { parseScriptArgs, wholeNumber } from './script-args.js';

const USAGE = `usage: npm run sim -- [--seeds N] [--start S] [--scale K] [--progress]
  --seeds N     schedules to run (default 100)
  --start S     first seed (default 1); --start S --seeds 1 replays seed S
  --scale K     fault phases K times longer, K times the membership operations (default 1)
  --progress    a line on stderr every 100 seeds`;
const args = parseScriptArgs(USAGE, { seeds: { type: 'string' }, start: { type: 'string' }, scale: { type: 'string' }, progress: { type: 'boolean' } });
const seeds = wholeNumber(args, 'seeds', 100, 0, USAGE);
const start = wholeNumber(args, 'start', 1, 0, USAGE);
const scale = wholeNumber(args, 'scale', 1, 1, USAGE);
const progress = args.progress === true;
let violations = 0;
let committed = 0;
let changes = 0;
const t0 = performance.now();
for (let seed = start; seed < start + seeds; seed++) {
  const r = runSeed(seed, { faultScale: scale });
  committed += r.committed;
  changes += r.configChanges;
  if (r.violation) {
    violations++;
    process.stdout.write(`\nVIOLATION seed ${seed}: ${r.violation.property}\n${r.violation.message}\n`);
    process.stdout.write(`last ${r.violation.events.length} events:\n${r.violation.events.join('\n')}\n`);
    process.stdout.write(`replay: npm run sim -- --start ${seed} --seeds 1${scale > 1 ? ` --scale ${scale}` : ''}\n\n`);
  }
  if (progress && (seed - start + 1) % 100 === 0) {
    process.stderr.write(`${seed - start + 1} seeds, ${violations} violations, ${((performance.now() - t0) / 1000).toFixed(1)}s\n`);
  }
}
process.stdout.write(`${seeds} seeds, ${violations} violations, ${committed} entries committed, ${changes} config changes completed\n`);
process.exitCode = violations > 0 ? 1 : 0;
