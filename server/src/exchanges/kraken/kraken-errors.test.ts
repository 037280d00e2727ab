import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../exchange-error.ts';
import { KRAKEN_ERRORS, parseKrakenEnvelope } from './kraken-errors.ts';

const answer = (body: unknown, status = 200) => ({ status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) });
const failureOf = (body: unknown, status = 200) => {
  try {
    parseKrakenEnvelope(answer(body, status));
  } catch (error) {
    if (error instanceof ExchangeError) return error;
    throw error;
  }
  throw new Error('no failure');
};

describe(parseKrakenEnvelope.name, () => {
  it('returns the result of an answer without errors, warnings included', () => {
    expect(parseKrakenEnvelope(answer({ error: [], result: { a: 1 } }))).toEqual({ a: 1 });
    expect(parseKrakenEnvelope(answer({ error: ['WGeneral:Something to note'], result: { a: 2 } }))).toEqual({ a: 2 });
  });

  it.each(Object.entries(KRAKEN_ERRORS))('maps %s to its kind with our own words', (text, entry) => {
    const error = failureOf({ error: [text] });
    expect(error).toMatchObject({ kind: entry.kind, exchangeCode: text, message: entry.message });
    expect(error.message).not.toContain(text);
  });

  it('keeps only the category of an unknown error, never its free text', () => {
    const error = failureOf({ error: ['EOrder:Secret text 0123456789abcdef'] });
    expect(error).toMatchObject({ kind: 'exchange-error', exchangeCode: 'EOrder' });
    expect(error.message).not.toContain('Secret');
  });

  it('reads HTTP statuses and garbage without echoing them', () => {
    expect(failureOf('<html>502</html>', 502).kind).toBe('exchange-error');
    expect(failureOf('', 429).kind).toBe('rate-limited');
    const garbage = failureOf('<html>oops</html>');
    expect(garbage.kind).toBe('bad-response');
    expect(garbage.message).not.toContain('oops');
  });

  it('does not wait out a lockout inside an audit', () => {
    expect(failureOf({ error: ['EGeneral:Temporary lockout'] }).retryAfterMs).toBeGreaterThan(60_000);
  });
});
