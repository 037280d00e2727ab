import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { buildAuditRun, buildAuditedKey } from '../../../testing/fixtures.ts';
import { revokedAnswer } from '../../../testing/audit-events.ts';
import { apiError, reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { RevokeKeyDialog } from './revoke-key-dialog.tsx';

const bybitMaster = buildAuditedKey({
  id: 'bybit-master',
  exchange: 'bybit',
  label: 'bybit main',
  account: { kind: 'master', name: 'master' },
  isCallingKey: true,
  revocability: {
    canRevoke: true,
    how: 'api',
    reason: 'Bybit lets a master key delete itself.',
    manageUrl: 'https://www.bybit.com/app/user/api-management',
    revokesOwnConnection: true,
  },
});

describe(RevokeKeyDialog.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('asks for no passphrase when the exchange needs none, and starts on Cancel', () => {
    stubApi({});
    renderWithProviders(
      <RevokeKeyDialog keyInfo={{ ...bybitMaster, revocability: { ...bybitMaster.revocability, revokesOwnConnection: false } }} demoKeyPassphrase="demo" onClose={() => {}} onRevoked={() => {}} />,
    );
    expect(screen.queryByLabelText('API passphrase of this key')).toBeNull();
    expect(screen.queryByText(/Demo keys use the passphrase/)).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
  });

  it("requires an explicit confirmation before revoking the connection's own key", async () => {
    const api = stubApi({ 'POST /api/keys/bybit-master/revoke': reply(revokedAnswer(buildAuditRun({ keys: [bybitMaster] }), 'bybit-master')) });
    const onRevoked = vi.fn();
    renderWithProviders(<RevokeKeyDialog keyInfo={bybitMaster} demoKeyPassphrase={null} onClose={() => {}} onRevoked={onRevoked} />);

    const revokeButton = screen.getByRole('button', { name: 'Revoke key' });
    expect(revokeButton).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('checkbox', { name: /this connection stops working/ }));
    expect(revokeButton).toHaveProperty('disabled', false);

    fireEvent.click(revokeButton);
    await waitFor(() => expect(onRevoked).toHaveBeenCalledWith('Revoked bybit main (master account on Bybit)'));
    expect(api.calls[0]!.body).toEqual({});
  });

  it('asks for the vault passphrase inline when the server wants it again, unlocks, then retries the revoke', async () => {
    const api = stubApi({
      'POST /api/keys/bybit-master/revoke': [apiError(403, 'reauth-required', 'Enter the vault passphrase again to revoke keys.'), reply(revokedAnswer(buildAuditRun({ keys: [bybitMaster] }), 'bybit-master'))],
      'POST /api/vault/unlock': reply({ ok: true }),
    });
    const onRevoked = vi.fn();
    const plainKey = { ...bybitMaster, revocability: { ...bybitMaster.revocability, revokesOwnConnection: false } };
    renderWithProviders(<RevokeKeyDialog keyInfo={plainKey} demoKeyPassphrase={null} onClose={() => {}} onRevoked={onRevoked} />);

    fireEvent.click(screen.getByRole('button', { name: 'Revoke key' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the vault passphrase again to revoke keys.');
    fireEvent.change(screen.getByLabelText('Vault passphrase'), { target: { value: 'vault secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Revoke key' }));

    await waitFor(() => expect(onRevoked).toHaveBeenCalledWith('Revoked bybit main (master account on Bybit)'));
    expect(api.calls.map((call) => [call.path, call.body])).toEqual([
      ['/api/keys/bybit-master/revoke', {}],
      ['/api/vault/unlock', { passphrase: 'vault secret' }],
      ['/api/keys/bybit-master/revoke', {}],
    ]);
  });

  describe('the recent-passphrase window', () => {
    const plainKey = { ...bybitMaster, revocability: { ...bybitMaster.revocability, revokesOwnConnection: false } };
    const liveStatus = (recentPassphraseUntil: string | null) => reply({ mode: 'live', demoKeyPassphrase: null, vault: 'unlocked', recentPassphraseUntil });

    it('passed: asks for the vault passphrase in the dialog before Revoke, and renews the window with it first', async () => {
      const api = stubApi({
        'GET /api/status': liveStatus(null),
        'POST /api/vault/unlock': reply({ ok: true }),
        'POST /api/keys/bybit-master/revoke': reply(revokedAnswer(buildAuditRun({ keys: [plainKey] }), plainKey.id)),
      });
      renderWithProviders(<RevokeKeyDialog keyInfo={plainKey} demoKeyPassphrase={null} onClose={() => {}} onRevoked={() => {}} />);
      const field = await screen.findByLabelText('Vault passphrase');
      expect(api.callsTo('POST', '/api/keys/bybit-master/revoke')).toHaveLength(0);
      fireEvent.change(field, { target: { value: 'correct horse battery' } });
      fireEvent.click(screen.getByRole('button', { name: 'Revoke key' }));
      await waitFor(() => expect(api.callsTo('POST', '/api/keys/bybit-master/revoke')).toHaveLength(1));
      const order = api.calls.filter((call) => call.method === 'POST').map((call) => call.path);
      expect(order).toEqual(['/api/vault/unlock', '/api/keys/bybit-master/revoke']);
      expect(screen.queryByRole('alert')).toBeNull();
    });

    it('still open: no passphrase field', async () => {
      const api = stubApi({ 'GET /api/status': liveStatus(new Date(Date.now() + 4 * 60_000).toISOString()) });
      renderWithProviders(<RevokeKeyDialog keyInfo={plainKey} demoKeyPassphrase={null} onClose={() => {}} onRevoked={() => {}} />);
      await waitFor(() => expect(api.callsTo('GET', '/api/status')).toHaveLength(1));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(screen.queryByLabelText('Vault passphrase')).toBeNull();
    });
  });
});
