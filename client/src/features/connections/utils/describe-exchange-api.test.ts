import { describe, expect, it } from 'vitest';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { describeExchangeApi } from './describe-exchange-api.ts';

describe(describeExchangeApi.name, () => {
  it.each(EXCHANGE_IDS)('%s: says what the exchange table says its API can and cannot do', (exchange) => {
    const { name, api } = exchangeInfo(exchange);
    const text = describeExchangeApi(exchange).join(' ');
    expect(/lists (.+ and )?the master account's other keys\./.test(text)).toBe(api.canListOtherMasterKeys);
    expect(text.includes("It cannot see sub-accounts' keys.")).toBe(!api.canListSubAccountKeys);
    expect(text.includes("It cannot see the master account's other keys.")).toBe(!api.canListOtherMasterKeys);
    const revokesNothing = api.revokeSubKeys === 'website-only' && api.revokeMasterKeys === 'none';
    expect(text.includes(`${name}'s API deletes no key`)).toBe(revokesNothing);
    expect(text.includes('Sub-account keys can be revoked only')).toBe(api.revokeSubKeys === 'website-only' && !revokesNothing);
    expect(text.includes('keyaudit can revoke sub-account keys')).toBe(api.revokeSubKeys !== 'website-only');
    expect(text.includes("keyaudit can narrow a sub-account key's")).toBe(api.restrict.subKeys.ips || api.restrict.subKeys.permissions);
    expect(text.includes("with each key's own API passphrase")).toBe(api.revokeSubKeys === 'api-needs-key-passphrase');
    expect(text.includes(`For that, ${name} requires this key`)).toBe(api.revokeSubKeysNeeds.length > 0);
    expect(text.includes('keyaudit can revoke only this one')).toBe(api.revokeMasterKeys === 'calling-key-only');
    expect(text.includes(`Master-account keys can be revoked only on ${name}'s website.`)).toBe(api.revokeMasterKeys === 'none' && !revokesNothing);
    expect(text.includes("keyaudit can revoke the master account's other keys, not this one.")).toBe(api.revokeMasterKeys === 'other-keys');
  });

  it.each(EXCHANGE_IDS)("%s: says what the key needs for an audit, and claims reading is enough only where it is", (exchange) => {
    const { auditKeyNeeds, api } = exchangeInfo(exchange);
    const text = describeExchangeApi(exchange).join(' ');
    expect(text).toContain(auditKeyNeeds.why);
    expect(text.includes('reading alone needs none of it')).toBe(auditKeyNeeds.isReadOnly && api.revokeSubKeysNeeds.length > 0);
  });

  it('tells a Bybit user to grant Account Transfer, without claiming reading alone is enough', () => {
    const text = describeExchangeApi('bybit').join(' ');
    expect(text).toContain('give keyaudit\'s key Account Transfer');
    expect(text).toContain('For that, Bybit requires this key to have a transfer or withdrawal permission and read-write access.');
  });

  it("names each thing OKX requires of the key before it deletes sub-account keys", () => {
    expect(describeExchangeApi('okx')).toContain('For that, OKX requires this key to have Trade permission and an IP whitelist; reading alone needs none of it.');
  });
});
