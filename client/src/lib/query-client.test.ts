import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from './api-client.ts';
import { createAppQueryClient } from './query-client.ts';

describe(createAppQueryClient.name, () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each(['vault-reopen-required', 'vault-locked'] as const)('asks for the status again when a call answers %s, so the page shows why it is locked', async (code) => {
    const client = createAppQueryClient();
    client.setQueryData(['status'], { mode: 'live', demoKeyPassphrase: null, vault: 'unlocked' });
    client.setQueryData(['audit', 'latest'], 'kept');
    await client
      .fetchQuery({ queryKey: ['connections'], queryFn: () => Promise.reject(new ApiRequestError(423, code, 'locked', 'req')), retry: false })
      .catch(() => {});
    expect(client.getQueryState(['status'])?.isInvalidated).toBe(true);
    expect(client.getQueryState(['audit', 'latest'])?.isInvalidated).toBe(false);
  });

  it('leaves the status alone on other errors', async () => {
    const client = createAppQueryClient();
    client.setQueryData(['status'], { mode: 'live', demoKeyPassphrase: null, vault: 'unlocked' });
    await client.fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(new ApiRequestError(404, 'key-not-found', 'gone', 'req')), retry: false }).catch(() => {});
    expect(client.getQueryState(['status'])?.isInvalidated).toBe(false);
  });
});
