// The demo fixture: a Binance master account and its sub-accounts, as keyaudit shows them in demo mode.
// Every key and secret here is fake and only works against the simulator.
import { createHash } from 'node:crypto';
import type { BinancePermissionFlag, BinanceSeed, BinanceSeedKey, BinanceSeedSubAccount } from './binance-simulator-state.ts';

/** createdAt values are relative to this date unless the caller passes another. */
export const BINANCE_DEMO_REFERENCE_MS = Date.UTC(2026, 10, 1);

const DAY_MS = 86_400_000;
const MASTER_UID = 38_114_520;

/** Deterministic, Binance-shaped credentials: 64 letters and digits. */
function demoToken(label: string): string {
  const digest = (salt: string) => createHash('sha512').update(`keyaudit-binance-demo:${salt}:${label}`).digest('base64');
  return (digest('a') + digest('b')).replace(/[^A-Za-z0-9]/g, '').slice(0, 64);
}

export const demoBinanceApiKey = (label: string) => demoToken(`key:${label}`);
export const demoBinanceSecret = (label: string) => demoToken(`secret:${label}`);

/** The demo connection: the master-account key keyaudit signs with, whitelisted for this machine. */
export const BINANCE_DEMO_CONNECTION = {
  apiKey: demoBinanceApiKey('master/keyaudit'),
  secret: demoBinanceSecret('master/keyaudit'),
} as const;

const READ: BinancePermissionFlag[] = ['enableReading'];
const TRADE: BinancePermissionFlag[] = ['enableReading', 'enableSpotAndMarginTrading'];

type DemoKeyRow = [apiName: string, permissions: BinancePermissionFlag[], ipList: string[], daysAgo: number, thirdPartyName?: string];

// Email → keys. Sub-account listings show only trade/margin/futures/options/universal-transfer flags (docs/exchanges/binance.md#permissions); the
// withdraw flag of 'ops-script-2023' shows only when that key reads itself. Mostly public-looking cloud IPs;
// 203.0.113.50 is a documentation address, which keyaudit's findings flag as non-public.
const DEMO_SUB_ACCOUNTS: [email: string, remark: string, daysAgo: number, keys: DemoKeyRow[]][] = [
  ['market-maker_virtual@7qk2nfnoemail.com', 'Hummingbot market making', 700, [
    ['hummingbot-mm', TRADE, ['52.77.214.30'], 690],
    ['mm-futures-hedge', [...TRADE, 'enableFutures'], ['52.77.214.30', '52.77.214.31'], 540],
    ['mm-rebalancer', [...TRADE, 'permitsUniversalTransfer'], [], 410],
  ]],
  ['tax-reports_virtual@7qk2nfnoemail.com', 'Tax and accounting exports', 650, [
    ['koinly-readonly', READ, ['34.92.18.7'], 630],
    ['cointracking', READ, [], 300],
  ]],
  ['grid-bots_virtual@7qk2nfnoemail.com', 'Grid bots', 480, [
    ['3commas-grid', TRADE, ['18.141.22.9', '3.112.57.201'], 470],
    ['pionex-style-grid', [...TRADE, 'enableMargin'], [], 200],
    ['grid-profit-sweep', [...READ, 'permitsUniversalTransfer'], [], 120],
  ]],
  ['treasury+ops@acme-capital.io', 'Treasury operations', 420, [
    ['treasury-sweeper', [...READ, 'permitsUniversalTransfer'], ['203.0.113.50'], 400],
    ['treasury-monitor', READ, ['127.0.0.1'], 60],
    ['ops-script-2023', [...TRADE, 'enableFutures', 'enableVanillaOptions', 'permitsUniversalTransfer', 'enableWithdrawals'], [], 715],
  ]],
  ['options-desk_virtual@7qk2nfnoemail.com', 'Options market making', 250, [
    ['options-mm', [...TRADE, 'enableVanillaOptions'], ['139.59.4.88'], 240],
    // Linked to a third-party app: IP restriction status 3 with the app's name (docs/exchanges/binance.md#permissions).
    ['3commas-linked', TRADE, [], 90, '3Commas'],
  ]],
];

function demoKey(account: string, [apiName, permissions, ipList, daysAgo, thirdPartyName]: DemoKeyRow, referenceMs: number): BinanceSeedKey {
  const label = `${account}/${apiName}`;
  return {
    apiKey: demoBinanceApiKey(label), secret: demoBinanceSecret(label), apiName, permissions, ipList, createdAtMs: referenceMs - daysAgo * DAY_MS,
    ...(thirdPartyName === undefined ? {} : { thirdPartyName }),
  };
}

/** A sub-account key that can itself be a connection (whitelist 127.0.0.1): for tests of sub-account connections. */
export const BINANCE_DEMO_SUB_CONNECTION = {
  email: 'treasury+ops@acme-capital.io',
  apiKey: demoBinanceApiKey('treasury+ops@acme-capital.io/treasury-monitor'),
  secret: demoBinanceSecret('treasury+ops@acme-capital.io/treasury-monitor'),
} as const;

function demoMaster(referenceMs: number): BinanceSeed['master'] {
  // Trade permission: Binance labels sub-account key deletion TRADE, and demo mode lets the user revoke.
  return { uid: MASTER_UID, keys: [{ ...BINANCE_DEMO_CONNECTION, apiName: 'keyaudit', permissions: TRADE, ipList: ['127.0.0.1'], createdAtMs: referenceMs - 20 * DAY_MS }] };
}

/** The demo accounts: 5 sub-accounts, 13 sub-account keys (one bound to a third-party app), createdAt spread over the two years before referenceMs. */
export function createBinanceDemoSeed(referenceMs: number = BINANCE_DEMO_REFERENCE_MS): BinanceSeed {
  const subAccounts = DEMO_SUB_ACCOUNTS.map(([email, remark, daysAgo, keys], index): BinanceSeedSubAccount => ({
    email,
    subUserId: 51_207_330 + index,
    remark,
    createdAtMs: referenceMs - daysAgo * DAY_MS,
    keys: keys.map((row) => demoKey(email, row, referenceMs)),
  }));
  return { master: demoMaster(referenceMs), subAccounts };
}

const LARGE_SEED_PERMISSIONS: BinancePermissionFlag[][] = [READ, TRADE, [...TRADE, 'enableFutures'], [...READ, 'permitsUniversalTransfer'], [...TRADE, 'enableMargin']];

/** Many sub-accounts and keys for paging, rate-limit and bench tests. Same master key as the demo; every third key is whitelisted. */
export function createLargeBinanceSeed(
  { subAccounts = 250, keysPerSub = 5, referenceMs = BINANCE_DEMO_REFERENCE_MS }: { subAccounts?: number; keysPerSub?: number; referenceMs?: number } = {},
): BinanceSeed {
  const subs = Array.from({ length: subAccounts }, (_, subIndex): BinanceSeedSubAccount => {
    const email = `sub-${String(subIndex + 1).padStart(4, '0')}_virtual@7qk2nfnoemail.com`;
    return {
      email,
      subUserId: 60_000_000 + subIndex,
      remark: `generated sub-account ${subIndex + 1}`,
      createdAtMs: referenceMs - (730 - (subIndex % 365)) * DAY_MS,
      keys: Array.from({ length: keysPerSub }, (_, keyIndex) => {
        const ipList = keyIndex % 3 === 0 ? [`198.51.100.${(keyIndex % 250) + 1}`] : [];
        const row: DemoKeyRow = [`key-${keyIndex + 1}`, LARGE_SEED_PERMISSIONS[(subIndex + keyIndex) % LARGE_SEED_PERMISSIONS.length]!, ipList, (subIndex * 31 + keyIndex * 17) % 720];
        return demoKey(email, row, referenceMs);
      }),
    };
  });
  return { master: demoMaster(referenceMs), subAccounts: subs };
}
