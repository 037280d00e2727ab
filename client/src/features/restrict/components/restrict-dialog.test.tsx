import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { buildAuditedKey } from '../../../testing/fixtures.ts';
import { apiError, reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { RestrictDialog } from './restrict-dialog.tsx';

const bot = buildAuditedKey({ id: 'bot', exchange: 'bybit', label: 'grid bot', account: { kind: 'sub', name: '1002' }, ipWhitelist: null, permissions: ['readOnly=0', 'Spot:SpotTrade'] });
const master = buildAuditedKey({ id: 'main', exchange: 'bybit', label: 'main', account: { kind: 'master', name: 'master' } });
const plan = {
  before: { permissions: ['readOnly=0', 'Spot:SpotTrade'], ipWhitelist: null },
  after: { permissions: ['readOnly=0', 'Spot:SpotTrade'], ipWhitelist: ['198.51.100.4'] },
  changes: { ips: true, permissions: false },
  droppedWords: [],
  forcedAlong: [],
};

describe(RestrictDialog.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('previews each key, skips the one the exchange cannot change with its page, re-asks the vault passphrase, and shows a differing re-read in red', async () => {
    const api = stubApi({
      'POST /api/keys/bot/restrict/preview': reply({ ok: true, keyId: 'bot', plan }),
      'POST /api/keys/main/restrict/preview': reply({ ok: false, keyId: 'main', reason: "Bybit's API no longer changes a master key's IP whitelist.", manageUrl: 'https://www.bybit.com/app/user/api-management' }),
      'POST /api/keys/bot/restrict': [
        apiError(403, 'reauth-required', 'Enter the vault passphrase again to restrict keys.'),
        reply({
          keyId: 'bot', plan, confirmation: 'differs', reported: { permissions: ['readOnly=0', 'Spot:SpotTrade'], ipWhitelist: null },
          message: 'Bybit confirmed the change, but now reports the key differently from what was asked.', delta: { accounts: [], removedKeyIds: [] },
        }),
      ],
      'POST /api/vault/unlock': reply({ ok: true }),
    });
    const onClose = vi.fn();
    renderWithProviders(<RestrictDialog keys={[bot, master]} mode={{ kind: 'ips' }} demoKeyPassphrase={null} onClose={onClose} />);

    fireEvent.change(screen.getByLabelText('Bind to these IPs (comma-separated)'), { target: { value: '198.51.100.4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('After: readOnly=0, Spot:SpotTrade · IPs: 198.51.100.4')).toBeTruthy();
    expect(screen.getByText('Before: readOnly=0, Spot:SpotTrade · IPs: any IP')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Skipped (1)' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Manage on Bybit' }).getAttribute('href')).toBe('https://www.bybit.com/app/user/api-management');

    fireEvent.click(screen.getByRole('button', { name: 'Restrict 1 key' }));
    fireEvent.change(await screen.findByLabelText('Vault passphrase'), { target: { value: 'vault secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Restrict 1 key' }));

    const alert = await screen.findByRole('alert');
    expect(alert.className).toContain('error-text');
    expect(alert.textContent).toContain('reports the key differently');
    expect(alert.textContent).toContain('IPs: any IP');
    expect(api.calls.map((call) => [call.path, call.body])).toEqual([
      ['/api/keys/bot/restrict/preview', { ips: ['198.51.100.4'] }],
      ['/api/keys/main/restrict/preview', { ips: ['198.51.100.4'] }],
      ['/api/keys/bot/restrict', { ips: ['198.51.100.4'] }],
      ['/api/vault/unlock', { passphrase: 'vault secret' }],
      ['/api/keys/bot/restrict', { ips: ['198.51.100.4'] }],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith('Restricted 1 of 1 key'));
  });
});
