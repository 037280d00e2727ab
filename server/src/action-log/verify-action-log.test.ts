import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDataDir } from '../config/data-dir.ts';
import { makeTempDir } from '../vault/vault-test-support.ts';
import { createActionLog } from './action-log.ts';
import { verifyActionLog } from './verify-action-log.ts';

// docs/security-model.md#log-verification: name exactly the first bad seq.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let lines: string[];
let head: { seq: number; hash: string };
beforeAll(async () => {
  temp = await makeTempDir();
  await ensureDataDir(temp.dataDir);
  const log = createActionLog(join(temp.dataDir, 'actions.log'));
  const actions = ['connection.add', 'vault.unlock', 'key.revoke', 'connection.rename', 'connection.remove'] as const;
  for (let i = 0; i < 10; i++) {
    head = await log.append({ action: actions[i % 5], outcome: i % 3 === 0 ? 'ok' : 'denied', details: { connectionId: `c_0000000${i}`, n: i } });
  }
  lines = (await readFile(log.path, 'utf8')).trimEnd().split('\n');
});
afterAll(async () => { await temp.cleanup(); });

let copies = 0;
async function verifyCopy(edited: string[], options: { trailingNewline?: boolean; anchored?: boolean } = {}) {
  const path = join(temp.dataDir, `copy-${copies++}.log`);
  await writeFile(path, edited.join('\n') + (options.trailingNewline === false ? '' : '\n'), { mode: 0o600 });
  return verifyActionLog(path, options.anchored ? head : undefined);
}
const editField = (line: string, edit: (entry: Record<string, unknown>) => void) => {
  const entry = JSON.parse(line);
  edit(entry);
  return JSON.stringify(entry);
};
const ks = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('verifyActionLog', () => {
  it('accepts the untouched log, with and without the anchored head', async () => {
    expect(await verifyCopy(lines)).toMatchObject({ ok: true, count: 10 });
    expect(await verifyCopy(lines, { anchored: true })).toMatchObject({ ok: true, count: 10 });
  });

  it.each(ks)('names seq %i when a detail of that line is edited', async (k) => {
    const edited = lines.map((line, i) => (i === k - 1 ? editField(line, (e) => { (e.details as Record<string, unknown>).n = 99; }) : line));
    expect(await verifyCopy(edited)).toMatchObject({ ok: false, firstBadSeq: k });
  });

  it.each(ks)('names seq %i when its outcome or its own prev hash is edited', async (k) => {
    const outcome = lines.map((line, i) =>
      i === k - 1 ? editField(line, (e) => { e.outcome = e.outcome === 'failed' ? 'ok' : 'failed'; }) : line,
    );
    expect(await verifyCopy(outcome)).toMatchObject({ ok: false, firstBadSeq: k });
    const prev = lines.map((line, i) => (i === k - 1 ? editField(line, (e) => { e.prev = 'f'.repeat(64); }) : line));
    expect(await verifyCopy(prev)).toMatchObject({ ok: false, firstBadSeq: k });
  });

  it.each(ks)('names seq %i when that line is deleted', async (k) => {
    expect(await verifyCopy(lines.filter((_, i) => i !== k - 1))).toMatchObject({ ok: false, firstBadSeq: k });
  });

  it.each(ks)('names seq %i when lines %i and the next are swapped', async (k) => {
    const swapped = [...lines];
    [swapped[k - 1], swapped[k]] = [swapped[k], swapped[k - 1]];
    expect(await verifyCopy(swapped)).toMatchObject({ ok: false, firstBadSeq: k });
  });

  it.each(ks)('names seq %i when that line is moved to the end', async (k) => {
    const reordered = [...lines.filter((_, i) => i !== k - 1), lines[k - 1]];
    expect(await verifyCopy(reordered)).toMatchObject({ ok: false, firstBadSeq: k });
  });

  it('names the last seq when the last line is cut short', async () => {
    const truncated = [...lines.slice(0, 9), lines[9].slice(0, 40)];
    expect(await verifyCopy(truncated, { trailingNewline: false })).toMatchObject({ ok: false, firstBadSeq: 10 });
  });

  it('names the last seq when the last line is deleted or edited, given the head anchored in the vault', async () => {
    expect(await verifyCopy(lines.slice(0, 9), { anchored: true })).toMatchObject({ ok: false, firstBadSeq: 10 });
    const edited = [...lines.slice(0, 9), editField(lines[9], (e) => { e.outcome = 'ok'; e.details = {}; })];
    expect(await verifyCopy(edited, { anchored: true })).toMatchObject({ ok: false, firstBadSeq: 10 });
    const prevEdited = [...lines.slice(0, 9), editField(lines[9], (e) => { e.prev = 'f'.repeat(64); })];
    expect(await verifyCopy(prevEdited, { anchored: true })).toMatchObject({ ok: false, firstBadSeq: 10 });
  });

  it('reports a missing log when the vault anchors an entry, and an empty one as fine otherwise', async () => {
    expect(await verifyActionLog(join(temp.dataDir, 'absent.log'), head)).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(await verifyActionLog(join(temp.dataDir, 'absent.log'))).toMatchObject({ ok: true, count: 0 });
  });
});
