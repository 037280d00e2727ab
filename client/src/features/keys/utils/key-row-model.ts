import type { AuditedKey } from '@contract/audited-key.ts';
import type { Finding } from '@contract/finding.ts';
import { EXCHANGE_NAMES, exchangeInfo } from '@contract/exchanges.ts';
import type { SeverityLevel } from '../../../components/severity-badge.tsx';
import { indexFindings, NO_FINDINGS, type KeyFindings } from '../../findings/utils/index-findings.ts';
import { accountShortName } from '../../../utils/describe-account.ts';

/** One key with everything the table sorts and filters on, computed once per audit run. */
export type KeyRowModel = {
  /**
   * Unique among every row this page has built. The virtualized table keys row heights by it: with
   * 50,000 rows, looking up a number is much cheaper than a key's id, and each re-sort looks them all up.
   */
  rowId: number;
  key: AuditedKey;
  findings: KeyFindings;
  /** The Severity column: worst open finding, 'accepted' when all findings are accepted, null when none. */
  level: SeverityLevel;
  /** `master` or `sub:<name>`: the Account filter's value. */
  accountValue: string;
  canWithdraw: boolean;
  hasNoWhitelist: boolean;
  /** The exchange says a third-party application is bound to the key (false when it does not say). */
  isThirdPartyBound: boolean;
  /** Milliseconds since the epoch; null when the key has no expiry date. */
  expiresMs: number | null;
  /** Milliseconds since the epoch; null when never used, or when the exchange does not say (reportsLastUse). */
  lastUsedMs: number | null;
  /** The exchange reports last use, so a key without one was never used. */
  reportsLastUse: boolean;
  /** Label, account and API key, lower-cased, for the text search. */
  searchText: string;
};

/** Entries that match every address count as no whitelist, as in server/src/findings/RULES.md. */
const CATCH_ALL_ENTRIES = new Set(['0.0.0.0/0', '::/0', '*']);

let lastRowId = 0;

export function toKeyRows(keys: readonly AuditedKey[], findings: readonly Finding[]): KeyRowModel[] {
  const findingsByKey = indexFindings(findings);
  return keys.map((key) => {
    const keyFindings = findingsByKey.get(key.id) ?? NO_FINDINGS;
    return {
      rowId: ++lastRowId,
      key,
      findings: keyFindings,
      level: keyFindings.worst ?? (keyFindings.accepted.length > 0 ? 'accepted' : null),
      accountValue: toAccountValue(key.account),
      canWithdraw: key.capabilities.some(({ capability }) => capability === 'withdraw' || capability === 'transfer-external'),
      hasNoWhitelist: hasNoWhitelist(key.ipWhitelist),
      isThirdPartyBound: key.isThirdPartyBound === true,
      expiresMs: key.expiresAt === null ? null : Date.parse(key.expiresAt),
      lastUsedMs: key.lastUsedAt === null ? null : Date.parse(key.lastUsedAt),
      reportsLastUse: exchangeInfo(key.exchange).api.reportsLastUse === true,
      searchText: [key.label, accountShortName(key.account), key.apiKey, EXCHANGE_NAMES[key.exchange]].join('\n').toLowerCase(),
    };
  });
}

export function toAccountValue(account: AuditedKey['account']): string {
  return account.kind === 'master' ? 'master' : `sub:${account.name}`;
}

function hasNoWhitelist(whitelist: AuditedKey['ipWhitelist']): boolean {
  if (whitelist === 'unknown') return false;
  return whitelist === null || whitelist.length === 0 || whitelist.some((entry) => CATCH_ALL_ENTRIES.has(entry.trim()));
}
