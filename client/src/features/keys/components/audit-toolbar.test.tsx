/** The toolbar over the key list: audit progress while it runs, and the report downloads. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { buildAuditedKey, buildAuditRun } from '../../../testing/fixtures.ts';
import { createEventStream, streamOf, stubApi } from '../../../testing/fetch-stub.ts';
import { toAuditEvents } from '../../../testing/audit-events.ts';
import type { AuditEvent } from '@contract/audit-events.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { KeysPanel } from './keys-panel.tsx';

/** The whole stream of `events` as one answer, for a test that stubs fetch itself. */
function streamResponse(events: AuditEvent[]): Response {
  const text = events.map((event, index) => `id: run-1:${index + 1}\ndata: ${JSON.stringify(event)}\n\n`).join('');
  return new Response(text, { headers: { 'content-type': 'text/event-stream' } });
}

describe('AuditToolbar', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    sessionStorage.clear();
  });

  it('shows "n of m accounts" and the connections still read, as the stream reads them', async () => {
    const stream = createEventStream();
    stubApi({ 'GET /api/audit/events': stream.handler });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    const [started, ...rest] = toAuditEvents(buildAuditRun(), { finished: false, finishedConnections: [] });
    stream.send(started!, { type: 'accounts-listed', connectionId: 'conn-1', accounts: [{ kind: 'sub', name: 'gridbot2' }, { kind: 'sub', name: 'spare' }] });
    // The first render waits for the page to start: generous on a busy machine.
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Auditing 1 connection… 0 of 3 accounts (reading KuCoin main)'), { timeout: 3000 });
    stream.send(rest[0]!); // the master account, with no key on it
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Auditing 1 connection… 1 of 3 accounts (reading KuCoin main)'));
    stream.send(rest[1]!); // gridbot2, with a key: the table shows what is found so far
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Still auditing — 2 of 3 accounts, showing what is found so far (reading KuCoin main)'));
  });

  it('makes no request once the audit is done, and clears the status line', async () => {
    const api = stubApi({ 'GET /api/audit/events': streamOf(toAuditEvents(buildAuditRun())) });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    await screen.findByRole('table');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(''));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(api.calls).toHaveLength(1);
  });

  it('downloads a report with the session token and saves it under the server-given name', async () => {
    sessionStorage.setItem('keyaudit.session', 'session-token-1');
    const requests: Array<{ url: string; headers: Headers; method: string; body: unknown }> = [];
    vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
      requests.push({ url: input, headers: new Headers(init.headers), method: init.method ?? 'GET', body: init.body === undefined ? undefined : JSON.parse(String(init.body)) });
      if (input === '/api/audit/events') return streamResponse(toAuditEvents(buildAuditRun()));
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
    expect(report).toMatchObject({ url: '/api/audit/report', method: 'POST', body: { format: 'csv' } });
    expect(report.headers.get('authorization')).toBe('Bearer session-token-1');
    expect(await createObjectURL.mock.calls[0]![0].text()).toBe('label,severity\n');
    expect(screen.getByRole('button', { name: 'Export JSON' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export Markdown' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export HTML' })).toBeTruthy();
  });

  it('exports only the keys on screen when asked, naming the filters that chose them', async () => {
    const requests: Array<{ url: string; body: unknown }> = [];
    vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
      requests.push({ url: input, body: init.body === undefined ? undefined : JSON.parse(String(init.body)) });
      if (input === '/api/audit/events') {
        const run = buildAuditRun({ keys: [buildAuditedKey({ id: 'k-grid', label: 'grid bot 2' }), buildAuditedKey({ id: 'k-tax', label: 'tax export' })], findings: [] });
        return streamResponse(toAuditEvents(run));
      }
      return new Response('{}', { headers: { 'content-type': 'application/json', 'content-disposition': 'attachment; filename="r.json"' } });
    });
    Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    fireEvent.change(await screen.findByLabelText('Search keys'), { target: { value: 'tax' } });
    const scope = screen.getByLabelText('Export which keys');
    await waitFor(() => expect(within(scope).getByRole('option', { name: 'Keys on screen (1)' })).toBeTruthy());
    expect(within(scope).getByRole('option', { name: 'All keys (2)' })).toBeTruthy();
    expect(scope).toHaveProperty('value', 'all');

    fireEvent.change(scope, { target: { value: 'on-screen' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    await waitFor(() => expect(requests.some((request) => request.url === '/api/audit/report')).toBe(true));
    expect(requests.find((request) => request.url === '/api/audit/report')!.body).toEqual({
      format: 'json',
      only: { keyIds: ['k-tax'], description: 'search "tax"; keys whose findings are all accepted hidden' },
    });
  });
});
