import { sign } from 'node:crypto';
import type { Credentials } from '../exchange-adapter.ts';
import { ExchangeError } from '../exchange-error.ts';
import type { HttpMethod, HttpRequest } from '../http-transport.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { parseCoinbasePrivateKey } from './coinbase-private-key.ts';

export type CoinbaseRequest = {
  /** Host of the API, e.g. "https://api.coinbase.com"; a simulator may add its mount path. */
  baseUrl: string;
  method: HttpMethod;
  /** Path as Coinbase sees it, e.g. "/api/v3/brokerage/key_permissions". */
  path: string;
};

/** The host every JWT's `uri` names, whatever base URL the request goes to (the official SDK's BASE_URL). */
export const COINBASE_API_HOST = 'api.coinbase.com';
/** A CDP key's name, organizations/{org_id}/apiKeys/{key_id}: the exchange table's format of the field. */
const KEY_NAME_FORMAT = exchangeInfo('coinbase').credentials.apiKey.format;
/** "Your JWT expires after 2 minutes" (docs/exchanges/coinbase.md#signing). */
const JWT_LIFETIME_S = 120;

/** Why a key is refused before anything is sent: Coinbase's legacy keys stopped working in February 2025. */
export const LEGACY_KEY_MESSAGE =
  'This is not a Coinbase Developer Platform (CDP) key: Coinbase retired its legacy API keys in February 2025. Create a CDP API key (its name reads organizations/…/apiKeys/…, its private key is an EC key or an Ed25519 key) and add that.';

const base64Url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Signs a Coinbase Advanced Trade request with a CDP key. Pure but for the signature's own randomness (ES256): clock,
 * nonce and credentials come in as arguments. Per docs/exchanges/coinbase.md#signing and the official SDK's
 * jwt_generator: a JWT with header {alg, kid: key name, nonce, typ} and claims {sub: key name, iss: "cdp", nbf, exp:
 * nbf + 120, uri: "METHOD api.coinbase.com/path"}, signed ES256 (JOSE r||s, not DER) or EdDSA, sent as
 * "Authorization: Bearer <JWT>". The query string is not part of `uri`.
 */
export function signCoinbaseRequest(request: CoinbaseRequest, credentials: Credentials, timestampMs: number, nonce: string): HttpRequest {
  const signingKey = readCdpKey(credentials);
  const nowS = Math.floor(timestampMs / 1000);
  const header = { alg: signingKey.alg, kid: credentials.apiKey, nonce, typ: 'JWT' };
  const claims = { sub: credentials.apiKey, iss: 'cdp', nbf: nowS, exp: nowS + JWT_LIFETIME_S, uri: `${request.method} ${COINBASE_API_HOST}${request.path}` };
  const signingInput = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
  const signature = signingKey.alg === 'ES256'
    ? sign('sha256', Buffer.from(signingInput), { key: signingKey.key, dsaEncoding: 'ieee-p1363' })
    : sign(null, Buffer.from(signingInput), signingKey.key);
  return {
    method: request.method,
    url: request.baseUrl.replace(/\/+$/, '') + request.path,
    headers: { Accept: 'application/json', Authorization: `Bearer ${signingInput}.${signature.toString('base64url')}` },
  };
}

/** The CDP key to sign with; a legacy key (by its name or its HMAC secret) is refused with LEGACY_KEY_MESSAGE. */
export function readCdpKey(credentials: Credentials) {
  if (!KEY_NAME_FORMAT || !KEY_NAME_FORMAT.pattern.test(credentials.apiKey)) throw new ExchangeError('unknown-key', LEGACY_KEY_MESSAGE);
  const signingKey = credentials.secret.withBytes((bytes) => parseCoinbasePrivateKey(bytes.toString('utf8')));
  if (!signingKey) throw new ExchangeError('unknown-key', LEGACY_KEY_MESSAGE);
  return signingKey;
}
