import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../exchange-error.ts';
import { HTX_ERRORS, parseHtxEnvelope } from './htx-errors.ts';

const answer = (body: unknown, status = 200) => ({ status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });
function failureOf(body: unknown, status = 200): ExchangeError {
  try {
    parseHtxEnvelope(answer(body, status));
  } catch (error) {
    if (error instanceof ExchangeError) return error;
    throw error;
  }
  throw new Error('no failure');
}
const refusedSignature = (msg: string) => failureOf({ status: 'error', 'err-code': 'api-signature-not-valid', 'err-msg': msg, data: null });

describe(parseHtxEnvelope.name, () => {
  it('returns data and nextId of a v2 answer, and data of a v1 one', () => {
    expect(parseHtxEnvelope(answer({ code: 200, data: [{ uid: 1 }], nextId: 132208122 }))).toEqual({ data: [{ uid: 1 }], nextId: '132208122' });
    expect(parseHtxEnvelope(answer({ status: 'ok', data: 1700000000000 }))).toEqual({ data: 1700000000000, nextId: null });
  });

  it.each(Object.entries(HTX_ERRORS))('maps %s to its kind in our own words', (code, entry) => {
    const body = /^\d+$/.test(code) ? { code: Number(code), message: `upstream ${code}`, data: null } : { status: 'error', 'err-code': code, 'err-msg': `upstream ${code}`, data: null };
    const error = failureOf(body);
    expect(error).toMatchObject({ kind: entry.kind, exchangeCode: code, message: entry.message });
    expect(error.message).not.toContain('upstream');
  });

  it.each([
    ['Signature not valid: Incorrect Access key [Access key错误]', 'unknown-key'],
    ['Signature not valid: Verification failure [校验失败]', 'bad-signature'],
    ['Signature not valid: Invalid submission time or incorrect time format [无效的提交时间，或时间格式错误]', 'clock-skew'],
    ['Signature not valid: API key has no permission [API Key没有权限]', 'permission-denied'],
    ['Signature not valid: Incorrect IP address [IP地址错误]', 'ip-not-allowed'],
    ['Signature not valid: something new', 'bad-signature'],
  ])('reads the reason of api-signature-not-valid from "%s" without showing it', (msg, kind) => {
    const error = refusedSignature(msg);
    expect(error.kind).toBe(kind);
    expect(error.message).not.toContain('Signature not valid');
  });

  it('reads statuses and garbage without echoing them', () => {
    expect(failureOf('', 429).kind).toBe('rate-limited');
    expect(failureOf('<html>bad gateway</html>', 502).kind).toBe('exchange-error');
    const garbage = failureOf('<html>oops</html>');
    expect(garbage.kind).toBe('bad-response');
    expect(garbage.message).not.toContain('oops');
  });
});
