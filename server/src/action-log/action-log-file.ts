import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserFacingError } from '../errors/user-facing-error.ts';
import { fsyncDirectory } from '../vault/atomic-write.ts';
import { assertPrivateFile } from '../vault/private-file.ts';
import { parseLine, type ActionLogLine } from './action-log-entry.ts';

/** The log's last line cannot be read, so a new line could not be chained to it. */
export class ActionLogDamagedError extends UserFacingError {
  constructor(path: string) {
    super('action-log-damaged', 'The action log ends with a damaged line, so nothing more can be recorded; run `keyaudit log verify`.', { localDetail: path });
    this.name = 'ActionLogDamagedError';
  }
}

/** Opens (creating 0600 if needed) for O_APPEND writes and tail reads; refuses a log other users can touch. */
export async function openLogForAppend(path: string): Promise<FileHandle> {
  try {
    const created = await open(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL, 0o600);
    await created.chmod(0o600);
    await fsyncDirectory(dirname(path)); // make the new directory entry durable too
    return created;
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
  }
  await assertPrivateFile(path);
  return open(path, constants.O_RDWR | constants.O_APPEND);
}

/** Writes one line and fsyncs before resolving (docs/security-model.md#hash-chain). */
export async function appendLine(handle: FileHandle, line: string): Promise<void> {
  await handle.write(`${line}\n`);
  await handle.sync();
}

/** The last complete line, or null for an empty log. Reads backwards from the end, so appends stay cheap. */
export async function readLastLine(handle: FileHandle, path: string): Promise<{ text: string; line: ActionLogLine } | null> {
  const { size } = await handle.stat();
  if (size === 0) return null;
  let tail = Buffer.alloc(0);
  for (let end = size; end > 0 && tail.subarray(0, -1).indexOf(0x0a) === -1; ) {
    const start = Math.max(0, end - 4096);
    const chunk = Buffer.alloc(end - start);
    await handle.read(chunk, 0, chunk.length, start);
    tail = Buffer.concat([chunk, tail]);
    end = start;
  }
  if (tail[tail.length - 1] !== 0x0a) throw new ActionLogDamagedError(path);
  const body = tail.subarray(0, -1);
  const text = body.subarray(body.lastIndexOf(0x0a) + 1).toString('utf8');
  const line = parseLine(text);
  if (line === null) throw new ActionLogDamagedError(path);
  return { text, line };
}
