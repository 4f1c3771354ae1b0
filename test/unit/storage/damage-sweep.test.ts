// Damage sweep of a data directory (STORAGE.md "Rules", docs/storage.md "Failures and exit
// codes"): a realistic directory is built once through the real storage code (damaged-dir.ts:
// several WAL segments of 4 KiB, term and vote changes, configuration entries, two snapshots with
// compaction, a segment holding only hard-state records in the middle and another as the newest
// one, a stale LOCK), then, one damage at a time on a fresh copy, every file (FORMAT with the
// cluster id, LOCK, wal/HEAD, each segment, each snapshot file) is truncated (to 0, inside a
// record, at a record boundary, to half its size), has one byte flipped (in its written part and
// anywhere), has a range zeroed, is deleted, replaced by a directory, or made unreadable (chmod
// 000; as root, where chmod does not block reads, by a file-system seam failing its opens and
// reads with EACCES). The copy is opened the way `node start` opens it (damaged-dir.ts
// openLikeStart) and the outcome must be one of:
// - it opens with every acknowledged entry, the acknowledged term and vote and the same state
//   (damage that changes nothing acknowledged: the stale LOCK, a deleted wal/HEAD, which is
//   rewritten, the zeros after a segment's written part, the older snapshot, which a start does
//   not read);
// - the documented torn tail: a byte flipped or zeroed in the newest segment's written part with
//   no valid record after it reads as a write cut by a crash, and the node starts without the
//   records from the damaged one on (STORAGE.md: "a bad record followed only by zeros or the end
//   of the file is a torn tail"; docs/storage.md "Known limits"). The outcome must then equal
//   exactly that: the directory with the newest segment zeroed from the damaged record on;
// - a refusal with IntegrityError CORRUPT (exit 7) that names the damaged file (or, for a
//   deleted one, says what is missing).
// An unreadable file is the user's permissions, not damage: refused with UsageError (exit 2, the
// code of a --data-dir the OS refuses) naming it, or opened with everything (the older snapshot).
// Never an untyped error (exit 1, "a bug") and never a start with less than was acknowledged
// otherwise. Every file meets every kind of damage (about 120 cases, a few seconds); the offsets
// are a sample drawn from the seed (3 flipped bytes and 2 zeroed ranges per file, one cut inside
// a record and one at a record boundary), printed on failure (SEED=<n> replays one;
// SWEEP_VERBOSE=1 prints every outcome).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { RaftCtlError } from '../../../src/errors.js';
import { SeededRandom } from '../../harness/random.js';
import {
  applyDamage,
  basename,
  buildDataDir,
  copyDataDir,
  dataDirFiles,
  deniedFs,
  describeDamage,
  openLikeStart,
  recordStarts,
  type Acked,
  type Damage,
  type Started,
} from './damaged-dir.js';
import { withTempDir } from './helpers.js';

/** Bytes flipped, and ranges zeroed, per file at offsets drawn from the seed (a sample: every offset of every file would take minutes). */
const FLIPS = 3;
const ZEROS = 2;
const SEED = process.env.SEED ? Number(process.env.SEED) : Math.floor(Math.random() * 2 ** 31);

/** True when `s` holds everything `acked` says, and nothing else differs. */
function holdsAcked(s: Started, acked: Acked): string | null {
  if (s.hardState.term !== acked.hardState.term || s.hardState.votedFor !== acked.hardState.votedFor) {
    return `hard state ${JSON.stringify(s.hardState)}, acknowledged ${JSON.stringify(acked.hardState)}`;
  }
  if (s.lastIndex < acked.lastIndex) return `last index ${s.lastIndex}, acknowledged ${acked.lastIndex}`;
  for (const [index, term] of acked.entries) {
    if (index > s.snapshotIndex && s.entries.get(index) !== term) return `entry ${index} (term ${term}) lost (snapshot at ${s.snapshotIndex})`;
  }
  try {
    assert.deepEqual(s.kv, acked.kv);
  } catch {
    return 'the rebuilt state differs';
  }
  return null;
}

/** The damages of one file: `written` is where a segment's records end (its size for other files). */
function damagesOf(file: string, bytes: number, starts: number[] | null, rnd: SeededRandom): Damage[] {
  const written = starts ? starts.at(-1)! : bytes;
  const out: Damage[] = [];
  const cuts = new Set<number>([0, Math.floor(bytes / 2)]);
  if (starts && starts.length > 2) {
    const k = rnd.nextInt(starts.length - 2);
    cuts.add(starts[k + 1]!); // a record boundary
    cuts.add(starts[k]! + 1 + rnd.nextInt(starts[k + 1]! - starts[k]! - 1)); // inside a record
  } else if (bytes > 2) {
    cuts.add(1 + rnd.nextInt(bytes - 2));
  }
  for (const at of cuts) if (at < bytes) out.push({ kind: 'truncate', file, at });
  if (written > 0) {
    for (let k = 0; k < FLIPS; k++) out.push({ kind: 'flip', file, at: rnd.nextInt(written) });
    for (let k = 0; k < ZEROS; k++) {
      const at = rnd.nextInt(written);
      out.push({ kind: 'zero', file, at, to: Math.min(bytes, at + 1 + rnd.nextInt(64)) });
    }
  }
  if (bytes > written) out.push({ kind: 'flip', file, at: rnd.nextInt(bytes) });
  out.push({ kind: 'delete', file }, { kind: 'directory', file }, { kind: 'unreadable', file });
  return out;
}

for (const shape of ['stopped', 'killed'] as const) test(`damage sweep (${shape === 'stopped' ? 'a node stopped after a vote rolled the WAL' : 'a node killed with -9, entries in the newest segment, spare.tmp left'}): every file of a data directory truncated, flipped, zeroed, deleted or replaced by a directory is refused with exit 7 naming it, or opens with everything acknowledged (a torn newest tail: exactly without the damaged records)`, async () => {
  const rnd = new SeededRandom(SEED + (shape === 'killed' ? 1 : 0));
  const root = process.getuid?.() === 0;
  await withTempDir(async (tmp) => {
    const built = join(tmp, 'built');
    const acked = await buildDataDir(built, shape);
    const files = await dataDirFiles(built);
    const segments = files.filter((f) => f.file.endsWith('.wal'));
    const newest = segments.at(-1)!.file;
    // The life covers what the sweep claims to damage.
    assert.ok(segments.length >= 4, `${segments.length} segments`);
    assert.ok(files.some((f) => f.file === 'LOCK') && files.some((f) => f.file === 'wal/HEAD') && files.filter((f) => f.file.endsWith('.snap')).length === 2, JSON.stringify(files));
    assert.equal(files.some((f) => f.file === 'wal/spare.tmp'), shape === 'killed', 'the spare is left by a kill only');
    const clean = await openLikeStart(await copyThen(built, join(tmp, 'clean')));
    assert.equal(holdsAcked(clean, acked), null, 'the undamaged directory opens with everything');

    const failures: string[] = [];
    let cases = 0;
    const outcomes = { opened: 0, tornTail: 0, refused: 0 };
    for (const { file, bytes } of files) {
      const starts = file.endsWith('.wal') ? await recordStarts(join(built, file)) : null;
      for (const d of damagesOf(file, bytes, starts, rnd)) {
        cases++;
        const what = describeDamage(d);
        const dir = join(tmp, 'case');
        await copyDataDir(built, dir);
        // As root chmod does not block reads: an unreadable file is simulated by the file system seam.
        const simulated = d.kind === 'unreadable' && root;
        if (!simulated) await applyDamage(dir, d);
        let started: Started;
        try {
          started = await openLikeStart(dir, simulated ? deniedFs(join(dir, d.file)) : undefined);
        } catch (err) {
          if (d.kind === 'unreadable') {
            // Not damage but this user's permissions: a bad --data-dir (USAGE, exit 2) naming the file.
            const said = err instanceof RaftCtlError ? `${err.message} ${String(err.details?.file ?? '')}` : '';
            if (!(err instanceof RaftCtlError) || err.exitCode !== 2 || !(said.includes(basename(d.file)) || (d.file === 'LOCK' && said.includes(dir)))) {
              failures.push(`${what}: ${err instanceof RaftCtlError ? `${err.code} exit ${err.exitCode}` : 'untyped'}: ${String(err)}`);
            } else outcomes.refused++;
            continue;
          }
          if (!(err instanceof RaftCtlError) || err.exitCode !== 7) {
            failures.push(`${what}: ${err instanceof RaftCtlError ? `${err.code} exit ${err.exitCode}` : 'untyped'}: ${String(err)}`);
            continue;
          }
          const said = `${err.message} ${String(err.details?.file ?? '')}`;
          const named = said.includes(basename(d.file)) || (d.kind === 'delete' && /missing|lost|deleted/.test(said));
          if (!named) failures.push(`${what}: refused without naming it: ${err.message}`);
          else outcomes.refused++;
          if (process.env.SWEEP_VERBOSE) console.log(`# ${what}: refused: ${err.message}`);
          continue;
        }
        const lost = holdsAcked(started, acked);
        if (lost === null) {
          outcomes.opened++;
          if (process.env.SWEEP_VERBOSE) console.log(`# ${what}: opened with everything`);
          continue;
        }
        // The documented torn tail: the newest segment's written part damaged with nothing valid after.
        if (file === newest && (d.kind === 'flip' || d.kind === 'zero') && starts && d.at! < starts.at(-1)!) {
          const cut = starts.filter((s) => s <= d.at!).at(-1)!;
          const oracleDir = join(tmp, 'oracle');
          await copyDataDir(built, oracleDir);
          await applyDamage(oracleDir, { kind: 'zero', file, at: cut, to: starts.at(-1)! });
          const oracle = await openLikeStart(oracleDir);
          try {
            assert.deepEqual(started, oracle);
            outcomes.tornTail++;
            continue;
          } catch {
            failures.push(`${what}: opened with ${lost}, and not as the torn tail from byte ${cut}`);
            continue;
          }
        }
        failures.push(`${what}: opened with ${lost}`);
      }
    }
    // The two directories: deleted (with everything in them), or a file in their place.
    for (const sub of ['wal', 'snap']) {
      for (const kind of ['delete', 'file'] as const) {
        cases++;
        const d: Damage = { kind, file: sub };
        const dir = join(tmp, 'case');
        await copyDataDir(built, dir);
        await applyDamage(dir, d);
        const outcome = await openLikeStart(dir).then(
          (s) => `opened with ${holdsAcked(s, acked) ?? 'everything'}`,
          (err: unknown) => (err instanceof RaftCtlError && err.exitCode === 7 && err.message.includes(sub) ? null : `${err instanceof RaftCtlError ? `${err.code} exit ${err.exitCode}` : 'untyped'}: ${String(err)}`),
        );
        if (outcome !== null) failures.push(`${describeDamage(d)}: ${outcome}`);
        else outcomes.refused++;
      }
    }
    console.log(`# ${shape}, seed ${SEED}: ${cases} damages, ${JSON.stringify(outcomes)}`);
    assert.deepEqual(failures, [], `seed ${SEED} (SEED=${SEED} replays it): ${failures.length} of ${cases} damages mishandled:\n${failures.join('\n')}`);
  });
});

async function copyThen(from: string, to: string): Promise<string> {
  await copyDataDir(from, to);
  return to;
}


test('a file or directory of the data directory this user may not open (FORMAT, wal/HEAD, a segment, the newest segment, the latest snapshot, wal/, snap/): UsageError (exit 2) naming it with the chown hint, not a StorageIoError (exit 1, "a bug")', async () => {
  await withTempDir(async (tmp) => {
    const dir = join(tmp, 'n');
    await buildDataDir(dir);
    const files = await dataDirFiles(dir);
    const segments = files.filter((f) => f.file.endsWith('.wal')).map((f) => f.file);
    const latestSnap = files.filter((f) => f.file.endsWith('.snap')).map((f) => f.file).sort((a, b) => parseInt(a.slice(5)) - parseInt(b.slice(5))).at(-1)!;
    for (const file of ['FORMAT', 'wal/HEAD', segments[1]!, segments.at(-1)!, latestSnap, 'wal', 'snap']) {
      const path = join(dir, file);
      await assert.rejects(openLikeStart(dir, deniedFs(path)), (err: unknown) => {
        assert.ok(err instanceof RaftCtlError, `${file}: ${String(err)}`);
        assert.equal(err.code, 'USAGE', `${file}: ${err.message}`);
        assert.equal(err.exitCode, 2);
        assert.ok(err.message.includes(path), err.message);
        assert.match(err.hint ?? '', /chown/);
        return true;
      });
    }
    // Nothing was changed: with its permissions back, the node opens.
    await openLikeStart(dir);
  });
});
