// The demo fixture: a Gate main account and its sub-accounts, as keyaudit shows them in demo mode.
// Every key and secret here is fake and only works against the simulator.
import { createHash } from 'node:crypto';
import type { GateSeed, GateSeedKey, GateSeedPerm, GateSeedSubAccount } from './gate-simulator-state.ts';

/** createdAt values are relative to this date unless the caller passes another. */
export const GATE_DEMO_REFERENCE_MS = Date.UTC(2026, 10, 1);

const DAY_S = 86_400;
const MASTER_USER_ID = 16672015;

/** Deterministic, Gate-shaped identifiers: 32 hex characters for keys, 64 for secrets. */
function demoHex(label: string): string {
  return createHash('sha256').update(`keyaudit-gate-demo:${label}`).digest('hex');
}
export const demoGateApiKey = (label: string) => demoHex(`key:${label}`).slice(0, 32);
export const demoGateSecret = (label: string) => demoHex(`secret:${label}`);

/** The demo connection: the main account's key keyaudit signs with in demo mode (whitelisted for 127.0.0.1). */
export const GATE_DEMO_CONNECTION = { apiKey: demoGateApiKey('master/keyaudit'), secret: demoGateSecret('master/keyaudit') } as const;

/** A sub-account key that can itself be a connection (whitelist 127.0.0.1): for tests of sub-account connections. */
export const GATE_DEMO_SUB_CONNECTION = {
  loginName: 'cross_margin_desk',
  apiKey: demoGateApiKey('cross_margin_desk/desk-monitor'),
  secret: demoGateSecret('cross_margin_desk/desk-monitor'),
} as const;

const rw = (...names: string[]): GateSeedPerm[] => names.map((name) => ({ name, read_only: false }));
const ro = (...names: string[]): GateSeedPerm[] => names.map((name) => ({ name, read_only: true }));

type DemoKeyRow = [name: string, perms: GateSeedPerm[], ipWhitelist: string[], createdDaysAgo: number, lastUsedDaysAgo: number | null];

function demoKey(owner: string, [name, perms, ipWhitelist, createdDaysAgo, lastUsedDaysAgo]: DemoKeyRow, referenceS: number): GateSeedKey {
  return {
    apiKey: demoGateApiKey(`${owner}/${name}`),
    secret: demoGateSecret(`${owner}/${name}`),
    name,
    perms,
    ipWhitelist,
    createdAtS: referenceS - createdDaysAgo * DAY_S,
    lastAccessS: lastUsedDaysAgo === null ? 0 : referenceS - lastUsedDaysAgo * DAY_S,
  };
}

// The keyaudit key needs read-write "account" to delete sub-account keys in the simulator (UNVERIFIED on Gate).
const MASTER_KEYS: DemoKeyRow[] = [
  ['keyaudit', [...rw('account'), ...ro('spot', 'wallet')], ['127.0.0.1'], 20, 0],
  ['tax-report', ro('spot', 'wallet', 'futures'), ['35.187.23.14'], 310, 2],
  // "withdrawal" is keyaudit's guess at the name of Gate's withdrawal group (docs/exchanges/gate.md#uncertain-mappings).
  ['legacy-withdraw-bot', rw('wallet', 'spot', 'withdrawal'), [], 760, 400],
];

// Login name, remark, type, days ago, keys: trade bots, read-only trackers, withdraw-capable keys without a whitelist.
const DEMO_SUB_ACCOUNTS: [loginName: string, remark: string, type: 1 | 3, daysAgo: number, keys: DemoKeyRow[]][] = [
  ['mm_hummingbot', 'Hummingbot market making', 1, 700, [
    ['hb-spot', rw('spot'), ['52.77.41.118'], 690, 0],
    ['hb-futures-hedge', rw('futures', 'delivery'), ['52.77.41.118', '52.77.41.119'], 540, 1],
  ]],
  ['grid_bot_2', 'Second grid bot', 1, 480, [
    ['3commas', rw('spot'), [], 470, 0],
    ['grid-profit-sweep', rw('wallet', 'spot'), [], 120, 3],
  ]],
  ['tax_export', 'Tax reports', 1, 650, [
    ['koinly-readonly', ro('spot', 'wallet'), ['203.0.113.25'], 630, 30],
    ['cointracking', ro('spot'), [], 300, null],
  ]],
  ['cross_margin_desk', 'Cross-margin desk', 3, 420, [
    ['margin-engine', rw('margin', 'spot', 'unified'), ['18.162.40.7'], 400, 0],
    ['desk-payout', rw('wallet', 'withdrawal'), [], 45, 6],
    ['desk-monitor', ro('spot', 'margin'), ['127.0.0.1'], 60, 1],
  ]],
];

/** The demo accounts: 3 main-account keys, 4 sub-accounts (one cross-margin) with 9 keys. */
export function createGateDemoSeed(referenceMs: number = GATE_DEMO_REFERENCE_MS): GateSeed {
  const referenceS = Math.floor(referenceMs / 1000);
  const subAccounts: GateSeedSubAccount[] = DEMO_SUB_ACCOUNTS.map(([loginName, remark, type, daysAgo, keys], index) => ({
    userId: 16672100 + index,
    loginName,
    remark,
    type,
    createdAtS: referenceS - daysAgo * DAY_S,
    keys: keys.map((row) => demoKey(loginName, row, referenceS)),
  }));
  return { master: { userId: MASTER_USER_ID, keys: MASTER_KEYS.map((row) => demoKey('master', row, referenceS)) }, subAccounts };
}

/** Many sub-accounts for rate-limit and bench tests; the same main account and keyaudit key as the demo. */
export function createLargeGateSeed({ subAccounts = 100, keysPerSub = 5, referenceMs = GATE_DEMO_REFERENCE_MS } = {}): GateSeed {
  const demo = createGateDemoSeed(referenceMs);
  const referenceS = Math.floor(referenceMs / 1000);
  const subs = Array.from({ length: subAccounts }, (_, subIndex): GateSeedSubAccount => ({
    userId: 20000000 + subIndex,
    loginName: `sub_${String(subIndex + 1).padStart(4, '0')}`,
    remark: `generated sub-account ${subIndex + 1}`,
    type: subIndex % 5 === 4 ? 3 : 1,
    createdAtS: referenceS - (subIndex % 700) * DAY_S,
    keys: Array.from({ length: keysPerSub }, (_, keyIndex) =>
      demoKey(`large-${subIndex}`, [`key-${keyIndex + 1}`, keyIndex % 2 ? ro('spot') : rw('spot', 'wallet'), keyIndex % 3 ? [] : ['34.96.12.8'], 30, null], referenceS)),
  }));
  return { master: demo.master, subAccounts: subs };
}
