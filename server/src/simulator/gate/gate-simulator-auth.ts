// The simulator's own check of Gate's request signing, written independently of gate-sign.ts and ../hmac.ts
// so that a bug there cannot hide itself here. Mirrors Gate's documented rules (docs/exchanges/gate.md#signing and #errors);
// the order of Gate's own checks is not documented.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { GateKeyOwner, GateSimulatorState } from './gate-simulator-state.ts';
import { normalizeIp, type SimulatorRequest } from '../simulator-http.ts';

export type GateRejection = { status: number; label: string; message: string };

/** "the gap between its value and current time cannot exceed 60 seconds". */
const TIMESTAMP_WINDOW_MS = 60_000;

const reject = (status: number, label: string, message: string): GateRejection => ({ status, label, message });

export function authenticateGateRequest(request: SimulatorRequest, state: GateSimulatorState): { owner: GateKeyOwner } | { rejection: GateRejection } {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const [apiKey, timestamp, sign] = [header('key'), header('timestamp'), header('sign')];
  if (!apiKey || !timestamp || !sign) return { rejection: reject(401, 'MISSING_REQUIRED_HEADER', 'Missing required authentication header') };
  // Gate's own Python example sends time.time() with decimals.
  if (!/^\d{1,12}(\.\d{1,9})?$/.test(timestamp) || Math.abs(Number(timestamp) * 1000 - state.nowMs()) > TIMESTAMP_WINDOW_MS) {
    return { rejection: reject(401, 'REQUEST_EXPIRED', 'gap between request Timestamp and server time exceeds 60') };
  }
  const owner = state.findKey(apiKey);
  if (!owner) return { rejection: reject(401, 'INVALID_KEY', 'Invalid key provided') };
  const signed = splitUrl(request.url);
  if (!signed || !sameHex(sign, expectedSign(owner.key.secret, request.method.toUpperCase(), signed, request.body, timestamp))) {
    return { rejection: reject(401, 'INVALID_SIGNATURE', 'Signature mismatch') };
  }
  if (!isAllowedIp(owner.key.ipWhitelist, request.remoteAddress)) {
    return { rejection: reject(401, 'IP_FORBIDDEN', `Request IP not in whitelist: ${normalizeIp(request.remoteAddress)}`) };
  }
  return { owner };
}

function expectedSign(secret: string, method: string, { path, query }: { path: string; query: string }, body: string, timestamp: string): string {
  const payloadHash = createHash('sha512').update(Buffer.from(body, 'utf8')).digest('hex');
  const message = `${method}\n${path}\n${query}\n${payloadHash}\n${timestamp}`;
  return createHmac('sha512', Buffer.from(secret, 'utf8')).update(Buffer.from(message, 'utf8')).digest('hex');
}

/** Gate signs the query "without URL encode" (docs/exchanges/gate.md#signing): compare against the decoded path and query. */
function splitUrl(url: string): { path: string; query: string } | null {
  const cut = url.indexOf('?');
  try {
    return {
      path: decodeURIComponent(cut < 0 ? url : url.slice(0, cut)),
      query: cut < 0 ? '' : decodeURIComponent(url.slice(cut + 1)),
    };
  } catch {
    return null;
  }
}

function sameHex(received: string, expected: string): boolean {
  const a = Buffer.from(received.toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** "If IP whitelist is not set, the server will skip client IP validation." */
function isAllowedIp(ipWhitelist: readonly string[], remoteAddress: string | undefined): boolean {
  return ipWhitelist.length === 0 || ipWhitelist.map(normalizeIp).includes(normalizeIp(remoteAddress));
}
