import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchSessionIdle } from './watch-session-idle.ts';

const IDLE_MS = 15 * 60_000;

describe(watchSessionIdle.name, () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const start = (probe: () => Promise<boolean>, lastRequest = { at: 0 }) => {
    const onExpired = vi.fn();
    const stop = watchSessionIdle({ idleMs: IDLE_MS, now: Date.now, lastRequestAt: () => lastRequest.at, probe, onExpired });
    return { onExpired, stop, lastRequest };
  };

  it('says the session ended when the idle timeout passes, without waiting for a click', async () => {
    const probe = vi.fn(async () => false);
    const { onExpired } = start(probe);
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1);
    expect(probe).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it('a request in the meantime moves the deadline', async () => {
    const probe = vi.fn(async () => false);
    const { onExpired, lastRequest } = start(probe);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    lastRequest.at = Date.now();
    await vi.advanceTimersByTimeAsync(IDLE_MS - 60_000);
    expect(probe).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it('keeps watching when the server still accepts the session (another tab used it), and stops when told', async () => {
    const probe = vi.fn(async () => true);
    const { onExpired, stop } = start(probe);
    await vi.advanceTimersByTimeAsync(IDLE_MS + 5_000);
    expect(probe).toHaveBeenCalled();
    expect(onExpired).not.toHaveBeenCalled();
    stop();
    const calls = probe.mock.calls.length;
    await vi.advanceTimersByTimeAsync(2 * IDLE_MS);
    expect(probe.mock.calls.length).toBe(calls);
  });

  it('an unreachable server is not an idle sign-out', async () => {
    const { onExpired } = start(async () => Promise.reject(new Error('unreachable')));
    await vi.advanceTimersByTimeAsync(IDLE_MS + 5_000);
    expect(onExpired).not.toHaveBeenCalled();
  });
});
