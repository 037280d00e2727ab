import type { GrantedCapability } from '@contract/capability.ts';

/**
 * Stems of words that name moving money: withdrawing, transferring, paying, P2P and OTC deals, cards, fiat, wallets
 * and funds. Exchanges add permissions without notice (Bybit added P2P, Pay and Card groups within a year); one whose
 * name says it can move funds must be judged as able to, until the mapping tables learn it.
 */
const MOVES_FUNDS = /withdraw|transfer|pay|p2p|c2c|otc|card|fiat|release|send|remit|wallet|fund|asset/i;

/**
 * What a permission word keyaudit does not know grants: always uncertain, never nothing. A word that could move funds
 * counts as transfer-external, so a key holding it without an IP whitelist gets the critical finding; any other word
 * counts as `other`. The raw word stays visible beside either.
 */
export function toUnknownPermissionCapabilities(word: string): GrantedCapability[] {
  return [{ capability: MOVES_FUNDS.test(word) ? 'transfer-external' : 'other', from: word, isUncertain: true }];
}
