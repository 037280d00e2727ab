// The simulator's own check of Bybit V5 request signing, written independently of bybit-sign.ts and ../hmac.ts
// so that a bug there cannot hide itself here. Mirrors the documented rules (docs/exchanges/bybit.md#signing);
// the order of Bybit's own checks is not documented.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BybitKeyOwner, BybitSimulatorState } from './bybit-simulator-state.ts';
import { normalizeIp, type SimulatorRequest } from '../simulator-http.ts';

export type BybitRejection = { retCode: number; retMsg: string };

const DEFAULT_RECV_WINDOW_MS = 5_000;
/** "server_time - recv_window <= timestamp < server_time + 1000". */
const MAX_AHEAD_MS = 1_000;

const reject = (retCode: number, retMsg: string): { rejection: BybitRejection } => ({ rejection: { retCode, retMsg } });

export function authenticateBybitRequest(request: SimulatorRequest, state: BybitSimulatorState): { owner: BybitKeyOwner } | { rejection: BybitRejection } {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const apiKey = header('x-bapi-api-key') ?? '';
  const timestamp = header('x-bapi-timestamp') ?? '';
  const recvWindow = header('x-bapi-recv-window') ?? String(DEFAULT_RECV_WINDOW_MS);
  if (!apiKey) return reject(10003, 'API key is invalid.');
  if (!/^\d{1,7}$/.test(recvWindow) || Number(recvWindow) === 0) return reject(10001, 'Request parameter error.');
  const serverMs = state.nowMs();
  const timestampMs = Number(timestamp);
  if (!/^\d{1,16}$/.test(timestamp) || timestampMs < serverMs - Number(recvWindow) || timestampMs >= serverMs + MAX_AHEAD_MS) {
    return reject(10002, `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${serverMs}],recv_window[${recvWindow}]`);
  }
  const owner = state.findKey(apiKey);
  if (!owner) return reject(10003, 'API key is invalid.');
  const expiresAtMs = state.expiresAtMs(owner.key);
  if (expiresAtMs !== null && expiresAtMs <= serverMs) return reject(33004, 'Your api key has expired.');
  // GET signs the query string as it arrived (still percent-encoded); POST signs the raw body.
  const payload = request.method.toUpperCase() === 'GET' ? rawQuery(request.url) : request.body;
  const expected = createHmac('sha256', Buffer.from(owner.key.secret, 'utf8')).update(Buffer.from(timestamp + apiKey + recvWindow + payload, 'utf8')).digest('hex');
  if (!sameText(header('x-bapi-sign') ?? '', expected)) return reject(10004, 'Error sign, please check your signature generation algorithm.');
  if (!isAllowedIp(owner.key.ips, request.remoteAddress)) return reject(10010, "Unmatched IP, please check your API key's bound IP addresses.");
  return { owner };
}

function rawQuery(url: string): string {
  return url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
}

function sameText(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isAllowedIp(ips: readonly string[], remoteAddress: string | undefined): boolean {
  const allowed = ips.flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter((entry) => entry !== '');
  return allowed.length === 0 || allowed.includes('*') || allowed.map(normalizeIp).includes(normalizeIp(remoteAddress));
}
