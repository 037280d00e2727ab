/** The facts of one key as its exchange reported them, and what keyaudit says where the exchange left one out. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { AuditedKey } from '@contract/audited-key.ts';
import { KeyFacts } from './key-facts.tsx';

const key: AuditedKey = {
  id: 'k1', connectionId: 'c1', exchange: 'okx', account: { kind: 'sub', name: 'gridbot02' }, apiKey: '8f3c2a61-5b7e-4d90-a1c4-6e2b9f0d7a35',
  label: 'grid bot', permissions: ['read_only', 'trade'], capabilities: [], ipWhitelist: null, createdAt: null, expiresAt: null, lastUsedAt: null,
  isCallingKey: false, revocability: { canRevoke: false, how: 'website-only', reason: 'r', manageUrl: 'https://www.okx.com/account/my-api' },
};

describe(KeyFacts.name, () => {
  afterEach(cleanup);

  it('shows a key the exchange listed as "******" as it was sent, and says the exchange did not report its API key', () => {
    render(<KeyFacts keyInfo={{ ...key, apiKey: '******', isApiKeyMasked: true }} connection={undefined} />);
    expect(screen.getByText('******')).toBeTruthy();
    expect(screen.getByText("OKX did not report this key's full API key")).toBeTruthy();
  });

  it('shows an ordinary key masked, without that note', () => {
    render(<KeyFacts keyInfo={key} connection={undefined} />);
    expect(screen.getByText('8f3c…7a35')).toBeTruthy();
    expect(screen.queryByText(/did not report this key's full API key/)).toBeNull();
  });
});
