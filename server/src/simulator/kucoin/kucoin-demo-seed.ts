// The demo fixture: a master account and its sub-accounts, as keyaudit shows them in demo mode.
// Every key, secret and passphrase here is fake and only works against the simulator.
import { createHash } from 'node:crypto';
import type { KucoinSeed, KucoinSeedKey, KucoinSeedSubAccount } from './kucoin-simulator-state.ts';

/** The demo connection: the master account's key keyaudit signs with in demo mode. */
export const KUCOIN_DEMO_CONNECTION = {
  apiKey: '66c2d9f1a7b34e0001d4e5f6',
  secret: '0d6f1c2e-9a4b-4c3d-8e7f-6a5b4c3d2e1f',
  passphrase: 'demo-master-pass',
} as const;

/** Every demo sub-account key was created with this passphrase, so revoking can be tried in demo mode. */
export const KUCOIN_DEMO_KEY_PASSPHRASE = 'demo-key-pass';

/** createdAt values are relative to this date unless the caller passes another. */
export const KUCOIN_DEMO_REFERENCE_MS = Date.UTC(2026, 10, 1);

const DAY_MS = 86_400_000;
const MASTER_UID = 165111215;

/** Deterministic, KuCoin-shaped identifiers: 24 hex characters for keys, a UUID for secrets. */
function demoHex(label: string): string {
  return createHash('sha256').update(`keyaudit-kucoin-demo:${label}`).digest('hex');
}

export function demoApiKey(label: string): string {
  return demoHex(`key:${label}`).slice(0, 24);
}

export function demoSecret(label: string): string {
  const hex = demoHex(`secret:${label}`);
  return [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`, `8${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}

function demoKey(subName: string, remark: string, permission: string, ipWhitelist: string, createdAtMs: number): KucoinSeedKey {
  const label = `${subName}/${remark}`;
  return { apiKey: demoApiKey(label), secret: demoSecret(label), passphrase: KUCOIN_DEMO_KEY_PASSPHRASE, remark, permission, ipWhitelist, createdAtMs };
}

type DemoKeyRow = [remark: string, permission: string, ipWhitelist: string, daysAgo: number];

// Sub-account name → keys. Covers every permission word of key responses (docs/exchanges/kucoin.md#permissions),
// keys with and without IP whitelists, and several dangerous ones (Transfer / InnerTransfer with no whitelist).
// Whitelists use public cloud-style addresses, except one home-LAN address a user might mistakenly whitelist.
const DEMO_SUB_ACCOUNTS: [subName: string, remarks: string, daysAgo: number, keys: DemoKeyRow[]][] = [
  ['market-maker', 'Hummingbot market making', 700, [
    ['hummingbot-mm', 'General,Spot', '18.179.42.10', 690],
    ['mm-futures-hedge', 'General,Futures', '18.179.42.10,18.179.42.11', 540],
    ['mm-rebalancer', 'General,Spot,InnerTransfer', '', 410],
    ['old-trade-key', 'General, Trade', '', 715],
  ]],
  ['tax-export', 'Tax reports', 650, [
    ['koinly-readonly', 'General', '', 630],
    ['cointracking', 'General', '', 300],
    ['accointing-old', 'General', '85.214.132.7', 600],
  ]],
  ['grid bot 2', 'Second grid bot', 480, [
    ['3commas', 'General,Spot', '', 470],
    ['pionex-grid', 'General,Spot,Margin', '192.168.1.44', 200],
    ['grid-profit-sweep', 'General,Spot,Transfer', '', 120],
  ]],
  ['arb-desk', 'Cross-exchange arbitrage', 420, [
    ['arb-engine-1', 'General,Spot,Margin,Futures', '34.92.17.20', 400],
    ['arb-transfers', 'General,InnerTransfer', '34.92.17.20', 380],
    ['arb-payout', 'General,Transfer', '', 45],
  ]],
  ['copytrade-lead', 'Futures copy trading (lead)', 360, [
    ['copy-lead-bot', 'General,Futures,LeadtradeFutures', '52.77.231.30', 350],
    ['copy-lead-backup', 'General,LeadtradeFutures', '', 90],
  ]],
  ['earn-vault', 'Staking and savings', 300, [
    ['earn-autocompound', 'General,Earn', '139.59.88.12', 280],
    ['earn-script', 'General,Earn,InnerTransfer', '', 150],
  ]],
  ['portfolio-tracker', 'Read-only trackers', 250, [
    ['delta-app', 'General', '', 240],
    ['coinstats', 'General', '', 30],
    ['blockpit-export', 'General', '91.198.174.40', 12],
  ]],
  ['ops-treasury', 'Treasury operations', 200, [
    ['treasury-sweeper', 'General,Transfer', '13.250.4.50', 190],
    ['treasury-monitor', 'General', '127.0.0.1', 60],
    ['ops-script-2023', 'General,Spot,InnerTransfer,Transfer', '', 500],
  ]],
];

/** A sub-account key that can itself be a connection (whitelist 127.0.0.1): for tests of sub-account connections. */
export const KUCOIN_DEMO_SUB_CONNECTION = {
  subName: 'ops-treasury',
  apiKey: demoApiKey('ops-treasury/treasury-monitor'),
  secret: demoSecret('ops-treasury/treasury-monitor'),
  passphrase: KUCOIN_DEMO_KEY_PASSPHRASE,
} as const;

function demoMaster(referenceMs: number): KucoinSeed['master'] {
  return {
    uid: MASTER_UID,
    keys: [{ ...KUCOIN_DEMO_CONNECTION, remark: 'keyaudit', permission: 'General,Spot', ipWhitelist: '127.0.0.1', createdAtMs: referenceMs - 20 * DAY_MS }],
  };
}

/** The demo accounts: 8 sub-accounts, 23 sub-account keys, createdAt spread over the two years before referenceMs. */
export function createKucoinDemoSeed(referenceMs: number = KUCOIN_DEMO_REFERENCE_MS): KucoinSeed {
  const subAccounts: KucoinSeedSubAccount[] = DEMO_SUB_ACCOUNTS.map(([subName, remarks, daysAgo, keys], index) => ({
    subName,
    uid: 225139445 + index,
    userId: demoHex(`user:${subName}`).slice(0, 24),
    remarks,
    createdAtMs: referenceMs - daysAgo * DAY_MS,
    keys: keys.map(([remark, permission, ipWhitelist, keyDaysAgo]) =>
      demoKey(subName, remark, permission, ipWhitelist, referenceMs - keyDaysAgo * DAY_MS)),
  }));
  return { master: demoMaster(referenceMs), subAccounts };
}

const LARGE_SEED_PERMISSIONS = ['General', 'General,Spot', 'General,Futures', 'General,Spot,Margin', 'General,Earn',
  'General,InnerTransfer', 'General,Transfer', 'General,Futures,LeadtradeFutures', 'General, Trade'];

/**
 * Many sub-accounts and keys for paging, rate-limit and bench tests. Same master key as the demo.
 * Every seventh sub-account name has a space; every third key has an IP whitelist.
 */
export function createLargeKucoinSeed(
  { subAccounts = 200, keysPerSub = 25, referenceMs = KUCOIN_DEMO_REFERENCE_MS }: { subAccounts?: number; keysPerSub?: number; referenceMs?: number } = {},
): KucoinSeed {
  const subs = Array.from({ length: subAccounts }, (_, subIndex): KucoinSeedSubAccount => {
    const subName = subIndex % 7 === 3 ? `bot ${subIndex + 1}` : `sub-${String(subIndex + 1).padStart(4, '0')}`;
    return {
      subName,
      uid: 300000000 + subIndex,
      userId: demoHex(`large-user:${subIndex}`).slice(0, 24),
      remarks: `generated sub-account ${subIndex + 1}`,
      createdAtMs: referenceMs - (730 - (subIndex % 365)) * DAY_MS,
      keys: Array.from({ length: keysPerSub }, (_, keyIndex) => {
        const ipWhitelist = keyIndex % 3 === 0 ? `198.51.100.${(keyIndex % 250) + 1}` : '';
        const permission = LARGE_SEED_PERMISSIONS[(subIndex + keyIndex) % LARGE_SEED_PERMISSIONS.length];
        const createdAtMs = referenceMs - ((subIndex * 31 + keyIndex * 17) % 720) * DAY_MS;
        return demoKey(`large-${subIndex}`, `key-${keyIndex + 1}`, permission, ipWhitelist, createdAtMs);
      }),
    };
  });
  return { master: demoMaster(referenceMs), subAccounts: subs };
}
