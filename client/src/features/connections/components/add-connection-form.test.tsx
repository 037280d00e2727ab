import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { buildAuditedKey } from '../../../testing/fixtures.ts';
import { reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { credentialFieldsOf, EXCHANGE_NAMES, exchangeInfo } from '@contract/exchanges.ts';
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
  fill('API passphrase', 'pass-789');
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
    expect(screen.getByLabelText('API passphrase')).toHaveProperty('value', '');
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

  it('warns, before saving, when the key can do more than an audit needs, in the finding\'s own words', async () => {
    stubApi({ 'POST /api/connections/test': reply({ ok: true, callingKey, error: null, excess: { why: 'It can withdraw (Withdraw).', fix: 'Create a read-only key.' } }) });
    renderWithProviders(<AddConnectionForm />);
    fillKucoinCredentials();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const warning = await screen.findByRole('note', { name: 'More than an audit needs' });
    expect(warning.textContent).toContain('It can withdraw (Withdraw).');
    expect(warning.textContent).toContain('Create a read-only key.');
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', false);
  });

  it('says nothing of the kind for a key with only what an audit needs', async () => {
    stubApi({ 'POST /api/connections/test': reply({ ok: true, callingKey, error: null, excess: null }) });
    renderWithProviders(<AddConnectionForm />);
    fillKucoinCredentials();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Connection works.');
    expect(screen.queryByRole('note', { name: 'More than an audit needs' })).toBeNull();
  });

  it.each(EXCHANGE_IDS)("%s: shows exactly the exchange table's credential fields, with their labels and hints, and sends exactly those", async (exchange) => {
    const api = stubApi({ 'POST /api/connections/test': reply({ ok: true, callingKey, error: null }) });
    renderWithProviders(<AddConnectionForm />);
    fireEvent.change(screen.getByLabelText('Exchange'), { target: { value: exchange } });
    const form = screen.getByRole('form', { name: 'Add connection' });
    const fields = credentialFieldsOf(exchange);
    const inputs = [...form.querySelectorAll('input, textarea')].filter((input) => !['connection-label', 'connection-base-url'].includes(input.id)) as (HTMLInputElement | HTMLTextAreaElement)[];
    expect(inputs.map((input) => input.labels?.[0]?.textContent)).toEqual(fields.map((info) => info.label));
    for (const { label, hint, isSecret, isMultiline } of fields) {
      const input = screen.getByLabelText(label) as HTMLInputElement | HTMLTextAreaElement;
      // A value that spans lines (Coinbase's PEM private key) gets a text area, which keeps its line breaks.
      expect(input.tagName).toBe(isMultiline ? 'TEXTAREA' : 'INPUT');
      if (!isMultiline) expect(input.type).toBe(isSecret ? 'password' : 'text');
      const description = input.getAttribute('aria-describedby');
      expect(description ? document.getElementById(description)?.textContent : undefined).toBe(hint);
    }
    expect(screen.getByLabelText('Label').getAttribute('aria-describedby')).toBeTruthy();
    expect(form.textContent).toContain(`e.g. “${EXCHANGE_NAMES[exchange]} main”`);
    expect(form.textContent).toContain(`Leave empty for ${exchangeInfo(exchange).apiBaseUrl}.`);

    for (const { field, label } of fields) fill(label, `${field}-value`);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/connections/test')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/connections/test')[0]!.body).toEqual({
      exchange,
      ...Object.fromEntries(fields.map(({ field }) => [field, `${field}-value`])),
    });
  });

  it('keeps Test disabled until every field of the exchange is filled', () => {
    renderWithProviders(<AddConnectionForm />);
    fireEvent.change(screen.getByLabelText('Exchange'), { target: { value: 'okx' } });
    const test = screen.getByRole('button', { name: 'Test connection' });
    for (const { label } of credentialFieldsOf('okx')) {
      expect(test).toHaveProperty('disabled', true);
      fill(label, 'x');
    }
    expect(test).toHaveProperty('disabled', false);
  });

  it('asks for a passphrase only for exchanges whose keys have one, and forgets a test when a field changes', async () => {
    stubApi({ 'POST /api/connections/test': reply({ ok: true, callingKey, error: null }) });
    renderWithProviders(<AddConnectionForm />);
    fireEvent.change(screen.getByLabelText('Exchange'), { target: { value: 'binance' } });
    expect(screen.queryByLabelText('API passphrase')).toBeNull();

    fill('Label', 'Binance');
    fill('API key', 'k');
    fill('Secret key', 's');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', false));

    fill('Secret key', 's2');
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true);
  });
});
