// The simulator's own check of OKX's request signing, written independently of okx-sign.ts and ../hmac.ts
// so that a bug there cannot hide itself here. Mirrors the documented rules (docs/exchanges/okx.md#signing and #errors);
// the order of OKX's own checks is not documented.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { OkxKeyOwner, OkxSimulatorState } from './okx-simulator-state.ts';
import { normalizeIp, type SimulatorRequest } from '../simulator-http.ts';

export type OkxRejection = { status: number; code: string; msg: string };

/** "The server rejects requests where this differs from server time by more than 30 seconds (error 50102)." */
const TIMESTAMP_WINDOW_MS = 30_000;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const REQUIRED_HEADERS: [name: string, code: string][] = [
  ['ok-access-key', '50103'],
  ['ok-access-passphrase', '50104'],
  ['ok-access-sign', '50106'],
  ['ok-access-timestamp', '50107'],
];

const reject = (code: string, msg: string, status = 401): OkxRejection => ({ status, code, msg });

export function authenticateOkxRequest(
  request: SimulatorRequest,
  state: OkxSimulatorState,
): { owner: OkxKeyOwner } | { rejection: OkxRejection } {
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : '';
  };
  const missing = REQUIRED_HEADERS.find(([name]) => !header(name));
  if (missing) return { rejection: reject(missing[1], `Request header "${missing[0].toUpperCase()}" cannot be empty.`) };
  const timestamp = header('ok-access-timestamp');
  const timestampMs = Date.parse(timestamp);
  if (!ISO_TIMESTAMP.test(timestamp) || Number.isNaN(timestampMs)) return { rejection: reject('50112', 'Invalid OK-ACCESS-TIMESTAMP.') };
  if (Math.abs(timestampMs - state.nowMs()) > TIMESTAMP_WINDOW_MS) return { rejection: reject('50102', 'Timestamp request expired.') };
  const owner = state.findKey(header('ok-access-key'));
  if (!owner) return { rejection: reject('50111', 'Invalid OK-ACCESS-KEY.') };
  if (!sameText(header('ok-access-passphrase'), owner.key.passphrase)) {
    return { rejection: reject('50105', 'Request header "OK-ACCESS-PASSPHRASE" incorrect.') };
  }
  // OKX signs requestPath as sent: "GET request parameters are counted as requestpath, not body".
  const prehash = timestamp + request.method.toUpperCase() + request.url + request.body;
  const expected = createHmac('sha256', Buffer.from(owner.key.secret, 'utf8')).update(Buffer.from(prehash, 'utf8')).digest('base64');
  if (!sameText(header('ok-access-sign'), expected)) return { rejection: reject('50113', 'Invalid Sign') };
  const callerIp = normalizeIp(request.remoteAddress);
  if (!isAllowedIp(owner.key.ip, callerIp)) {
    return { rejection: reject('50110', `Your IP ${callerIp} is not included in your API key's IP whitelist.`) };
  }
  return { owner };
}

function sameText(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** "Each API key can bind up to 20 IP addresses, which support IPv4/IPv6 and network segment formats." */
export function isAllowedIp(ipList: string, callerIp: string): boolean {
  const entries = ipList.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) return true;
  const family = isIP(callerIp);
  if (family === 0) return false;
  const allowed = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const entryFamily = isIP(address);
    if (entryFamily === 0) continue;
    const type = entryFamily === 4 ? 'ipv4' : 'ipv6';
    const prefixBits = Number(prefix);
    if (prefix === undefined) allowed.addAddress(address, type);
    else if (Number.isInteger(prefixBits) && prefixBits >= 0 && prefixBits <= (entryFamily === 4 ? 32 : 128)) allowed.addSubnet(address, prefixBits, type);
  }
  return allowed.check(callerIp, family === 4 ? 'ipv4' : 'ipv6');
}
