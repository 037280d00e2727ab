// The simulator's own check of Kraken's request signing, written independently of kraken-sign.ts and ../hmac.ts so that a
// bug there cannot hide itself here. Mirrors the documented recipe (docs/exchanges/kraken.md#signing); the order of
// Kraken's own checks is not documented.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { KrakenKeyOwner, KrakenSimulatorState } from './kraken-simulator-state.ts';
import { normalizeIp, type SimulatorRequest } from '../simulator-http.ts';

export type KrakenRejection = string;

export function authenticateKrakenRequest(
  request: SimulatorRequest,
  path: string,
  state: KrakenSimulatorState,
): { owner: KrakenKeyOwner; form: URLSearchParams } | { rejection: KrakenRejection } {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : '';
  };
  const owner = state.findKey(header('api-key'));
  if (!owner) return { rejection: 'EAPI:Invalid key' };
  const form = new URLSearchParams(request.body);
  const nonce = form.get('nonce') ?? '';
  if (!/^\d{1,20}$/.test(nonce)) return { rejection: 'EAPI:Invalid nonce' };

  const inner = createHash('sha256').update(Buffer.from(nonce + request.body, 'utf8')).digest();
  const expected = createHmac('sha512', Buffer.from(owner.key.secret, 'base64')).update(Buffer.concat([Buffer.from(path, 'utf8'), inner])).digest();
  const received = Buffer.from(header('api-sign'), 'base64');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return { rejection: 'EAPI:Invalid signature' };

  // Expired keys: which error Kraken sends is undocumented; an expired key is as good as unknown.
  if (owner.key.validUntilS > 0 && owner.key.validUntilS * 1000 <= state.nowMs()) return { rejection: 'EAPI:Invalid key' };
  if (!state.acceptNonce(owner.key.apiKey, BigInt(nonce))) return { rejection: 'EAPI:Invalid nonce' };
  // Undocumented too (docs/exchanges/kraken.md#errors): an address outside the allowlist is refused as a permission.
  const allowed = owner.key.ipAllowlist.map(normalizeIp);
  if (allowed.length > 0 && !allowed.includes(normalizeIp(request.remoteAddress))) return { rejection: 'EGeneral:Permission denied' };
  return { owner, form };
}
