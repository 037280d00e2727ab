import { dirname } from 'node:path';
import { withDataDirLock } from '../vault/data-dir-lock.ts';
import { GENESIS_PREV, hashLine, parseLine } from './action-log-entry.ts';
import { appendLine, openLogForAppend } from './action-log-file.ts';
import type { ActionLogHead } from './action-log-head.ts';
import { readRawLines } from './read-action-log.ts';

export type RecoveryOutcome = 'in-sync' | 'recovered' | 'mismatch';

/**
 * Run after unlocking: if the process died between saving the vault (with the head anchored)
 * and appending the line, the log ends one line short. Re-append the anchored line then
 * (docs/security-model.md#anchor-and-recovery). Anything else is left alone for verifyActionLog to report.
 */
export async function recoverActionLog(filePath: string, anchoredHead: ActionLogHead | null): Promise<RecoveryOutcome> {
  if (anchoredHead === null) return 'in-sync';
  return withDataDirLock(dirname(filePath), () => recoverUnderLock(filePath, anchoredHead));
}

async function recoverUnderLock(filePath: string, anchoredHead: ActionLogHead): Promise<RecoveryOutcome> {
  const lines = (await readRawLines(filePath)) ?? [];
  if (lines.length >= anchoredHead.seq) return lines[anchoredHead.seq - 1] === anchoredHead.line ? 'in-sync' : 'mismatch';

  const anchored = parseLine(anchoredHead.line);
  const last = lines.length > 0 ? parseLine(lines[lines.length - 1]) : null;
  const expectedPrev = lines.length > 0 ? hashLine(lines[lines.length - 1]) : GENESIS_PREV;
  const followsLog =
    anchored !== null &&
    hashLine(anchoredHead.line) === anchoredHead.hash &&
    anchored.seq === anchoredHead.seq &&
    anchored.seq === lines.length + 1 &&
    (lines.length === 0 || last !== null) &&
    anchored.prev === expectedPrev;
  if (!followsLog) return 'mismatch';

  const handle = await openLogForAppend(filePath);
  try {
    await appendLine(handle, anchoredHead.line);
  } finally {
    await handle.close();
  }
  return 'recovered';
}
