// Coinbase publishes no JWT with an expected output (ES256 signatures are randomized anyway): the tests decode what
// signCoinbaseRequest sends and verify it with the public key, as the official SDK's own tests do, and check that a
// token ccxt signs with the same key verifies the same way (docs/exchanges/coinbase.md#test-vectors).
import { createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { coinbase } from 'ccxt';
import { signCoinbaseRequest } from './coinbase-sign.ts';
import { parseCoinbasePrivateKey } from './coinbase-private-key.ts';
import { redact } from '../../secrets/redacted.ts';
import { ExchangeError } from '../exchange-error.ts';

const KEY_NAME = 'organizations/5f0c2b51-6a1c-4a27-9e4c-2c1c2f7b9a10/apiKeys/8d3e7a40-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const EC_PEM = ec.privateKey.export({ format: 'pem', type: 'sec1' }).toString();
const ed = generateKeyPairSync('ed25519');
/** The portal's Ed25519 secret: base64 of the 32-byte seed followed by the 32-byte public key. */
const ED_SECRET = Buffer.concat([
  ed.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32),
  ed.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32),
]).toString('base64');
const NOW_MS = 1_760_000_000_123;
const REQUEST = { baseUrl: 'https://api.coinbase.com', method: 'GET', path: '/api/v3/brokerage/key_permissions' } as const;

function decode(token: string) {
  const [header, claims, signature] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims!, 'base64url').toString()),
    signingInput: `${header}.${claims}`,
    signature: Buffer.from(signature!, 'base64url'),
  };
}
const tokenOf = (authorization: string | undefined) => /^Bearer (.+)$/.exec(authorization ?? '')![1]!;

function verifies(token: string, publicKey: KeyObject): boolean {
  const { header, signingInput, signature } = decode(token);
  return header.alg === 'ES256'
    ? verify('sha256', Buffer.from(signingInput), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)
    : verify(null, Buffer.from(signingInput), publicKey, signature);
}

describe(signCoinbaseRequest.name, () => {
  it('sends an ES256 JWT with the documented header and claims, valid for two minutes, in JOSE (r||s) form', () => {
    const signed = signCoinbaseRequest(REQUEST, { apiKey: KEY_NAME, secret: redact(EC_PEM) }, NOW_MS, 'a1b2c3');
    expect(signed).toMatchObject({ method: 'GET', url: 'https://api.coinbase.com/api/v3/brokerage/key_permissions' });
    const token = tokenOf(signed.headers.Authorization);
    const { header, claims, signature } = decode(token);
    expect(header).toEqual({ alg: 'ES256', kid: KEY_NAME, nonce: 'a1b2c3', typ: 'JWT' });
    expect(claims).toEqual({ sub: KEY_NAME, iss: 'cdp', nbf: 1_760_000_000, exp: 1_760_000_120, uri: 'GET api.coinbase.com/api/v3/brokerage/key_permissions' });
    expect(signature).toHaveLength(64);
    expect(verifies(token, ec.publicKey)).toBe(true);
    expect(verifies(token, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey)).toBe(false);
  });

  it('signs EdDSA with an Ed25519 key given as base64, 64 bytes or the 32-byte seed', () => {
    for (const secret of [ED_SECRET, Buffer.from(ED_SECRET, 'base64').subarray(0, 32).toString('base64')]) {
      const token = tokenOf(signCoinbaseRequest(REQUEST, { apiKey: KEY_NAME, secret: redact(secret) }, NOW_MS, 'n').headers.Authorization);
      expect(decode(token).header.alg).toBe('EdDSA');
      expect(verifies(token, ed.publicKey)).toBe(true);
    }
  });

  it('names the official host in uri whatever the base URL, and never the query', () => {
    const token = tokenOf(signCoinbaseRequest({ ...REQUEST, baseUrl: 'http://127.0.0.1:9/coinbase' }, { apiKey: KEY_NAME, secret: redact(EC_PEM) }, NOW_MS, 'n').headers.Authorization);
    expect(decode(token).claims.uri).toBe('GET api.coinbase.com/api/v3/brokerage/key_permissions');
  });

  it('accepts the PEM pasted on one line, with "\\n" escapes or with spaces for line breaks', () => {
    for (const pasted of [EC_PEM.replace(/\n/g, '\\n'), EC_PEM.replace(/\n/g, ' ')]) {
      expect(parseCoinbasePrivateKey(pasted)?.alg).toBe('ES256');
      const token = tokenOf(signCoinbaseRequest(REQUEST, { apiKey: KEY_NAME, secret: redact(pasted) }, NOW_MS, 'n').headers.Authorization);
      expect(verifies(token, ec.publicKey)).toBe(true);
    }
  });

  it('refuses a legacy key, by its name or by its HMAC secret, saying Coinbase retired them, before sending anything', () => {
    const legacy = [
      { apiKey: 'AbCdEfGh12345678', secret: redact(EC_PEM) },
      { apiKey: KEY_NAME, secret: redact('0123456789abcdef0123456789abcdef') },
      { apiKey: KEY_NAME, secret: redact(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString()) },
    ];
    for (const credentials of legacy) {
      let error: unknown;
      try {
        signCoinbaseRequest(REQUEST, credentials, NOW_MS, 'n');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ExchangeError);
      expect((error as ExchangeError).message).toContain('retired its legacy API keys');
      expect((error as ExchangeError).message).not.toContain('0123456789abcdef');
    }
  });
});

describe('the ES256 JWT agrees with ccxt', () => {
  it("verifies ccxt's token for the same key the way keyaudit's are verified (JOSE r||s over header.claims)", () => {
    const exchange = new coinbase({ apiKey: KEY_NAME, secret: EC_PEM });
    const token = exchange.createAuthToken(Math.floor(NOW_MS / 1000), 'GET', 'https://api.coinbase.com/api/v3/brokerage/key_permissions');
    const { header, claims } = decode(token);
    expect(header).toMatchObject({ alg: 'ES256', kid: KEY_NAME });
    expect(claims).toMatchObject({ sub: KEY_NAME, uri: 'GET api.coinbase.com/api/v3/brokerage/key_permissions', exp: claims.nbf + 120 });
    expect(verifies(token, createPublicKey(ec.privateKey))).toBe(true);
  });
});
