/**
 * Permissions that hand funds to other people are judged as moving funds out, from the exchange's raw answer to the
 * finding: a key holding one with no IP whitelist gets the critical finding, with the exchange's word and the
 * admission that the mapping is an inference.
 */
import { describe, expect, it } from 'vitest';
import type { AuditedKey, ExchangeKey } from '@contract/audited-key.ts';
import { toBybitCallingExchangeKey } from '../exchanges/bybit/bybit-normalize.ts';
import { toOkxCallingKey } from '../exchanges/okx/okx-normalize.ts';
import { toKucoinExchangeKey } from '../exchanges/kucoin/kucoin-normalize.ts';
import { evaluateFindings } from './evaluate-findings.ts';
import { TEST_NOW_MS } from './make-test-key.ts';

const audited = (key: ExchangeKey): AuditedKey => ({ ...key, id: 'k1', connectionId: 'c1' });
const criticalOf = (key: ExchangeKey) =>
  evaluateFindings([audited(key)], { now: TEST_NOW_MS }).find((finding) => finding.ruleId === 'withdraw-without-ip-whitelist');

/** A Bybit master key from GET /v5/user/query-api, read and write, bound to no IP ("*"). */
const bybitMasterKey = (permissions: Record<string, string[]>) => toBybitCallingExchangeKey({
  apiKey: 'opjSlSOzqIeXROT5rq', note: 'p2p desk', readOnly: 0, permissions, ips: ['*'], type: 1, isMaster: true, userID: '53888001',
  createdAt: '2026-05-01T00:00:00Z', expiredAt: '1970-01-01T00:00:00Z', deadlineDay: -2,
}, TEST_NOW_MS);

describe('keys that can hand funds to other people, without an IP whitelist', () => {
  it.each([
    ['FiatP2P', 'FiatP2POrder'],
    ['FiatP2P', 'Advertising'],
    ['FiatBitPay', 'FaitPayOrder'],
    ['FiatBybitPay', 'FaitPayOrder'],
    ['BitCard', 'BitCard'],
  ])('Bybit %s:%s gets the critical finding, naming the word as an inference', (group, word) => {
    const finding = criticalOf(bybitMasterKey({ [group]: [word] }));
    expect(finding?.severity).toBe('critical');
    expect(finding?.why).toContain(`'${group}:${word}'`);
    expect(finding?.why).toContain('an inference');
  });

  it('Bybit: a permission group keyaudit has never seen, named for payments, counts as moving funds', () => {
    expect(criticalOf(bybitMasterKey({ FiatGlobalPay: ['GlobalPayOrder'] }))?.severity).toBe('critical');
  });

  it('OKX: an unknown word that names withdrawal or transfers counts as moving funds; another unknown word does not', () => {
    const okxKey = (perm: string) => toOkxCallingKey({ uid: '1', mainUid: '1', perm, ip: '', label: 'bot' }, '8f3c2a61-5b7e-4d90-a1c4-6e2b9f0d7a35');
    expect(criticalOf(okxKey('read_only,fast_withdraw'))?.severity).toBe('critical');
    expect(criticalOf(okxKey('read_only,fast_api'))).toBeUndefined();
  });

  it('KuCoin: an unknown word that names transfers counts as moving funds', () => {
    const raw = { apiKey: '6705f5c311545b000157d3eb', remark: 'bot', permission: 'General,CryptoTransferOut', ipWhitelist: '', createdAt: TEST_NOW_MS, isMaster: false, subName: 'bots', uid: 1 };
    expect(criticalOf(toKucoinExchangeKey(raw, { isCallingKey: false }))?.severity).toBe('critical');
  });
});
