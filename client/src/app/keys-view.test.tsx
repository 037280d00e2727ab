/** The revoke journey at the component level: the dialog, the request, and the list following the server's re-read, not a re-audit. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { vi } from 'vitest';
import { buildAuditRun, buildAuditedKey } from '../testing/fixtures.ts';
import { payoutKey, reviewRun } from '../testing/review-fixtures.ts';
import { apiError, reply, streamOf, stubApi } from '../testing/fetch-stub.ts';
import { accountStatesOf, revokedAnswer, toAuditEvents } from '../testing/audit-events.ts';
import { renderWithProviders } from '../testing/render-with-providers.tsx';
import { KeysView } from './keys-view.tsx';

const gridBot = buildAuditedKey({ id: 'key/grid 2', label: 'grid bot 2', account: { kind: 'sub', name: 'gridbot2' } });
const taxKey = buildAuditedKey({ id: 'key-tax', label: 'tax export', apiKey: '7702b3c4d5e6f7a8b9c0d1e2' });
const before = buildAuditRun({ keys: [gridBot, taxKey] });

async function openRevokeDialog() {
  const row = (await screen.findByText('grid bot 2')).closest('tr')!;
  const revokeButton = within(row).getByRole('button', { name: /^Revoke grid bot 2/ });
  revokeButton.focus(); // a real click focuses the button; jsdom's synthetic one does not
  fireEvent.click(revokeButton);
  return screen.getByRole('dialog', { name: 'Revoke API key' });
}

describe(KeysView.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('sends the key passphrase, then drops the key as the server re-read its account, without a new audit, and announces it', async () => {
    const api = stubApi({
      'GET /api/audit/events': streamOf(toAuditEvents(before)),
      'POST /api/keys/key%2Fgrid%202/revoke': reply(revokedAnswer(before, gridBot.id)),
    });
    renderWithProviders(<KeysView demoKeyPassphrase="demo-pass-123" />);

    const dialog = await openRevokeDialog();
    expect(within(dialog).getByText('gridbot2 on KuCoin', { exact: false })).toBeTruthy();
    expect(within(dialog).getByText('demo-pass-123').tagName).toBe('CODE');
    const passphrase = within(dialog).getByLabelText('API passphrase of this key');
    expect(document.activeElement).toBe(passphrase);

    fireEvent.change(passphrase, { target: { value: 'demo-pass-123' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('POST', '/api/keys/key%2Fgrid%202/revoke')[0]!.body).toEqual({ keyPassphrase: 'demo-pass-123' });
    expect(api.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['GET /api/audit/events', 'POST /api/keys/key%2Fgrid%202/revoke']);
    expect(screen.queryByText('grid bot 2')).toBeNull();
    expect(screen.getByText('tax export')).toBeTruthy();
    expect(screen.getByText('Revoked grid bot 2 (sub-account gridbot2 on KuCoin)').getAttribute('role')).toBe('status');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'API keys' }));

    // The message can be dismissed; its live region stays, empty, for the next one.
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss this message' }));
    expect(screen.queryByText('Revoked grid bot 2 (sub-account gridbot2 on KuCoin)')).toBeNull();
    expect(screen.getAllByRole('status').some((region) => region.classList.contains('announcement'))).toBe(true);
  });

  it('keeps the dialog open and the key listed when the passphrase is wrong', async () => {
    const api = stubApi({
      'GET /api/audit/events': streamOf(toAuditEvents(before)),
      'POST /api/keys/key%2Fgrid%202/revoke': apiError(400, 'key-passphrase-wrong', 'KuCoin rejected the passphrase of this key.'),
    });
    renderWithProviders(<KeysView demoKeyPassphrase={null} />);

    const dialog = await openRevokeDialog();
    fireEvent.change(within(dialog).getByLabelText('API passphrase of this key'), { target: { value: 'nope' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe('KuCoin rejected the passphrase of this key.');
    expect(screen.getByRole('dialog', { name: 'Revoke API key' })).toBe(dialog);
    expect(api.callsTo('GET', '/api/audit/events')).toHaveLength(1);
    expect(screen.getAllByText('grid bot 2').length).toBeGreaterThan(0);
    expect(within(dialog).getByRole('button', { name: 'Revoke key' })).toHaveProperty('disabled', false);
  });

  it('keeps the key listed and says so when the exchange still lists it after answering the delete', async () => {
    const message = "KuCoin answered that the key was deleted, but still lists it. Check it on KuCoin's API management page.";
    const stillThere = accountStatesOf(before).filter((account) => account.keys.some((key) => key.id === gridBot.id));
    stubApi({
      'GET /api/audit/events': streamOf(toAuditEvents(before)),
      'POST /api/keys/key%2Fgrid%202/revoke': reply(revokedAnswer(before, gridBot.id, { confirmation: 'still-listed', message, delta: { accounts: stillThere, removedKeyIds: [] } })),
    });
    renderWithProviders(<KeysView demoKeyPassphrase={null} />);
    const dialog = await openRevokeDialog();
    fireEvent.change(within(dialog).getByLabelText('API passphrase of this key'), { target: { value: 'demo-pass-123' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe(message);
    expect(screen.getByRole('dialog', { name: 'Revoke API key' })).toBe(dialog);
    expect(screen.getAllByText('grid bot 2').length).toBeGreaterThan(0);
  });

  it('shows "Revoking…" and disables the button while the request is in flight', async () => {
    let answer: (value: { body: unknown }) => void = () => {};
    stubApi({
      'GET /api/audit/events': streamOf(toAuditEvents(before)),
      'POST /api/keys/key%2Fgrid%202/revoke': () => new Promise((resolve) => (answer = resolve)),
    });
    renderWithProviders(<KeysView demoKeyPassphrase={null} />);
    const dialog = await openRevokeDialog();
    fireEvent.change(within(dialog).getByLabelText('API passphrase of this key'), { target: { value: 'x' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));

    const pending = await within(dialog).findByRole('button', { name: 'Revoking…' });
    expect(pending).toHaveProperty('disabled', true);
    answer({ body: revokedAnswer(before, gridBot.id) });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('closes on Escape without sending anything', async () => {
    const api = stubApi({ 'GET /api/audit/events': streamOf(toAuditEvents(before)) });
    renderWithProviders(<KeysView demoKeyPassphrase={null} />);
    const dialog = await openRevokeDialog();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Revoke grid bot 2/ }));
    expect(api.calls).toHaveLength(1);
  });

  it('selects every key that can withdraw without a whitelist and revokes them in one confirmed run', async () => {
    const api = stubApi({
      'GET /api/audit/events': streamOf(toAuditEvents(reviewRun)),
      'POST /api/keys/k-payout/revoke': reply(revokedAnswer(reviewRun, payoutKey.id)),
    });
    renderWithProviders(<KeysView demoKeyPassphrase="demo-pass-123" />);
    expect(await screen.findByRole('button', { name: 'Revoke selected (0)' })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: 'Select all that can withdraw without a whitelist' }));
    expect(screen.getByRole('checkbox', { name: 'Select Payout Bot' })).toHaveProperty('checked', true);
    expect(screen.getByRole('checkbox', { name: 'Select grid bot' })).toHaveProperty('checked', false);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke selected (1)' }));

    const dialog = screen.getByRole('dialog', { name: 'Revoke 1 key' });
    fireEvent.change(within(dialog).getByLabelText('API passphrase of Payout Bot'), { target: { value: 'demo-pass-123' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke 1 key' }));
    expect(await within(dialog).findByText('Revoked')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Show details of Payout Bot' })).toBeNull());
    expect(api.callsTo('GET', '/api/audit/events')).toHaveLength(1);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Revoked 1 of 1 key').getAttribute('role')).toBe('status');
    // The button that opened the run is disabled now: focus goes to the result, not the page body.
    expect(document.activeElement).toBe(screen.getByText('Revoked 1 of 1 key'));
    expect(screen.queryByRole('button', { name: 'Show details of Payout Bot' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Revoke selected (0)' })).toBeTruthy();
  });

  it('a key keyaudit cannot revoke: the dialog says so (never "Revoke 0 keys"), and after the run it leaves the selection', async () => {
    stubApi({
      'GET /api/audit/events': streamOf(toAuditEvents(reviewRun)),
      'POST /api/keys/k-payout/revoke': reply(revokedAnswer(reviewRun, payoutKey.id)),
    });
    renderWithProviders(<KeysView demoKeyPassphrase="demo-pass-123" />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Select accounting' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke selected (1)' }));
    const alone = screen.getByRole('dialog', { name: 'The selected key cannot be revoked by keyaudit' });
    expect(alone.textContent).toContain('KuCoin cannot delete master keys by API.');
    fireEvent.click(within(alone).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('checkbox', { name: 'Select accounting' })).toHaveProperty('checked', false);
    expect(document.activeElement).toBe(document.getElementById('keys-title'));

    fireEvent.click(screen.getByRole('checkbox', { name: 'Select accounting' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Payout Bot' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke selected (2)' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke 1 key' });
    fireEvent.change(within(dialog).getByLabelText('API passphrase of Payout Bot'), { target: { value: 'demo-pass-123' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke 1 key' }));
    expect(await within(dialog).findByText('Revoked')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('checkbox', { name: 'Select accounting' })).toHaveProperty('checked', false);
    expect(screen.getByRole('button', { name: 'Revoke selected (0)' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByText('Revoked 1 of 1 key'));
  });
});
