// The simulator's own check of Coinbase's CDP JWTs, written independently of coinbase-sign.ts: it verifies the signature
// with the public key derived from the seeded private key, and checks the claims the official SDK sets
// (docs/exchanges/coinbase.md#signing). What Coinbase checks beyond those, and in which order, is not documented.
import { createPrivateKey, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { CoinbaseKeyOwner, CoinbaseSimulatorState } from './coinbase-simulator-state.ts';
import { normalizeIp, type SimulatorRequest } from '../simulator-http.ts';

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** A JWT lives at most this long: "Your JWT expires after 2 minutes". */
const MAX_LIFETIME_S = 120;

/** The public half of a seeded key, as Coinbase would hold it. */
export function publicKeyOf(privateKey: string): { alg: 'ES256' | 'EdDSA'; key: KeyObject } {
  if (privateKey.includes('-----BEGIN')) return { alg: 'ES256', key: createPublicKey(createPrivateKey(privateKey)) };
  const seed = Buffer.from(privateKey, 'base64').subarray(0, 32);
  return { alg: 'EdDSA', key: createPublicKey(createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })) };
}

const decodePart = (part: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** null when the request may go on; otherwise why it is refused (the simulator answers all of them 401). */
export function authenticateCoinbaseRequest(request: SimulatorRequest, path: string, state: CoinbaseSimulatorState): { owner: CoinbaseKeyOwner } | { rejection: string } {
  const authorization = request.headers.authorization;
  const token = typeof authorization === 'string' ? /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization)?.[1] : undefined;
  if (!token) return { rejection: 'no bearer token' };
  const [headerPart, claimsPart, signaturePart] = token.split('.') as [string, string, string];
  const header = decodePart(headerPart);
  const claims = decodePart(claimsPart);
  if (!header || !claims || typeof header.kid !== 'string' || typeof header.nonce !== 'string') return { rejection: 'malformed token' };
  const owner = state.findKey(header.kid);
  if (!owner) return { rejection: 'unknown key' };
  const publicKey = publicKeyOf(owner.key.privateKey);
  if (header.alg !== publicKey.alg) return { rejection: 'wrong algorithm' };
  const signingInput = Buffer.from(`${headerPart}.${claimsPart}`);
  const signature = Buffer.from(signaturePart, 'base64url');
  const isValid = publicKey.alg === 'ES256'
    ? signature.length === 64 && verify('sha256', signingInput, { key: publicKey.key, dsaEncoding: 'ieee-p1363' }, signature)
    : verify(null, signingInput, publicKey.key, signature);
  if (!isValid) return { rejection: 'bad signature' };
  const nowS = Math.floor(state.nowMs() / 1000);
  const { iss, sub, nbf, exp, uri } = claims;
  if (iss !== 'cdp' || sub !== header.kid) return { rejection: 'wrong issuer or subject' };
  if (typeof nbf !== 'number' || typeof exp !== 'number' || nbf > nowS + 5 || exp <= nowS || exp - nbf > MAX_LIFETIME_S) return { rejection: 'expired or not yet valid' };
  if (uri !== `${request.method.toUpperCase()} api.coinbase.com${path}`) return { rejection: 'wrong uri' };
  const allowed = owner.key.allowedIps;
  if (allowed.length > 0 && !allowed.map(normalizeIp).includes(normalizeIp(request.remoteAddress))) return { rejection: 'ip not allowed' };
  return { owner };
}
