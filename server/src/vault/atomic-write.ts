import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { crashIfRequested } from './crash-point.ts';

type Env = Record<string, string | undefined>;

const TMP_MARKER = '.tmp-';

/**
 * Replaces dir/name so that a crash at any instant leaves either the old or the new file:
 * open(O_CREAT|O_EXCL, 0600) → write → fsync → close → keep old as name.bak → rename → fsync(dir).
 * The directory fsync makes the renames durable, not only atomic (https://lwn.net/Articles/457667/).
 */
/**
 * previous: name.bak keeps the version being replaced, to recover from a damaged file.
 * new: name.bak becomes the new version too — for saves whose point is that the old bytes stop working
 * (a changed passphrase, a removed secret), which a backup of the old version would quietly undo.
 */
export type BackupPolicy = 'previous' | 'new';

export async function writeFileAtomic(dir: string, name: string, bytes: Buffer, env: Env = process.env, backup: BackupPolicy = 'previous'): Promise<void> {
  const target = join(dir, name);
  const tmp = join(dir, `${name}${TMP_MARKER}${randomBytes(6).toString('hex')}`);
  const handle = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
  try {
    await handle.chmod(0o600); // a umask such as 0277 would otherwise leave it 0400
    crashIfRequested('after-tmp-open', env);
    await handle.writeFile(bytes);
    crashIfRequested('after-write', env);
    await handle.sync();
    crashIfRequested('after-fsync', env);
  } catch (error) {
    await handle.close();
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    if (backup === 'previous') await keepBackup(dir, name);
    await rename(tmp, target);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
  crashIfRequested('after-rename', env);
  // After the rename, so a crash before this line leaves the old backup (the old state) rather than no backup.
  // A copy, not a link: a link would share the live file's inode, and damage to one would be damage to both.
  if (backup === 'new') await keepBackup(dir, name, 'copy');
  crashIfRequested('before-dir-fsync', env);
  await fsyncDirectory(dir);
}

/**
 * name.bak becomes the current file before it is replaced: a hard link (no copy, same 0600 inode),
 * swapped in by rename so a crash never leaves a half-written backup.
 */
async function keepBackup(dir: string, name: string, how: 'link' | 'copy' = 'link'): Promise<void> {
  const current = join(dir, name);
  const tmpBackup = join(dir, `${name}${TMP_MARKER}bak-${randomBytes(6).toString('hex')}`);
  try {
    if (how === 'copy') await copyDurably(current, tmpBackup);
    else await link(current, tmpBackup);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return; // first save: nothing to back up
    if (how === 'copy' || !['EPERM', 'ENOTSUP', 'EXDEV', 'EMLINK'].includes(errorCode(error) ?? '')) throw error;
    await copyDurably(current, tmpBackup); // filesystems without hard links
  }
  await rename(tmpBackup, join(dir, `${name}.bak`));
}

/** Copies to a new 0600 file and makes the copy durable before it counts. */
async function copyDurably(from: string, to: string): Promise<void> {
  await copyFile(from, to, constants.COPYFILE_EXCL);
  const handle = await open(to, 'r+');
  try {
    await handle.chmod(0o600);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Deletes name.tmp-* left behind by a crash. Their content is never needed: the rename is the commit point. */
export async function removeStrayTmpFiles(dir: string, name: string): Promise<string[]> {
  const strays = (await readdir(dir)).filter((entry) => entry.startsWith(`${name}${TMP_MARKER}`));
  await Promise.all(strays.map((entry) => unlink(join(dir, entry)).catch(() => {})));
  return strays;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}
