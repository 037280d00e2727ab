import { describe, expect, it } from 'vitest';
import { BINANCE_ERRORS, BINANCE_PERMISSION_REJECTED, parseBinanceResponse, readRetryAfterMs } from './binance-errors.ts';
import { caught } from '../../../test/test-support/exchange-error-catchers.ts';
import { httpResponse } from '../../../test/test-support/http-response.ts';

const UPSTREAM_CANARY = 'UPSTREAM_CANARY_TEXT';

describe(parseBinanceResponse.name, () => {
  it('returns the JSON of a successful answer, which has no envelope', () => {
    expect(parseBinanceResponse(httpResponse(200, { serverTime: 1499827319559 }))).toEqual({ serverTime: 1499827319559 });
    expect(parseBinanceResponse(httpResponse(200, {}))).toEqual({});
    expect(parseBinanceResponse(httpResponse(200, [{ email: 'a@b.c' }]))).toEqual([{ email: 'a@b.c' }]);
  });

  it('treats {"code": 200} and {"code": 0} as success, as some SAPI endpoints answer', () => {
    expect(parseBinanceResponse(httpResponse(200, { code: 200, msg: 'ok' }))).toEqual({ code: 200, msg: 'ok' });
    expect(parseBinanceResponse(httpResponse(200, { code: 0 }))).toEqual({ code: 0 });
  });

  it.each([
    [-1000, 400, 'exchange-error'],
    [-1001, 500, 'exchange-error'],
    [-1002, 401, 'permission-denied'],
    [-1003, 429, 'rate-limited'],
    [-1006, 500, 'exchange-error'],
    [-1007, 500, 'timeout'],
    [-1008, 503, 'rate-limited'],
    [-1016, 400, 'not-found'],
    [-1021, 400, 'clock-skew'],
    [-1022, 400, 'bad-signature'],
    [-1100, 400, 'invalid-request'],
    [-1101, 400, 'invalid-request'],
    [-1102, 400, 'invalid-request'],
    [-1103, 400, 'invalid-request'],
    [-1104, 400, 'invalid-request'],
    [-1105, 400, 'invalid-request'],
    [-1106, 400, 'invalid-request'],
    [-1130, 400, 'invalid-request'],
    [-1131, 400, 'invalid-request'],
    [-2008, 401, 'unknown-key'],
    [-2014, 401, 'unknown-key'],
    [-2015, 401, 'ip-not-allowed'],
    [-8012, 400, 'permission-denied'],
  ])('maps code %i (HTTP %i) to %s with our own words', (code, status, kind) => {
    const error = caught(() => parseBinanceResponse(httpResponse(status, { code, msg: UPSTREAM_CANARY })));
    expect(error.kind).toBe(kind);
    expect(error.exchangeCode).toBe(String(code));
    expect(error.message).toBe(BINANCE_ERRORS[String(code)]?.message);
    expect(error.message).not.toContain(UPSTREAM_CANARY);
  });

  it('names every cause of -2015 and says which is likely for a key Binance never accepted', () => {
    const error = caught(() => parseBinanceResponse(httpResponse(401, { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' })));
    expect(error.message).toMatch(/Most likely this machine's IP address is not on the key's IP whitelist; otherwise the key was deleted or copied wrongly/);
  });

  it('reads -2015 as a missing permission once Binance has accepted the key', () => {
    const error = caught(() => parseBinanceResponse(httpResponse(401, { code: -2015, msg: UPSTREAM_CANARY }), { keyWasAccepted: true }));
    expect(error).toMatchObject({ kind: 'permission-denied', exchangeCode: '-2015', message: BINANCE_PERMISSION_REJECTED.message });
    expect(error.message).toMatch(/master-account key/);
  });

  it('treats an error code that came with HTTP 200 as an error', () => {
    expect(caught(() => parseBinanceResponse(httpResponse(200, { code: -1022, msg: 'x' }))).kind).toBe('bad-signature');
  });

  it('carries Retry-After (seconds) as retryAfterMs on a 429 and a 418', () => {
    expect(caught(() => parseBinanceResponse(httpResponse(429, { code: -1003, msg: 'x' }, { 'Retry-After': '17' }))))
      .toMatchObject({ kind: 'rate-limited', retryAfterMs: 17_000 });
    expect(caught(() => parseBinanceResponse(httpResponse(418, { code: -1003, msg: 'x' }, { 'retry-after': '120' }))))
      .toMatchObject({ kind: 'rate-limited', retryAfterMs: 120_000 });
  });

  it('does not set retryAfterMs on errors other than rate limits', () => {
    expect(caught(() => parseBinanceResponse(httpResponse(400, { code: -1022 }, { 'Retry-After': '5' }))).retryAfterMs).toBeNull();
  });

  it.each([
    ['an HTML page with HTTP 200', 200, `<html><body>${UPSTREAM_CANARY}</body></html>`, 'bad-response'],
    ['an empty body', 200, '', 'bad-response'],
    ['an HTML 502 from a proxy', 502, `<html>${UPSTREAM_CANARY}</html>`, 'exchange-error'],
    ['a WAF 403 without a code', 403, `<html>${UPSTREAM_CANARY}</html>`, 'permission-denied'],
    ['a 429 without a body', 429, '', 'rate-limited'],
    ['an unknown path (HTTP 404, -5000)', 404, { code: -5000, msg: UPSTREAM_CANARY }, 'not-found'],
    ['an IP ban (418)', 418, { code: -1003, msg: UPSTREAM_CANARY }, 'rate-limited'],
    ['an unknown code with HTTP 400', 400, { code: -99999, msg: UPSTREAM_CANARY }, 'exchange-error'],
    ['an unknown code with HTTP 503', 503, { code: -99999, msg: UPSTREAM_CANARY }, 'exchange-error'],
  ])('reads %s as %s without upstream text', (_name, status, body, kind) => {
    const error = caught(() => parseBinanceResponse(httpResponse(status, body)));
    expect(error.kind).toBe(kind);
    expect(error.message).not.toContain(UPSTREAM_CANARY);
  });

  it('keeps an unknown numeric code as exchangeCode but never a non-numeric one', () => {
    expect(caught(() => parseBinanceResponse(httpResponse(400, { code: -99999 }))).exchangeCode).toBe('-99999');
    expect(caught(() => parseBinanceResponse(httpResponse(400, { code: UPSTREAM_CANARY, msg: 'x' }))).exchangeCode).toBeNull();
  });
});

describe(readRetryAfterMs.name, () => {
  it.each([
    [{ 'Retry-After': '30' }, 30_000],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after': '' }, null],
    [{ 'retry-after': 'soon' }, null],
    [{ 'retry-after': '-5' }, null],
    [{}, null],
  ])('reads %o as %s', (headers, expected) => {
    expect(readRetryAfterMs(headers)).toBe(expected);
  });
});
