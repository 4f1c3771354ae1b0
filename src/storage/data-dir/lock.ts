/**
 * The data directory's LOCK file (STORAGE.md): `{"pid":N,"startTime":"T"}` where T is field 22
 * (starttime) of /proc/<pid>/stat, created with O_EXCL and fsynced with its directory.
 *
 * A LOCK is stale when its pid no longer exists, is a zombie (killed, not yet reaped by its
 * parent), or that pid's start time differs (the pid was reused); a stale LOCK is taken over.
 * A LOCK naming a live process (including this one) is refused with {@link DataDirLockedError}
 * (exit 2). On systems without /proc the start time is not compared and liveness is
 * `kill(pid, 0)`.
 *
 * Known window: two processes that find the same stale LOCK at the same instant may both take
 * it over (each unlinks and re-creates it). Re-reading the LOCK after writing it narrows the
 * window but does not close it (node has no flock).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirLockedError, wrongTypeError } from '../errors.js';
import { isErrno, writeFully, type StorageFs } from '../fs.js';

/** File name of the LOCK. */
export const LOCK_NAME = 'LOCK';

/** Contents of a LOCK file. `startTime` is null where /proc is unavailable. */
export interface LockOwner {
  pid: number;
  startTime: string | null;
}

/** Fields of /proc/<pid>/stat after comm (field 2, which may contain spaces and parentheses); null when unreadable. */
function statFields(pid: number): string[] | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * The start time (clock ticks since boot, as a decimal string) of process `pid`, from
 * /proc/<pid>/stat; null when the process does not exist or /proc is unavailable.
 */
export function processStartTime(pid: number): string | null {
  return statFields(pid)?.[19] ?? null; // field 22 = index 22 - 3 in the fields after comm
}

/**
 * True when `pid` has exited and only waits to be reaped (state Z or X, field 3, with no thread
 * left but the leader): its files are closed, it can never write again. Right after a kill -9
 * the parent may take a second or more to reap it.
 */
function isDefunct(pid: number): boolean {
  const state = statFields(pid)?.[0];
  if (state !== 'Z' && state !== 'X') return false;
  try {
    // A leader thread that exited while other threads run also shows Z: those keep it alive.
    return readdirSync(`/proc/${pid}/task`).every((tid) => tid === String(pid));
  } catch {
    return true;
  }
}

function hasProc(): boolean {
  return processStartTime(process.pid) !== null;
}

/** True when the process named by `owner` is alive (same pid, same start time, not a zombie waiting to be reaped). */
export function isOwnerAlive(owner: LockOwner): boolean {
  if (hasProc()) {
    const st = processStartTime(owner.pid);
    return st !== null && (owner.startTime === null || st === owner.startTime) && !isDefunct(owner.pid);
  }
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return isErrno(err, 'EPERM');
  }
}

/** The LOCK contents for the current process. */
export function currentOwner(): LockOwner {
  return { pid: process.pid, startTime: processStartTime(process.pid) };
}

function parseOwner(buf: Buffer): LockOwner | null {
  try {
    const o = JSON.parse(buf.toString('utf8')) as { pid?: unknown; startTime?: unknown };
    if (typeof o.pid !== 'number' || !Number.isInteger(o.pid) || o.pid <= 0) return null;
    return { pid: o.pid, startTime: typeof o.startTime === 'string' ? o.startTime : null };
  } catch {
    return null;
  }
}

/** A held LOCK; {@link DirLock.release} removes it if it is still ours. */
export class DirLock {
  private released = false;
  constructor(
    private readonly fs: StorageFs,
    readonly dir: string,
    readonly owner: LockOwner,
    /** The stale owner that was taken over, if any (for a startup log line). */
    readonly tookOverFrom: LockOwner | null,
  ) {}

  /** Deletes the LOCK (and fsyncs the directory) unless another process replaced it. Idempotent. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const path = join(this.dir, LOCK_NAME);
    try {
      const cur = parseOwner(await this.fs.readFile(path));
      if (cur && cur.pid === this.owner.pid && cur.startTime === this.owner.startTime) {
        await this.fs.unlink(path);
        await this.fs.syncDir(this.dir);
      }
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
    }
  }
}

async function tryCreate(fs: StorageFs, path: string, owner: LockOwner): Promise<boolean> {
  let h;
  try {
    h = await fs.open(path, 'wx', 0o644);
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return false;
    throw err;
  }
  try {
    const data = Buffer.from(`${JSON.stringify(owner)}\n`);
    await writeFully(h, data, 0);
    await fs.sync(h);
  } catch (err) {
    // A LOCK we could not write (a full disk) must not stay behind half-written.
    await h.close().catch(() => undefined);
    await fs.unlink(path).catch(() => undefined);
    throw err;
  }
  await h.close();
  return true;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Acquires the LOCK of `dir` for this process. Throws {@link DataDirLockedError} when a live
 * process holds it. An empty or unreadable LOCK (a crash between create and write) is waited on
 * briefly, then treated as stale.
 */
export async function acquireLock(fs: StorageFs, dir: string, owner: LockOwner = currentOwner()): Promise<DirLock> {
  const path = join(dir, LOCK_NAME);
  let tookOverFrom: LockOwner | null = null;
  for (let attempt = 0; attempt < 10; attempt++) {
    if (await tryCreate(fs, path, owner)) {
      await fs.syncDir(dir);
      let check: LockOwner | null = null;
      try {
        check = parseOwner(await fs.readFile(path));
      } catch (err) {
        if (!isErrno(err, 'ENOENT')) throw err; // removed by a process taking it over: we lost
      }
      if (!check || check.pid !== owner.pid || check.startTime !== owner.startTime) {
        throw new DataDirLockedError(dir, check?.pid ?? 0, { details: { reason: 'lost a take-over race' } });
      }
      return new DirLock(fs, dir, owner, tookOverFrom);
    }
    let held: LockOwner | null = null;
    try {
      held = parseOwner(await fs.readFile(path));
    } catch (err) {
      if (isErrno(err, 'ENOENT')) continue;
      throw wrongTypeError(err, path, 'file', { hint: `no process holds a directory as its LOCK: remove ${path} (rmdir), then start the node again` });
    }
    if (held === null && attempt < 3) {
      await sleep(20);
      continue;
    }
    if (held !== null && isOwnerAlive(held)) throw new DataDirLockedError(dir, held.pid);
    tookOverFrom = held ?? { pid: 0, startTime: null };
    try {
      await fs.unlink(path);
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
    }
  }
  throw new DataDirLockedError(dir, 0, { details: { reason: 'could not create LOCK' } });
}
