// The demo fixture: a Bybit master account and its sub-accounts, as keyaudit shows them in demo mode.
// Every key and secret here is fake and only works against the simulator.
import { createHash } from 'node:crypto';
import type { BybitSeed, BybitSeedKey, BybitSeedSubAccount } from './bybit-simulator-state.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DAY_MS = 86_400_000;
const MASTER_UID = '100245813';

/** Deterministic, Bybit-shaped identifiers: 18 letters and digits for keys, 36 for secrets. */
function demoText(label: string, length: number): string {
  const bytes = createHash('sha256').update(`keyaudit-bybit-demo:${label}`).digest();
  return Array.from({ length }, (_, index) => ALPHABET[(bytes[index % bytes.length]! + index * 7) % ALPHABET.length]).join('');
}
export const demoBybitApiKey = (label: string) => demoText(`key:${label}`, 18);
export const demoBybitSecret = (label: string) => demoText(`secret:${label}`, 36);

/** createdAt values are relative to this date unless the caller passes another. */
export const BYBIT_DEMO_REFERENCE_MS = Date.UTC(2026, 10, 1);

/**
 * The demo connection: the master key keyaudit signs with, bound to 127.0.0.1. Listing sub-accounts needs a
 * Wallet permission on Bybit, so it carries the two transfer words and nothing that trades or withdraws.
 */
export const BYBIT_DEMO_CONNECTION = { apiKey: demoBybitApiKey('master/keyaudit'), secret: demoBybitSecret('master/keyaudit') } as const;

/** A sub-account key that can itself be a connection (bound to 127.0.0.1) and may delete itself. */
export const BYBIT_DEMO_SUB_CONNECTION = {
  uid: '100245904',
  apiKey: demoBybitApiKey('100245904/treasury-monitor'),
  secret: demoBybitSecret('100245904/treasury-monitor'),
} as const;

type KeyRow = [note: string, permissions: Record<string, string[]>, ips: string[], daysAgo: number, extra?: Partial<BybitSeedKey>];

const TRADE_DERIVATIVES = { ContractTrade: ['Order', 'Position'], Derivatives: ['DerivativesTrade'] };

// UID → keys. A spread like a real desk's: IP-bound trade bots, unbound bots that expire within 90 days
// (one within a week), read-only trackers with and without IPs, a third-party app key, and an unbound transfer key.
// Bybit lets only master keys withdraw, so no sub-account key here can.
const DEMO_SUB_ACCOUNTS: [uid: string, username: string, remark: string, keys: KeyRow[]][] = [
  ['100245901', 'mmdesk01', 'Market making', [
    ['hummingbot-mm', { ...TRADE_DERIVATIVES, Spot: ['SpotTrade'] }, ['18.181.170.164'], 300],
    ['mm-hedge', { ContractTrade: ['Order', 'Position'] }, ['13.212.45.47', '13.212.45.48'], 210],
  ]],
  ['100245902', 'gridbots', 'Grid and DCA bots', [
    ['3commas-dca', { Spot: ['SpotTrade'], ContractTrade: ['Order', 'Position'] }, ['*'], 40],
    ['pionex-grid', { Spot: ['SpotTrade'] }, ['*'], 84],
    ['copytrade-app', TRADE_DERIVATIVES, ['52.77.221.15', '52.220.64.18'], 150, { type: 2 }],
  ]],
  ['100245903', 'taxreports', 'Tax and portfolio trackers', [
    ['koinly-readonly', { Spot: ['SpotTrade'], Exchange: ['ExchangeHistory'] }, ['35.157.98.12'], 400, { readOnly: true }],
    ['cointracking', { Spot: ['SpotTrade'], Exchange: ['ExchangeHistory'] }, ['*'], 60, { readOnly: true }],
    ['portfolio-sheet', { Spot: ['SpotTrade'] }, ['203.0.113.25'], 120, { readOnly: true }],
  ]],
  ['100245904', 'treasury', 'Treasury operations', [
    ['sweeper', { Wallet: ['AccountTransfer', 'SubMemberTransferList'] }, ['*'], 30],
    ['earn-autocompound', { Earn: ['Earn'], Wallet: ['AccountTransfer'] }, ['54.169.33.201'], 260],
    ['treasury-monitor', { Wallet: ['AccountTransfer'] }, ['127.0.0.1'], 15],
  ]],
];

function demoKey(uid: string, [note, permissions, ips, daysAgo, extra]: KeyRow, referenceMs: number): BybitSeedKey {
  const label = `${uid}/${note}`;
  return { apiKey: demoBybitApiKey(label), secret: demoBybitSecret(label), note, readOnly: false, permissions, ips, createdAtMs: referenceMs - daysAgo * DAY_MS, ...extra };
}

function demoMaster(referenceMs: number): BybitSeed['master'] {
  const key = demoKey('master', ['keyaudit', { Wallet: ['AccountTransfer', 'SubMemberTransfer'] }, ['127.0.0.1'], 20], referenceMs);
  return { uid: MASTER_UID, keys: [key] };
}

/** The demo accounts: 4 sub-accounts and 12 keys (master included), dated relative to referenceMs. */
export function createBybitDemoSeed(referenceMs: number = BYBIT_DEMO_REFERENCE_MS): BybitSeed {
  const subAccounts = DEMO_SUB_ACCOUNTS.map(([uid, username, remark, keys]): BybitSeedSubAccount => ({
    uid, username, remark, keys: keys.map((row) => demoKey(uid, row, referenceMs)),
  }));
  return { master: demoMaster(referenceMs), subAccounts };
}

const LARGE_SEED_PERMISSIONS: Record<string, string[]>[] = [{}, { Spot: ['SpotTrade'] }, TRADE_DERIVATIVES, { Wallet: ['AccountTransfer'] }, { Earn: ['Earn'] }];

/** Many sub-accounts and keys for paging and rate-limit tests. Same master key as the demo; every third key is IP-bound. */
export function createLargeBybitSeed(
  { subAccounts = 150, keysPerSub = 25, referenceMs = BYBIT_DEMO_REFERENCE_MS }: { subAccounts?: number; keysPerSub?: number; referenceMs?: number } = {},
): BybitSeed {
  const subs = Array.from({ length: subAccounts }, (_, subIndex): BybitSeedSubAccount => {
    const uid = String(200000000 + subIndex);
    const keys = Array.from({ length: keysPerSub }, (_, keyIndex): BybitSeedKey => {
      const permissions = LARGE_SEED_PERMISSIONS[(subIndex + keyIndex) % LARGE_SEED_PERMISSIONS.length]!;
      const ips = keyIndex % 3 === 0 ? [`198.51.100.${(keyIndex % 250) + 1}`] : ['*'];
      return demoKey(uid, [`key-${keyIndex + 1}`, permissions, ips, (subIndex * 7 + keyIndex) % 80], referenceMs);
    });
    return { uid, username: `sub${String(subIndex + 1).padStart(4, '0')}`, remark: `generated sub-account ${subIndex + 1}`, keys };
  });
  return { master: demoMaster(referenceMs), subAccounts: subs };
}
