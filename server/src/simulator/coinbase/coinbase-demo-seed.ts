// The demo fixture: CDP keys of one Coinbase account, as keyaudit shows them in demo mode. Coinbase's API shows a key
// only to itself, so the demo connection's key is all keyaudit sees. Every key here is fake and only works against the
// simulator; the private keys are derived from fixed labels, so the demo is the same on every run.
import { createECDH, createHash, createPrivateKey } from 'node:crypto';
import type { CoinbaseSeed, CoinbaseSeedKey } from './coinbase-simulator-state.ts';

const ORGANIZATION = 'b7c1d2e3-4f50-4a6b-8c7d-9e0f1a2b3c4d';

const digest = (label: string) => createHash('sha256').update(`keyaudit-coinbase-demo:${label}`).digest();

/** A UUID-shaped id from a label. */
function demoUuid(label: string): string {
  const hex = digest(`uuid:${label}`).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const demoCoinbaseKeyName = (label: string) => `organizations/${ORGANIZATION}/apiKeys/${demoUuid(label)}`;

/** A P-256 private key as the portal's PEM (SEC 1, "BEGIN EC PRIVATE KEY"), its scalar derived from the label. */
export function demoCoinbaseEcKey(label: string): string {
  const d = digest(`ec:${label}`);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const jwk = { kty: 'EC', crv: 'P-256', d: d.toString('base64url'), x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') };
  return createPrivateKey({ key: jwk, format: 'jwk' }).export({ format: 'pem', type: 'sec1' }).toString();
}

/** An Ed25519 key as the portal's base64 secret: the 32-byte seed then the 32-byte public key. */
export function demoCoinbaseEd25519Key(label: string): string {
  const seed = digest(`ed25519:${label}`);
  const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  const publicKey = Buffer.from((key.export({ format: 'jwk' }) as { x: string }).x, 'base64url');
  return Buffer.concat([seed, publicKey]).toString('base64');
}

/**
 * The demo connection: a CDP key that can view, trade and transfer (withdraw), on the default portfolio. Its IP
 * allowlist is set (127.0.0.1) but Coinbase's API never says so: keyaudit shows it as unknown, and a key that can
 * withdraw with an unknown allowlist is a finding.
 */
export const COINBASE_DEMO_CONNECTION = { apiKey: demoCoinbaseKeyName('bot'), secret: demoCoinbaseEcKey('bot') } as const;

function key(label: string, privateKey: string, flags: Pick<CoinbaseSeedKey, 'canView' | 'canTrade' | 'canTransfer' | 'canReceive'>, allowedIps: string[]): CoinbaseSeedKey {
  return { apiKey: demoCoinbaseKeyName(label), privateKey, nickname: label, ...flags, portfolioUuid: demoUuid(`portfolio:${label}`), portfolioType: 'DEFAULT', allowedIps };
}

export function createCoinbaseDemoSeed(): CoinbaseSeed {
  return {
    master: {
      keys: [
        key('bot', COINBASE_DEMO_CONNECTION.secret, { canView: true, canTrade: true, canTransfer: true, canReceive: false }, ['127.0.0.1']),
        // Invisible to the API (it describes the calling key only): here so the simulator holds more than the demo shows.
        key('tax-export', demoCoinbaseEd25519Key('tax-export'), { canView: true, canTrade: false, canTransfer: false, canReceive: false }, []),
      ],
    },
    subAccounts: [],
  };
}
