import { describe, expect, it } from 'vitest';
import { exchangeInfo } from '@contract/exchanges.ts';
import { planRestriction } from '@contract/restriction-plan.ts';
import { createGatedAdapter, exchangeKey, sub, testConnection } from './make-test-adapter.ts';
import { rereadAfterRestrict } from './reread-after-restrict.ts';
import { toAuditedKeys } from './key-id.ts';

const connection = testConnection();
const unbound = exchangeKey(sub('bots'), 'grid', { ipWhitelist: null });

function setup(listed: Parameters<typeof createGatedAdapter>[0]) {
  const { adapter, release } = createGatedAdapter(listed);
  release('bots');
  const [key] = toAuditedKeys(connection.id, [unbound]);
  const outcome = planRestriction(key!, { ips: ['198.51.100.4'] }, exchangeInfo('kucoin'));
  if (!outcome.ok) throw new Error(outcome.reason);
  return { adapter, key: key!, plan: outcome.plan };
}

describe(rereadAfterRestrict.name, () => {
  it('says as-asked when the exchange reports the asked state', async () => {
    const { adapter, key, plan } = setup({ bots: [{ ...unbound, ipWhitelist: ['198.51.100.4'] }] });
    const outcome = await rereadAfterRestrict({ adapter, connection, evaluateFindings: () => [], key, plan });
    expect(outcome).toMatchObject({ confirmation: 'as-asked', message: null, reported: { ipWhitelist: ['198.51.100.4'] } });
    expect(outcome.delta.accounts[0]!.keys[0]!.ipWhitelist).toEqual(['198.51.100.4']);
  });

  it('says differs when the exchange answered done but still reports the key unbound (a forgotten IP list)', async () => {
    const { adapter, key, plan } = setup({ bots: [unbound] });
    const outcome = await rereadAfterRestrict({ adapter, connection, evaluateFindings: () => [], key, plan });
    expect(outcome).toMatchObject({ confirmation: 'differs', reported: { ipWhitelist: null }, message: expect.stringContaining('differently') });
  });

  it('says unconfirmed when the account cannot be read again, and differs when the key is gone', async () => {
    const failing = setup({ bots: new Error('down') });
    expect((await rereadAfterRestrict({ ...failing, connection, evaluateFindings: () => [] })).confirmation).toBe('unconfirmed');
    const gone = setup({ bots: [] });
    expect(await rereadAfterRestrict({ ...gone, connection, evaluateFindings: () => [] })).toMatchObject({ confirmation: 'differs', reported: null });
  });
});
