import { AsyncLocalStorage } from 'node:async_hooks';

/** Told each time a call is refused as rate-limited and is about to be waited out; waitMs null when the exchange did not say. */
export type RateLimitWaitListener = (waitMs: number | null) => void;

const listeners = new AsyncLocalStorage<RateLimitWaitListener>();

/**
 * Runs `work` with `listener` hearing of every rate-limit wait inside it, however deep in an adapter the call is:
 * the audit names the exchange it is waiting for without each adapter having to pass a callback down.
 */
export function listenForRateLimitWaits<T>(listener: RateLimitWaitListener, work: () => Promise<T>): Promise<T> {
  return listeners.run(listener, work);
}

/** Called by the retry loop before a rate-limit refusal is waited out. */
export function reportRateLimitWait(waitMs: number | null): void {
  try {
    listeners.getStore()?.(waitMs);
  } catch {
    // A listener that throws must not turn a wait into a failed call.
  }
}
