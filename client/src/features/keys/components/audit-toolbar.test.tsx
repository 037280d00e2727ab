/** The toolbar over the key list: audit progress while it runs, and the report downloads. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { buildAuditRun } from '../../../testing/fixtures.ts';
import { reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { KeysPanel } from './keys-panel.tsx';

describe('AuditToolbar', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    sessionStorage.clear();
  });

  it('polls the progress while the audit runs and shows "n of m accounts"', async () => {
    const api = stubApi({
      'GET /api/audit': () => new Promise(() => {}),
      'GET /api/audit/progress': [
        reply({ running: true, accountsDone: 3, accountsTotal: 8 }),
        reply({ running: true, accountsDone: 5, accountsTotal: 8 }),
      ],
    });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    expect(await screen.findByText('Auditing your connections… 3 of 8 accounts')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Auditing your connections… 5 of 8 accounts'), { timeout: 2000 });
    expect(api.callsTo('GET', '/api/audit/progress').length).toBeGreaterThanOrEqual(2);
  });

  it('stops polling once the audit is done', async () => {
    const api = stubApi({
      'GET /api/audit': reply(buildAuditRun()),
      'GET /api/audit/progress': reply({ running: false, accountsDone: 2, accountsTotal: 2 }),
    });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    await screen.findByRole('table');
    const polls = api.callsTo('GET', '/api/audit/progress').length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(api.callsTo('GET', '/api/audit/progress')).toHaveLength(polls);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('downloads a report with the session token and saves it under the server-given name', async () => {
    sessionStorage.setItem('keyaudit.session', 'session-token-1');
    const requests: Array<{ url: string; headers: Headers }> = [];
    vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
      requests.push({ url: input, headers: new Headers(init.headers) });
      if (input === '/api/audit') return Response.json(buildAuditRun());
      return new Response('label,severity\n', { headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="keyaudit-2025-06-15T12-00-00.csv"' } });
    });
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:http://127.0.0.1/report');
    // jsdom has no object URLs; these stay for the rest of this file (saveFile revokes a second later).
    Object.assign(URL, { createObjectURL, revokeObjectURL: () => {} });
    const saved: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);

    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(saved).toEqual([{ href: 'blob:http://127.0.0.1/report', download: 'keyaudit-2025-06-15T12-00-00.csv' }]));
    const report = requests.find((request) => request.url.startsWith('/api/audit/report'))!;
    expect(report.url).toBe('/api/audit/report?format=csv');
    expect(report.headers.get('authorization')).toBe('Bearer session-token-1');
    expect(await createObjectURL.mock.calls[0]![0].text()).toBe('label,severity\n');
    expect(screen.getByRole('button', { name: 'Export JSON' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export Markdown' })).toBeTruthy();
  });
});
