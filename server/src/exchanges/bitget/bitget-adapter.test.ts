// The adapter against its simulator for what the shared contract suite does not cover: a unified trading account, the
// sub-account walk over many pages, and a sub-account listing Bitget refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport } from '../http-transport.ts';
import { redact } from '../../secrets/redacted.ts';
import { startSimulator, type RunningSimulator } from '../../simulator/create-simulator.ts';
import { BITGET_DEMO_CONNECTION, BITGET_DEMO_UNIFIED_ACCOUNT_KEY, createBitgetDemoSeed, demoBitgetApiKey, demoBitgetSecret } from '../../simulator/bitget/bitget-demo-seed.ts';
import type { BitgetSeed } from '../../simulator/bitget/bitget-simulator-state.ts';
import { auditConnection } from '../../audit/audit-connection.ts';
import type { StoredConnection } from '../../secrets/stored-connection.ts';
import { SubAccountsNotListedError } from '../sub-accounts-not-listed-error.ts';
import { createBitgetAdapter } from './bitget-adapter.ts';
import { BITGET_UNIFIED_ACCOUNT_MESSAGE } from './bitget-errors.ts';

/** The demo seed and 230 more virtual sub-accounts with one key each: three pages of 100. */
function manySubAccounts(): BitgetSeed {
  const seed = createBitgetDemoSeed();
  for (let index = 0; index < 230; index += 1) {
    const uid = String(8_000_000_000 + index * 7);
    seed.subAccounts.push({
      subAccountUid: uid, subAccountName: 'bulkbulk', status: index % 50 === 0 ? 'del' : 'normal', label: `bulk ${index}`,
      keys: [{ apiKey: demoBitgetApiKey(`bulk-${index}`), secret: demoBitgetSecret(`bulk-${index}`), passphrase: 'bulk-pass', note: `bulk-${index}`, authorities: ['read'], ips: '', userId: uid }],
    });
  }
  return seed;
}

let simulator: RunningSimulator;
beforeAll(async () => void (simulator = await startSimulator({ rateLimits: 'relaxed', bitget: { seed: manySubAccounts() } })));
afterAll(() => simulator.close());

const adapter = () => createBitgetAdapter({ transport: fetchTransport, baseUrl: simulator.baseUrls.bitget, now: Date.now, sleep: async () => {} });
const credentials = { apiKey: BITGET_DEMO_CONNECTION.apiKey, secret: redact(BITGET_DEMO_CONNECTION.secret), passphrase: redact(BITGET_DEMO_CONNECTION.passphrase) };
const connection = (): StoredConnection => ({ id: 'conn-bitget', exchange: 'bitget', label: 'Bitget', baseUrl: null, credentials });

describe(createBitgetAdapter.name, () => {
  it("says in plain words that a unified trading account's key cannot be read, instead of failing silently", async () => {
    const { apiKey, secret, passphrase } = BITGET_DEMO_UNIFIED_ACCOUNT_KEY;
    await expect(adapter().fetchCallingKey({ apiKey, secret: redact(secret), passphrase: redact(passphrase) })).rejects.toMatchObject({
      kind: 'invalid-request', exchangeCode: '40085', message: BITGET_UNIFIED_ACCOUNT_MESSAGE,
    });
  });

  it('walks every page of virtual sub-accounts, leaving out the deleted ones, by their UIDs', async () => {
    const accounts = await adapter().fetchSubAccounts(credentials);
    const expected = simulator.bitget.state.listSubAccounts().filter((sub) => sub.status !== 'del').map((sub) => sub.subAccountUid);
    expect(expected.length).toBeGreaterThan(200);
    expect(accounts.map((account) => account.name).sort()).toEqual([...expected].sort());
    expect(accounts.every((account) => account.kind === 'sub')).toBe(true);
  });

  it("reads a sub-account key's words, label and IP list: an empty list is any IP, an unknown word counts as moving funds", async () => {
    const target = adapter();
    const demoSubs = createBitgetDemoSeed().subAccounts;
    const keys = (await Promise.all(demoSubs.map((sub) => target.fetchSubAccountKeys(credentials, { kind: 'sub', name: sub.subAccountUid })))).flat();
    const byLabel = new Map(keys.map((key) => [key.label, key]));
    expect(byLabel.get('sweeper')).toMatchObject({ ipWhitelist: null, permissions: ['read', 'spot_trade', 'transfer', 'wallet_withdraw'], isCallingKey: false });
    expect(byLabel.get('sweeper')!.capabilities.map((grant) => grant.capability)).toEqual(expect.arrayContaining(['withdraw', 'transfer-internal']));
    expect(byLabel.get('copy-lead')!.ipWhitelist).toEqual(['10.20.30.40', '10.20.30.41']);
    expect(byLabel.get('copy-lead')!.capabilities).toContainEqual({ capability: 'transfer-external', from: 'p2p_trade', isUncertain: true });
  });

  it('keeps the calling key and says why, as a coverage note, when Bitget refuses the sub-accounts to a key bound to no IP', async () => {
    const stored = simulator.bitget.state.findKey(BITGET_DEMO_CONNECTION.apiKey)!.key;
    stored.ips = '';
    try {
      const target = adapter();
      await target.fetchCallingKey(credentials);
      const refusal = await target.fetchSubAccounts(credentials).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(SubAccountsNotListedError);
      expect((refusal as SubAccountsNotListedError).message).toMatch(/bound to an IP address, and this key is bound to none/);
      expect((refusal as SubAccountsNotListedError).message).toContain('code 40014');

      const { result, keys } = await auditConnection(connection(), adapter, { concurrency: 2 });
      expect(result).toMatchObject({ status: 'ok', error: null });
      expect(keys.map((key) => key.isCallingKey)).toEqual([true]);
      expect(result.notes).toContainEqual({ gap: 'sub-accounts-not-listed', message: expect.stringContaining('this key is bound to none') });
    } finally {
      stored.ips = '127.0.0.1';
    }
  });
});
