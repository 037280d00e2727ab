import { lstat, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnsafeReportPathError, writeReportFile } from './write-report-file.ts';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(os.tmpdir(), 'keyaudit-report-')); });
afterEach(() => rm(dir, { recursive: true, force: true }));

describe(writeReportFile.name, () => {
  it('writes a new private file', async () => {
    const path = join(dir, 'report.json');
    await writeReportFile(path, '{"ok":true}\n');
    expect(await readFile(path, 'utf8')).toBe('{"ok":true}\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('replaces a report of its own, and the result is a new private file even if the old one was world-readable', async () => {
    const path = join(dir, 'report.json');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeReportFile(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a symbolic link and leaves its target untouched', async () => {
    const target = join(dir, 'victim');
    await writeFile(target, 'precious');
    const link = join(dir, 'report.json');
    await symlink(target, link);
    await expect(writeReportFile(link, 'report')).rejects.toThrow(UnsafeReportPathError);
    expect(await readFile(target, 'utf8')).toBe('precious');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });

  it("refuses a file another user created there beforehand", async () => {
    const path = join(dir, 'report.json');
    await writeFile(path, 'planted', { mode: 0o666 });
    const owner = (await stat(path)).uid;
    await expect(writeReportFile(path, 'secret report', { uid: owner + 1 })).rejects.toThrow(/belongs to another user/);
    expect(await readFile(path, 'utf8')).toBe('planted');
  });
});
