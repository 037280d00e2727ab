import type { AuditedKey } from '@contract/audited-key.ts';
import type { ExchangeId } from '@contract/exchange-id.ts';
import type { KeyDeadline } from '@contract/key-deadline.ts';
import { DAY_MS, isOpenToAnyIp, TRADE_CAPABILITIES, WITHDRAW_CAPABILITIES } from './key-facts.ts';

/**
 * The exchanges' own expiry and deletion rules for API keys, as data: each with its official source and
 * the day it was read there. Versioned with the code: when an exchange changes a rule, change it here,
 * with the new source and date, and its test in exchange-key-rules.test.ts.
 */
export type ExchangeKeyRule = {
  id: string;
  effect: KeyDeadline['effect'];
  /**
   * What starts the clock. inactivity: the key's last use (known only where the exchange reports it);
   * permission-enabled: the day a permission was switched on (the API does not say; a reported date wins);
   * created: the key's creation.
   */
  clock: 'inactivity' | 'permission-enabled' | 'created';
  days: number;
  appliesTo(key: AuditedKey): boolean;
  /** The rule as the exchange states it, in one sentence. */
  rule: string;
  sourceUrl: string;
  readOn: string;
  /**
   * The exchange reports this rule's deadline on the key itself (Bybit's expiredAt, Binance's
   * tradingAuthorityExpirationTime), normalized to expiresAt: that date wins over the computed one.
   */
  reportedAs?: 'expiresAt';
};

/** Per exchange: its rules, or why there are none. A Record, so a new exchange must say which. */
export type ExchangeKeyRules = { rules: readonly ExchangeKeyRule[]; noRuleNote: string | null };

const has = (key: AuditedKey, capabilities: readonly string[]) => key.capabilities.some((granted) => capabilities.includes(granted.capability));

export const EXCHANGE_KEY_RULES: Record<ExchangeId, ExchangeKeyRules> = {
  kucoin: {
    rules: [{
      id: 'kucoin-unbound-trading-key-inactive-30-days',
      effect: 'deleted-or-loses-trading',
      clock: 'inactivity',
      days: 30,
      appliesTo: (key) => has(key, TRADE_CAPABILITIES) && isOpenToAnyIp(key),
      rule: 'KuCoin deletes API keys enabled for spot, margin or futures trading but not linked to an IP address, or disables their trade permissions, after 30 days of inactivity; keys with only General permissions never expire.',
      sourceUrl: 'https://www.kucoin.com/support/360015102174',
      readOn: '2026-12-04',
    }],
    noRuleNote: null,
  },
  binance: {
    rules: [{
      id: 'binance-unrestricted-trading-permission-30-days',
      effect: 'loses-trading',
      clock: 'permission-enabled',
      days: 30,
      appliesTo: (key) => has(key, ['trade-spot', 'trade-margin']) && isOpenToAnyIp(key),
      rule: 'Binance unchecks "Enable Spot & Margin Trading" 30 days after it was enabled on an API key with no whitelisted IP address (rules of 2021-07-09; keys created earlier are affected once their permissions are edited).',
      sourceUrl: 'https://www.binance.com/en/support/announcement/cda0a4b53da04396b5d27881e93abf78',
      readOn: '2026-12-04',
      reportedAs: 'expiresAt',
    }],
    noRuleNote: null,
  },
  okx: {
    rules: [{
      id: 'okx-unbound-trade-or-withdraw-key-inactive-14-days',
      effect: 'deleted',
      clock: 'inactivity',
      days: 14,
      appliesTo: (key) => has(key, [...TRADE_CAPABILITIES, ...WITHDRAW_CAPABILITIES]) && isOpenToAnyIp(key),
      rule: 'OKX expires API keys that have trade or withdraw permission and are not linked to an IP address after 14 days of inactivity (demo-trading keys are exempt).',
      sourceUrl: 'https://www.okx.com/docs-v5/en/#overview-api-key-creation',
      readOn: '2026-12-04',
    }],
    noRuleNote: null,
  },
  bybit: {
    rules: [{
      id: 'bybit-unbound-key-90-days',
      effect: 'expires',
      clock: 'created',
      days: 90,
      appliesTo: (key) => isOpenToAnyIp(key),
      rule: 'Bybit invalidates API keys with no IP bound after 90 days, and any key 7 days after the account password changes.',
      sourceUrl: 'https://bybit-exchange.github.io/docs/v5/user/modify-sub-apikey',
      readOn: '2026-12-04',
      reportedAs: 'expiresAt',
    }],
    noRuleNote: null,
  },
  gate: {
    rules: [],
    noRuleNote: 'Gate documents no expiry or inactivity rule for API keys, so keyaudit predicts none.',
  },
  deribit: {
    rules: [],
    noRuleNote: 'Deribit documents no expiry or inactivity rule for API keys, so keyaudit predicts none.',
  },
  coinbase: {
    rules: [],
    noRuleNote: 'Coinbase documents no expiry or inactivity rule for CDP API keys, so keyaudit predicts none.',
  },
  kraken: {
    rules: [],
    noRuleNote: "Kraken documents no expiry or inactivity rule for API keys; a key expires only on the date set on it (validUntil), which keyaudit shows.",
  },
  bitget: {
    rules: [],
    noRuleNote: 'Bitget states no expiry or inactivity rule for API keys on the pages keyaudit relies on, so keyaudit predicts none.',
  },
  htx: {
    rules: [{
      id: 'htx-unbound-key-90-days',
      effect: 'expires',
      clock: 'created',
      days: 90,
      appliesTo: (key) => isOpenToAnyIp(key),
      rule: 'HTX expires API keys bound to no IP address after 90 days.',
      sourceUrl: 'https://huobiapi.github.io/docs/spot/v1/en/#best-practice',
      readOn: '2026-12-05',
      reportedAs: 'expiresAt',
    }],
    noRuleNote: null,
  },
};

/**
 * The rules that apply to this key, each with its deadline when the rule's clock can be read. An inactivity
 * clock starts at the newest use known: the exchange's last-used date (Gate's last_access, …) or keyaudit's own
 * last successful signed call with the key (`keyauditLastUsedAt`, from the usage ledger).
 */
export function keyDeadlines(key: AuditedKey, keyauditLastUsedAt: string | null = null): KeyDeadline[] {
  const lastUsedAt = newestDate(key.lastUsedAt, keyauditLastUsedAt);
  return EXCHANGE_KEY_RULES[key.exchange].rules.filter((rule) => rule.appliesTo(key)).map((rule) => {
    const { dueAt, basis } = deadlineOf(rule, { ...key, lastUsedAt });
    return { ruleId: rule.id, effect: rule.effect, dueAt, basis, rule: rule.rule, sourceUrl: rule.sourceUrl, readOn: rule.readOn };
  });
}

function newestDate(a: string | null, b: string | null): string | null {
  const ms = [a, b].map((iso) => (iso === null ? Number.NaN : Date.parse(iso))).filter((value) => !Number.isNaN(value));
  return ms.length === 0 ? a : new Date(Math.max(...ms)).toISOString();
}

function deadlineOf(rule: ExchangeKeyRule, key: AuditedKey): Pick<KeyDeadline, 'dueAt' | 'basis'> {
  const after = (iso: string | null) => {
    const ms = iso === null ? Number.NaN : Date.parse(iso);
    return Number.isNaN(ms) ? null : new Date(ms + rule.days * DAY_MS).toISOString();
  };
  if (rule.reportedAs === 'expiresAt' && key.expiresAt !== null && !Number.isNaN(Date.parse(key.expiresAt))) {
    return { dueAt: new Date(Date.parse(key.expiresAt)).toISOString(), basis: 'reported' };
  }
  const start = rule.clock === 'inactivity' ? { iso: key.lastUsedAt, basis: 'last-used' as const } : rule.clock === 'created' ? { iso: key.createdAt, basis: 'created' as const } : null;
  const dueAt = start === null ? null : after(start.iso);
  return dueAt === null || start === null ? { dueAt: null, basis: 'unknown' } : { dueAt, basis: start.basis };
}
