import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { ActivityLog } from './activity-log.tsx';

const entries = [
  { seq: 1, at: '2025-06-15T10:00:00.000Z', action: 'key.revoke', outcome: 'ok', details: { connectionId: 'c_0123abcd', exchange: 'kucoin', account: 'sub:gridbot2', apiKey: '8f3a…c2d1', label: 'k1 grid bot' } },
  { seq: 2, at: '2025-06-15T11:00:00.000Z', action: 'key.revoke', outcome: 'denied', details: { connectionId: 'c_0123abcd', exchange: 'kucoin', errorKind: 'key-passphrase-wrong' } },
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
    expect(rows[1]!.textContent).toContain('Refused');
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

  it("says what happened in people's words: the action, exchange, connection by its label, account, key, and an accepted risk's reason", async () => {
    const lines = [
      ...entries,
      { seq: 3, at: '2025-06-15T12:00:00.000Z', action: 'finding.accept', outcome: 'ok', details: { connectionId: 'c_gone0000', exchange: 'okx', account: 'master:master', apiKey: 'ab12…cd34', label: 'payout', ruleId: 'withdraw-enabled', until: '2099-01-01', reason: 'rotated weekly' } },
    ];
    stubApi({
      'GET /api/action-log': reply({ entries: lines, verified: true, head, authenticated: true }),
      'GET /api/status': reply({ mode: 'live', demoKeyPassphrase: null, vault: 'unlocked' }),
      'GET /api/connections': reply({ connections: [{ id: 'c_0123abcd', exchange: 'kucoin', label: 'KuCoin main', maskedKey: '66c2…e5f6', baseUrl: null }] }),
    });
    renderWithProviders(<ActivityLog />);
    const table = await screen.findByRole('table', { name: 'Activity log' });
    await within(table).findAllByText('KuCoin main');
    const [, accepted, , revoked] = within(table).getAllByRole('row');
    expect(accepted!.textContent).toContain('Accepted risk');
    expect(accepted!.textContent).toContain('removed connection');
    expect(accepted!.textContent).toContain('rotated weekly');
    expect(revoked!.textContent).toContain('Revoked key');
    expect(revoked!.textContent).toContain('sub-account gridbot2');
    expect(revoked!.textContent).toContain('k1 grid bot (8f3a…c2d1)');
    expect(revoked!.textContent).not.toContain('c_0123abcd');
    expect(revoked!.textContent).not.toContain('key.revoke');
  });
});
