// The simulator's own check of KuCoin's request signing, written independently of kucoin-sign.ts and ../hmac.ts
// so that a bug there cannot hide itself here. Mirrors the gateway as documented (docs/exchanges/kucoin.md#signing and #errors);
// the order of KuCoin's own checks is not documented.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KucoinKeyOwner, KucoinSimulatorState } from './kucoin-simulator-state.ts';
import { normalizeIp, type SimulatorRequest } from '../simulator-http.ts';

export type KucoinRejection = { status: number; code: string; msg: string };

const TIMESTAMP_WINDOW_MS = 5_000;
const REQUIRED_HEADERS = ['kc-api-key', 'kc-api-sign', 'kc-api-timestamp', 'kc-api-passphrase', 'kc-api-key-version'];

const reject = (status: number, code: string, msg: string): KucoinRejection => ({ status, code, msg });

export function authenticateKucoinRequest(
  request: SimulatorRequest,
  state: KucoinSimulatorState,
): { owner: KucoinKeyOwner } | { rejection: KucoinRejection } {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (REQUIRED_HEADERS.some((name) => !header(name))) {
    return { rejection: reject(400, '400001', 'Please check the URL of your request.') };
  }
  const timestamp = header('kc-api-timestamp') ?? '';
  if (!/^\d{1,16}$/.test(timestamp) || Math.abs(Number(timestamp) - state.nowMs()) >= TIMESTAMP_WINDOW_MS) {
    return { rejection: reject(400, '400002', 'Invalid KC-API-TIMESTAMP') };
  }
  const owner = state.findKey(header('kc-api-key') ?? '');
  if (!owner) return { rejection: reject(401, '400003', 'KC-API-KEY not exists') };
  if (!['2', '3'].includes(header('kc-api-key-version') ?? '')) {
    return { rejection: reject(400, '400009', 'Invalid KC-API-KEY-VERSION.') };
  }
  const { secret, passphrase, ipWhitelist } = owner.key;
  if (!sameText(header('kc-api-passphrase') ?? '', base64Hmac(secret, passphrase))) {
    return { rejection: reject(401, '400004', 'Invalid KC-API-PASSPHRASE') };
  }
  const signedUrl = decodeUrl(request.url);
  const expectedSign = signedUrl === null ? null : base64Hmac(secret, timestamp + request.method.toUpperCase() + signedUrl + request.body);
  if (expectedSign === null || !sameText(header('kc-api-sign') ?? '', expectedSign)) {
    return { rejection: reject(401, '400005', 'Invalid KC-API-SIGN') };
  }
  if (!isAllowedIp(ipWhitelist, request.remoteAddress)) {
    return { rejection: reject(403, '400006', `Invalid request ip, the current client IP is: ${normalizeIp(request.remoteAddress)}`) };
  }
  return { owner };
}

function base64Hmac(secret: string, message: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(message, 'utf8')).digest('base64');
}

function sameText(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** KuCoin verifies the un-encoded path and query (docs/exchanges/kucoin.md#signing). '+' stays '+'. */
function decodeUrl(url: string): string | null {
  try {
    return decodeURIComponent(url);
  } catch {
    return null;
  }
}

function isAllowedIp(ipWhitelist: string, remoteAddress: string | undefined): boolean {
  const allowed = ipWhitelist.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return allowed.length === 0 || allowed.map(normalizeIp).includes(normalizeIp(remoteAddress));
}
