// The simulator's own check of Binance's SIGNED requests, written independently of binance-sign.ts and ../hmac.ts
// so that a bug there cannot hide itself here. Follows Binance's "SIGNED Endpoint security"
// (docs/exchanges/binance.md#signing); the order of Binance's own checks is not documented.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BinanceKeyOwner, BinanceSimulatorState } from './binance-simulator-state.ts';
import { normalizeIp, type SimulatorRequest } from '../simulator-http.ts';

export type BinanceRejection = { status: number; code: number; msg: string };

const MAX_RECV_WINDOW_MS = 60_000;
const DEFAULT_RECV_WINDOW_MS = 5_000;
/** "timestamp < serverTime + 1 second" (docs/exchanges/binance.md#timestamp-window). */
const MAX_AHEAD_MS = 1_000;

const reject = (status: number, code: number, msg: string): { rejection: BinanceRejection } => ({ rejection: { status, code, msg } });
const missing = (name: string) => reject(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);

export function authenticateBinanceRequest(
  request: SimulatorRequest,
  state: BinanceSimulatorState,
): { owner: BinanceKeyOwner; params: ReadonlyMap<string, string> } | { rejection: BinanceRejection } {
  const apiKey = request.headers['x-mbx-apikey'];
  if (typeof apiKey !== 'string' || !/^[A-Za-z0-9]{1,128}$/.test(apiKey)) return reject(401, -2014, 'API-key format invalid.');
  const query = splitPairs(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
  const body = splitPairs(request.body);
  const params = decodePairs([...query, ...body]);
  if (!params) return reject(400, -1100, 'Illegal characters found in a parameter.');
  const signature = params.get('signature');
  if (!signature) return missing('signature');
  const timestamp = params.get('timestamp');
  if (!timestamp || !/^\d{1,16}(\.\d{1,3})?$/.test(timestamp)) return missing('timestamp');
  const recvWindow = Number(params.get('recvWindow') ?? DEFAULT_RECV_WINDOW_MS);
  if (!Number.isFinite(recvWindow) || recvWindow <= 0 || recvWindow > MAX_RECV_WINDOW_MS) return reject(400, -1131, 'recvWindow must be less than 60000');

  const owner = state.findKey(apiKey);
  if (!owner) return reject(401, -2015, 'Invalid API-key, IP, or permissions for action.');
  const serverMs = state.nowMs();
  const timestampMs = Number(timestamp);
  if (timestampMs >= serverMs + MAX_AHEAD_MS) return reject(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  if (serverMs - timestampMs > recvWindow) return reject(400, -1021, 'Timestamp for this request is outside of the recvWindow.');

  // "totalParams is defined as the query string concatenated with the request body", the signature itself left out.
  const withoutSignature = (pairs: string[]) => pairs.filter((pair) => !pair.startsWith('signature=')).join('&');
  const payload = withoutSignature(query) + withoutSignature(body);
  const expected = createHmac('sha256', Buffer.from(owner.key.secret, 'utf8')).update(Buffer.from(payload, 'utf8')).digest('hex');
  // HMAC signatures are "not case-sensitive".
  if (!sameText(signature.toLowerCase(), expected)) return reject(400, -1022, 'Signature for this request is not valid.');

  if (owner.key.ipList.length > 0 && !owner.key.ipList.includes(normalizeIp(request.remoteAddress))) {
    return reject(401, -2015, 'Invalid API-key, IP, or permissions for action.');
  }
  return { owner, params };
}

function splitPairs(raw: string): string[] {
  return raw.split('&').filter((pair) => pair !== '');
}

/** application/x-www-form-urlencoded: '+' is a space, %XX is a byte. A parameter sent twice keeps its first value. */
function decodePairs(pairs: string[]): ReadonlyMap<string, string> | null {
  const params = new Map<string, string>();
  try {
    for (const pair of pairs) {
      const cut = pair.includes('=') ? pair.indexOf('=') : pair.length;
      const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
      const name = decode(pair.slice(0, cut));
      if (!params.has(name)) params.set(name, decode(pair.slice(cut + 1)));
    }
  } catch {
    return null;
  }
  return params;
}

function sameText(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
