import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { ActivityLog } from './activity-log.tsx';

const entries = [
  { seq: 1, at: '2025-06-15T10:00:00.000Z', action: 'key.revoke', outcome: 'ok', details: { keyId: 'k1', exchange: 'kucoin' } },
  { seq: 2, at: '2025-06-15T11:00:00.000Z', action: 'key.revoke', outcome: 'denied', details: { keyId: 'k2', reason: 'key-passphrase-wrong' } },
];

const head = { seq: 2, hash: 'ab'.repeat(32) };

describe(ActivityLog.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists entries newest first and says the log verified', async () => {
    stubApi({ 'GET /api/action-log': reply({ entries, verified: true, head, authenticated: true }) });
    renderWithProviders(<ActivityLog />);
    expect(await screen.findByText('Log verified ✓')).toBeTruthy();
    const rows = within(screen.getByRole('table', { name: 'Activity log' })).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]!.textContent).toContain('denied');
    expect(rows[1]!.textContent).toContain('key-passphrase-wrong');
    expect(rows[2]!.textContent).toContain('k1');
  });

  it('shows the head hash to write down, and whether the MACs were checked', async () => {
    stubApi({ 'GET /api/action-log': reply({ entries, verified: true, head, authenticated: true }) });
    renderWithProviders(<ActivityLog />);
    expect(await screen.findByText(head.hash)).toBeTruthy();
    expect(screen.getByText(/Head: seq 2/).textContent).toContain('MAC was checked');
    cleanup();
    stubApi({ 'GET /api/action-log': reply({ entries, verified: true, head, authenticated: false }) });
    renderWithProviders(<ActivityLog />);
    expect((await screen.findByText(/Head: seq 2/)).textContent).toContain('Hash chain only');
  });

  it('raises an alert when the integrity check failed', async () => {
    stubApi({ 'GET /api/action-log': reply({ entries, verified: false, head: null, authenticated: false }) });
    renderWithProviders(<ActivityLog />);
    expect((await screen.findByRole('alert')).textContent).toContain('Log integrity check FAILED');
    expect(screen.queryByText('Log verified ✓')).toBeNull();
  });
});
