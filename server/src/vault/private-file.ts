import { stat } from 'node:fs/promises';
import { InsecureFileError } from './vault-errors.ts';

type Expectation = {
  /** The uid that must own the file; defaults to this process's uid. Injectable for tests. */
  uid?: number;
};

/**
 * OpenSSH's rule for private key files (openssh-portable authfile.c): refuse a file that is
 * owned by another uid or has any group/other permission bit. The error names the file.
 */
export async function assertPrivateFile(path: string, expectation: Expectation = {}): Promise<void> {
  await assertPrivate(path, 'file', expectation);
}

/** The same rule for the data directory. */
export async function assertPrivateDir(path: string, expectation: Expectation = {}): Promise<void> {
  await assertPrivate(path, 'directory', expectation);
}

async function assertPrivate(path: string, kind: 'file' | 'directory', expectation: Expectation): Promise<void> {
  const stats = await stat(path);
  if (kind === 'file' && !stats.isFile()) throw new InsecureFileError(path, 'is not a regular file.');
  if (kind === 'directory' && !stats.isDirectory()) throw new InsecureFileError(path, 'is not a directory.');
  const expectedUid = expectation.uid ?? process.getuid?.();
  if (expectedUid !== undefined && stats.uid !== expectedUid) {
    throw new InsecureFileError(path, `is owned by uid ${stats.uid}, not by you (uid ${expectedUid}); refusing to use it.`);
  }
  const mode = stats.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    const fix = kind === 'file' ? '600' : '700';
    throw new InsecureFileError(
      path,
      `is accessible by other users (mode ${formatMode(mode)}); refusing to use it. Fix with: chmod ${fix} '${path}'`,
    );
  }
}

export function formatMode(mode: number): string {
  return '0' + (mode & 0o777).toString(8).padStart(3, '0');
}
