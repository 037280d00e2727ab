import { describe, expect, it } from 'vitest';
import { ExchangeError } from './exchange-error.ts';
import { runWithRetries, type RetryPolicy } from './run-with-retries.ts';
import { rejection } from '../../test/test-support/exchange-error-catchers.ts';

/** A call that fails with the given errors in turn, then answers "ok". */
function failing(...errors: Error[]) {
  let calls = 0;
  const run = async () => {
    const error = errors[calls];
    calls += 1;
    if (error) throw error;
    return 'ok';
  };
  return { run, calls: () => calls };
}

function policy(overrides: Partial<RetryPolicy> = {}) {
  const sleeps: number[] = [];
  const rateLimitWaits: ExchangeError[] = [];
  const options: RetryPolicy = {
    isRetrySafe: true,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    waitOutRateLimit: async (error) => {
      rateLimitWaits.push(error);
      return true;
    },
    ...overrides,
  };
  return { options, sleeps, rateLimitWaits };
}

const serverError = () => new ExchangeError('exchange-error', 'The exchange failed.');
const rateLimited = () => new ExchangeError('rate-limited', 'Too many requests.', { retryAfterMs: 1_234 });

describe(runWithRetries.name, () => {
  it('repeats a retry-safe call twice after server errors, backing off with jitter', async () => {
    const call = failing(serverError(), new ExchangeError('unreachable', 'down'));
    const { options, sleeps } = policy();
    expect(await runWithRetries(call.run, options)).toBe('ok');
    expect(sleeps).toEqual([500 + 125, 1_000 + 125]);
  });

  it('gives up after the third server error in a row', async () => {
    const call = failing(serverError(), serverError(), new ExchangeError('timeout', 'slow'));
    const { options } = policy();
    expect((await rejection(runWithRetries(call.run, options))).kind).toBe('timeout');
    expect(call.calls()).toBe(3);
  });

  it('never repeats a call that is not retry-safe after a server error', async () => {
    const call = failing(serverError());
    const { options, sleeps } = policy({ isRetrySafe: false });
    expect((await rejection(runWithRetries(call.run, options))).kind).toBe('exchange-error');
    expect(call.calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('waits out up to three rate-limit refusals the exchange way, even for a call that is not retry-safe', async () => {
    const refusals = [rateLimited(), rateLimited(), rateLimited()];
    const { options, rateLimitWaits } = policy({ isRetrySafe: false });
    expect(await runWithRetries(failing(...refusals).run, options)).toBe('ok');
    expect(rateLimitWaits).toEqual(refusals);
    const tooMany = failing(rateLimited(), rateLimited(), rateLimited(), rateLimited());
    expect((await rejection(runWithRetries(tooMany.run, policy().options))).kind).toBe('rate-limited');
    expect(tooMany.calls()).toBe(4);
  });

  it('gives up at once when the exchange way is not to wait', async () => {
    const call = failing(rateLimited());
    const { options } = policy({ waitOutRateLimit: async () => false });
    expect((await rejection(runWithRetries(call.run, options))).kind).toBe('rate-limited');
    expect(call.calls()).toBe(1);
  });

  it('lets other failures through untouched', async () => {
    const bug = new TypeError('bug');
    expect(await runWithRetries(failing(bug).run, policy().options).catch((error: unknown) => error)).toBe(bug);
    const call = failing(new ExchangeError('bad-signature', 'wrong'));
    expect((await rejection(runWithRetries(call.run, policy().options))).kind).toBe('bad-signature');
    expect(call.calls()).toBe(1);
  });
});
