/** Owner, purpose and tags: shown under the label, edited in the details, checked before they are sent. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { reply, streamOf, stubApi } from '../../../testing/fetch-stub.ts';
import { toAuditEvents } from '../../../testing/audit-events.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { reviewRun } from '../../../testing/review-fixtures.ts';
import { KeysPanel } from './keys-panel.tsx';

const UPDATED_AT = '2025-06-01T00:00:00.000Z';

describe('KeyAnnotationForm', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('shows the owner and tags under the label, refuses a bad tag naming the field, and saves what is typed', async () => {
    const api = stubApi({
      'GET /api/audit/events': streamOf(toAuditEvents(reviewRun)),
      'GET /api/key-annotations': reply({ annotations: [{ keyId: 'k-payout', owner: 'ana', purpose: 'payouts', tags: ['bot'], updatedAt: UPDATED_AT }] }),
      'POST /api/keys/k-payout/annotation': reply({ annotations: [{ keyId: 'k-payout', owner: 'bo', purpose: 'payouts', tags: ['bot', 'prod'], updatedAt: UPDATED_AT }] }),
    });
    renderWithProviders(<KeysPanel onRevokeKey={vi.fn()} />);
    const row = (await screen.findByRole('button', { name: 'Show details of Payout Bot' })).closest('tr')!;
    await waitFor(() => expect(row.textContent).toContain('ana'));
    expect(row.textContent).toContain('#bot');

    fireEvent.click(within(row).getByRole('button', { name: 'Show details of Payout Bot' }));
    const form = within(screen.getByRole('dialog', { name: 'Key details: Payout Bot' })).getByRole('region', { name: 'Owner and tags' });
    expect(within(form).getByLabelText<HTMLInputElement>('Owner').value).toBe('ana');

    fireEvent.change(within(form).getByLabelText('Tags'), { target: { value: 'bot, =SUM(A1)' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save owner and tags' }));
    expect(within(form).getByLabelText('Tags').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText(/^Tags: a tag starts with a letter or digit/)).toBeTruthy();
    expect(api.callsTo('POST', '/api/keys/k-payout/annotation')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('Owner'), { target: { value: 'bo' } });
    fireEvent.change(within(form).getByLabelText('Tags'), { target: { value: 'bot prod' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save owner and tags' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/keys/k-payout/annotation')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/keys/k-payout/annotation')[0]!.body).toEqual({ owner: 'bo', purpose: 'payouts', tags: ['bot', 'prod'] });
    await waitFor(() => expect(within(form).getByRole('status').textContent).toMatch(/^Saved\./));
    expect(row.textContent).toContain('bo');
    expect(row.textContent).toContain('#prod');
  });
});
