import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFilePolicyStore, createMemoryPolicyStore } from './policy-store.ts';
import { PolicyError } from './load-policy.ts';

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
});
