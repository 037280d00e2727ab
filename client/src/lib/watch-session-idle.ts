/** A moment past the server's deadline, so the probe finds the session already swept. */
const GRACE_MS = 2_000;

export type SessionIdleWatch = {
  /** The server's idle timeout (the status answer's sessionIdleMs). */
  idleMs: number;
  now: () => number;
  /** When this page last sent a request with its session token. */
  lastRequestAt: () => number;
  /**
   * Asks the server whether the session still lives (a request, so it counts as use when it does): false once it ended.
   * Another tab sharing this session may have kept it alive, so the page never signs out on its own clock alone.
   */
  probe: () => Promise<boolean>;
  /** The session ended: say so now, not at the next click. */
  onExpired: () => void;
};

/** Waits for the idle deadline, then asks the server; says "expired" once it answers so. Returns a stop function. */
export function watchSessionIdle({ idleMs, now, lastRequestAt, probe, onExpired }: SessionIdleWatch): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const schedule = () => {
    if (!stopped) timer = setTimeout(check, Math.max(0, lastRequestAt() + idleMs + GRACE_MS - now()));
  };
  const check = async () => {
    if (now() < lastRequestAt() + idleMs + GRACE_MS) return schedule(); // a request since: the deadline moved
    const alive = await probe().catch(() => true); // the server unreachable is not an idle sign-out
    if (stopped) return;
    if (alive) schedule();
    else onExpired();
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
