import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { apiError, reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { UnlockVaultForm } from './unlock-vault-form.tsx';

function submit(passphrase: string) {
  fireEvent.change(screen.getByLabelText('Vault passphrase'), { target: { value: passphrase } });
  fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
}

describe(UnlockVaultForm.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('asks browsers not to offer saving or filling the vault passphrase', () => {
    stubApi({});
    renderWithProviders(<UnlockVaultForm />);
    const field = screen.getByLabelText('Vault passphrase');
    expect(field.getAttribute('autocomplete')).toBe('off');
    expect(field.getAttribute('name')).toBe('keyaudit-vault-passphrase');
  });

  it('sends the passphrase and clears the field', async () => {
    const api = stubApi({ 'POST /api/vault/unlock': reply({ ok: true }) });
    renderWithProviders(<UnlockVaultForm />);
    submit('correct horse');
    await vi.waitFor(() => expect(api.calls).toHaveLength(1));
    expect(api.calls[0]!.body).toEqual({ passphrase: 'correct horse' });
    await vi.waitFor(() => expect(screen.getByLabelText('Vault passphrase')).toHaveProperty('value', ''));
  });

  it('says "Wrong passphrase or damaged vault." on 401 unlock-failed', async () => {
    stubApi({ 'POST /api/vault/unlock': apiError(401, 'unlock-failed', 'Could not decrypt the vault.') });
    renderWithProviders(<UnlockVaultForm />);
    submit('wrong');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong passphrase or damaged vault.');
  });

  it("counts down the server's wait time when rate limited, and offers Unlock again when it is over", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      stubApi({ 'POST /api/vault/unlock': apiError(429, 'too-many-attempts', 'Too many failed attempts. Try again in 30 seconds.') });
      renderWithProviders(<UnlockVaultForm />);
      submit('again');
      expect((await screen.findByRole('alert')).textContent).toBe('Too many failed attempts.');
      expect(screen.getByText('Try again in 30 seconds.')).toBeTruthy();
      fireEvent.change(screen.getByLabelText('Vault passphrase'), { target: { value: 'next try' } });
      expect(screen.getByRole('button', { name: 'Unlock' })).toHaveProperty('disabled', true);
      await vi.advanceTimersByTimeAsync(12_000);
      expect(screen.getByText(/^Try again in 1[89] seconds\.$/)).toBeTruthy();
      await vi.advanceTimersByTimeAsync(20_000);
      expect(screen.getByText('You can try again now.')).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Unlock' })).toHaveProperty('disabled', false);
    } finally {
      vi.useRealTimers();
    }
  });
});
