import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { VaultOutsideChanges } from '@contract/api.ts';
import { stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { describeOutsideChange } from '../utils/describe-outside-change.ts';
import { UnlockVaultForm } from './unlock-vault-form.tsx';
import { VaultOutsideChangeNotice } from './vault-outside-change-notice.tsx';

const save = (over: Partial<NonNullable<VaultOutsideChanges['last']>> = {}) => ({ connectionsAdded: 0, connectionsRemoved: 0, connectionsRenamed: 0, alertChannelsChanged: false, ...over });

describe(describeOutsideChange.name, () => {
  it('says what changed in a terminal, in counts', () => {
    expect(describeOutsideChange(save({ connectionsAdded: 1 }))).toBe('The vault was changed outside the dashboard (1 connection added): reloaded.');
    expect(describeOutsideChange(save({ connectionsAdded: 2, connectionsRemoved: 1 }))).toBe('The vault was changed outside the dashboard (2 connections added, 1 removed): reloaded.');
    expect(describeOutsideChange(save({ connectionsRemoved: 3 }))).toBe('The vault was changed outside the dashboard (3 connections removed): reloaded.');
    expect(describeOutsideChange(save({ alertChannelsChanged: true }))).toBe('The vault was changed outside the dashboard (alert channels changed): reloaded.');
  });
});

const notice = (client: QueryClient, outsideChanges: VaultOutsideChanges) => (
  <QueryClientProvider client={client}>
    <VaultOutsideChangeNotice outsideChanges={outsideChanges} />
  </QueryClientProvider>
);

describe(VaultOutsideChangeNotice.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('stays quiet for changes made before the page looked, then announces a new one and reads the audit again', async () => {
    stubApi({});
    const { queryClient, rerender } = renderWithProviders(<VaultOutsideChangeNotice outsideChanges={{ count: 2, last: save({ connectionsAdded: 1 }) }} />);
    queryClient.setQueryData(['audit', 'latest'], 'stale');
    queryClient.setQueryData(['status'], 'kept');
    expect(screen.getByRole('status').textContent).toBe('');

    rerender(notice(queryClient, { count: 3, last: save({ connectionsRemoved: 1 }) }));
    expect(screen.getByRole('status').textContent).toBe('The vault was changed outside the dashboard (1 connection removed): reloaded.');
    expect(queryClient.getQueryState(['audit', 'latest'])?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(['status'])?.isInvalidated).toBe(false);
  });

  it('asks for the status again when the window regains focus (back from the terminal)', () => {
    stubApi({});
    const { queryClient } = renderWithProviders(<VaultOutsideChangeNotice outsideChanges={{ count: 0, last: null }} />);
    queryClient.setQueryData(['status'], 'seen');
    window.dispatchEvent(new Event('focus'));
    expect(queryClient.getQueryState(['status'])?.isInvalidated).toBe(true);
  });

  it('an alert-channel change leaves the audit alone', () => {
    stubApi({});
    const { queryClient, rerender } = renderWithProviders(<VaultOutsideChangeNotice outsideChanges={{ count: 0, last: null }} />);
    queryClient.setQueryData(['audit', 'latest'], 'kept');
    rerender(notice(queryClient, { count: 1, last: save({ alertChannelsChanged: true }) }));
    expect(screen.getByRole('status').textContent).toContain('alert channels changed');
    expect(queryClient.getQueryState(['audit', 'latest'])?.isInvalidated).toBe(false);
  });
});

describe('the unlock page after the vault locked itself', () => {
  afterEach(cleanup);

  it('says the passphrase was changed in a terminal', () => {
    renderWithProviders(<UnlockVaultForm lockedBecause="passphrase-changed" />);
    expect(screen.getByRole('status').textContent).toBe("The vault's passphrase was changed in a terminal: enter the new passphrase.");
  });

  it('says nothing extra after an ordinary lock', () => {
    renderWithProviders(<UnlockVaultForm />);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
