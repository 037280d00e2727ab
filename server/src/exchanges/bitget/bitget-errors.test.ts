import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../exchange-error.ts';
import { BITGET_ERRORS, BITGET_UNIFIED_ACCOUNT_MESSAGE, parseBitgetEnvelope } from './bitget-errors.ts';

const answer = (body: unknown, status = 400) => ({ status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });
function failureOf(body: unknown, status = 400): ExchangeError {
  try {
    parseBitgetEnvelope(answer(body, status));
  } catch (error) {
    if (error instanceof ExchangeError) return error;
    throw error;
  }
  throw new Error('no failure');
}

describe(parseBitgetEnvelope.name, () => {
  it('returns data of a successful answer', () => {
    expect(parseBitgetEnvelope(answer({ code: '00000', msg: 'success', requestTime: 1, data: { a: 1 } }, 200))).toEqual({ a: 1 });
  });

  it.each(Object.entries(BITGET_ERRORS))('maps code %s to its kind, in our own words', (code, entry) => {
    const error = failureOf({ code, msg: `upstream text ${code} with secrets`, data: null });
    expect(error).toMatchObject({ kind: entry.kind, exchangeCode: code, message: entry.message });
    expect(error.message).not.toContain('upstream');
  });

  it('says plainly that a unified trading account answered 40085', () => {
    const error = failureOf({ code: '40085', msg: 'whatever', data: null });
    expect(error.message).toBe(BITGET_UNIFIED_ACCOUNT_MESSAGE);
    expect(error.message).toMatch(/unified trading account/);
    expect(error.message).toContain('40085');
  });

  it('reads statuses and garbage without echoing them', () => {
    expect(failureOf('', 429).kind).toBe('rate-limited');
    expect(failureOf('<html>bad gateway</html>', 502).kind).toBe('exchange-error');
    const garbage = failureOf('<html>oops</html>', 200);
    expect(garbage.kind).toBe('bad-response');
    expect(garbage.message).not.toContain('oops');
    expect(failureOf({ code: 'not a code <script>', msg: 'x' }).exchangeCode).toBeNull();
  });
});
