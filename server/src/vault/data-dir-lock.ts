import { AsyncLocalStorage } from 'node:async_hooks';
import { constants } from 'node:fs';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserFacingError } from '../errors/user-facing-error.ts';

export const LOCK_FILE_NAME = 'keyaudit.lock';

/** Another keyaudit process kept the data directory locked for longer than we wait. Nothing was changed. */
export class DataDirBusyError extends UserFacingError {
  constructor(dir: string) {
    super('data-dir-busy', 'Another keyaudit process is writing to the data directory; nothing was changed. Try again in a moment.', { localDetail: dir });
    this.name = 'DataDirBusyError';
  }
}

export type DataDirLockOptions = {
  /** How long to wait for another process before giving up with DataDirBusyError. */
  timeoutMs?: number;
  /** Test seam: whether a process id is alive. */
  isAlive?: (pid: number) => boolean;
};

/** The data directories this async context already holds: a nested call (a log append saving the vault) re-enters. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();
/** In this process, callers of one directory queue here before they try the file lock. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` while holding the data directory's lock, across processes: the server, every CLI command and
 * `watch` take it around each read-check-write of the vault, the action log and policy.json, and re-read state
 * under it — so two writers can neither both pass a check and then overwrite each other, nor give two log lines
 * one sequence number.
 *
 * The lock is a file created with O_EXCL holding the owner's pid. A lock whose owner is no longer alive (a crash)
 * is taken over. The lock is only ever held around local file writes, never across a network call.
 */
export async function withDataDirLock<T>(directory: string, task: () => Promise<T>, options: DataDirLockOptions = {}): Promise<T> {
  const dir = resolve(directory); // one key per directory however it is spelled, or a nested call would wait on itself
  if (held.getStore()?.has(dir)) return task();
  const previous = queues.get(dir) ?? Promise.resolve();
  const run = previous.then(async () => {
    const release = await acquireFileLock(dir, options);
    try {
      return await held.run(new Set([...(held.getStore() ?? []), dir]), task);
    } finally {
      await release();
    }
  });
  const settled = run.catch(() => {});
  queues.set(dir, settled);
  void settled.then(() => {
    if (queues.get(dir) === settled) queues.delete(dir);
  });
  return run;
}

async function acquireFileLock(dir: string, { timeoutMs = 15_000, isAlive = isProcessAlive }: DataDirLockOptions): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE_NAME);
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return () => unlink(path).catch(() => {});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await removeIfStale(path, isAlive)) continue;
    if (Date.now() >= deadline) throw new DataDirBusyError(dir);
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * 2 ** Math.min(attempt, 6)) + Math.random() * 10));
  }
}

/**
 * A lock whose pid is not alive goes, and so does one left empty by a crash between create and write. Two waiters
 * may find the same stale lock: removing it is itself guarded by an O_EXCL file, and the lock is re-read under that
 * guard, so one waiter can never delete the fresh lock the other has just taken.
 */
async function removeIfStale(path: string, isAlive: (pid: number) => boolean): Promise<boolean> {
  const before = await readLock(path);
  if (before === null) return true; // gone already: try again at once
  if (!isStale(before, isAlive)) return false;
  const guardPath = `${path}.takeover`;
  let guard;
  try {
    guard = await open(guardPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
  } catch {
    // Someone else is taking over; a guard older than a few seconds was left by a crash and can go.
    const guardAgeMs = await stat(guardPath).then((info) => Date.now() - info.mtimeMs, () => 0);
    if (guardAgeMs > STALE_EMPTY_LOCK_MS) await unlink(guardPath).catch(() => {});
    return false;
  }
  try {
    const now = await readLock(path);
    if (now !== null && now.inode === before.inode && isStale(now, isAlive)) await unlink(path).catch(() => {});
    return true;
  } finally {
    await guard.close();
    await unlink(guardPath).catch(() => {});
  }
}

/** A lock file still empty after this long was left by a process that died between creating and writing it. */
const STALE_EMPTY_LOCK_MS = 5_000;

type LockFile = { text: string; inode: number; ageMs: number };

async function readLock(path: string): Promise<LockFile | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, inode: info.ino, ageMs: Date.now() - info.mtimeMs };
  } catch {
    return null;
  }
}

function isStale({ text, ageMs }: LockFile, isAlive: (pid: number) => boolean): boolean {
  if (!text.endsWith('\n')) return ageMs > STALE_EMPTY_LOCK_MS;
  const pid = Number.parseInt(text, 10);
  return !(Number.isInteger(pid) && pid > 0 && isAlive(pid));
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
