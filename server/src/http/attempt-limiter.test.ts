import { describe, expect, it } from 'vitest';
import { createAttemptLimiter } from './attempt-limiter.ts';

describe(createAttemptLimiter.name, () => {
  it('locks a bucket after 5 failures in 5 minutes, doubling the lock-out up to 15 minutes', () => {
    let nowMs = 0;
    const limiter = createAttemptLimiter({ now: () => nowMs });
    const failFiveTimes = () => {
      for (let i = 0; i < 5; i++) limiter.recordFailure('passphrase');
    };
    failFiveTimes();
    expect(limiter.retryAfterMs('passphrase')).toBe(30_000);
    expect(limiter.retryAfterMs('launch')).toBe(0);
    nowMs += 30_000;
    expect(limiter.retryAfterMs('passphrase')).toBe(0);
    failFiveTimes();
    expect(limiter.retryAfterMs('passphrase')).toBe(60_000);
    for (let round = 0; round < 6; round++) {
      nowMs += 16 * 60_000;
      failFiveTimes();
    }
    expect(limiter.retryAfterMs('passphrase')).toBe(15 * 60_000);
  });

  it('forgets failures older than the window, and all of them after a success', () => {
    let nowMs = 0;
    const limiter = createAttemptLimiter({ now: () => nowMs });
    for (let i = 0; i < 4; i++) limiter.recordFailure('session');
    nowMs += 5 * 60_000;
    limiter.recordFailure('session');
    expect(limiter.retryAfterMs('session')).toBe(0);
    for (let i = 0; i < 3; i++) limiter.recordFailure('session');
    limiter.recordSuccess('session');
    limiter.recordFailure('session');
    expect(limiter.retryAfterMs('session')).toBe(0);
  });
});
