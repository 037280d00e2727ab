// The demo fixture: a Deribit main account and its sub-accounts, as keyaudit shows them in demo mode.
// Every key and secret here is fake and only works against the simulator.
import { createHash } from 'node:crypto';
import type { DeribitSeed, DeribitSeedAccount, DeribitSeedKey } from './deribit-simulator-state.ts';

/** Key timestamps are relative to this date unless the caller passes another. */
export const DERIBIT_DEMO_REFERENCE_MS = Date.UTC(2026, 10, 1);

const DAY_MS = 86_400_000;
const MAIN_ACCOUNT_ID = 48_213;

/** Deterministic, Deribit-shaped identifiers: 8-character Client IDs and 43-character secrets (base64url). */
function demoBase64Url(label: string): string {
  return createHash('sha256').update(`keyaudit-deribit-demo:${label}`).digest('base64url');
}
export const demoDeribitClientId = (label: string) => demoBase64Url(`id:${label}`).slice(0, 8);
export const demoDeribitSecret = (label: string) => demoBase64Url(`secret:${label}`);

/** The demo connection: the main account's key keyaudit signs with in demo mode (whitelisted for 127.0.0.1). */
export const DERIBIT_DEMO_CONNECTION = { apiKey: demoDeribitClientId('main/keyaudit'), secret: demoDeribitSecret('main/keyaudit') } as const;

type DemoKeyRow = [name: string, maxScope: string, ipWhitelist: string[], daysAgo: number, options?: { enabled?: boolean; features?: string[] }];

function demoKey(owner: string, id: number, [name, maxScope, ipWhitelist, daysAgo, options]: DemoKeyRow, referenceMs: number): DeribitSeedKey {
  return {
    id,
    apiKey: demoDeribitClientId(`${owner}/${name}`),
    secret: demoDeribitSecret(`${owner}/${name}`),
    name,
    maxScope,
    enabled: options?.enabled ?? true,
    features: options?.features ?? [],
    ipWhitelist,
    timestampMs: referenceMs - daysAgo * DAY_MS,
  };
}

// keyaudit's key has account:read_write so the demo can delete keys; nothing else.
const MAIN_KEYS: DemoKeyRow[] = [
  ['keyaudit', 'account:read_write trade:none wallet:none block_trade:none', ['127.0.0.1'], 20],
  ['options_mm', 'account:read trade:read_write wallet:read block_trade:read_write', ['52.77.41.120'], 400, { features: ['restricted_block_trades'] }],
  ['tax_export', 'account:read trade:read wallet:read', ['35.187.23.14'], 300],
  // The dangerous ones: withdrawals from any IP, and an old disabled key that could be enabled again.
  ['old_treasury', 'account:read_write trade:read_write wallet:read_write', [], 900],
  ['paused_bot', 'account:read trade:read_write wallet:read_write', [], 500, { enabled: false }],
  ['custody_link', 'account:read custody:read_write wallet:read', ['18.130.4.77'], 200],
];

// Sub-accounts and their keys: Deribit's API never lists these to the main account's key.
const DEMO_SUB_ACCOUNTS: [username: string, keys: DemoKeyRow[]][] = [
  ['vol_desk', [
    ['vol_quoter', 'trade:read_write wallet:read', ['52.77.41.121'], 150],
    ['vol_withdraw', 'trade:read_write wallet:read_write', [], 610],
  ]],
  ['basis_bot', [
    ['basis_runner', 'trade:read_write', [], 95],
    ['basis_reader', 'account:read trade:read', ['10.8.0.5'], 40],
  ]],
];

/** Demo accounts with key dates relative to referenceMs (defaults to a fixed date; the demo passes "now"). */
export function createDeribitDemoSeed(referenceMs = DERIBIT_DEMO_REFERENCE_MS): DeribitSeed {
  let nextId = 1;
  const account = (id: number, username: string, rows: DemoKeyRow[]): DeribitSeedAccount => ({
    id, username, keys: rows.map((row) => demoKey(username, nextId++, row, referenceMs)),
  });
  return {
    master: account(MAIN_ACCOUNT_ID, 'main', MAIN_KEYS),
    subAccounts: DEMO_SUB_ACCOUNTS.map(([username, keys], index) => account(MAIN_ACCOUNT_ID + 1 + index, username, keys)),
  };
}
