/** What a user must see at a glance: what the audit could not see, keys linked to a third party, and the keys keyaudit holds. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { streamOf, stubApi } from '../../../testing/fetch-stub.ts';
import { toAuditEvents } from '../../../testing/audit-events.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { buildAuditRun, buildAuditedKey, buildConnectionResult } from '../../../testing/fixtures.ts';
import { KeysPanel } from './keys-panel.tsx';

const NOTE = "KuCoin's API does not list the master account's other API keys: only the key keyaudit holds was checked there.";
const held = buildAuditedKey({ id: 'k-held', label: 'keyaudit master', account: { kind: 'master', name: 'master' }, isCallingKey: true });
const copyBot = buildAuditedKey({ id: 'k-copy', label: 'copy bot', apiKey: '7702b3c4d5e6f7a8b9c0d1e2', isThirdPartyBound: true });
const signals = buildAuditedKey({ id: 'k-signals', label: 'signals', apiKey: '8803b3c4d5e6f7a8b9c0d1e2', isThirdPartyBound: true, ipWhitelist: ['1.2.3.4'] });
const own = buildAuditedKey({ id: 'k-own', label: 'own bot', apiKey: '9904b3c4d5e6f7a8b9c0d1e2', isThirdPartyBound: false });
const unread = buildAuditedKey({ id: 'k-unread', label: 'no answer', apiKey: 'aa04b3c4d5e6f7a8b9c0d1e2', ipWhitelist: 'unknown', unread: ['ip-whitelist'] });

function renderRun(connections = [buildConnectionResult({ notes: [{ gap: 'other-master-keys-not-listed', message: NOTE }] })]) {
  window.history.replaceState(null, '', '/');
  const run = buildAuditRun({ connections, keys: [held, copyBot, signals, own, unread], findings: [] });
  stubApi({ 'GET /api/audit/events': streamOf(toAuditEvents(run)) });
  renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
  return screen.findByRole('table');
}
const shownLabels = () => within(screen.getByRole('table')).getAllByRole('button', { name: /^Show details of / }).map((button) => button.textContent);
const rowOf = (label: string) => screen.getByRole('button', { name: new RegExp(`^Show details of ${label}`) }).closest('tr')!;

describe('coverage notes, third-party keys and keys held by keyaudit', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it("says in the connection strip what the audit could not see, and counts it on the folded line", async () => {
    await renderRun();
    const strip = screen.getByRole('list', { name: 'Connection status' });
    expect(within(strip).getByRole('list', { name: 'Could not see' }).textContent).toBe(`Could not see: ${NOTE}`);
    cleanup();

    const quiet = buildConnectionResult({ connectionId: 'c-2', label: 'KuCoin bots' });
    await renderRun([buildConnectionResult({ notes: [{ gap: 'other-master-keys-not-listed', message: NOTE }] }), quiet]);
    const folded = screen.getByText('2 connections OK').closest('summary')!;
    expect(folded.textContent).toContain('1 could not see everything');
    expect(screen.getAllByRole('list', { name: 'Could not see' })).toHaveLength(1);
  });

  it('filters the keys linked to a third party, exactly those, and keeps the filter in the URL', async () => {
    await renderRun();
    expect(within(rowOf('copy bot')).getByText('linked to a third party')).toBeTruthy();
    expect(within(rowOf('own bot')).queryByText('linked to a third party')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Linked to a third party' }));
    expect(shownLabels().sort()).toEqual(['copy bot', 'signals']);
    expect(window.location.search).toBe('?thirdParty=1');
  });

  it('selects every key linked to a third party in one click, shown or not', async () => {
    await renderRun();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search keys' }), { target: { value: 'copy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Select all linked to a third party (2)' }));
    expect(screen.getByText('2 selected, 1 not shown')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Revoke selected (2)' })).toBeTruthy();
  });

  it('marks the key keyaudit holds in the table and in its details, and says why', async () => {
    await renderRun();
    expect(within(rowOf('keyaudit master')).getByText('held by keyaudit')).toBeTruthy();
    expect(screen.getAllByText('held by keyaudit')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /^Show details of keyaudit master/ }));
    const details = await screen.findByRole('dialog');
    const about = within(details).getByRole('list', { name: 'About this key' });
    expect(within(about).getByText('held by keyaudit')).toBeTruthy();
    expect(about.textContent).toContain("its secret is in keyaudit's encrypted vault");
    fireEvent.click(screen.getByRole('button', { name: /^Show details of copy bot/ }));
    expect(within(await screen.findByRole('list', { name: 'About this key' })).queryByText('held by keyaudit')).toBeNull();
  });

  it('shows a whitelist that could not be read as unknown, flagged, never as any IP', async () => {
    await renderRun();
    const row = rowOf('no answer');
    expect(within(row).getByText('Whitelist unknown')).toBeTruthy();
    expect(within(row).queryByText('Any IP')).toBeNull();
  });
});
