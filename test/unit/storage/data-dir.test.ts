// Data directory rules (STORAGE.md): FORMAT written once, LOCK against a second live process,
// stale LOCK take-over, bootstrap/re-bootstrap rules, cluster id determinism.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IntegrityError, UsageError } from '../../../src/errors.js';
import { clusterIdOf } from '../../../src/storage/data-dir/cluster-id.js';
import { bootstrapWrite, formatChecksum, openDataDir } from '../../../src/storage/data-dir/data-dir.js';
import { acquireLock, processStartTime } from '../../../src/storage/data-dir/lock.js';
import { nodeStorageFs } from '../../../src/storage/fs.js';
import { BootstrapRefusedError, DataDirLockedError } from '../../../src/storage/errors.js';
import { FileWal } from '../../../src/storage/wal/file-wal.js';
import type { ClusterConfiguration } from '../../../src/state-machine/types.js';
import type { LogWrite } from '../../../src/storage/log-storage.js';
import { withTempDir } from './helpers.js';

const three: ClusterConfiguration = { voters: [1, 2, 3], votersOutgoing: [], learners: [], addresses: { 1: 'h:1', 2: 'h:2', 3: 'h:3' } };

/** Bootstraps node `nodeId` of {@link three} in `path` as a start would: FORMAT, then the bootstrap write (plus `extra`) in the WAL; closed again. */
async function bootstrapped(path: string, nodeId: number, extra: LogWrite[] = []): Promise<void> {
  const dd = await openDataDir(path, { nodeId, intent: { kind: 'bootstrap', configuration: three } });
  const wal = await FileWal.open(dd.walDir);
  await dd.commitFormat();
  for (const w of [bootstrapWrite(three), ...extra]) await wal.write(w);
  await wal.close();
  await dd.close();
}

test('bootstrap writes FORMAT once, last (after the WAL exists); a restart needs only the id', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    const dd = await openDataDir(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: three } });
    assert.equal(dd.created, true);
    assert.equal(existsSync(join(path, 'FORMAT')), false, 'not before commitFormat');
    const wal = await FileWal.open(dd.walDir);
    await dd.commitFormat();
    await dd.commitFormat(); // once
    const format = JSON.parse(await readFile(join(path, 'FORMAT'), 'utf8'));
    assert.deepEqual(format, { format: 1, nodeId: 1, clusterId: clusterIdOf(three), crc32: formatChecksum({ format: 1, nodeId: 1, clusterId: clusterIdOf(three) }) });
    await wal.write(bootstrapWrite(three));
    await wal.close();
    await dd.close();
    const again = await openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } });
    assert.equal(again.created, false);
    assert.equal(again.format.clusterId, clusterIdOf(three));
    await again.close();
  });
});

test('cluster id: same configuration in any order → same id; token or members change it', () => {
  const shuffled: ClusterConfiguration = { voters: [3, 1, 2], votersOutgoing: [], learners: [], addresses: { 3: 'h:3', 2: 'h:2', 1: 'h:1' } };
  assert.equal(clusterIdOf(three), clusterIdOf(shuffled));
  assert.match(clusterIdOf(three), /^[0-9a-f]{32}$/);
  assert.notEqual(clusterIdOf(three), clusterIdOf(three, 'secret'));
  assert.notEqual(clusterIdOf(three), clusterIdOf({ ...three, voters: [1, 2] }));
});

test('re-bootstrap with a different configuration is refused (exit 2); the same one is accepted', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    await bootstrapped(path, 1);
    const other = { ...three, voters: [1, 2, 4], addresses: { 1: 'h:1', 2: 'h:2', 4: 'h:4' } };
    await assert.rejects(openDataDir(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: other } }), (err: unknown) => {
      assert.ok(err instanceof BootstrapRefusedError);
      assert.equal(err.exitCode, 2);
      return true;
    });
    await assert.rejects(openDataDir(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: three, clusterToken: 't' } }), BootstrapRefusedError);
    await assert.rejects(openDataDir(path, { nodeId: 2, intent: { kind: 'restart' } }), (err: unknown) => {
      assert.ok(err instanceof BootstrapRefusedError);
      // The hint names the id this directory holds, not "restart with only --id ...", which it was.
      assert.match(err.hint ?? '', /--id 1/);
      return true;
    });
    await assert.rejects(openDataDir(path, { nodeId: 1, intent: { kind: 'join', clusterId: 'someothercluster' } }), BootstrapRefusedError);
    const same = await openDataDir(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: three } });
    assert.equal(same.created, false);
    await same.close();
  });
});

test('a data directory whose WAL lost every segment (a wiped wal/) is refused as corruption (exit 7), on a restart or with the original flags, snapshots or not: its term and vote are gone', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n3');
    await bootstrapped(path, 3, [{ hardState: { term: 7, votedFor: 2 } }]);
    for (const name of await readdir(join(path, 'wal'))) await unlink(join(path, 'wal', name));
    await writeFile(join(path, 'snap', '00000000000000000100-00000000000000000007.snap'), Buffer.alloc(64));
    await assert.rejects(openDataDir(path, { nodeId: 3, intent: { kind: 'restart' } }), (err: unknown) => {
      assert.ok(err instanceof IntegrityError);
      assert.equal(err.exitCode, 7);
      assert.match(err.message, /write-ahead log has no segment/);
      assert.match(err.hint ?? '', /never restart a wiped voter/);
      return true;
    });
    await assert.rejects(openDataDir(path, { nodeId: 3, intent: { kind: 'bootstrap', configuration: three } }), IntegrityError, 'the same --peers again');
    await rm(join(path, 'snap'), { recursive: true });
    await rm(join(path, 'wal'), { recursive: true });
    await assert.rejects(openDataDir(path, { nodeId: 3, intent: { kind: 'restart' } }), IntegrityError, 'wal/ itself removed');
    // No snapshot either (the usual small cluster): the original --peers line is refused too.
    await assert.rejects(openDataDir(path, { nodeId: 3, intent: { kind: 'bootstrap', configuration: three } }), IntegrityError, 'the same --peers, no snapshots');
    // A stray file with a .wal suffix is not a segment.
    await mkdir(join(path, 'wal'));
    await writeFile(join(path, 'wal', 'x.wal'), 'stray');
    await assert.rejects(openDataDir(path, { nodeId: 3, intent: { kind: 'restart' } }), IntegrityError, 'x.wal is not a segment');
  });
});

test('a data directory the OS refuses is a usage error (exit 2) naming the reason, and never a hang', async () => {
  await withTempDir(async (root) => {
    const file = join(root, 'afile');
    await writeFile(file, 'x');
    for (const [path, why] of [
      [file, /it exists and is not a directory \(EEXIST\)/],
      [join(file, 'sub'), /a component of the path is not a directory \(ENOTDIR\)/],
      // procfs refuses the child with ENOENT although /proc exists: Node 20's recursive mkdir
      // looped there forever at full CPU.
      ...(existsSync('/proc/self') ? ([['/proc/raftctl-no-such-dir/n1', /it cannot be created there \(ENOENT\)/]] as const) : []),
    ] as const) {
      await assert.rejects(openDataDir(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: three } }), (err: unknown) => {
        assert.ok(err instanceof UsageError, `${path}: ${String(err)}`);
        assert.equal(err.exitCode, 2);
        assert.match(err.message, why);
        assert.match(err.hint ?? '', /--data-dir/);
        return true;
      });
    }
  });
});

test('a LOCK that cannot be written (a full disk) is a usage error (exit 2) whose hint says to free space, and leaves no empty LOCK behind', async () => {
  // Scenario: a restart on a full disk: creating the LOCK works (an inode), writing its owner
  // fails with ENOSPC. Expectation: the error names the reason and tells the operator to free
  // space (the node's state is intact), not to pick another --data-dir; no half-written LOCK is
  // left for the next start to wait on (STORAGE.md "LOCK": created, written, fsynced).
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    await bootstrapped(path, 1);
    const fs = {
      ...nodeStorageFs,
      async open(p: string, flags: string | number, mode?: number) {
        const h = await nodeStorageFs.open(p, flags, mode);
        if (!p.endsWith('LOCK') || flags !== 'wx') return h;
        return new Proxy(h, {
          get(target, prop, receiver) {
            if (prop === 'write') return async () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
            const v = Reflect.get(target, prop, receiver);
            return typeof v === 'function' ? v.bind(target) : v;
          },
        });
      },
    } as typeof nodeStorageFs;
    await assert.rejects(openDataDir(path, { nodeId: 1, intent: { kind: 'restart' }, fs }), (err: unknown) => {
      assert.ok(err instanceof UsageError, String(err));
      assert.equal(err.exitCode, 2);
      assert.match(err.message, /no space left on the device \(ENOSPC\)/);
      assert.match(err.hint ?? '', /free space/);
      return true;
    });
    assert.ok(!(await readdir(path)).includes('LOCK'), 'no empty LOCK left behind');
    const dd = await openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } });
    await dd.close();
  });
});

test('a first start that stopped between the WAL\'s first segment and FORMAT (a crash) is started afresh by the same command; a restart is told there is no state', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    const dd = await openDataDir(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: three } });
    const wal = await FileWal.open(dd.walDir);
    await wal.close();
    await dd.close(); // "crash": FORMAT never written, an empty preallocated segment left
    assert.equal(existsSync(join(path, 'FORMAT')), false);
    await assert.rejects(openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } }), UsageError);
    assert.equal((await readdir(join(path, 'wal'))).filter((n) => n.endsWith('.wal')).length, 1, 'a refused restart changes nothing');
    const again = await openDataDir(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: three } });
    assert.equal(again.created, true);
    assert.deepEqual((await readdir(again.walDir)).filter((n) => n.endsWith('.wal')), [], 'the empty segment was removed');
    await again.close();
  });
});

test('segments without FORMAT whose first record header is zero but that hold bytes further on are corruption, never deleted', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    await bootstrapped(path, 1, [{ hardState: { term: 5, votedFor: 2 } }]);
    await unlink(join(path, 'FORMAT'));
    const [segment] = (await readdir(join(path, 'wal'))).filter((n) => n.endsWith('.wal'));
    const file = join(path, 'wal', segment!);
    const bytes = await readFile(file);
    bytes.fill(0, 0, 9); // a damaged first header over real records
    await writeFile(file, bytes);
    for (const intent of [{ kind: 'restart' } as const, { kind: 'bootstrap', configuration: three } as const]) {
      await assert.rejects(openDataDir(path, { nodeId: 1, intent }), IntegrityError, intent.kind);
    }
    assert.ok((await readdir(join(path, 'wal'))).includes(segment!), 'the segment is still there');
  });
});

test('restart of an empty directory is a usage error; state without FORMAT is corruption', async () => {
  await withTempDir(async (root) => {
    await assert.rejects(openDataDir(join(root, 'empty'), { nodeId: 1, intent: { kind: 'restart' } }), UsageError);
    const broken = join(root, 'broken');
    await mkdir(join(broken, 'wal'), { recursive: true });
    await writeFile(join(broken, 'wal', '00000000000000000001.wal'), Buffer.from([0, 0, 0, 9, 1, 2, 3, 4, 2, 0, 0, 0, 0]));
    await assert.rejects(openDataDir(broken, { nodeId: 1, intent: { kind: 'bootstrap', configuration: three } }), IntegrityError);
    // Each refusal released the LOCK again.
    const dd = await openDataDir(join(root, 'empty'), { nodeId: 1, intent: { kind: 'join', clusterId: 'c1' } });
    await dd.close();
  });
});

test('a FORMAT that is valid JSON but not a FORMAT object (null, a number, an array, a field missing) is corruption (exit 7) naming the file and what is wrong, never an unexpected error', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    await bootstrapped(path, 1);
    const cases: [string, RegExp][] = [
      ['null', /not a JSON object/],
      ['1', /not a JSON object/],
      ['[1,2]', /not a JSON object/],
      ['{"nodeId":1,"clusterId":"c"}', /no "format" field/],
      ['{"format":"1","nodeId":1,"clusterId":"c"}', /unsupported format "1"/],
    ];
    for (const [text, why] of cases) {
      await writeFile(join(path, 'FORMAT'), text);
      await assert.rejects(openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } }), (err: unknown) => {
        assert.ok(err instanceof IntegrityError, `${text}: ${String(err)}`);
        assert.equal(err.exitCode, 7);
        assert.ok(err.message.includes(join(path, 'FORMAT')), err.message);
        assert.match(err.message, why, text);
        return true;
      });
    }
  });
});

test('a FORMAT damaged into other valid JSON (a flipped byte in the cluster id or the node id, found by the damage sweep) is refused with exit 7 naming it, not started with a wrong cluster id; a FORMAT without a checksum (an older raftctl) still opens', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    await bootstrapped(path, 1);
    const good = await readFile(join(path, 'FORMAT'), 'latin1');
    const id = clusterIdOf(three);
    const damaged: [string, string][] = [
      ['a cluster id character flipped', good.replace(id, `${id.slice(0, 5)}${id[5] === 'a' ? 'b' : 'a'}${id.slice(6)}`)],
      ['the node id changed', good.replace('"nodeId":1', '"nodeId":3')],
    ];
    for (const [what, text] of damaged) {
      assert.notEqual(text, good, what);
      await writeFile(join(path, 'FORMAT'), text);
      await assert.rejects(openDataDir(path, { nodeId: what === 'the node id changed' ? 3 : 1, intent: { kind: 'restart' } }), (err: unknown) => {
        assert.ok(err instanceof IntegrityError && err.exitCode === 7, `${what}: ${String(err)}`);
        assert.ok(err.message.includes(join(path, 'FORMAT')), err.message);
        assert.match(err.message, /checksum/, what);
        return true;
      });
    }
    // Written by an older raftctl: no checksum field.
    await writeFile(join(path, 'FORMAT'), `${JSON.stringify({ format: 1, nodeId: 1, clusterId: id })}\n`);
    const dd = await openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } });
    assert.equal(dd.format.clusterId, id);
    await dd.close();
  });
});

test('a LOCK naming a live process (this test process, matching start time) is refused', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    await mkdir(path);
    await writeFile(join(path, 'LOCK'), JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid) }));
    await assert.rejects(openDataDir(path, { nodeId: 1, intent: { kind: 'bootstrap', configuration: three } }), (err: unknown) => {
      assert.ok(err instanceof DataDirLockedError);
      assert.equal(err.exitCode, 2);
      assert.equal(err.holderPid, process.pid);
      return true;
    });
  });
});

test('a LOCK naming a killed process its parent has not reaped yet (a zombie) is stale and taken over', { skip: !existsSync('/proc/self/stat') }, async () => {
  // sh starts a sleep and becomes another sleep, which never reaps its child: killed, the first
  // sleep stays a zombie until its parent exits.
  const parent = spawn('sh', ['-c', 'sleep 60 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const pid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()))));
    const startTime = processStartTime(pid);
    // Kill only once the shell has become the second sleep: a shell still running would reap
    // the killed child at once (no zombie left: the test then read a missing /proc entry).
    const comm = async (): Promise<string> => (await readFile(`/proc/${parent.pid}/comm`, 'utf8').catch(() => '')).trim();
    for (let i = 0; i < 200 && (await comm()) !== 'sleep'; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(await comm(), 'sleep', 'the shell exec-ed the second sleep');
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100 && !/\) Z /.test(await readFile(`/proc/${pid}/stat`, 'utf8')); i++) await new Promise((r) => setTimeout(r, 10));
    assert.match(await readFile(`/proc/${pid}/stat`, 'utf8'), /\) Z /, 'the killed sleep is a zombie');
    await withTempDir(async (root) => {
      const path = join(root, 'n1');
      await bootstrapped(path, 1);
      await writeFile(join(path, 'LOCK'), JSON.stringify({ pid, startTime }));
      const dd = await openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } });
      await dd.close();
    });
  } finally {
    parent.kill('SIGKILL');
  }
});

test('a second open in the same process is refused while the first holds the LOCK', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    await bootstrapped(path, 1);
    const dd = await openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } });
    await assert.rejects(openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } }), DataDirLockedError);
    await dd.close();
    const again = await openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } });
    await again.close();
  });
});

test('a second process is refused while a child process holds the LOCK', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    await bootstrapped(path, 1);
    const dataDirModule = new URL('../../../src/storage/data-dir/data-dir.js', import.meta.url).href;
    const script = `
      const { openDataDir } = await import(${JSON.stringify(dataDirModule)});
      await openDataDir(${JSON.stringify(path)}, { nodeId: 1, intent: { kind: 'restart' } });
      process.stdout.write('locked\\n');
      process.stdin.resume();
      process.stdin.on('end', () => process.exit(0));
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
        child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      });
      await assert.rejects(openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } }), (err: unknown) => {
        assert.ok(err instanceof DataDirLockedError);
        assert.equal(err.holderPid, child.pid);
        return true;
      });
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin!.end();
      await exited;
    }
    // The child exited without releasing: its LOCK is now stale and is taken over.
    const dd = await openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } });
    assert.equal(dd.lock.tookOverFrom?.pid, child.pid);
    await dd.close();
  });
});

test('a stale LOCK (dead pid, or a reused pid with another start time) is taken over', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    await bootstrapped(path, 1);
    // pid 2^22+1 is above Linux's pid_max ceiling, so it is never alive.
    await writeFile(join(path, 'LOCK'), JSON.stringify({ pid: 4194305, startTime: '1' }));
    const dd = await openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } });
    assert.equal(dd.lock.tookOverFrom?.pid, 4194305);
    const lock = JSON.parse(await readFile(join(path, 'LOCK'), 'utf8'));
    assert.equal(lock.pid, process.pid);
    await dd.close();
    // Our own pid but a different start time = a previous process that had the same pid.
    await writeFile(join(path, 'LOCK'), JSON.stringify({ pid: process.pid, startTime: '12345' }));
    const again = await openDataDir(path, { nodeId: 1, intent: { kind: 'restart' } });
    assert.equal(again.lock.tookOverFrom?.startTime, '12345');
    await again.close();
  });
});

test('a LOCK removed right after we created it (another process took it over) is refused as locked, not a raw ENOENT', async () => {
  await withTempDir(async (dir) => {
    const fs = {
      ...nodeStorageFs,
      async readFile(path: string): Promise<Buffer> {
        if (path.endsWith('LOCK')) await unlink(path); // the other process's take-over wins
        return nodeStorageFs.readFile(path);
      },
    };
    await assert.rejects(acquireLock(fs, dir), (err: unknown) => {
      assert.ok(err instanceof DataDirLockedError, `expected DataDirLockedError, got ${String(err)}`);
      assert.match(err.message, /in use by another process/);
      return true;
    });
  });
});

/**
 * Scenario: a first start is killed inside commitFormat after FORMAT's rename, before the
 * directory fsyncs; the next start reads FORMAT (still in the page cache) and the node serves.
 * Expected: opening an existing node fsyncs the data directory (the LOCK's fsync, before FORMAT
 * is read) and its parent before returning, so a power loss after that restart cannot take FORMAT
 * or the directory away from a log that served (STORAGE.md "Every rename is followed by an fsync
 * of its directory").
 */
test('opening an existing node fsyncs the data directory and its parent (a FORMAT a killed first start renamed without its directory fsync)', async () => {
  await withTempDir(async (root) => {
    const path = join(root, 'n1');
    await bootstrapped(path, 1);
    const dirSyncs: string[] = [];
    const fs = {
      ...nodeStorageFs,
      async syncDir(d: string) {
        dirSyncs.push(d);
        await nodeStorageFs.syncDir(d);
      },
    };
    for (const intent of [{ kind: 'restart' as const }, { kind: 'bootstrap' as const, configuration: three }]) {
      dirSyncs.length = 0;
      const dd = await openDataDir(path, { nodeId: 1, intent, fs });
      try {
        assert.equal(dd.created, false);
        assert.ok(dirSyncs.includes(path), `${intent.kind}: the data directory fsynced at open (${dirSyncs.join(', ')})`);
        assert.ok(dirSyncs.includes(root), `${intent.kind}: its parent fsynced at open`);
      } finally {
        await dd.close();
      }
    }
  });
});
