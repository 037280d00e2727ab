import { describe, expect, it } from 'vitest';
import { KUCOIN_ERRORS, parseKucoinEnvelope, readRetryAfterMs } from './kucoin-errors.ts';
import { caught } from '../../../test/test-support/exchange-error-catchers.ts';
import { httpResponse } from '../../../test/test-support/http-response.ts';

const UPSTREAM_CANARY = 'UPSTREAM_CANARY_TEXT';

describe(parseKucoinEnvelope.name, () => {
  it('returns data for HTTP 200 with code "200000"', () => {
    expect(parseKucoinEnvelope(httpResponse(200, { code: '200000', data: { apiKey: 'a' } }))).toEqual({ apiKey: 'a' });
    expect(parseKucoinEnvelope(httpResponse(200, { code: '200000', data: 1729100692873 }))).toBe(1729100692873);
  });

  it.each([
    ['400001', 400, 'invalid-request'],
    ['400002', 400, 'clock-skew'],
    ['400003', 401, 'unknown-key'],
    ['400004', 401, 'bad-passphrase'],
    ['400005', 401, 'bad-signature'],
    ['400006', 403, 'ip-not-allowed'],
    ['400007', 403, 'permission-denied'],
    ['400008', 400, 'invalid-request'],
    ['400009', 400, 'invalid-request'],
    ['400010', 403, 'permission-denied'],
    ['400011', 403, 'permission-denied'],
    ['400012', 403, 'permission-denied'],
    ['400100', 400, 'invalid-request'],
    ['404000', 404, 'not-found'],
    ['411100', 403, 'permission-denied'],
    ['415000', 415, 'invalid-request'],
    ['429000', 429, 'rate-limited'],
    ['200002', 200, 'rate-limited'],
    ['500000', 500, 'exchange-error'],
  ])('maps code %s (HTTP %i) to %s with our own words', (code, status, kind) => {
    const error = caught(() => parseKucoinEnvelope(httpResponse(status, { code, msg: UPSTREAM_CANARY })));
    expect(error.kind).toBe(kind);
    expect(error.exchangeCode).toBe(code);
    expect(error.message).toBe(KUCOIN_ERRORS[code]?.message);
    expect(error.message).not.toContain(UPSTREAM_CANARY);
  });

  it('explains the errors users hit most in words they can act on', () => {
    expect(KUCOIN_ERRORS['400006']?.message).toBe("This machine's IP address is not on the key's IP whitelist.");
    expect(KUCOIN_ERRORS['400004']?.message).toMatch(/not the login or trading password/);
  });

  it('treats an error code that came with HTTP 200 as an error', () => {
    expect(caught(() => parseKucoinEnvelope(httpResponse(200, { code: '400100', msg: 'x' }))).kind).toBe('invalid-request');
  });

  it('carries gw-ratelimit-reset as retryAfterMs on a rate limit', () => {
    const error = caught(() => parseKucoinEnvelope(httpResponse(429, { code: '429000', msg: 'Too Many Requests' }, { 'gw-ratelimit-reset': '1489' })));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 1489 });
  });

  it('does not set retryAfterMs on errors other than rate limits', () => {
    const error = caught(() => parseKucoinEnvelope(httpResponse(401, { code: '400005' }, { 'gw-ratelimit-reset': '1489' })));
    expect(error.retryAfterMs).toBeNull();
  });

  it.each([
    ['an HTML page with HTTP 200', 200, `<html><body>${UPSTREAM_CANARY}</body></html>`, 'bad-response'],
    ['an empty body', 200, '', 'bad-response'],
    ['JSON without a code', 200, { data: UPSTREAM_CANARY }, 'bad-response'],
    ['success code with HTTP 500', 500, { code: '200000', data: 1 }, 'exchange-error'],
    ['success code with HTTP 201', 201, { code: '200000', data: 1 }, 'bad-response'],
    ['an HTML 502 from a proxy', 502, `<html>${UPSTREAM_CANARY}</html>`, 'exchange-error'],
    ['an HTML 429 (Cloudflare)', 429, `error code: 1015 ${UPSTREAM_CANARY}`, 'rate-limited'],
    ['an unknown code with HTTP 400', 400, { code: '123456', msg: UPSTREAM_CANARY }, 'exchange-error'],
    ['an unknown code with HTTP 503', 503, { code: '123456', msg: UPSTREAM_CANARY }, 'exchange-error'],
  ])('reads %s as %s without upstream text', (_name, status, body, kind) => {
    const error = caught(() => parseKucoinEnvelope(httpResponse(status, body)));
    expect(error.kind).toBe(kind);
    expect(error.message).not.toContain(UPSTREAM_CANARY);
  });

  it('keeps an unknown numeric code as exchangeCode but never a non-numeric one', () => {
    expect(caught(() => parseKucoinEnvelope(httpResponse(400, { code: '123456' }))).exchangeCode).toBe('123456');
    expect(caught(() => parseKucoinEnvelope(httpResponse(400, { code: UPSTREAM_CANARY }))).exchangeCode).toBeNull();
  });
});

describe(readRetryAfterMs.name, () => {
  it.each([
    [{ 'gw-ratelimit-reset': '1489' }, 1489],
    [{ 'GW-RateLimit-Reset': '20' }, 20],
    [{ 'gw-ratelimit-reset': '' }, null],
    [{ 'gw-ratelimit-reset': 'soon' }, null],
    [{ 'gw-ratelimit-reset': '-5' }, null],
    [{}, null],
  ])('reads %o as %s', (headers, expected) => {
    expect(readRetryAfterMs(headers)).toBe(expected);
  });
});
