import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { buildAuditRun, buildConnectionResult } from '../../../testing/fixtures.ts';
import { apiError, createEventStream, streamOf, stubApi } from '../../../testing/fetch-stub.ts';
import { toAuditEvents } from '../../../testing/audit-events.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { KeysPanel } from './keys-panel.tsx';

describe(KeysPanel.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('says it is auditing while the first audit runs', async () => {
    stubApi({ 'GET /api/audit/events': () => new Promise(() => {}) });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    expect((await screen.findByRole('status')).textContent).toBe('Auditing your connections…');
    expect(screen.getByRole('button', { name: 'Refreshing…' })).toHaveProperty('disabled', true);
  });

  it('shows a failed audit as an alert in plain words, and Retry runs it again', async () => {
    const api = stubApi({
      'GET /api/audit/events': [apiError(500, 'internal', 'Something went wrong on the keyaudit server.'), streamOf(toAuditEvents(buildAuditRun()))],
    });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The audit could not run.');
    expect(alert.textContent).toContain('Something went wrong on the keyaudit server.');
    expect(alert.textContent).toContain('request id req-test'); // what to look for in the server log
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByRole('table', { name: 'API keys (1)' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.callsTo('GET', '/api/audit/events')).toHaveLength(2);
  });

  it('says "No keys found" and what to do when the audit found none', async () => {
    stubApi({ 'GET /api/audit/events': streamOf(toAuditEvents(buildAuditRun({ keys: [], connections: [] }))) });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    expect(await screen.findByRole('heading', { name: 'No keys found' })).toBeTruthy();
    expect(screen.getByText(/add an exchange API key under Connections/i)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('names each failed sub-account and why, as an alert, while still listing the keys it could read', async () => {
    const partial = buildConnectionResult({
      label: 'KuCoin main',
      status: 'partial',
      accounts: [
        { account: { kind: 'master', name: 'master' }, status: 'ok', error: null, keyCount: 1 },
        {
          account: { kind: 'sub', name: 'hedge' },
          status: 'failed',
          error: { kind: 'rate-limited', message: 'KuCoin asked us to slow down; try again in a minute.', exchangeCode: '429000' },
          keyCount: 0,
        },
      ],
    });
    stubApi({ 'GET /api/audit/events': streamOf(toAuditEvents(buildAuditRun({ connections: [partial] }))) });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('KuCoin main');
    expect(alert.textContent).toContain('Partly read');
    expect(within(alert).getByText('Sub-account hedge: KuCoin asked us to slow down; try again in a minute.')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'API keys (1)' })).toBeTruthy();
  });

  it('Refresh runs a fresh audit and keeps the current table while it runs', async () => {
    const secondRun = createEventStream();
    const api = stubApi({ 'GET /api/audit/events': [streamOf(toAuditEvents(buildAuditRun())), secondRun.handler] });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    await screen.findByRole('table');

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Auditing 1 connection…'));
    expect(screen.getByRole('table')).toBeTruthy();

    secondRun.send(...toAuditEvents(buildAuditRun({ keys: [] }), { runId: 'run-2' }));
    secondRun.end();
    expect(await screen.findByRole('heading', { name: 'No keys found' })).toBeTruthy();
    expect(api.callsTo('GET', '/api/audit/events')).toHaveLength(2);
  });
});
