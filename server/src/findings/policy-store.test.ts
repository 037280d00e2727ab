import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFilePolicyStore, createMemoryPolicyStore } from './policy-store.ts';
import { PolicyError } from './load-policy.ts';
import { AcceptanceNotFoundError } from './acceptance-errors.ts';
import { acceptanceIds } from './acceptance-ids.ts';

const acceptance = { ruleId: 'key-older-than-threshold', apiKey: 'abc', exchange: 'kucoin', reason: 'tax tool, rotated yearly', expiresAt: '2027-01-01' } as const;

describe(createFilePolicyStore.name, () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'keyaudit-policy-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates policy.json (0600) with the acceptance when there is none', async () => {
    const store = createFilePolicyStore(dir);
    await store.accept(acceptance);
    expect((await store.load()).acceptances).toEqual([acceptance]);
    expect((await stat(join(dir, 'policy.json'))).mode & 0o777).toBe(0o600);
  });

  it('keeps what the user already wrote', async () => {
    await writeFile(join(dir, 'policy.json'), JSON.stringify({ disabledRules: ['expires-soon'], thresholds: { maxKeyAgeDays: 90 } }));
    await createFilePolicyStore(dir).accept(acceptance);
    const written = JSON.parse(await readFile(join(dir, 'policy.json'), 'utf8'));
    expect(written).toMatchObject({ disabledRules: ['expires-soon'], thresholds: { maxKeyAgeDays: 90 }, acceptances: [acceptance] });
  });

  it('refuses to edit an invalid file, and leaves it as it was', async () => {
    await writeFile(join(dir, 'policy.json'), '{"disabledRules": ["no-such-rule"]}');
    await expect(createFilePolicyStore(dir).accept(acceptance)).rejects.toBeInstanceOf(PolicyError);
    expect(await readFile(join(dir, 'policy.json'), 'utf8')).toBe('{"disabledRules": ["no-such-rule"]}');
  });

  it('edits an acceptance by its id, writing the id into an entry that had none and keeping the rest of the file', async () => {
    const other = { ...acceptance, apiKey: 'def', reason: 'second' };
    await writeFile(join(dir, 'policy.json'), JSON.stringify({ disabledRules: ['expires-soon'], acceptances: [acceptance, other] }));
    const store = createFilePolicyStore(dir);
    const [, id] = acceptanceIds((await store.load()).acceptances);
    const changed = await store.changeAcceptance(id!, (entry) => ({ ...entry, expiresAt: '2028-01-01' }));
    expect(changed).toEqual({ before: other, after: { ...other, expiresAt: '2028-01-01' } });
    const written = JSON.parse(await readFile(join(dir, 'policy.json'), 'utf8'));
    expect(written).toMatchObject({ disabledRules: ['expires-soon'], acceptances: [acceptance, { ...other, id, expiresAt: '2028-01-01' }] });
    expect(acceptanceIds((await store.load()).acceptances)[1]).toBe(id);
  });

  it('removes an acceptance by its id, and refuses an id no acceptance has without touching the file', async () => {
    const store = createFilePolicyStore(dir);
    await store.accept({ ...acceptance, id: 'acc_one' });
    await store.accept({ ...acceptance, id: 'acc_two', reason: 'two' });
    await store.changeAcceptance('acc_one', () => null);
    expect((await store.load()).acceptances.map((entry) => entry.id)).toEqual(['acc_two']);
    const before = await readFile(join(dir, 'policy.json'), 'utf8');
    await expect(store.changeAcceptance('acc_one', () => null)).rejects.toBeInstanceOf(AcceptanceNotFoundError);
    expect(await readFile(join(dir, 'policy.json'), 'utf8')).toBe(before);
  });

  it('refuses an edit that would make the file invalid', async () => {
    const store = createFilePolicyStore(dir);
    await store.accept({ ...acceptance, id: 'acc_one' });
    await expect(store.changeAcceptance('acc_one', (entry) => ({ ...entry, reason: ' ' }))).rejects.toBeInstanceOf(PolicyError);
    expect((await store.load()).acceptances[0]!.reason).toBe(acceptance.reason);
  });

  it('refuses an acceptance that would make the file invalid', async () => {
    await expect(createFilePolicyStore(dir).accept({ ...acceptance, ruleId: 'nope' as never })).rejects.toBeInstanceOf(PolicyError);
  });
});

describe(createMemoryPolicyStore.name, () => {
  it('holds acceptances in memory', async () => {
    const store = createMemoryPolicyStore();
    await store.accept(acceptance);
    expect((await store.load()).acceptances).toEqual([acceptance]);
  });

  it('edits and removes acceptances by id', async () => {
    const store = createMemoryPolicyStore();
    await store.accept({ ...acceptance, id: 'acc_one' });
    await store.changeAcceptance('acc_one', (entry) => ({ ...entry, reason: 'new reason' }));
    expect((await store.load()).acceptances).toEqual([{ ...acceptance, id: 'acc_one', reason: 'new reason' }]);
    await store.changeAcceptance('acc_one', () => null);
    expect((await store.load()).acceptances).toEqual([]);
    await expect(store.changeAcceptance('acc_one', () => null)).rejects.toBeInstanceOf(AcceptanceNotFoundError);
  });
});

describe(acceptanceIds.name, () => {
  it('keeps a written id, derives one from content otherwise (field order does not matter), and tells identical entries apart', () => {
    const reordered = { expiresAt: acceptance.expiresAt, reason: acceptance.reason, exchange: acceptance.exchange, apiKey: acceptance.apiKey, ruleId: acceptance.ruleId };
    const ids = acceptanceIds([acceptance, { ...acceptance, id: 'acc_x' }, reordered, { ...acceptance, reason: 'other' }]);
    expect(ids[0]).toMatch(/^a_[0-9a-f]{16}$/);
    expect(ids[1]).toBe('acc_x');
    expect(ids[2]).toBe(`${ids[0]}-2`);
    expect(ids[3]).not.toBe(ids[0]);
    expect(acceptanceIds([acceptance])[0]).toBe(ids[0]);
  });
});
