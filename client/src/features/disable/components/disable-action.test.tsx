import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { DisableResult } from '@contract/api.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { buildAuditRun, buildAuditedKey } from '../../../testing/fixtures.ts';
import { accountStatesOf } from '../../../testing/audit-events.ts';
import { apiError, reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { DisableAction } from './disable-action.tsx';

const treasury = buildAuditedKey({
  id: 'deribit-treasury',
  exchange: 'deribit',
  label: 'old_treasury',
  apiKey: 'Tr3asury',
  account: { kind: 'master', name: 'master' },
  revocability: { canRevoke: true, how: 'api', reason: 'can delete', manageUrl: exchangeInfo('deribit').manageKeysUrl },
  disablability: { canDisable: true, reason: "The key of this connection can disable the account's other keys." },
});
const disabledTreasury: AuditedKey = { ...treasury, isDisabled: true, disablability: { canDisable: false, reason: 'Disabled already.' } };

function disabledAnswer(overrides: Partial<DisableResult> = {}): DisableResult {
  const [account] = accountStatesOf(buildAuditRun({ keys: [disabledTreasury] }));
  return { keyId: treasury.id, confirmation: 'disabled', message: null, delta: { accounts: account ? [account] : [], removedKeyIds: [] }, ...overrides };
}

describe(DisableAction.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('offers Disable only where the exchange table and the key allow it, and not on a key disabled already', () => {
    stubApi({});
    const { rerender } = renderWithProviders(<DisableAction keyInfo={treasury} />);
    expect(screen.getByRole('button', { name: 'Disable' })).toBeTruthy();
    rerender(<DisableAction keyInfo={disabledTreasury} />);
    expect(screen.queryByRole('button', { name: 'Disable' })).toBeNull();
    rerender(<DisableAction keyInfo={{ ...treasury, exchange: 'kucoin', disablability: undefined }} />);
    expect(screen.queryByRole('button', { name: 'Disable' })).toBeNull();
    rerender(<DisableAction keyInfo={{ ...treasury, disablability: { canDisable: false, reason: 'lacks account:read_write' } }} />);
    expect(screen.queryByRole('button', { name: 'Disable' })).toBeNull();
  });

  it('explains disable against revoke in a dialog that starts on Cancel, and cancelling sends nothing', () => {
    const api = stubApi({});
    renderWithProviders(<DisableAction keyInfo={treasury} />);
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    const dialog = screen.getByRole('dialog', { name: 'Disable API key' });
    expect(dialog.textContent).toMatch(/stops working at once, but the key is kept and can be enabled again/);
    expect(dialog.textContent).toMatch(/Revoke: deletes the key for good/);
    expect(screen.getByRole('link', { name: "Deribit's API page" }).getAttribute('href')).toBe(exchangeInfo('deribit').manageKeysUrl);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Disable API key' })).toBeNull();
    expect(api.calls).toEqual([]);
  });

  it('asks for the vault passphrase when the server wants it again, then disables and says so in a status line', async () => {
    const api = stubApi({
      'POST /api/keys/deribit-treasury/disable': [apiError(403, 'reauth-required', 'Enter the vault passphrase again to disable keys.'), reply(disabledAnswer())],
      'POST /api/vault/unlock': reply({ ok: true }),
    });
    renderWithProviders(<DisableAction keyInfo={treasury} />);
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disable key' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the vault passphrase again to disable keys.');
    fireEvent.change(screen.getByLabelText('Vault passphrase'), { target: { value: 'vault secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Disable key' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Disable API key' })).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('Disabled old_treasury (master account on Deribit) on Deribit: it stays listed, marked disabled.');
    expect(api.calls.map((call) => [call.path, call.body])).toEqual([
      ['/api/keys/deribit-treasury/disable', {}],
      ['/api/vault/unlock', { passphrase: 'vault secret' }],
      ['/api/keys/deribit-treasury/disable', {}],
    ]);
  });

  it("shows the exchange's refusal (a second factor Deribit wants) in the dialog and keeps it open", async () => {
    const sentence = "Deribit asks for a second factor (two-factor code or security key) before it disables a key on this account, and keyaudit cannot provide one.";
    stubApi({ 'POST /api/keys/deribit-treasury/disable': apiError(403, 'permission-denied', sentence) });
    renderWithProviders(<DisableAction keyInfo={treasury} />);
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disable key' }));
    expect((await screen.findByRole('alert')).textContent).toBe(sentence);
    expect(screen.getByRole('dialog', { name: 'Disable API key' })).toBeTruthy();
  });

  it('reports a disable the re-read does not confirm as an error', async () => {
    stubApi({ 'POST /api/keys/deribit-treasury/disable': reply(disabledAnswer({ confirmation: 'differs', message: 'Deribit confirmed that it disabled the key, but still lists it as enabled.' })) });
    renderWithProviders(<DisableAction keyInfo={treasury} />);
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disable key' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/still lists it as enabled/);
  });

  it('asks for the vault passphrase in the dialog before Disable once the recent-passphrase window has passed, and unlocks first', async () => {
    const api = stubApi({
      'GET /api/status': reply({ mode: 'live', demoKeyPassphrase: null, vault: 'unlocked', recentPassphraseUntil: null }),
      'POST /api/vault/unlock': reply({ ok: true }),
      'POST /api/keys/deribit-treasury/disable': reply(disabledAnswer()),
    });
    renderWithProviders(<DisableAction keyInfo={treasury} />);
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    const field = await screen.findByLabelText('Vault passphrase');
    expect(api.callsTo('POST', '/api/keys/deribit-treasury/disable')).toHaveLength(0);
    fireEvent.change(field, { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Disable key' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/keys/deribit-treasury/disable')).toHaveLength(1));
    expect(api.calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual(['/api/vault/unlock', '/api/keys/deribit-treasury/disable']);
  });
});
