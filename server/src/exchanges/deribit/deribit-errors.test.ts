import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../exchange-error.ts';
import type { HttpResponse } from '../http-transport.ts';
import { DERIBIT_ERRORS, parseDeribitResponse } from './deribit-errors.ts';

const answer = (status: number, body: unknown): HttpResponse => ({ status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });
const rpcError = (code: number, message: string, reason?: string) =>
  answer(400, { jsonrpc: '2.0', error: { code, message, ...(reason ? { data: { reason, param: 'x' } } : {}) }, usIn: 1, usOut: 2, usDiff: 1 });

function failureOf(response: HttpResponse): ExchangeError {
  try {
    parseDeribitResponse(response);
  } catch (error) {
    expect(error).toBeInstanceOf(ExchangeError);
    return error as ExchangeError;
  }
  throw new Error('expected a failure');
}

describe(parseDeribitResponse.name, () => {
  it('returns the result of a successful answer', () => {
    expect(parseDeribitResponse(answer(200, { jsonrpc: '2.0', id: 1, result: [{ id: 1 }] }))).toEqual([{ id: 1 }]);
    expect(parseDeribitResponse(answer(200, { jsonrpc: '2.0', result: 'ok' }))).toBe('ok');
  });

  it.each(Object.entries(DERIBIT_ERRORS))('maps code %s to its kind, with its code and our own message', (code, entry) => {
    const error = failureOf(rpcError(Number(code), 'upstream words "secret-ish"'));
    expect(error).toMatchObject({ kind: entry.kind, exchangeCode: code, message: entry.message });
    expect(error.message).not.toContain('upstream');
  });

  it('tells an IP refusal from a scope refusal by the reason word, without copying it', () => {
    expect(failureOf(rpcError(13021, 'forbidden', 'ip_not_whitelisted'))).toMatchObject({ kind: 'ip-not-allowed', exchangeCode: '13021' });
    const scope = failureOf(rpcError(13021, 'forbidden', 'insufficient scope'));
    expect(scope.kind).toBe('permission-denied');
    expect(scope.message).not.toContain('insufficient scope');
  });

  it('reports a security-key (TFA) challenge plainly as a refusal, never as a result', () => {
    const error = failureOf(answer(200, { jsonrpc: '2.0', result: { security_key_authorization_required: true, challenge: 'abc' } }));
    expect(error.kind).toBe('permission-denied');
    expect(error.message).toMatch(/two-factor \(TFA\)/);
  });

  it("says a call's own TFA sentence for both ways Deribit asks for a second factor (13003 and a security-key challenge)", () => {
    const tfaRefusal = 'Deribit asks for a second factor before it disables a key.';
    const parse = (response: HttpResponse) => {
      try {
        parseDeribitResponse(response, { tfaRefusal });
      } catch (error) {
        return error as ExchangeError;
      }
      throw new Error('expected a failure');
    };
    expect(parse(rpcError(13003, 'tfa_required'))).toMatchObject({ kind: 'permission-denied', exchangeCode: '13003', message: tfaRefusal });
    expect(parse(answer(200, { jsonrpc: '2.0', result: { security_key_authorization_required: true, challenge: 'abc' } }))).toMatchObject({ kind: 'permission-denied', message: tfaRefusal });
    expect(parse(rpcError(13021, 'forbidden', 'insufficient scope')).message).not.toBe(tfaRefusal);
  });

  it('falls back on the HTTP status for an unknown code or an answer that is not JSON-RPC', () => {
    expect(failureOf(rpcError(99999, 'new')).kind).toBe('exchange-error');
    expect(failureOf(answer(429, 'Too Many Requests')).kind).toBe('rate-limited');
    expect(failureOf(answer(502, '<html>bad gateway</html>')).kind).toBe('exchange-error');
    const garbage = failureOf(answer(200, '<html>hello</html>'));
    expect(garbage.kind).toBe('bad-response');
    expect(garbage.message).not.toContain('<html>');
  });

  it('never passes on a code that is not a short number', () => {
    expect(failureOf(answer(400, { jsonrpc: '2.0', error: { code: 'drop table', message: 'x' } })).exchangeCode).toBeNull();
  });
});
