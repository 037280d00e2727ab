import { constants } from 'node:fs';
import { open, readdir, readFile, unlink } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { assertPrivateFile } from '../vault/private-file.ts';

/**
 * What a running server leaves in the data directory so `keyaudit open` can mint a fresh one-time link for it, as
 * Jupyter's runtime file does (docs/security-model.md#runtime-file): 0600, one per server process, removed on a clean exit.
 */
export const runtimeInfoSchema = z
  .object({
    port: z.number().int().min(1).max(65_535),
    pid: z.number().int().min(1),
    /** base64url; signs launch tokens (minted-launch-token.ts). Whoever can read this file can open the dashboard. */
    secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    startedAt: z.iso.datetime(),
  })
  .strict();
export type RuntimeInfo = z.infer<typeof runtimeInfoSchema>;

const FILE_PATTERN = /^server-(\d+)\.json$/;
export const runtimeFilePath = (dataDir: string, pid: number) => join(dataDir, `server-${pid}.json`);

/** Created 0600 with O_EXCL whatever the umask, so no other user ever sees the secret. */
export async function writeRuntimeFile(dataDir: string, info: RuntimeInfo): Promise<string> {
  const path = runtimeFilePath(dataDir, info.pid);
  await unlink(path).catch(() => {}); // a file left by a crashed process that had this pid
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(JSON.stringify(info));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return path;
}

/** Synchronous, for process exit handlers. */
export function removeRuntimeFileSync(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Runtime files of servers still running, newest first. Files of dead processes are removed; others' unreadable ones refused. */
export async function readRuntimeFiles(dataDir: string): Promise<RuntimeInfo[]> {
  const names = (await readdir(dataDir).catch(() => [] as string[])).filter((name) => FILE_PATTERN.test(name));
  const found: RuntimeInfo[] = [];
  for (const name of names) {
    const path = join(dataDir, name);
    await assertPrivateFile(path);
    const parsed = runtimeInfoSchema.safeParse(parseJson(await readFile(path, 'utf8').catch(() => '')));
    if (!parsed.success) continue;
    if (!isAlive(parsed.data.pid)) {
      await unlink(path).catch(() => {});
      continue;
    }
    found.push(parsed.data);
  }
  return found.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
