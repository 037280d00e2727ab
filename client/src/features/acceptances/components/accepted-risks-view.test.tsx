import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AcceptanceView } from '@contract/acceptances.ts';
import { apiError, reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { AcceptedRisksView } from './accepted-risks-view.tsx';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const DAY_MS = 86_400_000;
const day = (days: number) => new Date(NOW + days * DAY_MS).toISOString().slice(0, 10);
const at = (days: number) => `${day(days)}T00:00:00.000Z`;

function buildAcceptance(overrides: Partial<AcceptanceView>): AcceptanceView {
  return {
    id: 'acc_1', ruleId: 'withdraw-enabled', ruleTitle: 'Can withdraw funds', severity: 'critical', exchange: 'kucoin',
    account: { kind: 'sub', name: 'bots' }, key: { keyId: 'k-payout', label: 'payout bot', maskedKey: '6705…d3eb' }, recordedMaskedKey: '6705…d3eb',
    match: 'listed', reason: 'payout bot, reviewed by ops', acceptedAt: '2026-01-10T09:00:00.000Z', expiresAt: at(200), ...overrides,
  };
}

const later = buildAcceptance({ id: 'acc_later' });
const soon = buildAcceptance({ id: 'acc_soon', ruleTitle: 'Can trade from any IP address', severity: 'high', key: { keyId: 'k-grid', label: 'grid bot', maskedKey: '6706…aaaa' }, reason: 'grid, IP changes daily', expiresAt: at(5) });
const gone = buildAcceptance({ id: 'acc_gone', key: null, match: 'key-gone', recordedMaskedKey: '6707…bbbb', reason: 'old bot', expiresAt: at(60), acceptedAt: null });

describe(AcceptedRisksView.name, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('lists acceptances soonest end first, highlights those ending within 14 days, and filters to them', async () => {
    stubApi({ 'GET /api/acceptances': reply({ acceptances: [later, gone, soon] }) });
    renderWithProviders(<AcceptedRisksView />);
    const table = await screen.findByRole('table', { name: 'Accepted risks, soonest end first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-acceptance-id'))).toEqual(['acc_soon', 'acc_gone', 'acc_later']);
    expect(rows[0]!.textContent).toContain('Expires within 14 days');
    // Noon on Mar 1 to 00:00 UTC on Mar 6: four and a half days, with the exact end on hover.
    expect(within(rows[0]!).getByText('in 4 days').getAttribute('title')).toMatch(/Mar [56], 2026/);
    expect(rows[1]!.textContent).toContain('Key no longer listed');
    expect(rows[1]!.textContent).toContain('6707…bbbb');
    expect(rows[1]!.textContent).toContain('Not recorded');
    expect(within(rows[2]!).getByRole('link', { name: 'Open payout bot in the Keys view' }).getAttribute('href')).toBe('/?key=k-payout&showAccepted=1');
    expect(screen.getByText(/1 acceptance ends within 14 days/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'expiring' } });
    expect(within(table).getAllByRole('row').slice(1).map((row) => row.getAttribute('data-acceptance-id'))).toEqual(['acc_soon']);
  });

  it('says how to accept one when there are none, and offers a retry when the list cannot be read', async () => {
    stubApi({ 'GET /api/acceptances': reply({ acceptances: [] }) });
    renderWithProviders(<AcceptedRisksView />);
    expect(await screen.findByRole('heading', { name: 'No accepted risks' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Keys view' })).toBeTruthy();
    cleanup();
    stubApi({ 'GET /api/acceptances': apiError(423, 'vault-locked', 'The vault is locked. Unlock it first.') });
    renderWithProviders(<AcceptedRisksView />);
    expect((await screen.findByRole('alert')).textContent).toContain('The vault is locked');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('edits the end date, asking for the vault passphrase when the server wants it again, then reads the list again', async () => {
    const api = stubApi({
      'GET /api/acceptances': reply({ acceptances: [later] }),
      'PATCH /api/acceptances/acc_later': [apiError(403, 'reauth-required', 'Enter the vault passphrase again to change an accepted risk.'), reply({ ...later, expiresAt: at(30) })],
      'POST /api/vault/unlock': reply({ ok: true }),
    });
    renderWithProviders(<AcceptedRisksView />);
    fireEvent.click(await screen.findByRole('button', { name: /^Edit acceptance of Can withdraw funds on payout bot/ }));
    const dialog = screen.getByRole('dialog', { name: 'Edit accepted risk' });
    expect((within(dialog).getByLabelText('Reason') as HTMLTextAreaElement).value).toBe(later.reason);
    fireEvent.change(within(dialog).getByLabelText('End date'), { target: { value: day(30) } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    const passphrase = await within(dialog).findByLabelText('Vault passphrase');
    expect(api.callsTo('PATCH', '/api/acceptances/acc_later')[0]!.body).toEqual({ expiresAt: day(30) });
    fireEvent.change(passphrase, { target: { value: 'correct horse battery' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('POST', '/api/vault/unlock')[0]!.body).toEqual({ passphrase: 'correct horse battery' });
    expect(screen.getByText(/^Saved: Can withdraw funds on payout bot/)).toBeTruthy();
    await waitFor(() => expect(api.callsTo('GET', '/api/acceptances').length).toBe(2));
  });

  it('asks for the vault passphrase before Save once the recent-passphrase window has passed, and unlocks first', async () => {
    const api = stubApi({
      'GET /api/status': reply({ mode: 'live', demoKeyPassphrase: null, vault: 'unlocked', recentPassphraseUntil: null }),
      'GET /api/acceptances': reply({ acceptances: [later] }),
      'PATCH /api/acceptances/acc_later': reply({ ...later, expiresAt: at(30) }),
      'POST /api/vault/unlock': reply({ ok: true }),
    });
    renderWithProviders(<AcceptedRisksView />);
    fireEvent.click(await screen.findByRole('button', { name: /^Edit acceptance of Can withdraw funds on payout bot/ }));
    const dialog = screen.getByRole('dialog', { name: 'Edit accepted risk' });
    const passphrase = await within(dialog).findByLabelText('Vault passphrase');
    fireEvent.change(within(dialog).getByLabelText('End date'), { target: { value: day(30) } });
    fireEvent.change(passphrase, { target: { value: 'correct horse battery' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.calls.filter((call) => call.method !== 'GET').map((call) => `${call.method} ${call.path}`)).toEqual(['POST /api/vault/unlock', 'PATCH /api/acceptances/acc_later']);
  });

  it('refuses an end date in the past before sending anything', async () => {
    const api = stubApi({ 'GET /api/acceptances': reply({ acceptances: [later] }) });
    renderWithProviders(<AcceptedRisksView />);
    fireEvent.click(await screen.findByRole('button', { name: /^Edit acceptance/ }));
    const dialog = screen.getByRole('dialog', { name: 'Edit accepted risk' });
    fireEvent.change(within(dialog).getByLabelText('End date'), { target: { value: day(-1) } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('The acceptance must end after today.');
    expect(api.calls.filter((call) => call.method === 'PATCH')).toEqual([]);
  });

  it('revokes an acceptance after one confirmation', async () => {
    const api = stubApi({ 'GET /api/acceptances': [reply({ acceptances: [later] }), reply({ acceptances: [] })], 'DELETE /api/acceptances/acc_later': reply({ ok: true }) });
    renderWithProviders(<AcceptedRisksView />);
    fireEvent.click(await screen.findByRole('button', { name: /^Revoke acceptance of Can withdraw funds/ }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke acceptance' });
    expect(dialog.textContent).toContain('counts again');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke acceptance' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/api/acceptances/acc_later')).toHaveLength(1));
    expect(await screen.findByRole('heading', { name: 'No accepted risks' })).toBeTruthy();
    expect(screen.getByText(/^Revoked the acceptance of Can withdraw funds/)).toBeTruthy();
  });
});
