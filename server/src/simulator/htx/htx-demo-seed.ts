// The demo fixture: an HTX parent user with its own keys and three sub users, as keyaudit shows them in demo mode.
// Every key and secret here is fake and only works against the simulator.
import { createHash } from 'node:crypto';
import type { HtxSeed, HtxSeedKey } from './htx-simulator-state.ts';

const DAY_MS = 86_400_000;
const PARENT_UID = '63628520';

/** HTX-shaped: four dash-separated groups of hex ("4ba5cdf2-4a92c5da-718ba144-dbuqg6hkte"). */
function demoHex(label: string): string {
  const hex = createHash('sha256').update(`keyaudit-htx-demo:${label}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}-${hex.slice(24, 34)}`;
}
export const demoHtxAccessKey = (label: string) => demoHex(`key:${label}`);
export const demoHtxSecret = (label: string) => demoHex(`secret:${label}`);

/** The demo connection: the parent user's audit key, bound to 127.0.0.1, with Trade so that it may delete sub users' keys. */
export const HTX_DEMO_CONNECTION = { apiKey: demoHtxAccessKey(`${PARENT_UID}/keyaudit`), secret: demoHtxSecret(`${PARENT_UID}/keyaudit`) } as const;

type KeyRow = [note: string, permission: string, ipAddresses: string, validDays: number, daysAgo: number];

// Parent keys: the audit key, and a withdrawal bot bound to no IP (dangerous: it can send funds out from anywhere).
const PARENT_KEYS: KeyRow[] = [
  ['keyaudit', 'readOnly,trade', '127.0.0.1', -1, 12],
  ['otc-withdrawals', 'readOnly,trade,withdraw', '', 61, 29],
];
// Sub users: IP-bound market makers, an unbound grid bot that expires soon, read-only trackers.
const SUB_USERS: [uid: string, keys: KeyRow[]][] = [
  ['132208121', [['mm-bot', 'readOnly,trade', '18.181.170.164,13.212.45.47', -1, 200], ['mm-backup', 'readOnly,trade', '', 9, 81]]],
  ['132208122', [['grid-bot', 'readOnly,trade', '', 34, 56], ['pnl-sheet', 'readOnly', '203.0.113.25', -1, 300]]],
  ['132208123', [['tax-export', 'readOnly', '', 75, 15]]],
];

function demoKey(uid: string, [note, permission, ipAddresses, validDays, daysAgo]: KeyRow, referenceMs: number): HtxSeedKey {
  const label = `${uid}/${note}`;
  return { accessKey: demoHtxAccessKey(label), secret: demoHtxSecret(label), note, permission, ipAddresses, validDays, createTimeMs: referenceMs - daysAgo * DAY_MS };
}

/** The demo accounts: a parent user with 2 keys and 3 sub users with 5 keys, dated relative to referenceMs. */
export function createHtxDemoSeed(referenceMs: number = Date.UTC(2026, 10, 1)): HtxSeed {
  return {
    master: { uid: PARENT_UID, keys: PARENT_KEYS.map((row) => demoKey(PARENT_UID, row, referenceMs)) },
    subAccounts: SUB_USERS.map(([uid, keys]) => ({ uid, userState: 'normal' as const, keys: keys.map((row) => demoKey(uid, row, referenceMs)) })),
  };
}
