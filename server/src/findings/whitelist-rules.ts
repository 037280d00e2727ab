import type { AuditedKey } from '@contract/audited-key.ts';
import type { Capability } from '@contract/capability.ts';
import type { Severity } from '@contract/finding.ts';
import { defineRule, type RuleHit } from './finding-rule.ts';
import { TRADE_CAPABILITIES, WITHDRAW_CAPABILITIES, describeOpenness, describePermissions, grantsOf, isOpenToAnyIp, uncertaintyNote } from './key-facts.ts';

type OpenKeySpec = {
  capabilities: readonly Capability[];
  /** "can move funds off the exchange" — completed with the exchange's permission words. */
  canDo: string;
  danger: string;
  fix: string;
};

/**
 * Shared shape of the "powerful key, reachable from any IP" rules. A key whose whitelist is
 * 'unknown' never matches: we do not claim "no whitelist" when the exchange did not say.
 */
function openKeyHit(key: AuditedKey, spec: OpenKeySpec): RuleHit | null {
  const grants = grantsOf(key, spec.capabilities);
  if (grants.length === 0 || !isOpenToAnyIp(key)) return null;
  return {
    why: `This key ${spec.canDo} (${describePermissions(grants)}) and ${describeOpenness(key)}. ${spec.danger}${uncertaintyNote(key, grants)}`,
    fix: spec.fix,
  };
}

function openKeyRule<const Id extends string>(descriptor: { id: Id; severity: Severity; title: string; description: string }, spec: OpenKeySpec) {
  return defineRule({ ...descriptor, evaluate: (key) => openKeyHit(key, spec) });
}

export const withdrawWithoutIpWhitelist = openKeyRule(
  {
    id: 'withdraw-without-ip-whitelist',
    severity: 'critical',
    title: 'Can withdraw from any IP address',
    description: 'The key can withdraw or send funds to other users, and has no IP whitelist.',
  },
  {
    capabilities: WITHDRAW_CAPABILITIES,
    canDo: 'can move funds off the exchange',
    danger: 'Anyone who obtains the key and its secret (a leaked config file, a compromised bot server) can withdraw your funds.',
    fix: 'Revoke this key, or add an IP whitelist and remove the withdraw permission if it is not needed.',
  },
);

export const tradeWithoutIpWhitelist = openKeyRule(
  {
    id: 'trade-without-ip-whitelist',
    severity: 'high',
    title: 'Can trade from any IP address',
    description: 'The key can trade (spot, margin, futures or options), and has no IP whitelist.',
  },
  {
    capabilities: TRADE_CAPABILITIES,
    canDo: 'can place orders',
    danger: 'A stolen trading key can drain an account without any withdrawal, for example by trading into an illiquid market the thief controls.',
    fix: 'Add an IP whitelist listing the public IP addresses of the machines that use this key, or revoke the key if nothing uses it.',
  },
);

export const internalTransferWithoutIpWhitelist = openKeyRule(
  {
    id: 'internal-transfer-without-ip-whitelist',
    severity: 'high',
    title: 'Can move funds between accounts from any IP address',
    description: 'The key can transfer funds between your own accounts or sub-accounts, and has no IP whitelist.',
  },
  {
    capabilities: ['transfer-internal'],
    canDo: 'can move funds between your accounts and sub-accounts',
    danger: 'An attacker can shift funds into whichever account another stolen key (trading or withdrawal) controls.',
    fix: 'Add an IP whitelist, and remove the transfer permission if the tool using this key does not move funds between accounts.',
  },
);

export const subaccountManagementWithoutIpWhitelist = openKeyRule(
  {
    id: 'subaccount-management-without-ip-whitelist',
    severity: 'high',
    title: 'Can manage sub-accounts from any IP address',
    description: 'The key can create or change sub-accounts or their keys, and has no IP whitelist.',
  },
  {
    capabilities: ['manage-subaccounts'],
    canDo: 'can manage sub-accounts',
    danger: 'With it an attacker can create new sub-account keys, with any permission, that you have never seen.',
    fix: 'Add an IP whitelist, or replace this key with one that cannot manage sub-accounts if that is not needed.',
  },
);

/**
 * A key that can move funds or trade, whose whitelist keyaudit could not learn (a read that failed, or an exchange
 * that never reports it): 'unknown' never counts as "no whitelist" above, so this rule keeps such a key from
 * looking clean. Binance's ipRestrict=true (restricted, list not shown) is known to be restricted and does not match.
 */
export const whitelistUnknownOnPowerfulKey = defineRule({
  id: 'whitelist-unknown-on-powerful-key',
  severity: 'high',
  title: 'Whitelist unknown on a key that can move funds or trade',
  description: 'keyaudit could not read, or the exchange does not report, the IP whitelist of a key that can withdraw, transfer or trade.',
  evaluate(key) {
    const missing = [...(key.unread ?? []), ...(key.unreported ?? [])].includes('ip-whitelist');
    if (!missing || key.ipWhitelist !== 'unknown') return null;
    const grants = grantsOf(key, [...WITHDRAW_CAPABILITIES, 'transfer-internal', ...TRADE_CAPABILITIES]);
    if (grants.length === 0) return null;
    const how = key.unread?.includes('ip-whitelist') ? 'The exchange did not answer keyaudit\'s request for this key\'s IP whitelist' : 'The exchange does not report this key\'s IP whitelist';
    return {
      why: `${how}, and the key holds ${describePermissions(grants)}, which can move funds or trade. If it has no whitelist, anyone who obtains the key and its secret can use it from anywhere.${uncertaintyNote(key, grants)}`,
      fix: 'Check the whitelist on the exchange\'s API management page (or audit again: a failed read may answer next time); bind the key to the IPs that use it.',
    };
  },
});

export const WHITELIST_RULES = [
  withdrawWithoutIpWhitelist,
  whitelistUnknownOnPowerfulKey,
  tradeWithoutIpWhitelist,
  internalTransferWithoutIpWhitelist,
  subaccountManagementWithoutIpWhitelist,
] as const;
