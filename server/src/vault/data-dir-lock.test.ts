import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirBusyError, LOCK_FILE_NAME, withDataDirLock } from './data-dir-lock.ts';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(os.tmpdir(), 'keyaudit-lock-')); });
afterEach(() => rm(dir, { recursive: true, force: true }));

describe(withDataDirLock.name, () => {
  it('runs tasks on one directory one at a time, and removes the lock file after', async () => {
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push(`${name} end`);
    };
    await Promise.all([withDataDirLock(dir, task('a')), withDataDirLock(dir, task('b')), withDataDirLock(dir, task('c'))]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    await expect(readFile(join(dir, LOCK_FILE_NAME))).rejects.toThrow(/ENOENT/);
  });

  it('lets a nested call in the same task re-enter, however the directory is spelled', async () => {
    const result = await withDataDirLock(dir, () => withDataDirLock(`${dir}/./`, async () => 'nested ran'));
    expect(result).toBe('nested ran');
  });

  it('waits for a lock held by a live process, then gives up without running the task', async () => {
    await writeFile(join(dir, LOCK_FILE_NAME), `${process.pid}\n`);
    let ran = false;
    await expect(withDataDirLock(dir, async () => { ran = true; }, { timeoutMs: 300 })).rejects.toThrow(DataDirBusyError);
    expect(ran).toBe(false);
  });

  it('takes over a lock left by a process that is no longer alive', async () => {
    await writeFile(join(dir, LOCK_FILE_NAME), '999999\n');
    const result = await withDataDirLock(dir, async () => 'ran', { timeoutMs: 2_000, isAlive: () => false });
    expect(result).toBe('ran');
  });

  it('releases the lock when the task throws', async () => {
    await expect(withDataDirLock(dir, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(withDataDirLock(dir, async () => 'next', { timeoutMs: 300 })).resolves.toBe('next');
  });
});
