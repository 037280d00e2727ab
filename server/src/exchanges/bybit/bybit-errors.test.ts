import { describe, expect, it } from 'vitest';
import { BYBIT_ERRORS, parseBybitEnvelope, readRetryAfterMs } from './bybit-errors.ts';
import { caught } from '../../../test/test-support/exchange-error-catchers.ts';
import { httpResponse } from '../../../test/test-support/http-response.ts';

const UPSTREAM_CANARY = 'UPSTREAM_CANARY_TEXT';

const envelope = (retCode: number, extra: Record<string, unknown> = {}) => ({ retCode, retMsg: UPSTREAM_CANARY, result: {}, retExtInfo: {}, time: 1_700_000_000_000, ...extra });

describe(parseBybitEnvelope.name, () => {
  it('returns result for HTTP 200 with retCode 0', () => {
    expect(parseBybitEnvelope(httpResponse(200, { retCode: 0, retMsg: 'OK', result: { apiKey: 'a' }, retExtInfo: {}, time: 1 }))).toEqual({ apiKey: 'a' });
    expect(parseBybitEnvelope(httpResponse(200, { retCode: 0, retMsg: '', result: {} }))).toEqual({});
  });

  it.each([
    [-1, 'clock-skew'],
    [10000, 'timeout'],
    [10001, 'invalid-request'],
    [10002, 'clock-skew'],
    [10003, 'unknown-key'],
    [10004, 'bad-signature'],
    [10005, 'permission-denied'],
    [10006, 'rate-limited'],
    [10007, 'permission-denied'],
    [10008, 'permission-denied'],
    [10009, 'permission-denied'],
    [10010, 'ip-not-allowed'],
    [10016, 'exchange-error'],
    [10017, 'not-found'],
    [10024, 'permission-denied'],
    [10027, 'permission-denied'],
    [20096, 'permission-denied'],
    [33004, 'unknown-key'],
    [-2015, 'unknown-key'],
    [500010, 'not-found'],
  ])('maps retCode %i to %s with our own words', (retCode, kind) => {
    const error = caught(() => parseBybitEnvelope(httpResponse(200, envelope(retCode))));
    expect(error.kind).toBe(kind);
    expect(error.exchangeCode).toBe(String(retCode));
    expect(error.message).toBe(BYBIT_ERRORS[String(retCode)]?.message);
    expect(error.message).not.toContain(UPSTREAM_CANARY);
  });

  it('explains the errors users hit most in words they can act on', () => {
    expect(BYBIT_ERRORS['10010']?.message).toMatch(/^This machine's IP address is not among the key's bound IP addresses/);
    expect(BYBIT_ERRORS['10003']?.message).toMatch(/testnet, demo trading, or a regional site/);
    expect(BYBIT_ERRORS['10005']?.message).toMatch(/Account Transfer, Subaccount Transfer or Withdrawal/);
  });

  it('reads a retCode sent as a string', () => {
    expect(caught(() => parseBybitEnvelope(httpResponse(200, { retCode: '10004', retMsg: 'x' })))).toMatchObject({ kind: 'bad-signature', exchangeCode: '10004' });
  });

  it('carries the wait until X-Bapi-Limit-Reset-Timestamp, measured on Bybit\'s clock, on 10006', () => {
    const headers = { 'X-Bapi-Limit': '10', 'X-Bapi-Limit-Status': '0', 'X-Bapi-Limit-Reset-Timestamp': '1700000000650' };
    const error = caught(() => parseBybitEnvelope(httpResponse(200, envelope(10006), headers)));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 650 });
  });

  it('does not set retryAfterMs on errors other than rate limits', () => {
    const error = caught(() => parseBybitEnvelope(httpResponse(200, envelope(10004), { 'X-Bapi-Limit-Reset-Timestamp': '1700000000650' })));
    expect(error.retryAfterMs).toBeNull();
  });

  it('reads an HTML 403 as an IP block worth about ten minutes, not as a permission problem', () => {
    const error = caught(() => parseBybitEnvelope(httpResponse(403, `<html>${UPSTREAM_CANARY}</html>`)));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 600_000, exchangeCode: null });
    expect(error.message).toMatch(/too many requests .* or it is in a region/);
  });

  it.each([
    ['an HTML page with HTTP 200', 200, `<html><body>${UPSTREAM_CANARY}</body></html>`, 'bad-response'],
    ['an empty body', 200, '', 'bad-response'],
    ['JSON without retCode', 200, { result: UPSTREAM_CANARY }, 'bad-response'],
    ['retCode 0 with HTTP 500', 500, { retCode: 0, result: {} }, 'exchange-error'],
    ['retCode 0 with HTTP 201', 201, { retCode: 0, result: {} }, 'bad-response'],
    ['an HTML 502 from a proxy', 502, `<html>${UPSTREAM_CANARY}</html>`, 'exchange-error'],
    ['a bare 429', 429, `too many ${UPSTREAM_CANARY}`, 'rate-limited'],
    ['a bare 401', 401, '', 'unknown-key'],
    ['a bare 404', 404, `<html>${UPSTREAM_CANARY}</html>`, 'not-found'],
    ['an unknown retCode with HTTP 200', 200, { retCode: 123456, retMsg: UPSTREAM_CANARY }, 'bad-response'],
    ['an unknown retCode with HTTP 400', 400, { retCode: 123456, retMsg: UPSTREAM_CANARY }, 'exchange-error'],
  ])('reads %s as %s without upstream text', (_name, status, body, kind) => {
    const error = caught(() => parseBybitEnvelope(httpResponse(status, body)));
    expect(error.kind).toBe(kind);
    expect(error.message).not.toContain(UPSTREAM_CANARY);
  });

  it('keeps an unknown numeric retCode as exchangeCode but never a non-numeric one', () => {
    expect(caught(() => parseBybitEnvelope(httpResponse(200, { retCode: 123456 }))).exchangeCode).toBe('123456');
    expect(caught(() => parseBybitEnvelope(httpResponse(200, { retCode: UPSTREAM_CANARY }))).exchangeCode).toBeNull();
  });
});

describe(readRetryAfterMs.name, () => {
  it.each([
    [{ 'X-Bapi-Limit-Reset-Timestamp': '1700000000650' }, 1_700_000_000_000, 650],
    [{ 'x-bapi-limit-reset-timestamp': '1699999999000' }, 1_700_000_000_000, 0],
    [{ 'X-Bapi-Limit-Reset-Timestamp': 'soon' }, 1_700_000_000_000, null],
    [{ 'X-Bapi-Limit-Reset-Timestamp': '1700000000650' }, null, null],
    [{}, 1_700_000_000_000, null],
  ])('reads %o at server time %s as %s', (headers, serverNowMs, expected) => {
    expect(readRetryAfterMs(headers, serverNowMs)).toBe(expected);
  });
});
