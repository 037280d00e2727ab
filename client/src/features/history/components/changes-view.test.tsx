import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Change, ChangesReport, RunSummary } from '@contract/history.ts';
import { apiError, reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { ChangesView } from './changes-view.tsx';

const run = (runId: number, day: number): RunSummary => ({
  runId,
  startedAt: `2026-11-${String(day).padStart(2, '0')}T09:59:00.000Z`,
  finishedAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  source: 'dashboard',
  connections: { ok: 1, partial: 0, failed: 0 },
  keys: 3,
  findings: { critical: 1, high: 0, medium: 0, low: 0, info: 0 },
});
const runs = [run(3, 20), run(2, 13), run(1, 6)];

const change = (overrides: Partial<Change>): Change => ({
  kind: 'key-added',
  severity: 'critical',
  exchange: 'kucoin',
  connectionId: 'conn-1',
  account: { kind: 'sub', name: 'alpha' },
  apiKey: '6601…c0d1',
  label: 'payout bot',
  keyId: 'key-1',
  summary: 'Key "payout bot" (6601…c0d1) on sub-account alpha on KuCoin appeared. It can move funds out, from any IP address.',
  before: null,
  after: { permissions: ['General', 'Withdrawal'], ipWhitelist: null },
  capabilitiesGained: ['read', 'withdraw'],
  capabilitiesLost: [],
  ...overrides,
});
const report = (from: number, to: number, changes: Change[]): ChangesReport => ({
  schemaVersion: 1,
  from: { runId: from, finishedAt: runs.find((candidate) => candidate.runId === from)!.finishedAt },
  to: { runId: to, finishedAt: runs.find((candidate) => candidate.runId === to)!.finishedAt },
  changes,
});
const available = reply({ state: 'available', storage: 'memory', runs: 3 });

describe(ChangesView.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists the changes between the last two runs: severity, kind, sentence, before → after, and a link to the key', async () => {
    const api = stubApi({
      'GET /api/history/status': available,
      'GET /api/history/runs': reply({ runs }),
      'GET /api/history/changes': reply(
        report(2, 3, [
          change({}),
          change({ kind: 'ip-whitelist-changed', severity: 'low', keyId: 'key-2', label: 'grid', summary: 'Key "grid": IP whitelist changed.', before: ['203.0.113.7'], after: ['203.0.113.7', '192.0.2.1'], ipEntriesAdded: ['192.0.2.1'], ipEntriesRemoved: [] } as Partial<Change>),
          change({ kind: 'finding-resolved', severity: 'info', keyId: 'key-3', label: 'old', ruleId: 'key-older-than-threshold', summary: 'Key "old": "Older than 180 days" is resolved.', before: { ruleId: 'key-older-than-threshold', severity: 'medium', title: 'Older than 180 days', acceptance: null }, after: null }),
          change({ kind: 'key-removed', severity: 'low', keyId: 'key-4', label: 'gone', summary: 'Key "gone" is gone.', before: { permissions: ['General'], ipWhitelist: null }, after: null }),
        ]),
      ),
    });
    renderWithProviders(<ChangesView />);

    const list = await screen.findByRole('list', { name: 'Changes from run 2 to run 3' });
    expect(screen.getByRole('status').textContent).toBe('4 changes from run 2 to run 3: 1 critical, 2 low, 1 info.');
    expect((screen.getByLabelText('From') as HTMLSelectElement).value).toBe('2');
    expect((screen.getByLabelText('To') as HTMLSelectElement).value).toBe('3');
    const [added, whitelist, resolved, removed] = within(list).getAllByRole('listitem');
    expect(added.textContent).toContain('CriticalKey added');
    expect(added.textContent).toContain('It can move funds out, from any IP address.');
    expect(added.textContent).toContain('Before: nothing → After: General, Withdrawal; any IP');
    expect(within(added).getByRole('link', { name: 'Show key payout bot in Keys' }).getAttribute('href')).toBe('/?exchange=kucoin&account=sub:alpha&key=key-1');
    expect(whitelist.textContent).toContain('IP entries added: 192.0.2.1');
    expect(resolved.textContent).toContain('Finding resolved');
    expect(within(resolved).getByText('Resolved')).toBeTruthy();
    expect(resolved.textContent).toContain('Before: medium: Older than 180 days → After: nothing');
    // A removed key has nothing to show in the Keys view.
    expect(within(removed).queryByRole('link')).toBeNull();
    expect(api.fetchMock.mock.calls.map(([url]) => String(url))).toContain('/api/history/changes?from=2&to=3');

    // Followed within the page: the Keys view opens on the key, and the audit on screen is kept.
    fireEvent.click(within(added).getByRole('link'));
    expect(window.location.search).toBe('?exchange=kucoin&account=sub:alpha&key=key-1');
    window.history.replaceState(null, '', '/');
  });

  it('compares the runs picked in From and To', async () => {
    const api = stubApi({
      'GET /api/history/status': available,
      'GET /api/history/runs': reply({ runs }),
      'GET /api/history/changes': [reply(report(2, 3, [change({})])), reply(report(1, 3, []))],
    });
    renderWithProviders(<ChangesView />);
    await screen.findByRole('list', { name: 'Changes from run 2 to run 3' });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '1' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No changes from run 1 to run 3.'));
    expect(api.fetchMock.mock.calls.map(([url]) => String(url))).toContain('/api/history/changes?from=1&to=3');
  });

  it('says there is nothing to compare with fewer than two runs', async () => {
    stubApi({ 'GET /api/history/status': available, 'GET /api/history/runs': reply({ runs: [run(1, 6)] }) });
    renderWithProviders(<ChangesView />);
    expect(await screen.findByRole('heading', { name: 'Nothing to compare yet' })).toBeTruthy();
    expect(screen.getByText(/One audit is recorded so far/)).toBeTruthy();
  });

  it('says why history is unavailable', async () => {
    stubApi({ 'GET /api/history/status': reply({ state: 'unavailable', reason: 'the history database is damaged.' }) });
    renderWithProviders(<ChangesView />);
    expect((await screen.findByRole('alert')).textContent).toContain('History is unavailable: the history database is damaged.');
  });

  it('shows a failed request as an alert with Retry', async () => {
    stubApi({ 'GET /api/history/status': available, 'GET /api/history/runs': [apiError(409, 'history-unavailable', 'History is unavailable: locked.'), reply({ runs })], 'GET /api/history/changes': reply(report(2, 3, [])) });
    renderWithProviders(<ChangesView />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('History is unavailable: locked.');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No changes from run 2 to run 3.')).toBeTruthy();
  });
});
