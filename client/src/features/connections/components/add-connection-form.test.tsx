import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { buildAuditedKey } from '../../../testing/fixtures.ts';
import { reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { AddConnectionForm } from './add-connection-form.tsx';

const callingKey = buildAuditedKey({
  isCallingKey: true,
  account: { kind: 'master', name: 'master' },
  permissions: ['General', 'Withdraw'],
  capabilities: [
    { capability: 'read', from: 'General', isUncertain: false },
    { capability: 'withdraw', from: 'Withdraw', isUncertain: false },
  ],
  ipWhitelist: null,
});

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function fillKucoinCredentials() {
  fill('Label', 'KuCoin main');
  fill('API key', 'key-123');
  fill('API secret', 'secret-456');
  fill('API passphrase (not your login password)', 'pass-789');
}

describe(AddConnectionForm.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('enables Save only after a successful test, then saves and clears every secret field', async () => {
    const api = stubApi({
      'POST /api/connections/test': reply({ ok: true, callingKey, error: null }),
      'POST /api/connections': reply({ id: 'c1', exchange: 'kucoin', label: 'KuCoin main', maskedKey: 'key-…-123', baseUrl: null }),
    });
    renderWithProviders(<AddConnectionForm />);
    fillKucoinCredentials();
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Withdraw')).toBeTruthy();
    expect(screen.getByText('Any IP')).toBeTruthy();
    expect(api.callsTo('POST', '/api/connections/test')[0]!.body).toEqual({
      exchange: 'kucoin',
      apiKey: 'key-123',
      secret: 'secret-456',
      passphrase: 'pass-789',
    });

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Saved KuCoin main/)).toBeTruthy();
    expect(api.callsTo('POST', '/api/connections')[0]!.body).toMatchObject({ label: 'KuCoin main', secret: 'secret-456' });
    expect(screen.getByLabelText('API secret')).toHaveProperty('value', '');
    expect(screen.getByLabelText('API passphrase (not your login password)')).toHaveProperty('value', '');
    expect(screen.getByLabelText('API key')).toHaveProperty('value', '');
  });

  it("explains a refused test when this machine's IP is not whitelisted, and keeps Save disabled", async () => {
    stubApi({
      'POST /api/connections/test': reply({
        ok: false,
        callingKey: null,
        error: { kind: 'ip-not-allowed', message: 'KuCoin refused the request from this IP address.', exchangeCode: '400006' },
      }),
    });
    renderWithProviders(<AddConnectionForm />);
    fillKucoinCredentials();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("This machine's IP is not on the key's whitelist");
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
  });

  it('asks for a passphrase only for exchanges whose keys have one, and forgets a test when a field changes', async () => {
    stubApi({ 'POST /api/connections/test': reply({ ok: true, callingKey, error: null }) });
    renderWithProviders(<AddConnectionForm />);
    fireEvent.change(screen.getByLabelText('Exchange'), { target: { value: 'binance' } });
    expect(screen.queryByLabelText('API passphrase (not your login password)')).toBeNull();

    fill('Label', 'Binance');
    fill('API key', 'k');
    fill('API secret', 's');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', false));

    fill('API secret', 's2');
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
  });
});
