import { describe, expect, it } from 'vitest';
import type { AccountRef } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { ExchangeError } from '../exchanges/exchange-error.ts';
import { SubAccountsNotListedError } from '../exchanges/sub-accounts-not-listed-error.ts';
import { auditConnection, type ConnectionAuditListener } from './audit-connection.ts';
import { toKeyId } from './key-id.ts';
import { createGatedAdapter, exchangeKey, MASTER, settle, sub, testConnection } from './make-test-adapter.ts';
import type { AccountRead } from './read-account.ts';

/** Everything a connection audit reports, in order. */
function record() {
  const reads: AccountRead[] = [];
  const listed: AccountRef[][] = [];
  const listener: ConnectionAuditListener = { onAccountRead: (read) => reads.push(read), onAccountsListed: (accounts) => listed.push(accounts) };
  return { reads, listed, listener };
}

describe(auditConnection.name, () => {
  it('reports the master account with its keys, then the sub-accounts to read, before any sub-account answers', async () => {
    const { adapter } = createGatedAdapter(
      { alpha: [exchangeKey(sub('alpha'), 'bot')] },
      { masterKeys: [exchangeKey(MASTER, 'master key', { isCallingKey: true }), exchangeKey(MASTER, 'other master')] },
    );
    const { reads, listed, listener } = record();
    void auditConnection(testConnection(), () => adapter, { concurrency: 2, ...listener });
    await settle();

    expect(reads.map((read) => read.result)).toEqual([{ account: MASTER, status: 'ok', error: null, keyCount: 2 }]);
    expect(reads[0]!.keys.map((key) => [key.label, key.connectionId])).toEqual([['master key', 'conn-1'], ['other master', 'conn-1']]);
    expect(listed).toEqual([[sub('alpha')]]);
  });

  it('reports each sub-account as it finishes, with the keys found on it', async () => {
    const { adapter, release } = createGatedAdapter({
      alpha: [exchangeKey(sub('alpha'), 'a1'), exchangeKey(sub('alpha'), 'a2')],
      beta: [exchangeKey(sub('beta'), 'b1')],
    });
    const { reads, listener } = record();
    const done = auditConnection(testConnection(), () => adapter, { concurrency: 2, ...listener });
    await settle();
    release('beta');
    await settle();

    expect(reads.at(-1)!.result).toMatchObject({ account: sub('beta'), status: 'ok', keyCount: 1 });
    expect(reads.at(-1)!.keys.map((key) => key.label)).toEqual(['b1']);
    release('alpha');
    await done;
    expect(reads.at(-1)!.result).toMatchObject({ account: sub('alpha'), keyCount: 2 });
    expect(reads.at(-1)!.keys.map((key) => key.label)).toEqual(['a1', 'a2']);
  });

  it('reports a failed sub-account as failed, with no keys, and the connection ends partial', async () => {
    const { adapter, release } = createGatedAdapter({ alpha: new ExchangeError('rate-limited', 'Slow down.'), beta: [exchangeKey(sub('beta'), 'b1')] });
    const { reads, listener } = record();
    const done = auditConnection(testConnection(), () => adapter, { concurrency: 2, ...listener });
    await settle();
    release('alpha');
    await settle();
    expect(reads.at(-1)).toMatchObject({ result: { account: sub('alpha'), status: 'failed', error: { kind: 'rate-limited' } }, keys: [] });
    release('beta');
    expect((await done).result.status).toBe('partial');
  });

  it('adds up, over all reports, to exactly the accounts and keys of the final result, each account once', async () => {
    const { adapter, release } = createGatedAdapter({
      alpha: [exchangeKey(sub('alpha'), 'a1')],
      beta: new ExchangeError('unreachable', 'No answer.'),
      gamma: [exchangeKey(sub('gamma'), 'g1'), exchangeKey(sub('gamma'), 'g2')],
    });
    const { reads, listed, listener } = record();
    const done = auditConnection(testConnection(), () => adapter, { concurrency: 1, ...listener });
    for (const name of ['gamma', 'alpha', 'beta']) release(name);
    const { result, keys } = await done;

    const byName = (a: { account: { name: string } }, b: { account: { name: string } }) => a.account.name.localeCompare(b.account.name);
    expect(reads.map((read) => read.result).sort(byName)).toEqual([...result.accounts].sort(byName));
    expect(reads.flatMap((read) => read.keys.map((key) => key.id)).sort()).toEqual(keys.map((key) => key.id).sort());
    // The result lists the own account first, then the sub-accounts in the order they were listed.
    expect(result.accounts.map((account) => account.account)).toEqual([MASTER, ...listed[0]!]);
  });

  it('gives keys listed with a masked apiKey ("******", as in OKX\'s docs) distinct, stable ids, and offers no revoke', async () => {
    const masked = (account: string, label: string) => exchangeKey(sub(account), label, {
      apiKey: '******', createdAt: '2026-01-01T00:00:00.000Z',
      revocability: { canRevoke: true, how: 'api', reason: 'the master key can delete it', manageUrl: 'https://example.test' },
    });
    const listing = { alpha: [masked('alpha', 'v5'), masked('alpha', 'v5.1'), masked('alpha', 'v5.1')], beta: [masked('beta', 'v5')] };
    const run = async (connectionId: string) => {
      const { adapter, release } = createGatedAdapter(listing);
      const done = auditConnection(testConnection(connectionId), () => adapter, { concurrency: 2 });
      release('alpha');
      release('beta');
      return (await done).keys.filter((key) => key.account.kind === 'sub');
    };
    const keys = await run('conn-1');

    expect(new Set(keys.map((key) => key.id)).size).toBe(4);
    for (const key of keys) {
      expect(key).toMatchObject({ apiKey: '******', isApiKeyMasked: true, revocability: { canRevoke: false, how: 'website-only' } });
    }
    expect((await run('conn-1')).map((key) => key.id)).toEqual(keys.map((key) => key.id));
    const elsewhere = await run('conn-2');
    expect(elsewhere.filter((key) => keys.some((other) => other.id === key.id))).toEqual([]);
  });

  it('keeps the id of a key with a real apiKey as it always was', async () => {
    const { adapter, release } = createGatedAdapter({ alpha: [exchangeKey(sub('alpha'), 'bot')] });
    const done = auditConnection(testConnection(), () => adapter, { concurrency: 1 });
    release('alpha');
    const bot = (await done).keys.find((key) => key.label === 'bot')!;
    expect(bot.id).toBe(toKeyId('conn-1', sub('alpha'), 'api-alpha-bot'));
    expect(bot.isApiKeyMasked).toBeUndefined();
  });

  it('reports nothing for a connection whose calling key cannot be read', async () => {
    const { adapter } = createGatedAdapter({});
    adapter.fetchCallingKey = async () => {
      throw new ExchangeError('bad-signature', 'The secret does not match.');
    };
    const { reads, listed, listener } = record();
    const { result } = await auditConnection(testConnection(), () => adapter, { concurrency: 1, ...listener });
    expect(result.status).toBe('failed');
    expect(reads).toEqual([]);
    expect(listed).toEqual([]);
  });

  it("carries the adapter's coverage note into the connection's result, and none when there is none", async () => {
    const note = { gap: 'other-master-keys-not-listed', message: 'Gate answered with the calling key only.' } as const;
    const { adapter, release } = createGatedAdapter({ alpha: [exchangeKey(sub('alpha'), 'a1')] }, { masterKeysNote: note });
    release('alpha');
    const { result } = await auditConnection(testConnection(), () => adapter, { concurrency: 1 });
    expect(result).toMatchObject({ status: 'ok', notes: [note] });

    const plain = createGatedAdapter({});
    expect((await auditConnection(testConnection(), () => plain.adapter, { concurrency: 1 })).result).not.toHaveProperty('notes');
  });

  it('says a master connection could not see the other master keys where the exchange cannot list them, and not where it can', async () => {
    const { adapter, release } = createGatedAdapter({ alpha: [exchangeKey(sub('alpha'), 'a1')] });
    release('alpha');
    delete adapter.fetchOtherMasterKeys;
    const { result } = await auditConnection(testConnection(), () => adapter, { concurrency: 1 });
    expect(result.status).toBe('ok');
    expect(result.notes).toEqual([{ gap: 'other-master-keys-not-listed', message: expect.stringContaining("KuCoin's API does not list the master account's other API keys") }]);

    // A sub-account's own key misses more than other master keys: the master account and every other sub-account.
    const subKey = createGatedAdapter({}, { masterKeys: [exchangeKey(sub('alpha'), 'own', { isCallingKey: true })] }).adapter;
    delete subKey.fetchOtherMasterKeys;
    expect((await auditConnection(testConnection(), () => subKey, { concurrency: 1 })).result.notes).toEqual([
      { gap: 'sub-accounts-not-listed', message: expect.stringContaining('belongs to the sub-account alpha') },
    ]);
  });

  it('counts the keys whose withdraw the exchange does not report, and those whose IP whitelist could not be read, once per connection', async () => {
    const { adapter, release } = createGatedAdapter({
      alpha: [
        exchangeKey(sub('alpha'), 'a1', { unreported: ['withdraw'], ipWhitelist: 'unknown', unread: ['ip-whitelist'] }),
        exchangeKey(sub('alpha'), 'a2', { unreported: ['withdraw'] }),
      ],
      beta: [exchangeKey(sub('beta'), 'b1', { unreported: ['withdraw', 'ip-whitelist'], ipWhitelist: 'unknown' })],
    });
    release('alpha');
    release('beta');
    const { result } = await auditConnection(testConnection(), () => adapter, { concurrency: 2 });
    expect(result.notes?.map((note) => note.gap)).toEqual(['withdraw-not-reported', 'ip-whitelist-unreadable']);
    expect(result.notes?.[0]!.message).toContain('whether 3 keys can withdraw');
    expect(result.notes?.[1]!.message).toContain('IP whitelist of 1 key');
  });

  it('keeps the calling key and says plainly, as a coverage note, why sub-accounts were not listed when the refusal lasts', async () => {
    const { adapter } = createGatedAdapter({}, { masterKeys: [exchangeKey(MASTER, 'own', { isCallingKey: true })] });
    adapter.fetchSubAccounts = async () => {
      throw new SubAccountsNotListedError('permission-denied', 'Only an IP-bound main key lists sub-accounts.', { exchangeCode: '40014' });
    };
    const { result, keys } = await auditConnection(testConnection(), () => adapter, { concurrency: 1 });
    expect(keys.map((key) => key.label)).toEqual(['own']);
    expect(result).toMatchObject({ status: 'ok', error: null });
    expect(result.notes).toContainEqual({ gap: 'sub-accounts-not-listed', message: 'Only an IP-bound main key lists sub-accounts.' });

    // A passing failure stays an error to retry.
    adapter.fetchSubAccounts = async () => {
      throw new ExchangeError('rate-limited', 'Slow down.');
    };
    expect((await auditConnection(testConnection(), () => adapter, { concurrency: 1 })).result).toMatchObject({ status: 'partial', error: { kind: 'rate-limited' } });
  });

  it('names the permission the audit key needs when the exchange refuses the connection for lack of one', async () => {
    const { adapter } = createGatedAdapter({});
    adapter.fetchSubAccounts = async () => {
      throw new ExchangeError('permission-denied', 'This key may not list sub-accounts.');
    };
    const { result } = await auditConnection(testConnection(), () => adapter, { concurrency: 1 });
    expect(result.error?.message).toBe(`This key may not list sub-accounts. What an audit key needs: ${exchangeInfo('kucoin').auditKeyNeeds.why}`);

    adapter.fetchCallingKey = async () => {
      throw new ExchangeError('bad-signature', 'The secret does not match.');
    };
    expect((await auditConnection(testConnection(), () => adapter, { concurrency: 1 })).result.error?.message).toBe('The secret does not match.');
  });
});
