import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEY_ANNOTATION_LIMITS, keyAnnotationInputSchema, toKeyAnnotation } from '@contract/key-annotation.ts';
import { makeKey } from '../findings/make-test-key.ts';
import { createVault, openVault } from '../vault/open-vault.ts';
import { decryptVaultBytes, writeVaultFile } from '../vault/vault-file.ts';
import { canaryConnection, CANARY_SECRET, FAST_KDF_ENV, makeTempDir, PASSPHRASE } from '../vault/vault-test-support.ts';
import { joinKeyAnnotations, toKeyAnnotationScope } from './key-annotation-scope.ts';
import { annotateKey, createMemoryKeyAnnotations, createVaultKeyAnnotations } from './key-annotations-service.ts';
import type { ActionEntry } from '../audit/action-recorder.ts';

const BOT = { owner: 'ana', purpose: '3Commas DCA bot', tags: ['bot', 'prod'] };

describe('which key an annotation belongs to', () => {
  it('follows the key across re-audits by connection, account and apiKey; another connection or account is another key', async () => {
    const key = makeKey({ id: 'k1', connectionId: 'c_00000001' });
    const store = createMemoryKeyAnnotations(() => 0);
    await store.set(key, BOT);
    const records = await store.list();
    // the next audit lists the same key (a new object, permissions changed): still annotated
    expect(joinKeyAnnotations([{ ...key, permissions: ['General', 'Spot'] }], records).get('k1')).toMatchObject(BOT);
    expect(joinKeyAnnotations([{ ...key, id: 'k2', connectionId: 'c_00000002' }], records).size).toBe(0);
    expect(joinKeyAnnotations([{ ...key, id: 'k3', account: { kind: 'sub', name: 'bot2' } }], records).size).toBe(0);
    expect(joinKeyAnnotations([{ ...key, id: 'k4', exchange: 'okx' }], records).size).toBe(0);
    // a key no longer listed shows nowhere, but its annotation is kept
    expect(joinKeyAnnotations([], records).size).toBe(0);
    expect(await store.list()).toHaveLength(1);
  });

  it('names a masked key by its id: two masked keys of one account never share an annotation', async () => {
    const first = makeKey({ id: 'm1', exchange: 'okx', apiKey: '******', isApiKeyMasked: true });
    const second = { ...first, id: 'm2' };
    const store = createMemoryKeyAnnotations(() => 0);
    await store.set(first, { owner: 'ana', purpose: null, tags: [] });
    const joined = joinKeyAnnotations([first, second], await store.list());
    expect([...joined.keys()]).toEqual(['m1']);
    expect(toKeyAnnotationScope(first).isApiKeyMasked).toBe(true);
  });

  it('replaces a key annotation as a whole, and an all-empty one removes it', async () => {
    const key = makeKey();
    const store = createMemoryKeyAnnotations(() => Date.parse('2026-06-01T00:00:00Z'));
    await store.set(key, BOT);
    expect(await store.set(key, { owner: 'bo', purpose: null, tags: [] })).toMatchObject({ owner: 'bo', purpose: null, tags: [], updatedAt: '2026-06-01T00:00:00.000Z' });
    expect(await store.list()).toHaveLength(1);
    expect(await store.set(key, { owner: null, purpose: null, tags: [] })).toBeNull();
    expect(await store.list()).toEqual([]);
  });
});

describe('annotation limits', () => {
  it('lower-cases and de-duplicates tags, trims text, and reads an empty field as none', () => {
    expect(toKeyAnnotation({ owner: '  ana ', purpose: '', tags: ['Prod', 'prod', 'bot'] })).toEqual({ owner: 'ana', purpose: null, tags: ['prod', 'bot'] });
    expect(toKeyAnnotation({})).toEqual({ owner: null, purpose: null, tags: [] });
  });

  it.each([
    ['a tag a spreadsheet would run as a formula', { tags: ['=HYPERLINK("x")'] }],
    ['a tag starting with a dash', { tags: ['-rf'] }],
    ['a tag with a space', { tags: ['two words'] }],
    ['too many tags', { tags: Array.from({ length: KEY_ANNOTATION_LIMITS.tags + 1 }, (_, i) => `t${i}`) }],
    ['a tag too long', { tags: ['x'.repeat(KEY_ANNOTATION_LIMITS.tag + 1)] }],
    ['an owner too long', { owner: 'x'.repeat(KEY_ANNOTATION_LIMITS.owner + 1) }],
    ['a purpose with a terminal escape', { purpose: 'bot\u001b]52;c;x\u0007' }],
    ['an owner with a bidi override', { owner: 'ana\u202egnp.exe' }],
    ['an unknown field', { owner: 'ana', secret: 'x' }],
  ])('refuses %s', (_, input) => {
    expect(keyAnnotationInputSchema.safeParse(input).success).toBe(false);
  });
});

describe('annotations in the vault', () => {
  const options = { env: FAST_KDF_ENV };
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => { temp = await makeTempDir(); });
  afterEach(async () => { await temp.cleanup(); });
  const stored = async () => (await decryptVaultBytes(await readFile(join(temp.dataDir, 'vault.kav')), PASSPHRASE, options)).content;

  it('round-trip through a save and a reopen, encrypted (the file holds no owner in the clear), and go with their connection', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    const connection = await vault.addConnection(canaryConnection());
    const other = await vault.addConnection(canaryConnection({ apiKey: 'KAKEY_OTHER_0123456789', label: 'other' }));
    const key = makeKey({ id: 'k1', connectionId: connection.id });
    const otherKey = makeKey({ id: 'k2', connectionId: other.id });
    const annotations = createVaultKeyAnnotations(() => vault);
    await annotations.set(key, { owner: 'owner-canary-ana', purpose: 'DCA bot', tags: ['bot'] });
    await annotations.set(otherKey, { owner: 'bo', purpose: null, tags: [] });
    expect((await readFile(join(temp.dataDir, 'vault.kav'))).includes(Buffer.from('owner-canary-ana'))).toBe(false);

    const reopened = await openVault(temp.dataDir, PASSPHRASE, options);
    const records = await reopened.listKeyAnnotations();
    expect(joinKeyAnnotations([key, otherKey], records).get('k1')).toMatchObject({ owner: 'owner-canary-ana', purpose: 'DCA bot', tags: ['bot'] });
    expect(JSON.stringify(records)).not.toContain(CANARY_SECRET);

    await reopened.removeConnection(connection.id);
    expect((await stored()).keyAnnotations?.map((record) => record.connectionId)).toEqual([other.id]);
    expect((await stored()).connections).toHaveLength(1);
  });

  it('opens an older vault without the section as none, and keeps its other sections when the first annotation is saved', async () => {
    const vault = await createVault(temp.dataDir, PASSPHRASE, options);
    const connection = await vault.addConnection(canaryConnection());
    const before = await stored();
    const { vaultKey } = await decryptVaultBytes(await readFile(join(temp.dataDir, 'vault.kav')), PASSPHRASE, options);
    const { keyAnnotations: _none, ...older } = before;
    await writeVaultFile(temp.dataDir, vaultKey, { ...older, generation: before.generation + 1 }, FAST_KDF_ENV);

    const reopened = await openVault(temp.dataDir, PASSPHRASE, options);
    expect(await reopened.listKeyAnnotations()).toEqual([]);
    await createVaultKeyAnnotations(() => reopened).set(makeKey({ connectionId: connection.id }), BOT);
    const after = await stored();
    expect(after.actionLogKey).toBe(before.actionLogKey);
    expect(after.connections).toEqual(before.connections);
    expect(after.keyAnnotations).toHaveLength(1);
  });
});

describe('key.annotate in the action log', () => {
  it('names the key (masked) and which fields were set, never what they say', async () => {
    const actions: ActionEntry[] = [];
    const key = makeKey();
    await annotateKey({ annotations: createMemoryKeyAnnotations(() => 0), actions: { append: async (entry) => void actions.push(entry) } }, key, { owner: 'owner-canary-ana', purpose: 'purpose-canary', tags: ['tag-canary'] });
    expect(actions).toEqual([expect.objectContaining({ action: 'key.annotate', outcome: 'ok', details: expect.objectContaining({ exchange: 'kucoin', fields: 'owner purpose tags', label: 'test key' }) })]);
    const line = JSON.stringify(actions);
    for (const text of ['owner-canary-ana', 'purpose-canary', 'tag-canary', key.apiKey]) expect(line).not.toContain(text);
  });
});
