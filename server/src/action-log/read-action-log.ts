import { readFile } from 'node:fs/promises';
import { assertPrivateFile } from '../vault/private-file.ts';
import { parseLine, type ActionLogLine } from './action-log-entry.ts';

/**
 * The raw lines of the log, exactly as stored (without newlines). The last piece is kept even
 * without a trailing newline: a truncated line must show up as bad, not disappear.
 * A missing file is an empty log.
 */
export async function readRawLines(filePath: string): Promise<string[] | null> {
  try {
    await assertPrivateFile(filePath);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
    throw error;
  }
  const text = await readFile(filePath, 'utf8');
  if (text === '') return [];
  const pieces = text.split('\n');
  if (text.endsWith('\n')) pieces.pop();
  return pieces;
}

/** Entries for the UI, oldest first. Unreadable lines are skipped here; verifyActionLog reports them. */
export async function readActionLog(filePath: string): Promise<ActionLogLine[]> {
  const lines = (await readRawLines(filePath)) ?? [];
  return lines.map(parseLine).filter((line): line is ActionLogLine => line !== null);
}
