/** The review screen over one audit: summary, default order, sorting, filters in the URL, search. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { streamOf, stubApi } from '../../../testing/fetch-stub.ts';
import { toAuditEvents } from '../../../testing/audit-events.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { reviewRun } from '../../../testing/review-fixtures.ts';
import { KeysPanel } from './keys-panel.tsx';

function renderPanel(search = '') {
  window.history.replaceState(null, '', `/${search}`);
  stubApi({ 'GET /api/audit/events': streamOf(toAuditEvents(reviewRun)) });
  renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
  return screen.findByRole('region', { name: 'Audit summary' });
}

const shownLabels = () =>
  within(screen.getByRole('table'))
    .getAllByRole('button', { name: /^Show details of / })
    .map((button) => button.textContent);
const severities = () => screen.getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[1]!.textContent);

describe('KeysPanel review', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-15T12:02:00.000Z'));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('sums up open findings by severity, accepted apart, with what was read and when', async () => {
    await renderPanel();
    const counts = within(screen.getByRole('list', { name: 'Open findings by severity' })).getAllByRole('listitem');
    expect(counts.map((item) => item.textContent)).toEqual(['1 Critical', '1 High', '0 Medium', '0 Low', '1 Info', '1 Accepted']);
    const summary = screen.getByRole('region', { name: 'Audit summary' });
    expect(summary.textContent).toContain('5 keys in 3 accounts · audited 2 minutes ago');
    expect(within(summary).getByText('2 minutes ago').title).toMatch(/2025/);
    expect(within(summary).getByRole('list', { name: 'Connection status' }).textContent).toContain('KuCoin main');
  });

  it('ranks keys worst first by default and hides keys whose findings are all accepted', async () => {
    await renderPanel();
    expect(shownLabels()).toEqual(['Payout Bot', 'grid bot', 'accounting', 'tax export']);
    expect(severities()).toEqual(['Critical', 'High', 'Info', '—No findings']);
    expect(screen.getByRole('columnheader', { name: 'Severity' }).getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByText('4 of 5 keys')).toBeTruthy();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Show accepted' }));
    expect(shownLabels()).toEqual(['Payout Bot', 'grid bot', 'accounting', 'office payout', 'tax export']);
    expect(severities()[3]).toBe('Accepted');
    expect(window.location.search).toBe('?showAccepted=1');
  });

  it('sorts by a clicked column, reverses on a second click, and keeps the order in the URL', async () => {
    await renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Label' }));
    expect(shownLabels()).toEqual(['accounting', 'grid bot', 'Payout Bot', 'tax export']);
    expect(screen.getByRole('columnheader', { name: 'Label' }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: 'Severity' }).hasAttribute('aria-sort')).toBe(false);
    expect(window.location.search).toBe('?sort=label:asc');

    fireEvent.click(screen.getByRole('button', { name: 'Label' }));
    expect(shownLabels()).toEqual(['tax export', 'Payout Bot', 'grid bot', 'accounting']);
    expect(window.location.search).toBe('?sort=label:desc');
  });

  it('reads filters from the URL on load and writes changes back, keeping ?view= and the fragment', async () => {
    await renderPanel('?view=keys&severity=critical#keep');
    expect(shownLabels()).toEqual(['Payout Bot']);
    expect(screen.getByText('1 of 5 keys')).toBeTruthy();
    expect(screen.getByLabelText('Severity')).toHaveProperty('value', 'critical');

    const historyLength = window.history.length;
    fireEvent.click(screen.getByRole('checkbox', { name: 'No IP whitelist' }));
    expect(window.location.search).toBe('?view=keys&severity=critical&noWhitelist=1');
    expect(window.location.hash).toBe('#keep');
    expect(window.history.length).toBe(historyLength + 1);

    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'high' } });
    expect(shownLabels()).toEqual(['grid bot']);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(window.location.search).toBe('?view=keys');
    expect(shownLabels()).toHaveLength(4);
  });

  it.each([
    ['Exchange', 'kucoin', 4],
    ['Account', 'master', 1],
    ['Capability', 'withdraw', 1],
    ['Severity', 'none', 1],
  ])('filters by %s', async (label, value, count) => {
    await renderPanel();
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
    expect(shownLabels()).toHaveLength(count);
    expect(new URLSearchParams(window.location.search).get(label.toLowerCase())).toBe(value);
  });

  it('filters keys that can withdraw', async () => {
    await renderPanel();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Can withdraw' }));
    expect(shownLabels()).toEqual(['Payout Bot']);
    expect(window.location.search).toBe('?canWithdraw=1');
  });

  it('searches label, account and key as you type, without adding history entries', async () => {
    await renderPanel();
    const historyLength = window.history.length;
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search keys' }), { target: { value: 'treasury' } });
    expect(await screen.findByText('1 of 5 keys')).toBeTruthy();
    expect(shownLabels()).toEqual(['Payout Bot']);
    expect(window.location.search).toBe('?q=treasury');
    expect(window.history.length).toBe(historyLength);
  });

  it('says when nothing matches and clears the filters on request', async () => {
    await renderPanel('?q=no-such-key');
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByRole('heading', { name: 'No keys match these filters' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByRole('table', { name: 'API keys (4)' })).toBeTruthy();
    expect(window.location.search).toBe('');
  });

  it('filters by a severity when its tile in the summary is pressed, and shows every severity when pressed again', async () => {
    await renderPanel();
    const critical = screen.getByRole('button', { name: '1 Critical' });
    fireEvent.click(critical);
    expect(window.location.search).toContain('severity=critical');
    expect(critical.getAttribute('aria-pressed')).toBe('true');
    expect(severities()).toEqual(['Critical']);
    fireEvent.click(critical);
    expect(window.location.search).not.toContain('severity');
    expect(severities().length).toBeGreaterThan(1);
  });

  it("gives the open key a URL of its own: ?key= opens its details, and closing them takes it out of the address bar", async () => {
    await renderPanel();
    const first = screen.getAllByRole('button', { name: /^Show details of / })[0]!;
    const keyId = first.closest('tr')!.dataset.keyId!;
    fireEvent.click(first);
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(new URLSearchParams(window.location.search).get('key')).toBe(keyId);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: /close/i }));
    expect(new URLSearchParams(window.location.search).get('key')).toBeNull();

    cleanup();
    await renderPanel(`?key=${keyId}`);
    expect(await screen.findByRole('dialog')).toBeTruthy();
    expect(new URLSearchParams(window.location.search).get('key')).toBe(keyId);
  });
});
