// The demo fixture: an OKX master account and its sub-accounts, as keyaudit shows them in demo mode.
// Every key, secret and passphrase here is fake and only works against the simulator.
import { createHash } from 'node:crypto';
import type { OkxSeed, OkxSeedKey, OkxSeedSubAccount } from './okx-simulator-state.ts';

/**
 * The demo connection: the master key keyaudit signs with. Bound to 127.0.0.1 and with trade, because OKX
 * deletes sub-account keys only through an IP-bound master key with Trade permission (docs/exchanges/okx.md#key-deletion).
 */
export const OKX_DEMO_CONNECTION = {
  apiKey: '8f3c2a61-5b7e-4d90-a1c4-6e2b9f0d7a35',
  secret: '5E0C1D7A9B2F48E6A3C5D7F9B1E3A5C7',
  passphrase: 'Demo-master-pass1',
} as const;

/** Every demo sub-account key was created with this passphrase (a sub-account key can then be a connection). */
export const OKX_DEMO_KEY_PASSPHRASE = 'Demo-key-pass1';

/** createdAt values are relative to this date unless the caller passes another. */
export const OKX_DEMO_REFERENCE_MS = Date.UTC(2026, 10, 1);

const DAY_MS = 86_400_000;
const MASTER_UID = '528193644018350080';

function demoHex(label: string): string {
  return createHash('sha256').update(`keyaudit-okx-demo:${label}`).digest('hex');
}

/** OKX-shaped identifiers: a UUID for keys, 32 upper-case hex characters for secrets. */
export function okxDemoApiKey(label: string): string {
  const hex = demoHex(`key:${label}`);
  return [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`, `a${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
}

export function okxDemoSecret(label: string): string {
  return demoHex(`secret:${label}`).slice(0, 32).toUpperCase();
}

function demoKey(owner: string, label: string, perm: string, ip: string, createdAtMs: number): OkxSeedKey {
  const id = `${owner}/${label}`;
  return { apiKey: okxDemoApiKey(id), secret: okxDemoSecret(id), passphrase: OKX_DEMO_KEY_PASSPHRASE, label, perm, ip, createdAtMs };
}

type DemoKeyRow = [label: string, perm: string, ip: string, daysAgo: number];

// Sub-account name → keys. OKX sub-account keys carry read_only and trade only ("Sub-accounts don't support
// withdrawals", 59504). Dangerous here: trade keys bound to no IP (trade includes funding transfers).
const DEMO_SUB_ACCOUNTS: [subAcct: string, label: string, daysAgo: number, keys: DemoKeyRow[]][] = [
  ['marketmaker01', 'Hummingbot market making', 640, [
    ['hummingbot-mm', 'read_only,trade', '34.92.118.20', 600],
    ['mm-hedge-perps', 'read_only,trade', '34.92.118.20,34.92.118.21', 410],
    ['mm-legacy-bot', 'read_only,trade', '', 630],
  ]],
  ['taxreports', 'Tax and accounting exports', 520, [
    ['koinly-sync', 'read_only', '', 500],
    ['cointracking', 'read_only', '52.29.174.0/24', 210],
  ]],
  ['gridbot02', 'Second grid bot', 400, [
    ['3commas-grid', 'read_only,trade', '', 380],
    ['pionex-sync', 'read_only,trade', '13.228.54.7', 150],
    ['grid-monitor', 'read_only', '203.0.113.25', 90],
  ]],
  ['arbdesk2024', 'Cross-exchange arbitrage', 300, [
    ['arb-engine', 'read_only,trade', '3.112.45.9,3.112.45.10', 290],
    ['arb-analytics', 'read_only', '2406:da14:1e5:7d00::/56', 60],
  ]],
  ['treasuryops', 'Treasury operations', 200, [
    ['treasury-watch', 'read_only', '127.0.0.1', 40],
  ]],
];

/** A sub-account key that can itself be a connection (bound to 127.0.0.1): for tests of sub-account connections. */
export const OKX_DEMO_SUB_CONNECTION = {
  subAcct: 'treasuryops',
  apiKey: okxDemoApiKey('treasuryops/treasury-watch'),
  secret: okxDemoSecret('treasuryops/treasury-watch'),
  passphrase: OKX_DEMO_KEY_PASSPHRASE,
} as const;

/**
 * A second master key, with withdraw and bound to no IP: OKX lists no master keys, so it shows up only when it is
 * itself a connection. Offered for a second demo connection with a critical key.
 */
export const OKX_DEMO_UNRESTRICTED_CONNECTION = {
  apiKey: okxDemoApiKey('master/ops-withdrawals'),
  secret: okxDemoSecret('master/ops-withdrawals'),
  passphrase: OKX_DEMO_KEY_PASSPHRASE,
} as const;

function demoMaster(referenceMs: number): OkxSeed['master'] {
  return {
    uid: MASTER_UID,
    keys: [
      { ...OKX_DEMO_CONNECTION, label: 'keyaudit', perm: 'read_only,trade', ip: '127.0.0.1', createdAtMs: referenceMs - 20 * DAY_MS },
      demoKey('master', 'ops-withdrawals', 'read_only,withdraw,trade', '', referenceMs - 700 * DAY_MS),
    ],
  };
}

function subAccountUid(index: number): string {
  return String(698827017768230914n + BigInt(index) * 7_919n);
}

/** The demo accounts: 5 sub-accounts and 11 sub-account keys, created over the two years before referenceMs. */
export function createOkxDemoSeed(referenceMs: number = OKX_DEMO_REFERENCE_MS): OkxSeed {
  const subAccounts: OkxSeedSubAccount[] = DEMO_SUB_ACCOUNTS.map(([subAcct, label, daysAgo, keys], index) => ({
    subAcct,
    uid: subAccountUid(index),
    label,
    createdAtMs: referenceMs - daysAgo * DAY_MS,
    keys: keys.map(([keyLabel, perm, ip, keyDaysAgo]) => demoKey(subAcct, keyLabel, perm, ip, referenceMs - keyDaysAgo * DAY_MS)),
  }));
  return { master: demoMaster(referenceMs), subAccounts };
}

/** Many sub-accounts for paging and rate-limit tests; same master keys as the demo. Every third key is IP-bound. */
export function createLargeOkxSeed(
  { subAccounts = 250, keysPerSub = 3, referenceMs = OKX_DEMO_REFERENCE_MS }: { subAccounts?: number; keysPerSub?: number; referenceMs?: number } = {},
): OkxSeed {
  const subs = Array.from({ length: subAccounts }, (_, subIndex): OkxSeedSubAccount => {
    const subAcct = `sub${String(subIndex + 1).padStart(5, '0')}`;
    return {
      subAcct,
      uid: subAccountUid(100 + subIndex),
      label: `generated sub-account ${subIndex + 1}`,
      createdAtMs: referenceMs - (subAccounts - subIndex) * 3_600_000,
      keys: Array.from({ length: keysPerSub }, (_, keyIndex) =>
        demoKey(subAcct, `key-${keyIndex + 1}`, keyIndex % 2 === 0 ? 'read_only' : 'read_only,trade', keyIndex % 3 === 0 ? `198.51.100.${keyIndex + 1}` : '', referenceMs - keyIndex * DAY_MS)),
    };
  });
  return { master: demoMaster(referenceMs), subAccounts: subs };
}
