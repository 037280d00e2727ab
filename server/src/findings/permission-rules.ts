import { EXCHANGE_NAMES, exchangeInfo } from '@contract/exchanges.ts';
import { defineRule } from './finding-rule.ts';
import { WITHDRAW_CAPABILITIES, describePermissions, grantsOf, uncertaintyNote, whitelistStateOf } from './key-facts.ts';

export const auditKeyTooPowerful = defineRule({
  id: 'audit-key-too-powerful',
  severity: 'high',
  title: "keyaudit's own key can do more than read",
  description: "The key keyaudit signs with has any permission beyond reading and what its exchange requires for an audit (the exchange table's auditKeyNeeds).",
  evaluate(key) {
    // Where an exchange lists sub-accounts only to a key holding more than read (Bybit: Account Transfer), that
    // permission is what the audit needs, not excess: flagging it would tell the user to remove what makes the audit work.
    const needs = exchangeInfo(key.exchange).auditKeyNeeds;
    const beyondNeeds = key.capabilities.filter((grant) => grant.capability !== 'read' && !needs.permissions.includes(grant.from));
    if (!key.isCallingKey || beyondNeeds.length === 0) return null;
    return {
      why: `keyaudit signs its requests with this key, and it can do more than an audit needs (${describePermissions(beyondNeeds)}). Every extra permission is risk with no benefit if this machine or its vault is ever compromised.${uncertaintyNote(key, beyondNeeds)}`,
      fix: `Create a read-only key with an IP whitelist for this machine, switch the keyaudit connection to it, then revoke this key or remove its extra permissions. ${needs.why}`,
    };
  },
});

export const withdrawEnabled = defineRule({
  id: 'withdraw-enabled',
  severity: 'medium',
  title: 'Can withdraw funds',
  description:
    'The key can withdraw or send funds to other users and has an IP whitelist, or the exchange does not say whether it has one. (Without a whitelist, withdraw-without-ip-whitelist fires instead.)',
  evaluate(key) {
    const grants = grantsOf(key, WITHDRAW_CAPABILITIES);
    const state = whitelistStateOf(key);
    if (grants.length === 0 || (state !== 'restricted' && state !== 'unknown')) return null;
    const base = `This key can move funds off the exchange (${describePermissions(grants)}).`;
    const note = uncertaintyNote(key, grants);
    if (state === 'unknown') {
      return {
        why: `${base} keyaudit cannot tell whether it has an IP whitelist: ${EXCHANGE_NAMES[key.exchange]} does not report it.${note}`,
        fix: "Check the key's IP whitelist on the exchange's API management page, and confirm that the tool using this key needs to withdraw; if not, remove the withdraw permission.",
      };
    }
    return {
      why: `${base} Its IP whitelist limits where it can be used from, but whoever controls a whitelisted machine can still withdraw.${note}`,
      fix: 'Confirm that the tool using this key needs to withdraw; if not, remove the withdraw permission or replace the key with one without it.',
    };
  },
});

export const readOnlyWithWhitelist = defineRule({
  id: 'read-only-with-whitelist',
  severity: 'info',
  title: 'Read-only and limited to known IP addresses',
  description: 'Good practice: the key can only read and has an IP whitelist. Not said of a key whose exchange does not report whether it can withdraw.',
  evaluate(key) {
    const isReadOnly = key.capabilities.length > 0 && key.capabilities.every((grant) => grant.capability === 'read');
    // "Can only read" would be a guess where the exchange is silent on withdrawal (Binance's sub-account keys).
    const isWithdrawUnknown = key.unreported?.includes('withdraw') ?? false;
    if (!isReadOnly || isWithdrawUnknown || whitelistStateOf(key) !== 'restricted') return null;
    return {
      why: 'This key can only read, and its IP whitelist limits where it can be used from. This is how a key should look.',
      fix: 'Nothing to fix. Keep the IP whitelist current when the machines that use the key change.',
    };
  },
});

export const PERMISSION_RULES = [auditKeyTooPowerful, withdrawEnabled, readOnlyWithWhitelist] as const;
