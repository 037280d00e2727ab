/** The bulk revoke: one confirmation, one request per revocable key with its own passphrase, results in place. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { toAuditRun } from '@contract/audit-run-snapshot.ts';
import { buildAuditRun, buildAuditedKey } from '../../../testing/fixtures.ts';
import { revokedAnswer, toAuditEvents } from '../../../testing/audit-events.ts';
import { auditQueryKeys } from '../../keys/api/get-audit.ts';
import { applyEventsToView, EMPTY_AUDIT_VIEW, type AuditView } from '../../keys/api/audit-view.ts';
import { apiError, reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { gridKey, payoutKey, readerKey } from '../../../testing/review-fixtures.ts';
import { BulkRevokeDialog } from './bulk-revoke-dialog.tsx';

const bybitSub = buildAuditedKey({
  id: 'k-bybit',
  exchange: 'bybit',
  label: 'copy bot',
  account: { kind: 'sub', name: 'copytrade' },
  revocability: { canRevoke: true, how: 'api', reason: 'Bybit deletes sub-account keys by API.', manageUrl: 'https://www.bybit.com/app/user/api-management' },
});
const bybitOwn = buildAuditedKey({
  id: 'k-own',
  exchange: 'bybit',
  label: 'bybit main',
  account: { kind: 'master', name: 'master' },
  revocability: { canRevoke: true, how: 'api', reason: 'Bybit lets a master key delete itself.', manageUrl: 'https://www.bybit.com', revokesOwnConnection: true },
});
const revokePath = (keyId: string) => `/api/keys/${keyId}/revoke`;
/** The audit on screen behind the dialog. */
const shownRun = buildAuditRun({ keys: [payoutKey, readerKey, gridKey, bybitOwn, bybitSub] });
/** The server's answer to a confirmed revoke: the key's account read again, without it. */
const gone = (keyId: string) => reply(revokedAnswer(shownRun, keyId));

function renderDialog(routes: Parameters<typeof stubApi>[0]) {
  const api = stubApi(routes);
  const onClose = vi.fn();
  const { queryClient } = renderWithProviders(
    <BulkRevokeDialog keys={[payoutKey, readerKey, gridKey, bybitOwn, bybitSub]} demoKeyPassphrase={null} onClose={onClose} />,
  );
  queryClient.setQueryData(auditQueryKeys.latest(), applyEventsToView(EMPTY_AUDIT_VIEW, toAuditEvents(shownRun)));
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
  const keysOnScreen = () => toAuditRun(queryClient.getQueryData<AuditView>(auditQueryKeys.latest())!.live!, shownRun.finishedAt).keys.map((key) => key.id);
  return { api, onClose, invalidate, keysOnScreen, dialog: screen.getByRole('dialog', { name: 'Revoke 3 keys' }) };
}

describe(BulkRevokeDialog.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists every key, skipped ones with the reason, and asks for a passphrase only where the exchange needs one', () => {
    const { dialog } = renderDialog({});
    const toRevoke = within(within(dialog).getByRole('list', { name: 'Keys to revoke' })).getAllByRole('listitem');
    expect(toRevoke.map((item) => item.querySelector('strong')!.textContent)).toEqual(['Payout Bot', 'grid bot', 'copy bot']);
    expect(toRevoke[0]!.textContent).toContain('sub-account treasury on KuCoin');
    expect(within(dialog).getByLabelText('API passphrase of Payout Bot')).toBeTruthy();
    expect(within(dialog).getByLabelText('API passphrase of grid bot')).toBeTruthy();
    expect(within(dialog).queryByLabelText('API passphrase of copy bot')).toBeNull();

    const skipped = within(within(dialog).getByRole('region', { name: 'Skipped: cannot be revoked here (2)' })).getAllByRole('listitem');
    expect(skipped[0]!.textContent).toBe('accounting master account on KuCoin: KuCoin cannot delete master keys by API.');
    expect(skipped[1]!.textContent).toMatch(/^bybit main master account on Bybit: This is the key keyaudit signs with/);
    expect(within(dialog).getByRole('button', { name: 'Revoke 3 keys' })).toBeTruthy();
  });

  it('sends one request per revocable key with its own passphrase, shows each result, and applies each re-read account instead of a new audit', async () => {
    const { api, dialog, invalidate, keysOnScreen, onClose } = renderDialog({
      [`POST ${revokePath('k-payout')}`]: gone('k-payout'),
      [`POST ${revokePath('k-grid')}`]: [apiError(400, 'key-passphrase-wrong', 'KuCoin rejected the passphrase of this key.'), gone('k-grid')],
      [`POST ${revokePath('k-bybit')}`]: gone('k-bybit'),
    });
    fireEvent.change(within(dialog).getByLabelText('API passphrase of Payout Bot'), { target: { value: 'pass-1' } });
    fireEvent.change(within(dialog).getByLabelText('API passphrase of grid bot'), { target: { value: 'wrong' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke 3 keys' }));

    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('Revoked 2 of 3. 1 failed.'));
    expect(api.calls.map((call) => [call.path, call.body])).toEqual([
      [revokePath('k-payout'), { keyPassphrase: 'pass-1' }],
      [revokePath('k-grid'), { keyPassphrase: 'wrong' }],
      [revokePath('k-bybit'), {}],
    ]);
    const items = within(within(dialog).getByRole('list', { name: 'Keys to revoke' })).getAllByRole('listitem');
    expect(within(items[0]!).getByText('Revoked')).toBeTruthy();
    expect(within(items[1]!).getByText('Failed: KuCoin rejected the passphrase of this key.')).toBeTruthy();
    expect(within(items[2]!).getByText('Revoked')).toBeTruthy();
    expect(invalidate).not.toHaveBeenCalled();
    expect(keysOnScreen().sort()).toEqual(['k-grid', 'k-own', 'k-reader']);

    // Only the failed key is tried again, with the corrected passphrase.
    expect(within(dialog).queryByLabelText('API passphrase of Payout Bot')).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('API passphrase of grid bot'), { target: { value: 'right' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retry 1 key' }));
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('Revoked all 3 keys.'));
    expect(api.calls.slice(3).map((call) => [call.path, call.body])).toEqual([[revokePath('k-grid'), { keyPassphrase: 'right' }]]);
    expect(keysOnScreen().sort()).toEqual(['k-own', 'k-reader']);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    // Done with: the three revoked and the two skipped (bybit main revokes its own connection; accounting cannot be revoked).
    expect(onClose).toHaveBeenCalledWith('Revoked 3 of 3 keys', ['k-payout', 'k-grid', 'k-bybit', 'k-reader', 'k-own']);
  });

  it('can use one passphrase for every key that needs one', async () => {
    const { api, dialog } = renderDialog({
      [`POST ${revokePath('k-payout')}`]: gone('k-payout'),
      [`POST ${revokePath('k-grid')}`]: gone('k-grid'),
      [`POST ${revokePath('k-bybit')}`]: gone('k-bybit'),
    });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Use the same passphrase for all' }));
    expect(within(dialog).queryByLabelText('API passphrase of Payout Bot')).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('API passphrase for all keys'), { target: { value: 'shared' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke 3 keys' }));
    await waitFor(() => expect(api.calls).toHaveLength(3));
    expect(api.calls.map((call) => call.body)).toEqual([{ keyPassphrase: 'shared' }, { keyPassphrase: 'shared' }, {}]);
  });

  it('stops when the server wants the vault passphrase again, then unlocks and goes on from that key', async () => {
    const { api, dialog } = renderDialog({
      [`POST ${revokePath('k-payout')}`]: [apiError(403, 'reauth-required', 'Enter the vault passphrase again to revoke keys.'), gone('k-payout')],
      [`POST ${revokePath('k-grid')}`]: gone('k-grid'),
      [`POST ${revokePath('k-bybit')}`]: gone('k-bybit'),
      'POST /api/vault/unlock': reply({ ok: true }),
    });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Use the same passphrase for all' }));
    fireEvent.change(within(dialog).getByLabelText('API passphrase for all keys'), { target: { value: 'shared' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke 3 keys' }));

    const vault = await within(dialog).findByLabelText('Vault passphrase');
    expect(api.calls).toHaveLength(1);
    expect(within(dialog).getByRole('status').textContent).toMatch(/Enter the vault passphrase to go on with the other 3/);
    fireEvent.change(vault, { target: { value: 'vault secret' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retry 3 keys' }));

    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toBe('Revoked all 3 keys.'));
    expect(api.calls.map((call) => call.path)).toEqual([revokePath('k-payout'), '/api/vault/unlock', revokePath('k-payout'), revokePath('k-grid'), revokePath('k-bybit')]);
    expect(api.calls[1]!.body).toEqual({ passphrase: 'vault secret' });
    expect(within(dialog).queryByLabelText('Vault passphrase')).toBeNull();
  });

  it('with only keys keyaudit cannot revoke, says so in the heading with each reason, and hands them back to deselect', () => {
    stubApi({});
    const onClose = vi.fn();
    renderWithProviders(<BulkRevokeDialog keys={[readerKey, { ...readerKey, id: 'k-reader-2', label: 'audit copy' }]} demoKeyPassphrase={null} onClose={onClose} />);
    const dialog = screen.getByRole('dialog', { name: 'None of the 2 selected keys can be revoked by keyaudit' });
    expect(within(dialog).queryByRole('button', { name: /^Revoke/ })).toBeNull();
    expect(within(dialog).getAllByText(/KuCoin cannot delete master keys by API/)).toHaveLength(2);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledWith(null, [readerKey.id, 'k-reader-2']);
  });
});
