import type { Capability, GrantedCapability } from '@contract/capability.ts';
import type { BybitPermissions } from './bybit-responses.ts';
import { toUnknownPermissionCapabilities } from '../unknown-permission.ts';

type Mapping = readonly { capability: Capability; isUncertain: boolean }[];

const sure = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: false }));
const inferred = (...capabilities: Capability[]): Mapping => capabilities.map((capability) => ({ capability, isUncertain: true }));

/**
 * Bybit permission words → capabilities (docs/exchanges/bybit.md#permissions, whose table
 * server/src/exchanges/bybit/bybit-permissions.test.ts holds this one to).
 * Words are written "Group:Word" because Bybit's words only make sense inside their group ("ContractTrade:Order").
 */
export const BYBIT_WORD_CAPABILITIES: Readonly<Record<string, Mapping>> = {
  'ContractTrade:Order': sure('trade-futures'),
  'ContractTrade:Position': sure('trade-futures'),
  'Derivatives:DerivativesTrade': sure('trade-futures'),
  // Margin trading on a unified account rides on SpotTrade: an inference (docs/exchanges/bybit.md#uncertain-mappings).
  'Spot:SpotTrade': [...sure('trade-spot'), ...inferred('trade-margin')],
  // "It supports trade option and USDC perpetual."
  'Options:OptionsTrade': sure('trade-options', 'trade-futures'),
  'Wallet:AccountTransfer': sure('transfer-internal'),
  // Transfers between master and sub-accounts → our 'transfer-internal'.
  'Wallet:SubMemberTransfer': sure('transfer-internal'),
  'Wallet:SubMemberTransferList': sure('transfer-internal'),
  'Wallet:Withdraw': sure('withdraw'),
  'Earn:Earn': sure('earn'),
  // "Permission of convert". 'other' rather than trade-spot: the word itself reads "history".
  'Exchange:ExchangeHistory': sure('other'),
  // P2P, Bybit Pay and Bybit Card send funds to other people: P2P "Release Assets" (POST /v5/p2p/order/finish) hands the
  // escrowed crypto to the buyer, Pay has payouts to other users, a card spends the account's funds. Which of these calls
  // each word unlocks is not documented, hence uncertain (docs/exchanges/bybit.md#uncertain-mappings); never nothing.
  'FiatP2P:FiatP2POrder': inferred('transfer-external'),
  'FiatP2P:Advertising': inferred('transfer-external'),
  'FiatBitPay:FaitPayOrder': inferred('transfer-external'),
  // The group's name until 2026 (Bybit's changelog, 2026-04-09 and 2026-05-14); older answers may still send it.
  'FiatBybitPay:FaitPayOrder': inferred('transfer-external'),
  'BitCard:BitCard': inferred('transfer-external'),
  'FiatConvertBroker:FiatConvertBrokerOrder': sure('other'),
  'ByXPost:ByXPost': sure('other'),
  'Affiliate:Affiliate': sure('other'),
  // Deprecated, "always []"; the word is from the docs' modify-key example.
  'NFT:NFTQueryProductList': sure('other'),
};

/** Groups whose words the docs do not list. Block trades are derivatives and options deals (nearest: futures). */
export const BYBIT_GROUP_CAPABILITIES: Readonly<Record<string, Mapping>> = {
  BlockTrade: inferred('trade-futures'),
  // copy_trading → nearest trade capability; Bybit copy trading is derivatives. Deprecated, "always []".
  CopyTrading: inferred('trade-futures'),
};

/** Wallet words that let a key create, change and delete API keys (tips of delete-sub-api, delete-api, submembers). */
const MASTER_MANAGE_WORDS = ['Wallet:AccountTransfer', 'Wallet:SubMemberTransfer', 'Wallet:Withdraw'];
const SUB_MANAGE_WORDS = ['Wallet:AccountTransfer', 'Wallet:SubMemberTransferList'];

/** `{ Wallet: ["AccountTransfer"] }` → ["Wallet:AccountTransfer"], in the order Bybit listed them; empty groups drop out. */
export function toBybitPermissionWords(permissions: BybitPermissions | null | undefined): string[] {
  return Object.entries(permissions ?? {}).flatMap(([group, words]) => (words ?? []).map((word) => `${group}:${word}`));
}

export type BybitAccess = {
  /** The readOnly flag as one permission word, e.g. "readOnly=1"; the source of 'read'. */
  readOnlyWord: string;
  /** true / false where Bybit documents the flag; 'unknown' where the docs disagree (sub-apikeys' boolean). */
  isReadOnly: boolean | 'unknown';
  isMaster: boolean;
};

/**
 * Every Bybit key can read (any key may call query-api, docs/exchanges/bybit.md#permissions). A key documented as read-only gets nothing else;
 * where the read-only flag's meaning is unverified, the words count but every write capability is uncertain.
 */
export function toBybitCapabilities(words: readonly string[], access: BybitAccess): GrantedCapability[] {
  const read: GrantedCapability = { capability: 'read', from: access.readOnlyWord, isUncertain: false };
  if (access.isReadOnly === true) return [read];
  const isFlagUncertain = access.isReadOnly === 'unknown';
  const granted = words.flatMap((word) => {
    const mapping = BYBIT_WORD_CAPABILITIES[word] ?? BYBIT_GROUP_CAPABILITIES[word.split(':')[0] ?? ''] ?? toUnknownPermissionCapabilities(word);
    // manage-subaccounts: derived, master + any of AccountTransfer / SubMemberTransfer / Withdraw (docs/exchanges/bybit.md#permissions).
    const managing = access.isMaster && MASTER_MANAGE_WORDS.includes(word) ? sure('manage-subaccounts') : [];
    return [...mapping, ...managing].map(({ capability, isUncertain }) => ({ capability, from: word, isUncertain: isUncertain || isFlagUncertain }));
  });
  return [read, ...granted];
}

/**
 * Whether the key may delete API keys: a master key needs Account Transfer, Subaccount Transfer or Withdrawal,
 * a sub-account key Account Transfer or Sub Member Transfer (docs/v5/user/rm-sub-apikey.mdx, rm-master-apikey.mdx).
 * A read-only key is assumed unable to delete anything (an inference: the docs name permissions only).
 */
export function canBybitKeyManageKeys(words: readonly string[], access: Pick<BybitAccess, 'isReadOnly' | 'isMaster'>): boolean {
  if (access.isReadOnly !== false) return false;
  const needed = access.isMaster ? MASTER_MANAGE_WORDS : SUB_MANAGE_WORDS;
  return words.some((word) => needed.includes(word));
}
