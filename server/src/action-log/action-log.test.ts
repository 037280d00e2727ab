import { readFile, stat, writeFile, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDataDir } from '../config/data-dir.ts';
import { makeTempDir } from '../vault/vault-test-support.ts';
import { GENESIS_PREV, hashLine } from './action-log-entry.ts';
import { ActionLogDamagedError } from './action-log-file.ts';
import { createActionLog, InvalidActionLogEntryError } from './action-log.ts';
import { readActionLog } from './read-action-log.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let path: string;
beforeEach(async () => {
  temp = await makeTempDir();
  await ensureDataDir(temp.dataDir);
  path = join(temp.dataDir, 'actions.log');
});
afterEach(async () => { await temp.cleanup(); });

const add = (label: string) => ({ action: 'connection.add' as const, outcome: 'ok' as const, details: { connectionId: 'c_0123abcd', label } });

describe('action log append', () => {
  it('writes one JSON line per entry, keys in fixed order, chained by the SHA-256 of the previous line', async () => {
    const log = createActionLog(path, { now: () => new Date('2026-11-24T10:00:00.000Z') });
    const first = await log.append(add('one'));
    const second = await log.append({ action: 'key.revoke', outcome: 'denied', details: { maskedKey: 'abcd…wxyz', httpStatus: 403 } });
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0]).toBe(
      `{"seq":1,"at":"2026-11-24T10:00:00.000Z","prev":"${GENESIS_PREV}","action":"connection.add","outcome":"ok","details":{"connectionId":"c_0123abcd","label":"one"}}`,
    );
    expect(JSON.parse(lines[1]).prev).toBe(hashLine(lines[0]));
    expect(first).toEqual({ seq: 1, hash: hashLine(lines[0]) });
    expect(second).toEqual({ seq: 2, hash: hashLine(lines[1]) });
    expect((await readActionLog(path)).map((entry) => [entry.seq, entry.action, entry.outcome])).toEqual([
      [1, 'connection.add', 'ok'],
      [2, 'key.revoke', 'denied'],
    ]);
  });

  it('creates the log 0600 even under umask 000', async () => {
    const previous = process.umask(0);
    try {
      await createActionLog(path).append(add('one'));
    } finally {
      process.umask(previous);
    }
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a log other users can read, naming it', async () => {
    await createActionLog(path).append(add('one'));
    const { chmod } = await import('node:fs/promises');
    await chmod(path, 0o644);
    await expect(createActionLog(path).append(add('two'))).rejects.toMatchObject({ localDetail: expect.stringContaining(path) });
    await expect(readActionLog(path)).rejects.toMatchObject({ localDetail: expect.stringContaining(path) });
  });

  it('serialises concurrent appends into consecutive seqs', async () => {
    const log = createActionLog(path);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => log.append(add(`k${i}`))));
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await readActionLog(path)).map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('continues the chain across ActionLog instances (another process, a restart)', async () => {
    await createActionLog(path).append(add('one'));
    const { seq } = await createActionLog(path).append(add('two'));
    expect(seq).toBe(2);
  });

  it('hands beforeWrite the exact line it then appends, and appends nothing when beforeWrite fails', async () => {
    const log = createActionLog(path);
    let seen: { seq: number; hash: string; line: string } | undefined;
    await log.append(add('one'), { beforeWrite: async (head) => { seen = head; } });
    expect((await readFile(path, 'utf8')).trimEnd()).toBe(seen?.line);
    expect(hashLine(seen!.line)).toBe(seen!.hash);

    await expect(log.append(add('two'), { beforeWrite: async () => { throw new Error('vault save failed'); } })).rejects.toThrow('vault save failed');
    expect(await readActionLog(path)).toHaveLength(1);
  });

  it.each([
    ['an unknown action', { action: 'vault.export', outcome: 'ok', details: {} }],
    ['an unknown outcome', { action: 'connection.add', outcome: 'maybe', details: {} }],
    ['a nested detail', { action: 'connection.add', outcome: 'ok', details: { nested: { a: 1 } } }],
    ['an overlong detail', { action: 'connection.add', outcome: 'ok', details: { label: 'x'.repeat(201) } }],
  ])('rejects %s', async (_name, entry) => {
    await expect(createActionLog(path).append(entry as never)).rejects.toThrow(InvalidActionLogEntryError);
  });

  it('refuses to chain onto a damaged last line instead of guessing', async () => {
    await createActionLog(path).append(add('one'));
    await appendFile(path, '{"seq":2,"at":"2026');
    await expect(createActionLog(path).append(add('two'))).rejects.toThrow(ActionLogDamagedError);
    await writeFile(path, 'not json\n');
    await expect(createActionLog(path).append(add('two'))).rejects.toThrow(ActionLogDamagedError);
  });

  it('finds the last line of a log larger than one read chunk', async () => {
    const log = createActionLog(path);
    for (let i = 0; i < 40; i++) await log.append(add('x'.repeat(190)));
    expect((await log.append(add('last'))).seq).toBe(41);
  });
});
