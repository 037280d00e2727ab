import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDataDir } from '../config/data-dir.ts';
import { makeTempDir } from '../vault/vault-test-support.ts';
import { createActionLog } from './action-log.ts';
import type { ActionLogHead } from './action-log-head.ts';
import { recoverActionLog } from './recover-action-log.ts';
import { verifyActionLog } from './verify-action-log.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let path: string;
beforeEach(async () => {
  temp = await makeTempDir();
  await ensureDataDir(temp.dataDir);
  path = join(temp.dataDir, 'actions.log');
});
afterEach(async () => { await temp.cleanup(); });

const entry = (n: number) => ({ action: 'connection.rename' as const, outcome: 'ok' as const, details: { n } });

/** Simulates a crash between the vault save (head anchored) and the append. */
async function anchoredButNotAppended(): Promise<ActionLogHead> {
  const log = createActionLog(path);
  await log.append(entry(1));
  let head: ActionLogHead | undefined;
  await log.append(entry(2), { beforeWrite: async (h) => { head = h; throw new Error('simulated crash'); } }).catch(() => {});
  return head!;
}

describe('recoverActionLog', () => {
  it('re-appends the anchored line when the log ends one line short, after which verify passes', async () => {
    const head = await anchoredButNotAppended();
    expect(await verifyActionLog(path, head)).toMatchObject({ ok: false, firstBadSeq: 2 });
    expect(await recoverActionLog(path, head)).toBe('recovered');
    expect(await verifyActionLog(path, head)).toMatchObject({ ok: true, count: 2 });
    expect(await recoverActionLog(path, head)).toBe('in-sync');
    expect((await createActionLog(path).append(entry(3))).seq).toBe(3);
  });

  it('recovers the very first line into a missing log', async () => {
    let head: ActionLogHead | undefined;
    await createActionLog(path).append(entry(1), { beforeWrite: async (h) => { head = h; throw new Error('crash'); } }).catch(() => {});
    await writeFile(path, '', { mode: 0o600 });
    expect(await recoverActionLog(path, head!)).toBe('recovered');
    expect(await verifyActionLog(path, head)).toMatchObject({ ok: true, count: 1 });
  });

  it('leaves a log that contradicts the anchor untouched', async () => {
    const head = await anchoredButNotAppended();
    const before = await readFile(path, 'utf8');
    expect(await recoverActionLog(path, { ...head, seq: 5 })).toBe('mismatch');
    expect(await recoverActionLog(path, { ...head, line: head.line.replace('"n":2', '"n":3') })).toBe('mismatch');
    await writeFile(path, '');
    expect(await recoverActionLog(path, head)).toBe('mismatch'); // log lost its first line: not ours to invent
    await writeFile(path, before);
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('does nothing without an anchor', async () => {
    expect(await recoverActionLog(path, null)).toBe('in-sync');
  });
});
