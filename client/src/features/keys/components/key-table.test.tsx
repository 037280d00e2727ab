import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { AuditedKey } from '@contract/audited-key.ts';
import { buildAuditedKey } from '../../../testing/fixtures.ts';
import { toKeyRows } from '../utils/key-row-model.ts';
import { DEFAULT_SORT } from '../utils/key-view-state.ts';
import { KeyTable, type KeyTableProps } from './key-table.tsx';

const NOW = new Date('2025-06-15T12:00:00.000Z');

const tradingKey = buildAuditedKey({
  id: 'k-trading',
  label: 'grid bot 2',
  apiKey: '6601a2b3c4d5e6f7a8b9c0d1',
  permissions: ['General', 'Spot', 'Transfer'],
  capabilities: [
    { capability: 'read', from: 'General', isUncertain: false },
    { capability: 'trade-spot', from: 'Spot', isUncertain: false },
    { capability: 'transfer-external', from: 'Transfer', isUncertain: true },
  ],
  ipWhitelist: ['203.0.113.7', '198.51.100.2'],
  createdAt: '2025-03-10T09:30:00.000Z',
});
const openKey = buildAuditedKey({
  id: 'k-open',
  label: 'tax export',
  account: { kind: 'sub', name: 'taxes' },
  apiKey: '7702b3c4d5e6f7a8b9c0d1e2',
  permissions: ['General'],
  capabilities: [{ capability: 'read', from: 'General', isUncertain: false }],
  ipWhitelist: null,
  createdAt: '2025-06-13T12:00:00.000Z',
});
const callingKey = buildAuditedKey({
  id: 'k-calling',
  label: 'keyaudit master',
  account: { kind: 'master', name: 'master' },
  apiKey: '8803…f3a4',
  isCallingKey: true,
  ipWhitelist: 'unknown',
  createdAt: null,
  revocability: {
    canRevoke: false,
    how: 'website-only',
    reason: 'The master key cannot delete itself.',
    manageUrl: 'https://www.kucoin.com/account/api',
  },
});

function renderTable(keys: AuditedKey[], props: Partial<KeyTableProps> = {}) {
  const noop = () => {};
  return render(
    <KeyTable
      rows={toKeyRows(keys, [])}
      sort={DEFAULT_SORT}
      onSortChange={noop}
      selectedIds={new Set()}
      onToggleSelected={noop}
      onToggleAllShown={noop}
      onOpenDetails={noop}
      onRevokeKey={noop}
      {...props}
    />,
  );
}

function rowFor(label: string) {
  return screen.getAllByRole('row').find((row) => within(row).queryByText(label) !== null)!;
}

describe(KeyTable.name, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('renders one row per key under labelled column headers', () => {
    renderTable([tradingKey, openKey, callingKey]);
    const table = screen.getByRole('table', { name: 'API keys (3)' });
    const headers = within(table).getAllByRole('columnheader');
    expect(within(headers[0]!).getByRole('checkbox', { name: 'Select all shown keys' })).toBeTruthy();
    const sortButtons = headers.slice(1).map((header) => within(header).getByRole('button').firstChild!.textContent);
    expect(sortButtons).toEqual(['Severity', 'Label', 'Exchange', 'Account', 'API key', 'Permissions', 'IP whitelist', 'Expires', 'Last used', 'Created', 'Revoke']);
    for (const name of sortButtons) expect(within(table).getByRole('columnheader', { name: name! })).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(within(rowFor('keyaudit master')).getByRole('cell', { name: 'Master' })).toBeTruthy();
    expect(within(rowFor('grid bot 2')).getByRole('cell', { name: 'gridbot2' })).toBeTruthy();
  });

  it('shows each raw permission as a chip titled with its capability, marking dangerous and uncertain ones', () => {
    renderTable([tradingKey]);
    const chips = within(rowFor('grid bot 2')).getAllByRole('listitem');
    expect(chips.map((chip) => chip.textContent)).toEqual(['General', 'Spot', 'Transfer? (mapping uncertain)']);
    const [general, spot, transfer] = chips;
    expect(general!.title).toBe('General → read');
    expect(general!.className).toContain('chip-neutral');
    expect(spot!.className).toContain('chip-elevated');
    expect(transfer!.className).toContain('chip-critical');
    expect(transfer!.title).toMatch(/transfer-external \(uncertain/);
  });

  it('warns "Any IP" for a key without whitelist, lists addresses otherwise, and says Unknown when the exchange does not', () => {
    renderTable([tradingKey, openKey, callingKey]);
    expect(within(rowFor('tax export')).getByText('Any IP').className).toBe('warning-any-ip');
    expect(within(rowFor('grid bot 2')).getByText('203.0.113.7, 198.51.100.2')).toBeTruthy();
    expect(within(rowFor('grid bot 2')).queryByText('Any IP')).toBeNull();
    expect(within(rowFor('keyaudit master')).getAllByText('Unknown')).toHaveLength(2);
  });

  it('shows creation dates relative to now, with the exact date in a <time> element', () => {
    renderTable([tradingKey, openKey]);
    const threeMonths = within(rowFor('grid bot 2')).getByText('3 months ago');
    expect(threeMonths.tagName).toBe('TIME');
    expect(threeMonths.getAttribute('datetime')).toBe('2025-03-10T09:30:00.000Z');
    expect(threeMonths.title).toMatch(/2025/);
    expect(within(rowFor('tax export')).getByText('2 days ago')).toBeTruthy();
  });

  it('masks API keys until "Show" is pressed, and masks them again on "Hide"', () => {
    renderTable([tradingKey]);
    const row = rowFor('grid bot 2');
    expect(within(row).getByText('6601…c0d1')).toBeTruthy();
    expect(within(row).queryByText('6601a2b3c4d5e6f7a8b9c0d1')).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: 'Show API key for grid bot 2' }));
    expect(within(row).getByText('6601a2b3c4d5e6f7a8b9c0d1')).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: 'Hide API key for grid bot 2' }));
    expect(within(row).getByText('6601…c0d1')).toBeTruthy();
  });

  it("marks the connection's own key as held by keyaudit, which arrives masked and cannot be revealed, and no other key", () => {
    renderTable([callingKey, tradingKey]);
    const row = rowFor('keyaudit master');
    expect(within(row).getByText('held by keyaudit').title).toMatch(/keyaudit signs every request/);
    expect(within(rowFor('grid bot 2')).queryByText('held by keyaudit')).toBeNull();
    expect(within(row).queryByRole('button', { name: /Show API key/ })).toBeNull();
  });

  it('offers Revoke only for revocable keys, else the reason and a link to the exchange', () => {
    const onRevokeKey = vi.fn();
    renderTable([tradingKey, callingKey], { onRevokeKey });
    fireEvent.click(within(rowFor('grid bot 2')).getByRole('button', { name: 'Revoke grid bot 2 (sub-account gridbot2 on KuCoin)' }));
    expect(onRevokeKey).toHaveBeenCalledWith(tradingKey);

    const masterRow = rowFor('keyaudit master');
    expect(within(masterRow).queryByRole('button', { name: /Revoke/ })).toBeNull();
    expect(within(masterRow).getByText('The master key cannot delete itself.')).toBeTruthy();
    const link = within(masterRow).getByRole('link', { name: 'Manage on KuCoin' });
    expect(link.getAttribute('href')).toBe('https://www.kucoin.com/account/api');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
  });

  it('renders only a window of rows when there are thousands of keys', () => {
    // jsdom has no layout: give the scroll container a viewport and every row a height.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(49);
    const keys = Array.from({ length: 5000 }, (_, index) => buildAuditedKey({ id: `k-${index}`, label: `bot ${index}` }));
    renderTable(keys);
    const table = screen.getByRole('table', { name: 'API keys (5000)' });
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    const renderedRows = within(table).getAllByRole('row').length;
    expect(renderedRows).toBeGreaterThan(1);
    expect(renderedRows).toBeLessThan(100);
    expect(screen.getByText('bot 0')).toBeTruthy();
  });

  it('shows the worst open finding as a worded badge first in each row, "—" when there is none', () => {
    const findings = [
      { ruleId: 'trade-without-ip-whitelist', severity: 'high' as const, keyId: 'k-open', title: 'Trade', why: 'w', fix: 'f', acceptance: null },
      { ruleId: 'key-older-than-threshold', severity: 'medium' as const, keyId: 'k-open', title: 'Old', why: 'w', fix: 'f', acceptance: null },
      { ruleId: 'withdraw-enabled', severity: 'medium' as const, keyId: 'k-calling', title: 'W', why: 'w', fix: 'f', acceptance: { reason: 'ok', expiresAt: '2099-01-01' } },
    ];
    renderTable([tradingKey, openKey, callingKey], { rows: toKeyRows([tradingKey, openKey, callingKey], findings) });
    const severityCell = (label: string) => within(rowFor(label)).getAllByRole('cell')[1]!;
    expect(severityCell('tax export').textContent).toBe('High');
    expect(within(severityCell('tax export')).getByText('High').className).toContain('severity-high');
    expect(severityCell('keyaudit master').textContent).toBe('Accepted');
    expect(severityCell('grid bot 2').textContent).toBe('—No findings');
  });

  it('sorts through header buttons and marks the sorted column with aria-sort', () => {
    const onSortChange = vi.fn();
    renderTable([tradingKey, openKey], { onSortChange, sort: { column: 'created', direction: 'desc' } });
    const created = screen.getByRole('columnheader', { name: 'Created' });
    expect(created.getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByRole('columnheader', { name: 'Label' }).hasAttribute('aria-sort')).toBe(false);

    fireEvent.click(within(created).getByRole('button'));
    expect(onSortChange).toHaveBeenLastCalledWith({ column: 'created', direction: 'asc' });
    fireEvent.click(screen.getByRole('button', { name: 'Label' }));
    expect(onSortChange).toHaveBeenLastCalledWith({ column: 'label', direction: 'asc' });
    fireEvent.click(screen.getByRole('button', { name: 'Severity' }));
    expect(onSortChange).toHaveBeenLastCalledWith({ column: 'severity', direction: 'desc' });
  });

  it('moves focus between rows with ArrowDown/ArrowUp/Home/End and opens details with Enter', () => {
    const onOpenDetails = vi.fn();
    renderTable([tradingKey, openKey, callingKey], { onOpenDetails });
    const first = screen.getByRole('button', { name: 'Show details of grid bot 2' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Show details of tax export' }));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Show details of keyaudit master' }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Show details of keyaudit master' }));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(onOpenDetails).toHaveBeenCalledWith(openKey);
    expect(onOpenDetails).toHaveBeenCalledTimes(1);
  });

  it('has a named checkbox per row and a header checkbox that is mixed when some shown keys are selected', () => {
    const onToggleSelected = vi.fn();
    const onToggleAllShown = vi.fn();
    renderTable([tradingKey, openKey], { selectedIds: new Set(['k-open']), onToggleSelected, onToggleAllShown });
    expect(screen.getByRole('checkbox', { name: 'Select tax export' })).toHaveProperty('checked', true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select grid bot 2' }));
    expect(onToggleSelected).toHaveBeenCalledWith('k-trading');
    const all = screen.getByRole('checkbox', { name: 'Select all shown keys' });
    expect(all).toHaveProperty('indeterminate', true);
    fireEvent.click(all);
    expect(onToggleAllShown).toHaveBeenCalledTimes(1);
  });
});
