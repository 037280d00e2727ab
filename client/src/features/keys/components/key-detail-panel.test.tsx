/** One key's details: reached by click or keyboard, what it shows, and accepting a risk from it. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { apiError, reply, streamOf, stubApi } from '../../../testing/fetch-stub.ts';
import { toAuditEvents } from '../../../testing/audit-events.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { reviewRun } from '../../../testing/review-fixtures.ts';
import { KeysPanel } from './keys-panel.tsx';

function renderPanel(routes: Parameters<typeof stubApi>[0] = {}) {
  const api = stubApi({
    'GET /api/audit/events': streamOf(toAuditEvents(reviewRun)),
    ...routes,
  });
  const onRevokeKey = vi.fn();
  renderWithProviders(<KeysPanel onRevokeKey={onRevokeKey} />);
  return { api, onRevokeKey };
}

describe('KeyDetailPanel', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-15T12:00:00.000Z'));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('shows the key as reported, its normalized capabilities and every finding with why and fix', async () => {
    const { onRevokeKey } = renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Show details of Payout Bot' }));
    const panel = screen.getByRole('dialog', { name: 'Key details: Payout Bot' });
    expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: 'Key details: Payout Bot' }));

    const facts = within(panel).getByRole('heading', { name: 'As KuCoin reports it' }).parentElement!;
    expect(within(facts).getByText('sub-account treasury on KuCoin')).toBeTruthy();
    expect(within(facts).getByText('KuCoin main')).toBeTruthy();
    expect(within(facts).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['General', 'Transfer']);
    expect(within(facts).getByText('None: works from any IP address')).toBeTruthy();
    expect(within(facts).getByText('No expiry reported')).toBeTruthy();

    const capabilities = within(panel).getByRole('heading', { name: 'Capabilities (normalized)' }).parentElement!;
    const withdraw = within(capabilities).getAllByRole('listitem')[1]!;
    expect(withdraw.textContent).toBe('withdraw from “Transfer”uncertain');

    const finding = within(panel).getByRole('heading', { name: 'Can withdraw from any IP address' }).closest('li')!;
    expect(within(finding).getByText('Critical')).toBeTruthy();
    expect(finding.textContent).toContain('It can withdraw (KuCoin word Transfer) from any IP.');
    expect(finding.textContent).toContain('Fix: Revoke this key, or add an IP whitelist.');

    fireEvent.click(within(panel).getByRole('button', { name: 'Revoke this key' }));
    expect(onRevokeKey).toHaveBeenCalledWith(expect.objectContaining({ id: 'k-payout' }));
  });

  it('shows why a key cannot be revoked here, and accepted findings with their reason and end date', async () => {
    renderPanel();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Show accepted' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show details of office payout' }));
    const panel = screen.getByRole('dialog', { name: 'Key details: office payout' });
    expect(within(panel).getByText('Accepted until Dec 31, 2025: Addresses are allow-listed')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: /^Accept risk/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Show details of accounting' }));
    const master = screen.getByRole('dialog', { name: 'Key details: accounting' });
    expect(within(master).queryByRole('button', { name: 'Revoke this key' })).toBeNull();
    expect(within(master).getByText(/KuCoin cannot delete master keys by API\./)).toBeTruthy();
  });

  it('accepts a risk with a reason and an end date 90 days out by default, then rereads the audit', async () => {
    const { api } = renderPanel({ 'POST /api/findings/accept': reply({ ok: true }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Show details of Payout Bot' }));
    const panel = screen.getByRole('dialog', { name: 'Key details: Payout Bot' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Accept risk: Can withdraw from any IP address' }));

    const form = within(panel).getByRole('form', { name: 'Accept risk: Can withdraw from any IP address' });
    const until = within(form).getByLabelText('Accept until');
    expect(until).toHaveProperty('value', '2025-09-13');
    expect(until.getAttribute('max')).toBe('2026-06-15');
    fireEvent.click(within(form).getByRole('button', { name: 'Accept risk' }));
    expect(within(form).getByRole('alert').textContent).toMatch(/Give a reason/);
    expect(api.callsTo('POST', '/api/findings/accept')).toHaveLength(0);

    fireEvent.keyDown(within(form).getByLabelText('Reason'), { key: 'Escape' });
    expect(within(panel).queryByRole('form')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Key details: Payout Bot' })).toBe(panel);
    fireEvent.click(within(panel).getByRole('button', { name: 'Accept risk: Can withdraw from any IP address' }));
    const reopened = within(panel).getByRole('form', { name: 'Accept risk: Can withdraw from any IP address' });
    expect(within(reopened).getByLabelText('Accept until')).toHaveProperty('value', '2025-09-13');
    fireEvent.change(within(reopened).getByLabelText('Reason'), { target: { value: '  Payout bot on the office server  ' } });
    fireEvent.change(within(reopened).getByLabelText('Accept until'), { target: { value: '2025-10-01' } });
    fireEvent.click(within(reopened).getByRole('button', { name: 'Accept risk' }));

    await waitFor(() => expect(api.callsTo('POST', '/api/findings/accept')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/findings/accept')[0]!.body).toEqual({
      keyId: 'k-payout',
      ruleId: 'withdraw-without-ip-whitelist',
      reason: 'Payout bot on the office server',
      expiresAt: '2025-10-01',
    });
    await waitFor(() => expect(api.callsTo('GET', '/api/audit/events')).toHaveLength(2));
  });

  it('asks for the vault passphrase when the server wants it again, unlocks with it, then accepts', async () => {
    const { api } = renderPanel({
      'POST /api/findings/accept': [apiError(403, 'reauth-required', 'Enter the vault passphrase again to accept a risk.'), reply({ ok: true })],
      'POST /api/vault/unlock': reply({ ok: true }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Show details of Payout Bot' }));
    fireEvent.click(screen.getByRole('button', { name: 'Accept risk: Can withdraw from any IP address' }));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'payout bot' } });
    fireEvent.click(screen.getByRole('button', { name: 'Accept risk' }));
    const passphrase = await screen.findByLabelText('Vault passphrase');
    expect(screen.getByRole('alert').textContent).toContain('Enter the vault passphrase again');
    fireEvent.change(passphrase, { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Accept risk' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/findings/accept')).toHaveLength(2));
    expect(api.callsTo('POST', '/api/vault/unlock')[0]!.body).toEqual({ passphrase: 'correct horse battery' });
    expect(api.callsTo('POST', '/api/findings/accept')[1]!.body).not.toHaveProperty('vaultPassphrase');
  });

  it('refuses an end date more than a year out', async () => {
    const { api } = renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Show details of grid bot' }));
    fireEvent.click(screen.getByRole('button', { name: 'Accept risk: Can trade from any IP address' }));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'lab key' } });
    fireEvent.change(screen.getByLabelText('Accept until'), { target: { value: '2026-07-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Accept risk' }));
    expect(screen.getByRole('alert').textContent).toBe('The acceptance can last at most one year.');
    expect(api.calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('moves between rows with the arrow keys, opens details with Enter, and Escape returns focus to the row', async () => {
    renderPanel();
    const first = await screen.findByRole('button', { name: 'Show details of Payout Bot' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    const second = screen.getByRole('button', { name: 'Show details of grid bot' });
    expect(document.activeElement).toBe(second);

    fireEvent.keyDown(second, { key: 'Enter' });
    const panel = screen.getByRole('dialog', { name: 'Key details: grid bot' });
    expect(second.closest('tr')!.className).toContain('row-active');

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(panel.isConnected).toBe(false);
    expect(document.activeElement).toBe(second);
  });
});
