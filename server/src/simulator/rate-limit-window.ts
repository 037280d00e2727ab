/**
 * The two kinds of rate-limit window the exchanges document, kept per id (a UID, an endpoint, or both). Each
 * simulator's state says which kind its exchange uses, with which quota, and how it reports the outcome.
 */
export type WindowCharge = {
  nowMs: number;
  windowMs: number;
  /** Weight (or requests) the window admits. */
  quota: number;
  /** Defaults to 1: windows that count requests. */
  weight?: number;
  /** Refuse whatever the window holds (the rateLimitEveryRequest fault). */
  isRefused?: boolean;
};

/**
 * Fixed windows: one opens with the first request after the last one ended, or, `isAlignedToClock`, on the clock's
 * boundaries (Binance's minute), and admits `quota` weight until it ends.
 */
export function createFixedWindows({ isAlignedToClock = false }: { isAlignedToClock?: boolean } = {}) {
  const windows = new Map<string, { startMs: number; used: number }>();
  return {
    /** Charges `weight` to window `id` if it has room; `used` and `endsAtMs` describe the window afterwards. */
    charge(id: string, { nowMs, windowMs, quota, weight = 1, isRefused = false }: WindowCharge) {
      const startMs = isAlignedToClock ? Math.floor(nowMs / windowMs) * windowMs : nowMs;
      const current = windows.get(id);
      const isOpen = current !== undefined && (isAlignedToClock ? current.startMs === startMs : nowMs - current.startMs < windowMs);
      const window = isOpen ? current : { startMs, used: 0 };
      windows.set(id, window);
      const isAllowed = !isRefused && window.used + weight <= quota;
      if (isAllowed) window.used += weight;
      return { isAllowed, used: window.used, endsAtMs: window.startMs + windowMs };
    },
  };
}

/** Sliding windows: an admitted request counts for `windowMs` from the moment it was admitted. */
export function createSlidingWindows() {
  const admittedAtMs = new Map<string, number[]>();
  return {
    /** Admits one request to window `id` if fewer than `quota` were admitted in the last `windowMs`. */
    take(id: string, { nowMs, windowMs, quota, isRefused = false }: Omit<WindowCharge, 'weight'>) {
      const recent = (admittedAtMs.get(id) ?? []).filter((atMs) => nowMs - atMs < windowMs);
      admittedAtMs.set(id, recent);
      const isAllowed = !isRefused && recent.length < quota;
      if (isAllowed) recent.push(nowMs);
      return { isAllowed, count: recent.length, oldestAtMs: recent[0] };
    },
  };
}
