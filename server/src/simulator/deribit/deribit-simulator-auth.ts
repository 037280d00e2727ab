// The simulator's own check of Deribit's deri-hmac-sha256 request signing, written independently of deribit-sign.ts and
// ../hmac.ts so that a bug there cannot hide itself here (docs/exchanges/deribit.md#signing and #errors). Deribit does
// not document how far a timestamp may be off, nor its code for a caller outside a key's IP whitelist: the window and
// that answer are the simulator's assumptions (docs/exchanges/deribit.md#unverified).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeribitKeyOwner, DeribitSimulatorState } from './deribit-simulator-state.ts';
import { normalizeIp, type SimulatorRequest } from '../simulator-http.ts';

export type DeribitRejection = { code: number; message: string; reason?: string };

const TIMESTAMP_WINDOW_MS = 60_000;
const HEADER_PATTERN = /^deri-hmac-sha256 (.+)$/;

export function authenticateDeribitRequest(request: SimulatorRequest, state: DeribitSimulatorState): { owner: DeribitKeyOwner } | { rejection: DeribitRejection } {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? HEADER_PATTERN.exec(header) : null;
  if (!match) return { rejection: { code: 13009, message: 'unauthorized', reason: 'authorization header missing' } };
  const fields = new Map(match[1]!.split(',').map((part) => {
    const cut = part.indexOf('=');
    return [part.slice(0, cut).trim(), part.slice(cut + 1).trim()] as const;
  }));
  const [clientId, ts, sig, nonce] = [fields.get('id'), fields.get('ts'), fields.get('sig'), fields.get('nonce')];
  if (!clientId || !ts || !sig || !nonce || !/^\d{1,16}$/.test(ts)) return { rejection: { code: 13009, message: 'unauthorized', reason: 'malformed authorization header' } };
  const owner = state.findKey(clientId);
  if (!owner || !owner.key.enabled) return { rejection: { code: 13004, message: 'invalid_credentials' } };
  const stringToSign = [ts, nonce, request.method.toUpperCase(), request.url, request.body, ''].join('\n');
  const expected = createHmac('sha256', Buffer.from(owner.key.secret, 'utf8')).update(Buffer.from(stringToSign, 'utf8')).digest('hex');
  if (!sameHex(sig, expected)) return { rejection: { code: 13009, message: 'unauthorized', reason: 'invalid signature' } };
  if (Math.abs(Number(ts) - state.nowMs()) > TIMESTAMP_WINDOW_MS) return { rejection: { code: 13009, message: 'unauthorized', reason: 'invalid timestamp' } };
  const whitelist = owner.key.ipWhitelist;
  if (whitelist.length > 0 && !whitelist.map(normalizeIp).includes(normalizeIp(request.remoteAddress))) {
    return { rejection: { code: 13021, message: 'forbidden', reason: 'ip_not_whitelisted' } };
  }
  return { owner };
}

function sameHex(received: string, expected: string): boolean {
  const a = Buffer.from(received.toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
