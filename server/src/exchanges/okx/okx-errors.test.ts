import { describe, expect, it } from 'vitest';
import { OKX_ERRORS, parseOkxEnvelope, readRetryAfterMs } from './okx-errors.ts';
import { caught } from '../../../test/test-support/exchange-error-catchers.ts';
import { httpResponse } from '../../../test/test-support/http-response.ts';

const UPSTREAM_CANARY = 'UPSTREAM_CANARY_TEXT';

describe(parseOkxEnvelope.name, () => {
  it('returns data for HTTP 200 with code "0"', () => {
    expect(parseOkxEnvelope(httpResponse(200, { code: '0', msg: '', data: [{ ts: '1597026383085' }] }))).toEqual([{ ts: '1597026383085' }]);
  });

  // HTTP statuses as the docs list them (docs/exchanges/okx.md#errors).
  it.each([
    ['50001', 503, 'exchange-error'],
    ['50004', 400, 'timeout'],
    ['50005', 410, 'not-found'],
    ['50011', 429, 'rate-limited'],
    ['50011', 200, 'rate-limited'],
    ['50013', 429, 'exchange-error'],
    ['50014', 400, 'invalid-request'],
    ['50026', 500, 'exchange-error'],
    ['50035', 403, 'permission-denied'],
    ['50100', 400, 'permission-denied'],
    ['50101', 401, 'unknown-key'],
    ['50102', 401, 'clock-skew'],
    ['50103', 401, 'invalid-request'],
    ['50104', 401, 'bad-passphrase'],
    ['50105', 401, 'bad-passphrase'],
    ['50110', 401, 'ip-not-allowed'],
    ['50111', 401, 'unknown-key'],
    ['50112', 401, 'invalid-request'],
    ['50113', 401, 'bad-signature'],
    ['50114', 401, 'bad-signature'],
    ['50119', 200, 'unknown-key'],
    ['50120', 200, 'permission-denied'],
    ['50121', 200, 'permission-denied'],
    ['51000', 400, 'invalid-request'],
    ['59500', 200, 'permission-denied'],
    ['59506', 200, 'not-found'],
    ['59510', 200, 'not-found'],
  ])('maps code %s (HTTP %i) to %s with our own words', (code, status, kind) => {
    const error = caught(() => parseOkxEnvelope(httpResponse(status, { code, msg: UPSTREAM_CANARY, data: [] })));
    expect(error.kind).toBe(kind);
    expect(error.exchangeCode).toBe(code);
    expect(error.message).toBe(OKX_ERRORS[code]?.message);
    expect(error.message).not.toContain(UPSTREAM_CANARY);
  });

  it('explains the errors users hit most in words they can act on', () => {
    expect(OKX_ERRORS['50110']?.message).toBe("This machine's IP address is not on the key's IP whitelist.");
    expect(OKX_ERRORS['50113']?.message).toMatch(/passphrase was not entered as the secret/);
    expect(OKX_ERRORS['50105']?.message).toMatch(/not the login or trading password/);
    expect(OKX_ERRORS['50035']?.message).toMatch(/bound to IP addresses/);
    // 50121 is OKX refusing the address itself, not the key's whitelist: it must not read as an IP restriction.
    expect(OKX_ERRORS['50121']?.kind).not.toBe('ip-not-allowed');
  });

  it('reads a numeric code as a string', () => {
    expect(caught(() => parseOkxEnvelope(httpResponse(401, { code: 50113, msg: 'Invalid Sign' })))).toMatchObject({ kind: 'bad-signature', exchangeCode: '50113' });
  });

  it('carries Retry-After as retryAfterMs on a rate limit only', () => {
    expect(caught(() => parseOkxEnvelope(httpResponse(429, { code: '50011' }, { 'Retry-After': '2' })))).toMatchObject({ retryAfterMs: 2_000 });
    expect(caught(() => parseOkxEnvelope(httpResponse(429, { code: '50011' }))).retryAfterMs).toBeNull();
    expect(caught(() => parseOkxEnvelope(httpResponse(401, { code: '50113' }, { 'Retry-After': '2' }))).retryAfterMs).toBeNull();
  });

  it.each([
    ['an HTML page with HTTP 200', 200, `<html><body>${UPSTREAM_CANARY}</body></html>`, 'bad-response'],
    ['an empty body', 200, '', 'bad-response'],
    ['JSON without a code', 200, { data: UPSTREAM_CANARY }, 'bad-response'],
    ['success code with HTTP 500', 500, { code: '0', data: [] }, 'exchange-error'],
    ['success code with HTTP 201', 201, { code: '0', data: [] }, 'bad-response'],
    ['an HTML 502 from a proxy', 502, `<html>${UPSTREAM_CANARY}</html>`, 'exchange-error'],
    ['an HTML 429 (Cloudflare)', 429, `error code: 1015 ${UPSTREAM_CANARY}`, 'rate-limited'],
    ['a 404 for an unknown path', 404, { code: '404', msg: UPSTREAM_CANARY }, 'not-found'],
    ['an unknown code with HTTP 200', 200, { code: '58999', msg: UPSTREAM_CANARY }, 'exchange-error'],
    ['an unknown code with HTTP 503', 503, { code: '58999', msg: UPSTREAM_CANARY }, 'exchange-error'],
  ])('reads %s as %s without upstream text', (_name, status, body, kind) => {
    const error = caught(() => parseOkxEnvelope(httpResponse(status, body)));
    expect(error.kind).toBe(kind);
    expect(error.message).not.toContain(UPSTREAM_CANARY);
  });

  it('keeps an unknown numeric code as exchangeCode but never a non-numeric one', () => {
    expect(caught(() => parseOkxEnvelope(httpResponse(200, { code: '58999' }))).exchangeCode).toBe('58999');
    expect(caught(() => parseOkxEnvelope(httpResponse(400, { code: UPSTREAM_CANARY }))).exchangeCode).toBeNull();
  });
});

describe(readRetryAfterMs.name, () => {
  it.each([
    [{ 'retry-after': '1' }, 1_000],
    [{ 'Retry-After': '0.5' }, 500],
    [{ 'retry-after': '' }, null],
    [{ 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' }, null],
    [{ 'retry-after': '-5' }, null],
    [{}, null],
  ])('reads %o as %s', (headers, expected) => {
    expect(readRetryAfterMs(headers)).toBe(expected);
  });
});
