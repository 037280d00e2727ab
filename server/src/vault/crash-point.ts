/** Points in a save where the crash tests (docs/security-model.md#crash-safe-saves) make the process die. */
export const CRASH_POINTS = [
  'after-tmp-open',
  'after-write',
  'after-fsync',
  'after-rename',
  'before-dir-fsync',
  'after-vault-before-audit',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

type Env = Record<string, string | undefined>;

/**
 * SIGKILLs this process when KEYAUDIT_CRASH_AT names this point. Honoured only under NODE_ENV=test,
 * so a stray variable in a user's shell can never make a real save die half-way.
 */
export function crashIfRequested(point: CrashPoint, env: Env = process.env): void {
  if (env.NODE_ENV === 'test' && env.KEYAUDIT_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}
