import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserFacingError } from '../errors/user-facing-error.ts';

/** A report destination keyaudit refuses to write to; the message says why, in plain words. */
export class UnsafeReportPathError extends UserFacingError {
  constructor(problem: string, path: string) {
    super('unsafe-output-path', `keyaudit will not write the report there: ${problem}`, { localDetail: path });
    this.name = 'UnsafeReportPathError';
  }
}

/**
 * Writes a report as its own new 0600 file and renames it into place, so a path in a shared directory can
 * neither redirect the write through a symbolic link nor make keyaudit write into a file another user created
 * there beforehand (which that user could then read). A crash leaves the old file or the new one, never half.
 */
export async function writeReportFile(path: string, text: string, { uid = process.getuid?.() }: { uid?: number } = {}): Promise<void> {
  const existing = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing?.isSymbolicLink()) throw new UnsafeReportPathError('the path is a symbolic link (name the file itself).', path);
  if (existing && !existing.isFile()) throw new UnsafeReportPathError('the path exists and is not a regular file.', path);
  if (existing && uid !== undefined && existing.uid !== uid) throw new UnsafeReportPathError('the file belongs to another user.', path);

  const tmp = join(dirname(path), `.${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
  const handle = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW, 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(text);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    // rename replaces a directory entry and never follows a link, even one swapped in since the check above.
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
}
