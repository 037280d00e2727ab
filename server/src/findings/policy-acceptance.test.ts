import { describe, expect, it } from 'vitest';
import type { AuditedKey } from '@contract/audited-key.ts';
import { evaluateFindings } from './evaluate-findings.ts';
import { grant, makeKey, TEST_NOW_MS } from './make-test-key.ts';
import { parsePolicy } from './load-policy.ts';
import { createAcceptanceMatcher, toAcceptanceScope } from './policy-acceptance.ts';

/** Two OKX sub-account keys of one account that OKX listed as "******", and one key with a real id in another connection. */
const okxKey = (overrides: Partial<AuditedKey>) => makeKey({
  exchange: 'okx', apiKey: '******', isApiKeyMasked: true, capabilities: [grant('withdraw', 'withdraw')], ipWhitelist: null, ...overrides,
});
const maskedA = okxKey({ id: 'masked-a', label: 'v5', account: { kind: 'sub', name: 'bots' } });
const maskedB = okxKey({ id: 'masked-b', label: 'v5.1', account: { kind: 'sub', name: 'bots' } });
const maskedElsewhere = okxKey({ id: 'masked-c', label: 'v5', account: { kind: 'sub', name: 'taxes' } });
const real = okxKey({ id: 'real', apiKey: '8f3c2a61-5b7e-4d90-a1c4-6e2b9f0d7a35', isApiKeyMasked: undefined, account: { kind: 'sub', name: 'bots' } });
const sameRealInConnection2 = { ...real, id: 'real-2', connectionId: 'conn-2' };
const RULE = 'withdraw-without-ip-whitelist';

const accepted = (keys: AuditedKey[], acceptances: unknown[]) => {
  const policy = parsePolicy({ acceptances }, 'test policy');
  const findings = evaluateFindings(keys, { now: TEST_NOW_MS, policy }).filter((finding) => finding.ruleId === RULE);
  return findings.filter((finding) => finding.acceptance).map((finding) => finding.keyId).sort();
};
const entry = (scope: object) => ({ ruleId: RULE, reason: 'reviewed', expiresAt: '2099-01-01', ...scope });

describe(createAcceptanceMatcher.name, () => {
  it('an acceptance of one masked key silences that key only, not every "******" of the account', () => {
    expect(accepted([maskedA, maskedB, maskedElsewhere], [entry(toAcceptanceScope(maskedA))])).toEqual(['masked-a']);
  });

  it('an acceptance of a key in one connection does not reach the same key string in another connection', () => {
    expect(accepted([real, sameRealInConnection2], [entry(toAcceptanceScope(real))])).toEqual(['real']);
  });

  it('a scoped acceptance written by hand, without keyId, covers the real key of that connection and account', () => {
    const { keyId: _keyId, ...byHand } = toAcceptanceScope(real);
    expect(accepted([real, sameRealInConnection2], [entry(byHand)])).toEqual(['real']);
    expect(accepted([real], [entry({ ...byHand, account: { kind: 'sub', name: 'taxes' } })])).toEqual([]);
  });

  it('a scoped acceptance without keyId never covers a masked key: its apiKey names none', () => {
    const { keyId: _keyId, ...byHand } = toAcceptanceScope(maskedA);
    expect(accepted([maskedA, maskedB], [entry(byHand)])).toEqual([]);
  });

  describe('entries from before acceptances were scoped (exchange and apiKey only)', () => {
    it('still cover a key whose apiKey identifies exactly one key of the audit', () => {
      expect(accepted([real, maskedA], [entry({ exchange: 'okx', apiKey: real.apiKey })])).toEqual(['real']);
    });

    it('cover no masked key, even when written for "******"', () => {
      expect(accepted([maskedA, maskedB, maskedElsewhere], [entry({ exchange: 'okx', apiKey: '******' })])).toEqual([]);
    });

    it('cover nothing when the key string appears in more than one connection: which one was meant is unknown', () => {
      expect(accepted([real, sameRealInConnection2], [entry({ exchange: 'okx', apiKey: real.apiKey })])).toEqual([]);
    });

    it('cover nothing on another exchange', () => {
      expect(accepted([real], [entry({ exchange: 'kucoin', apiKey: real.apiKey })])).toEqual([]);
    });
  });

  it('the matcher alone: scope fields decide, the rule and expiry are the caller\'s', () => {
    const covers = createAcceptanceMatcher([maskedA, maskedB]);
    expect(covers(toAcceptanceScope(maskedA), maskedA)).toBe(true);
    expect(covers(toAcceptanceScope(maskedA), maskedB)).toBe(false);
  });
});
