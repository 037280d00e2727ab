// The simulator's own check of HTX's Signature Version 2, written independently of htx-sign.ts and ../hmac.ts so that a bug
// there cannot hide itself here. Mirrors the documented recipe (docs/exchanges/htx.md#signing); answers in the gateway's
// v1 form with the err-msg wording HTX uses (the IP wording is ours: docs/exchanges/htx.md#unverified).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HtxKeyOwner, HtxSimulatorState } from './htx-simulator-state.ts';
import { normalizeIp, type SimulatorRequest } from '../simulator-http.ts';

export type HtxRejection = { 'err-code': string; 'err-msg': string };

/** "less than 1 minute". */
const TIMESTAMP_WINDOW_MS = 60_000;

const reject = (errCode: string, errMsg: string): { rejection: HtxRejection } => ({ rejection: { 'err-code': errCode, 'err-msg': errMsg } });

/** `path` is the full path as sent (mount prefix included): the signer signs what it sends. */
export function authenticateHtxRequest(request: SimulatorRequest, path: string, state: HtxSimulatorState): { owner: HtxKeyOwner; params: URLSearchParams } | { rejection: HtxRejection } {
  const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  const pairs = rawQuery.split('&').filter((pair) => pair !== '');
  const signaturePair = pairs.find((pair) => pair.startsWith('Signature='));
  const params = new URLSearchParams(rawQuery);
  const accessKey = params.get('AccessKeyId') ?? '';
  if (!accessKey || !signaturePair) return reject('login-required', 'Parameter `AccessKeyId` or `Signature` is required.');
  const timestamp = params.get('Timestamp') ?? '';
  const timestampMs = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(timestamp) ? Date.parse(`${timestamp}Z`) : Number.NaN;
  if (!Number.isFinite(timestampMs) || Math.abs(timestampMs - state.nowMs()) >= TIMESTAMP_WINDOW_MS) {
    return reject('api-signature-not-valid', 'Signature not valid: Invalid submission time or incorrect time format [无效的提交时间，或时间格式错误]');
  }
  const owner = state.findKey(accessKey);
  if (!owner) return reject('api-signature-not-valid', 'Signature not valid: Incorrect Access key [Access key错误]');

  // The query as signed: every pair but the signature, as received (still encoded), sorted by name.
  const signed = pairs.filter((pair) => pair !== signaturePair).sort((a, b) => {
    const [nameA = '', nameB = ''] = [a.split('=')[0], b.split('=')[0]];
    return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
  }).join('&');
  const host = typeof request.headers.host === 'string' ? request.headers.host : '';
  const expected = createHmac('sha256', Buffer.from(owner.key.secret, 'utf8')).update([request.method.toUpperCase(), host, path, signed].join('\n'), 'utf8').digest();
  const received = Buffer.from(decodeURIComponent(signaturePair.slice('Signature='.length)), 'base64');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return reject('api-signature-not-valid', 'Signature not valid: Verification failure [校验失败]');
  }
  const allowed = owner.key.ipAddresses.split(',').map((ip) => ip.trim()).filter((ip) => ip !== '');
  if (allowed.length > 0 && !allowed.map(normalizeIp).includes(normalizeIp(request.remoteAddress))) {
    return reject('api-signature-not-valid', 'Signature not valid: Incorrect IP address [IP地址错误]');
  }
  return { owner, params };
}
