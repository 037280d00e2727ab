import { describe, expect, it } from 'vitest';
import { caught } from '../../../test/test-support/exchange-error-catchers.ts';
import type { HttpResponse } from '../http-transport.ts';
import { COINBASE_ERRORS, COINBASE_UNAUTHORIZED, parseCoinbaseResponse } from './coinbase-errors.ts';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const failure = (response: HttpResponse) => caught(() => parseCoinbaseResponse(response));

describe(parseCoinbaseResponse.name, () => {
  it('returns the body of a successful answer', () => {
    expect(parseCoinbaseResponse(answer(200, { can_view: true }))).toEqual({ can_view: true });
  });

  it('reads a bare 401 as a refused key, naming the IP allowlist among the causes', () => {
    const error = failure(answer(401, 'Unauthorized\n'));
    expect(error).toMatchObject({ kind: COINBASE_UNAUTHORIZED.kind, exchangeCode: '401' });
    expect(error.message).toContain('IP allowlist');
  });

  it.each(Object.entries(COINBASE_ERRORS))('maps the error word %s to its kind, never copying the message', (word, entry) => {
    const error = failure(answer(400, { error: word, error_details: 'upstream details', message: 'upstream message' }));
    expect(error).toMatchObject({ kind: entry.kind, exchangeCode: word, message: entry.message });
    expect(error.message).not.toContain('upstream');
  });

  it('falls back on the status, and reads the rate-limit reset where Coinbase sends one', () => {
    expect(failure(answer(403, { error: 'SOMETHING_NEW' })).kind).toBe('permission-denied');
    expect(failure(answer(429, 'slow down', { 'X-RateLimit-Reset': '2' }))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 2_000 });
    expect(failure(answer(503, '<html>down</html>')).kind).toBe('exchange-error');
    const garbage = failure(answer(200, '<html>hi</html>'));
    expect(garbage.kind).toBe('bad-response');
    expect(garbage.message).not.toContain('<html>');
  });
});
