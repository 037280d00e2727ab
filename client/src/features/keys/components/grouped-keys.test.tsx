/** The grouped view over one audit: the toggle, group headers with counts and worst severity, collapsing, selecting a group. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { streamOf, stubApi } from '../../../testing/fetch-stub.ts';
import { toAuditEvents } from '../../../testing/audit-events.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { reviewRun } from '../../../testing/review-fixtures.ts';
import { KeysPanel } from './keys-panel.tsx';

async function renderPanel(search = '') {
  window.history.replaceState(null, '', `/${search}`);
  stubApi({ 'GET /api/audit/events': streamOf(toAuditEvents(reviewRun)) });
  renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
  await screen.findByRole('region', { name: 'Audit summary' });
}

/** What the table draws, row by row: a header's text, or a key's label. */
const drawnRows = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => (row.classList.contains('group-row') ? `[${row.textContent}]` : within(row).getByRole('button', { name: /^Show details of / }).textContent));
const groupButton = (name: RegExp) => screen.getByRole('button', { name });

describe('Grouped key view', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-15T12:02:00.000Z'));
    localStorage.clear();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    localStorage.clear();
    window.history.replaceState(null, '', '/');
  });

  it('groups by exchange and account when switched on: master first, then sub-accounts worst first, with counts and worst severity', async () => {
    await renderPanel();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Group by account' }));
    expect(window.location.search).toBe('?group=account');
    expect(screen.getByRole('table', { name: 'API keys (4), grouped by exchange and account' })).toBeTruthy();
    expect(drawnRows()).toEqual([
      '[▾KuCoin4 of 5 keys · 3 accountsworst Critical]',
      '[▾Master account on KuCoin1 keyworst Info]',
      'accounting',
      '[▾Sub-account treasury on KuCoin1 keyworst Critical]',
      'Payout Bot',
      '[▾Sub-account gridbot2 on KuCoin2 of 3 keysworst High]',
      'grid bot',
      'tax export',
    ]);
    expect(screen.getByText('Groups: worst finding first, then by name; keys sorted within each.')).toBeTruthy();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Group by account' }));
    expect(window.location.search).toBe('');
    expect(screen.getByRole('table', { name: 'API keys (4)' })).toBeTruthy();
  });

  it('remembers the choice in this browser, and a URL asking for either view wins over it', async () => {
    await renderPanel();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Group by account' }));
    cleanup();
    await renderPanel();
    expect(screen.getByRole('checkbox', { name: 'Group by account' })).toHaveProperty('checked', true);
    cleanup();
    await renderPanel('?group=none');
    expect(screen.getByRole('checkbox', { name: 'Group by account' })).toHaveProperty('checked', false);
  });

  it('collapses a group to its header, keeps it collapsed through filtering, and collapses or expands every group', async () => {
    await renderPanel('?group=account');
    const gridbot = groupButton(/^Sub-account gridbot2/);
    expect(gridbot.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(gridbot);
    expect(gridbot.getAttribute('aria-expanded')).toBe('false');
    expect(drawnRows()).not.toContain('grid bot');
    expect(drawnRows()).toContain('Payout Bot');

    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'high' } });
    expect(drawnRows()).toEqual(['[▾KuCoin1 of 5 keys · 3 accountsworst Critical]', '[▸Sub-account gridbot2 on KuCoin1 of 3 keysworst High]']);
    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: '' } });

    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(drawnRows()).toEqual(['[▸KuCoin4 of 5 keys · 3 accountsworst Critical]']);
    fireEvent.click(groupButton(/^KuCoin/));
    expect(drawnRows().filter((row) => !row.startsWith('['))).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(drawnRows()).toHaveLength(8);
  });

  it("selects a group's shown keys from its header checkbox, and clears them on a second press", async () => {
    await renderPanel('?group=account');
    const checkbox = screen.getByRole('checkbox', { name: 'Select the 2 shown keys of Sub-account gridbot2 on KuCoin' });
    fireEvent.click(checkbox);
    expect(screen.getByText('2 selected')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Select grid bot' })).toHaveProperty('checked', true);
    expect(screen.getByRole('checkbox', { name: /^Select the 4 shown keys of KuCoin/ })).toHaveProperty('indeterminate', true);
    fireEvent.click(checkbox);
    expect(screen.queryByText('2 selected')).toBeNull();
  });

  it("opens a key's details from a grouped row", async () => {
    await renderPanel('?group=account');
    fireEvent.click(screen.getByRole('button', { name: /^Show details of Payout Bot/ }));
    expect(await screen.findByRole('dialog', { name: /Payout Bot/ })).toBeTruthy();
    expect(window.location.search).toContain('key=k-payout');
  });
});
