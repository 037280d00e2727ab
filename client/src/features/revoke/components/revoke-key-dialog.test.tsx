import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { buildAuditedKey } from '../../../testing/fixtures.ts';
import { reply, stubApi } from '../../../testing/fetch-stub.ts';
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
    const api = stubApi({ 'POST /api/keys/bybit-master/revoke': reply({ revoked: true, keyId: 'bybit-master' }) });
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
});
