// The demo fixture: the Bitget main-account key a user handed keyaudit, a unified trading account's key for tests, and
// three virtual sub-accounts with their keys. Every key and secret here is fake and only works against the simulator.
import { createHash } from 'node:crypto';
import type { BitgetSeed, BitgetSeedKey, BitgetSeedSubAccount } from './bitget-simulator-state.ts';

const hex = (label: string, length: number) => createHash('sha256').update(`keyaudit-bitget-demo:${label}`).digest('hex').repeat(2).slice(0, length);
export const demoBitgetApiKey = (label: string) => `bg_${hex(`key:${label}`, 32)}`;
export const demoBitgetSecret = (label: string) => hex(`secret:${label}`, 64);

/**
 * The demo connection: a main-account key that trades spot and futures and moves funds between the user's own accounts.
 * Bound to this machine, as Bitget requires of a key that lists virtual sub-accounts (docs/exchanges/bitget.md#sub-accounts).
 */
export const BITGET_DEMO_CONNECTION = { apiKey: demoBitgetApiKey('futures-bot'), secret: demoBitgetSecret('futures-bot'), passphrase: 'bitget-demo-pass' } as const;

/** A key of a unified trading account: Bitget answers 40085 to the endpoint keyaudit reads keys from. */
export const BITGET_DEMO_UNIFIED_ACCOUNT_KEY = { apiKey: demoBitgetApiKey('uta-tracker'), secret: demoBitgetSecret('uta-tracker'), passphrase: 'bitget-uta-pass' } as const;

/** A permission word no Bitget page lists: the demo shows it counted as moving funds, never as nothing. */
export const BITGET_DEMO_UNKNOWN_WORD = 'p2p_trade';

function subKey(note: string, permList: string[], ips: string, userId: string): BitgetSeedKey {
  return { apiKey: demoBitgetApiKey(note), secret: demoBitgetSecret(note), passphrase: `${note}-pass`, note, authorities: permList, ips, userId };
}

/** [UID, eight-letter name, status, label, keys as [label, permList, ips]]. */
const SUB_ACCOUNTS: [string, string, BitgetSeedSubAccount['status'], string, [string, string[], string][]][] = [
  ['7361004211', 'quantdsk', 'normal', 'quant desk', [
    ['grid-bot', ['read', 'spot_trade'], '203.0.113.40'],
    // Trades futures and margin from any IP.
    ['hedge-bot', ['read', 'contract_trade', 'margin_trade'], ''],
  ]],
  ['7361004318', 'treasury', 'normal', 'treasury', [
    // Dangerous: withdraws and transfers from any IP.
    ['sweeper', ['read', 'spot_trade', 'transfer', 'wallet_withdraw'], ''],
    ['reporting', ['read'], '198.51.100.23'],
  ]],
  ['7361004502', 'copylead', 'freeze', 'copy trading', [
    ['copy-lead', ['read', 'copytrading_trade', BITGET_DEMO_UNKNOWN_WORD], '10.20.30.40,10.20.30.41'],
  ]],
];

function demoKeys(): BitgetSeedKey[] {
  return [
    {
      ...BITGET_DEMO_CONNECTION,
      note: 'futures-bot',
      authorities: ['stor', 'stow', 'coor', 'coow', 'cpor', 'cpow', 'wtor', 'wtow'],
      ips: '127.0.0.1',
      userId: '5931220417',
    },
    { ...BITGET_DEMO_UNIFIED_ACCOUNT_KEY, note: 'uta-tracker', authorities: ['readonly'], ips: '127.0.0.1', userId: '5931220988', isUnifiedAccount: true },
  ];
}

/** The demo accounts: the main account's classic key, a unified-account key, and 3 virtual sub-accounts with 5 keys. */
export function createBitgetDemoSeed(): BitgetSeed {
  return {
    master: { keys: demoKeys() },
    subAccounts: SUB_ACCOUNTS.map(([subAccountUid, subAccountName, status, label, keys]) => ({
      subAccountUid, subAccountName, status, label, keys: keys.map(([note, permList, ips]) => subKey(note, permList, ips, subAccountUid)),
    })),
  };
}
