import { describe, expect, it } from 'vitest';
import { GATE_ERRORS, parseGateResponse, readGateResetAtMs } from './gate-errors.ts';
import { caught } from '../../../test/test-support/exchange-error-catchers.ts';
import { httpResponse } from '../../../test/test-support/http-response.ts';

const UPSTREAM_CANARY = 'UPSTREAM_CANARY_TEXT';

describe(parseGateResponse.name, () => {
  it('returns the parsed JSON of a 200 and null for a 204', () => {
    expect(parseGateResponse(httpResponse(200, [{ key: 'a' }]))).toEqual([{ key: 'a' }]);
    expect(parseGateResponse(httpResponse(200, { server_time: 1597026383085 }))).toEqual({ server_time: 1597026383085 });
    expect(parseGateResponse(httpResponse(204, ''))).toBeNull();
  });

  it.each([
    ['INVALID_CREDENTIALS', 401, 'unknown-key'],
    ['INVALID_KEY', 401, 'unknown-key'],
    ['IP_FORBIDDEN', 401, 'ip-not-allowed'],
    ['READ_ONLY', 403, 'permission-denied'],
    ['INVALID_SIGNATURE', 401, 'bad-signature'],
    ['MISSING_REQUIRED_HEADER', 401, 'invalid-request'],
    ['REQUEST_EXPIRED', 401, 'clock-skew'],
    ['ACCOUNT_LOCKED', 403, 'permission-denied'],
    ['FORBIDDEN', 403, 'permission-denied'],
    ['SUB_ACCOUNT_NOT_FOUND', 400, 'not-found'],
    ['SUB_ACCOUNT_LOCKED', 400, 'permission-denied'],
    ['TOO_MANY_REQUESTS', 429, 'rate-limited'],
    ['NOT_FOUND', 404, 'not-found'],
    ['INVALID_PARAM_VALUE', 400, 'invalid-request'],
    ['MISSING_REQUIRED_PARAM', 400, 'invalid-request'],
    ['METHOD_NOT_ALLOWED', 405, 'invalid-request'],
    ['INTERNAL', 500, 'exchange-error'],
    ['SERVER_ERROR', 500, 'exchange-error'],
    ['TOO_BUSY', 503, 'exchange-error'],
  ])('maps label %s (HTTP %i) to %s with our own words', (label, status, kind) => {
    const error = caught(() => parseGateResponse(httpResponse(status, { label, message: UPSTREAM_CANARY })));
    expect(error.kind).toBe(kind);
    expect(error.exchangeCode).toBe(label);
    expect(error.message).toBe(GATE_ERRORS[label]?.message);
    expect(error.message).not.toContain(UPSTREAM_CANARY);
  });

  it('explains the errors users hit most in words they can act on', () => {
    expect(GATE_ERRORS.IP_FORBIDDEN?.message).toMatch(/public IP address is not on the key's IP whitelist/);
    expect(GATE_ERRORS.REQUEST_EXPIRED?.message).toMatch(/more than 60 seconds/);
  });

  it('reads the label even when Gate sends "detail" instead of "message"', () => {
    expect(caught(() => parseGateResponse(httpResponse(401, { label: 'INVALID_SIGNATURE', detail: UPSTREAM_CANARY }))).kind).toBe('bad-signature');
  });

  it('turns the reset timestamp of a 429 into retryAfterMs on the given server clock', () => {
    const headers = { 'X-Gate-RateLimit-Reset-Timestamp': '1700000010' };
    const error = caught(() => parseGateResponse(httpResponse(429, { label: 'TOO_MANY_REQUESTS' }, headers), { serverNowMs: 1700000004_500 }));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 5_500 });
  });

  it('does not set retryAfterMs on other errors or without a server clock', () => {
    const headers = { 'x-gate-ratelimit-reset-timestamp': '1700000010' };
    expect(caught(() => parseGateResponse(httpResponse(401, { label: 'INVALID_KEY' }, headers), { serverNowMs: 1 })).retryAfterMs).toBeNull();
    expect(caught(() => parseGateResponse(httpResponse(429, { label: 'TOO_MANY_REQUESTS' }, headers))).retryAfterMs).toBeNull();
  });

  it.each([
    ['an HTML page with HTTP 200', 200, `<html><body>${UPSTREAM_CANARY}</body></html>`, 'bad-response'],
    ['an empty 200', 200, '', 'bad-response'],
    ['an HTML 502 from a proxy', 502, `<html>${UPSTREAM_CANARY}</html>`, 'exchange-error'],
    ['an HTML 429 (Cloudflare)', 429, `error code: 1015 ${UPSTREAM_CANARY}`, 'rate-limited'],
    ['an unknown label with HTTP 400', 400, { label: 'SOMETHING_NEW', message: UPSTREAM_CANARY }, 'exchange-error'],
    ['an unknown label with HTTP 401', 401, { label: 'SOMETHING_NEW', message: UPSTREAM_CANARY }, 'bad-signature'],
    ['JSON without a label with HTTP 403', 403, { message: UPSTREAM_CANARY }, 'permission-denied'],
    ['a 404 page', 404, `<html>${UPSTREAM_CANARY}</html>`, 'not-found'],
    ['a redirect', 302, '', 'bad-response'],
  ])('reads %s as %s without upstream text', (_name, status, body, kind) => {
    const error = caught(() => parseGateResponse(httpResponse(status, body)));
    expect(error.kind).toBe(kind);
    expect(error.message).not.toContain(UPSTREAM_CANARY);
  });

  it('keeps an unknown label as exchangeCode, but never text that is not a label', () => {
    expect(caught(() => parseGateResponse(httpResponse(400, { label: 'SOMETHING_NEW' }))).exchangeCode).toBe('SOMETHING_NEW');
    expect(caught(() => parseGateResponse(httpResponse(400, { label: `bad label ${UPSTREAM_CANARY}` }))).exchangeCode).toBeNull();
    expect(caught(() => parseGateResponse(httpResponse(400, { label: 42 }))).exchangeCode).toBeNull();
  });
});

describe(readGateResetAtMs.name, () => {
  it.each([
    [{ 'X-Gate-RateLimit-Reset-Timestamp': '1700000010' }, 1700000010_000],
    [{ 'x-gate-ratelimit-reset-timestamp': '1700000010123' }, 1700000010123],
    [{ 'x-gate-ratelimit-reset-timestamp': '' }, null],
    [{ 'x-gate-ratelimit-reset-timestamp': 'soon' }, null],
    [{ 'x-gate-ratelimit-reset-timestamp': '-5' }, null],
    [{}, null],
  ])('reads %o as %s', (headers, expected) => {
    expect(readGateResetAtMs(headers)).toBe(expected);
  });
});
