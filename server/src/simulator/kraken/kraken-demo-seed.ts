// The demo fixture: the Kraken key a user handed keyaudit, as keyaudit shows it in demo mode. Kraken's API shows a key
// only to itself, so the demo connection's key is the one key there is to audit.
// Every key and secret here is fake and only works against the simulator.
import { createHash } from 'node:crypto';
import type { KrakenSeed, KrakenSeedKey } from './kraken-simulator-state.ts';

const DAY_S = 86_400;

/** Deterministic, Kraken-shaped identifiers: a 56-character public key and a 64-byte private key in base64. */
function demoBytes(label: string, length: number): Buffer {
  const blocks = Array.from({ length: Math.ceil(length / 32) }, (_, index) => createHash('sha256').update(`keyaudit-kraken-demo:${label}:${index}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}
export const demoKrakenApiKey = (label: string) => demoBytes(`key:${label}`, 42).toString('base64');
export const demoKrakenSecret = (label: string) => demoBytes(`secret:${label}`, 64).toString('base64');

/** createdTime values are relative to this date unless the caller passes another. */
export const KRAKEN_DEMO_REFERENCE_MS = Date.UTC(2026, 10, 1);

/** The demo connection's key. */
export const KRAKEN_DEMO_CONNECTION = { apiKey: demoKrakenApiKey('trading-bot'), secret: demoKrakenSecret('trading-bot') } as const;

/**
 * A dangerous key, as many are: a trading bot's key reused for auditing, able to place and cancel orders from any IP,
 * never expiring, used a few hours ago.
 */
function demoKey(referenceS: number): KrakenSeedKey {
  return {
    ...KRAKEN_DEMO_CONNECTION,
    apiKeyName: 'grid-bot',
    permissions: ['query-funds', 'query-open-trades', 'query-closed-trades', 'modify-trades', 'close-trades', 'create-ws-token'],
    ipAllowlist: [],
    validUntilS: 0,
    createdTimeS: referenceS - 190 * DAY_S,
    lastUsedS: referenceS - 3 * 3600,
  };
}

/** The demo account: one key, dated relative to referenceMs. */
export function createKrakenDemoSeed(referenceMs: number = KRAKEN_DEMO_REFERENCE_MS): KrakenSeed {
  return { master: { keys: [demoKey(Math.floor(referenceMs / 1000))] }, subAccounts: [] };
}
