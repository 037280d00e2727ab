// The simulator's own check of Bitget's request signing, written independently of bitget-sign.ts and ../hmac.ts so that a
// bug there cannot hide itself here. Mirrors the documented recipe (docs/exchanges/bitget.md#signing); the order of
// Bitget's own checks is not documented.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BitgetKeyOwner, BitgetSimulatorState } from './bitget-simulator-state.ts';
import { normalizeIp, type SimulatorRequest } from '../simulator-http.ts';

export type BitgetRejection = { status: number; code: string; msg: string };

/** Not documented on the pages we could read (docs/exchanges/bitget.md#timestamp-window): 30 seconds either way here. */
const TIMESTAMP_WINDOW_MS = 30_000;

const reject = (code: string, msg: string, status = 400): { rejection: BitgetRejection } => ({ rejection: { status, code, msg } });

export function authenticateBitgetRequest(request: SimulatorRequest, state: BitgetSimulatorState): { owner: BitgetKeyOwner } | { rejection: BitgetRejection } {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : '';
  };
  const apiKey = header('access-key');
  const timestamp = header('access-timestamp');
  if (!apiKey) return reject('40001', 'ACCESS_KEY cannot be empty', 401);
  if (!header('access-sign')) return reject('40003', 'Signature cannot be empty', 401);
  if (!header('access-passphrase')) return reject('40011', 'ACCESS_PASSPHRASE cannot be empty', 401);
  if (!/^\d{13}$/.test(timestamp)) return reject('40005', 'Invalid ACCESS_TIMESTAMP', 401);
  if (Math.abs(Number(timestamp) - state.nowMs()) > TIMESTAMP_WINDOW_MS) return reject('40008', 'Request timestamp expired', 401);
  const owner = state.findKey(apiKey);
  if (!owner) return reject('40006', 'Invalid ACCESS_KEY', 401);

  // The query as Bitget checks it: sorted by name and decoded.
  const [path = '', rawQuery = ''] = request.url.split('?');
  const pairs = new URLSearchParams(rawQuery);
  const sorted = [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => `${name}=${value}`).join('&');
  const prehash = timestamp + request.method.toUpperCase() + path + (sorted ? `?${sorted}` : '') + request.body;
  const expected = createHmac('sha256', Buffer.from(owner.key.secret, 'utf8')).update(Buffer.from(prehash, 'utf8')).digest();
  const received = Buffer.from(header('access-sign'), 'base64');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return reject('40009', 'sign signature error', 401);
  if (header('access-passphrase') !== owner.key.passphrase) return reject('40012', 'apikey/password is incorrect', 401);
  const allowed = owner.key.ips.split(',').map((ip) => ip.trim()).filter((ip) => ip !== '');
  if (allowed.length > 0 && !allowed.map(normalizeIp).includes(normalizeIp(request.remoteAddress))) return reject('40018', 'Invalid IP', 401);
  return { owner };
}
