import { afterEach, describe, expect, it, vi } from 'vitest';
import { crashIfRequested } from './crash-point.ts';

afterEach(() => { vi.restoreAllMocks(); });

describe('crashIfRequested', () => {
  it('kills the process at the named point under NODE_ENV=test', () => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    crashIfRequested('after-write', { NODE_ENV: 'test', KEYAUDIT_CRASH_AT: 'after-fsync' });
    expect(kill).not.toHaveBeenCalled();
    crashIfRequested('after-write', { NODE_ENV: 'test', KEYAUDIT_CRASH_AT: 'after-write' });
    expect(kill).toHaveBeenCalledWith(process.pid, 'SIGKILL');
  });

  it.each([undefined, 'production', 'development'])('ignores KEYAUDIT_CRASH_AT when NODE_ENV is %s', (nodeEnv) => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    crashIfRequested('after-write', { NODE_ENV: nodeEnv, KEYAUDIT_CRASH_AT: 'after-write' });
    expect(kill).not.toHaveBeenCalled();
  });
});
