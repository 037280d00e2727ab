import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDataDir } from '../config/data-dir.ts';
import { makeTempDir } from '../vault/vault-test-support.ts';
import { formatLine, GENESIS_PREV, hashLine, parseLine, type ActionLogLine } from './action-log-entry.ts';
import type { ActionLogHead } from './action-log-head.ts';
import { createActionLog } from './action-log.ts';
import { verifyActionLog } from './verify-action-log.ts';

// docs/security-model.md#log-macs: what someone who can write actions.log (but has no vault passphrase) can do to
// the file, each with the hash chain recomputed so that a chain-only check passes.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let lines: string[];
let anchored: ActionLogHead;
const macKey = randomBytes(32);
const keyCopy = () => Buffer.from(macKey);

beforeAll(async () => {
  temp = await makeTempDir();
  await ensureDataDir(temp.dataDir);
  // An old log first (no MACs, as written before log MACs), then the vault opens and every entry is MACed and anchored.
  const path = join(temp.dataDir, 'actions.log');
  const old = createActionLog(path);
  await old.append({ action: 'connection.add', outcome: 'ok', details: { connectionId: 'c_00000000' } });
  await old.append({ action: 'vault.unlock', outcome: 'ok', details: {} });
  const log = createActionLog(path, { anchor: () => ({ macKey: keyCopy, anchor: async (head) => void (anchored = head) }) });
  const actions = ['vault.unlock', 'key.revoke', 'finding.accept', 'connection.rename', 'vault.lock', 'key.revoke', 'connection.remove', 'vault.passwd'] as const;
  for (const [i, action] of actions.entries()) await log.append({ action, outcome: 'ok', details: { connectionId: `c_0000000${i}`, n: i } });
  lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
});
afterAll(async () => { await temp.cleanup(); });

const parsed = () => lines.map((text) => parseLine(text)!);
/** What an attacker without the key does after changing lines: renumber and recompute every prev, keeping the old MACs. */
function rechain(entries: ActionLogLine[]): string[] {
  const out: string[] = [];
  for (const [index, entry] of entries.entries()) out.push(formatLine({ ...entry, seq: index + 1, prev: index === 0 ? GENESIS_PREV : hashLine(out[index - 1]) }));
  return out;
}
let copies = 0;
async function verifyCopy(edited: string[], keyed = true) {
  const path = join(temp.dataDir, `copy-${copies++}.log`);
  await writeFile(path, edited.join('\n') + '\n', { mode: 0o600 });
  return keyed ? verifyActionLog(path, anchored, keyCopy) : verifyActionLog(path);
}
const stripMac = ({ mac: _mac, ...entry }: ActionLogLine): ActionLogLine => entry;

describe('action log MACs and the head anchored on every entry', () => {
  it('MACs and anchors every entry written with the vault open, and says which older entries are unauthenticated', async () => {
    expect(parsed().map((entry) => entry.mac !== undefined)).toEqual([false, false, true, true, true, true, true, true, true, true]);
    expect(anchored).toEqual({ seq: 10, hash: hashLine(lines[9]), line: lines[9] });
    expect(await verifyCopy(lines)).toEqual({ ok: true, count: 10, head: { seq: 10, hash: hashLine(lines[9]) }, macs: 'checked', unauthenticated: [1, 2] });
    expect(await verifyCopy(lines, false)).toMatchObject({ ok: true, macs: 'unchecked' });
  });

  it.each([3, 5, 9])('detects an edit of seq %i with the chain recomputed', async (k) => {
    const edited = rechain(parsed().map((entry) => (entry.seq === k ? { ...entry, outcome: 'failed' as const } : entry)));
    expect(await verifyCopy(edited, false)).toMatchObject({ ok: true }); // the chain alone cannot tell
    expect(await verifyCopy(edited)).toMatchObject({ ok: false, firstBadSeq: k, reason: expect.stringContaining('MAC') });
  });

  it.each([3, 6, 9])('detects the deletion of seq %i with the chain recomputed, MACs kept or stripped', async (k) => {
    const kept = parsed().filter((entry) => entry.seq !== k);
    expect(await verifyCopy(rechain(kept))).toMatchObject({ ok: false, firstBadSeq: k });
    // Stripped of every MAC from there on, the log no longer ends in the entry the vault anchored.
    expect(await verifyCopy(rechain(kept.map((entry) => (entry.seq > k ? stripMac(entry) : entry))))).toMatchObject({ ok: false });
  });

  it.each([3, 6, 8])('detects seq %i and the next swapped, with the chain recomputed', async (k) => {
    const swapped = parsed();
    [swapped[k - 1], swapped[k]] = [swapped[k], swapped[k - 1]];
    expect(await verifyCopy(rechain(swapped), false)).toMatchObject({ ok: true });
    expect(await verifyCopy(rechain(swapped))).toMatchObject({ ok: false, firstBadSeq: k });
  });

  it('detects truncation with the chain recomputed: the vault anchors the newest entry', async () => {
    for (const keep of [9, 5, 2]) {
      const truncated = lines.slice(0, keep);
      expect(await verifyCopy(truncated, false)).toMatchObject({ ok: true });
      expect(await verifyCopy(truncated)).toMatchObject({ ok: false, firstBadSeq: keep + 1, reason: expect.stringContaining('truncated') });
    }
  });

  it('detects forged appends: with no MAC, with a made-up MAC, and over a truncated log', async () => {
    const forge = (entries: ActionLogLine[], extra: Partial<ActionLogLine>) =>
      rechain([...entries, { ...entries[entries.length - 1], action: 'connection.add', details: { label: 'forged' }, mac: undefined, ...extra }]);
    const bare = forge(parsed(), {});
    expect(await verifyCopy(bare, false)).toMatchObject({ ok: true });
    expect(await verifyCopy(bare)).toMatchObject({ ok: false, firstBadSeq: 11, reason: expect.stringContaining('no MAC') });
    expect(await verifyCopy(forge(parsed(), { mac: 'f'.repeat(64) }))).toMatchObject({ ok: false, firstBadSeq: 11, reason: expect.stringContaining('MAC') });
    // Drop the last two entries and forge one in their place: the forged line sits where the anchored one belongs.
    expect(await verifyCopy(forge(parsed().slice(0, 8), { mac: 'e'.repeat(64) }))).toMatchObject({ ok: false, firstBadSeq: 9 });
  });

  it('lets an entry written while the vault was locked follow the anchor bare, and lists it as unauthenticated', async () => {
    const burst = formatLine({ seq: 11, at: '2026-11-24T10:00:00.000Z', prev: hashLine(lines[9]), action: 'vault.unlock-failed-burst', outcome: 'denied', details: { lockedOutSeconds: 60 } });
    expect(await verifyCopy([...lines, burst])).toMatchObject({ ok: true, count: 11, unauthenticated: [1, 2, 11] });
  });

  it('detects a MACed entry beyond the anchor (the vault file replaced by an older copy)', async () => {
    expect(await verifyActionLog(await pathOf(lines), { seq: 9, hash: hashLine(lines[8]) }, keyCopy)).toMatchObject({ ok: false, firstBadSeq: 10 });
  });

  it('rejects every MAC under another key', async () => {
    expect(await verifyActionLog(await pathOf(lines), anchored, () => randomBytes(32))).toMatchObject({ ok: false, firstBadSeq: 3 });
  });
});

async function pathOf(content: string[]) {
  const path = join(temp.dataDir, `copy-${copies++}.log`);
  await writeFile(path, content.join('\n') + '\n', { mode: 0o600 });
  return path;
}
