// The demo fixture: the Bitget key a user handed keyaudit, and a unified trading account's key for tests. Bitget's API as
// keyaudit uses it shows a key only to itself. Every key and secret here is fake and only works against the simulator.
import { createHash } from 'node:crypto';
import type { BitgetSeed, BitgetSeedKey } from './bitget-simulator-state.ts';

const hex = (label: string, length: number) => createHash('sha256').update(`keyaudit-bitget-demo:${label}`).digest('hex').repeat(2).slice(0, length);
export const demoBitgetApiKey = (label: string) => `bg_${hex(`key:${label}`, 32)}`;
export const demoBitgetSecret = (label: string) => hex(`secret:${label}`, 64);

/** The demo connection: a spot and futures trading bot's key, bound to no IP. */
export const BITGET_DEMO_CONNECTION = { apiKey: demoBitgetApiKey('futures-bot'), secret: demoBitgetSecret('futures-bot'), passphrase: 'bitget-demo-pass' } as const;

/** A key of a unified trading account: Bitget answers 40085 to the endpoint keyaudit reads keys from. */
export const BITGET_DEMO_UNIFIED_ACCOUNT_KEY = { apiKey: demoBitgetApiKey('uta-tracker'), secret: demoBitgetSecret('uta-tracker'), passphrase: 'bitget-uta-pass' } as const;

function demoKeys(): BitgetSeedKey[] {
  return [
    {
      ...BITGET_DEMO_CONNECTION,
      note: 'futures-bot',
      // Dangerous: it trades spot and futures, moves funds between the user's accounts, and works from any IP.
      authorities: ['stor', 'stow', 'coor', 'coow', 'cpor', 'cpow', 'wtor', 'wtow'],
      ips: '',
      userId: '5931220417',
    },
    { ...BITGET_DEMO_UNIFIED_ACCOUNT_KEY, note: 'uta-tracker', authorities: ['readonly'], ips: '127.0.0.1', userId: '5931220988', isUnifiedAccount: true },
  ];
}

/** The demo accounts: one classic key and one unified-account key. */
export function createBitgetDemoSeed(): BitgetSeed {
  return { master: { keys: demoKeys() }, subAccounts: [] };
}
