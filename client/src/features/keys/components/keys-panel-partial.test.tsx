/**
 * The audit streams in: keys found so far show as accounts are read, a connection's keys can be acted
 * on once it is finished, a dropped stream resumes without duplicating rows, and the complete run takes over.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AccountState, AuditEvent } from '@contract/audit-events.ts';
import type { AccountRef } from '@contract/audited-key.ts';
import { buildAuditRun, buildAuditedKey, buildConnectionResult } from '../../../testing/fixtures.ts';
import { accountStatesOf, toAuditEvents } from '../../../testing/audit-events.ts';
import { apiError, createEventStream, streamOf, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { gridKey, payoutKey, reviewRun } from '../../../testing/review-fixtures.ts';
import { KeysPanel } from './keys-panel.tsx';
import { REVOKE_WAITS_FOR_CONNECTION } from './revoke-gate.ts';

const sub = (name: string): AccountRef => ({ kind: 'sub', name });
const accountOf = (name: string): AccountState => accountStatesOf(reviewRun).find((account) => account.result.account.name === name)!;
const SUBS = ['treasury', 'gridbot2', 'spare-1', 'spare-2', 'spare-3', 'spare-4', 'spare-5'].map(sub);

/** The start of reviewRun's audit: the sub-accounts listed, then treasury (Payout Bot) and gridbot2 read. */
const started: AuditEvent[] = [
  toAuditEvents(reviewRun)[0]!,
  { type: 'accounts-listed', connectionId: 'conn-1', accounts: SUBS },
];
const firstAccounts: AuditEvent[] = [
  { type: 'account-read', account: accountOf('treasury') },
  { type: 'account-read', account: { ...accountOf('gridbot2'), keys: [gridKey], findings: reviewRun.findings.filter((finding) => finding.keyId === gridKey.id), result: { ...accountOf('gridbot2').result, keyCount: 1 } } },
];
/** The rest of the run, as the server sends it: every account as finally read, the connection finished, the run finished. */
const rest = toAuditEvents(reviewRun).slice(1);

function renderFirstLoad() {
  const stream = createEventStream();
  const api = stubApi({ 'GET /api/audit/events': stream.handler });
  const onRevokeKey = vi.fn();
  const onRevokeKeys = vi.fn();
  renderWithProviders(<KeysPanel onRevokeKey={onRevokeKey} onRevokeKeys={onRevokeKeys} />);
  return { api, stream, onRevokeKey, onRevokeKeys };
}

/** The first rows wait for the page's first render and the first events: generous on a busy machine. */
const FIRST_ROWS = { timeout: 3000 };

const revokeButton = (name = 'Payout Bot (sub-account treasury on KuCoin)') => screen.getByRole('button', { name: `Revoke ${name}` });

describe('KeysPanel while the audit streams in', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('shows the keys found so far, says which connection is still read, and holds its Revoke back with the reason', async () => {
    const { stream, onRevokeKey, onRevokeKeys } = renderFirstLoad();
    stream.send(...started, ...firstAccounts);

    expect(await screen.findByRole('table', { name: 'API keys (2)' }, FIRST_ROWS)).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Still auditing — 2 of 8 accounts, showing what is found so far (reading KuCoin main)'));
    expect(screen.getByRole('region', { name: 'Audit summary' }).textContent).toContain('2 keys in 2 accounts so far · audit still running');
    // A connection is not called OK before its last account has answered.
    const connections = within(screen.getByRole('list', { name: 'Connection status' }));
    expect(connections.getByText('Reading…')).toBeTruthy();
    expect(connections.queryByText('OK')).toBeNull();

    const revoke = revokeButton();
    expect(revoke).toHaveProperty('disabled', true);
    expect(revoke.title).toBe(REVOKE_WAITS_FOR_CONNECTION);
    fireEvent.click(revoke);
    expect(onRevokeKey).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Select all that can withdraw without a whitelist' }));
    const bulk = screen.getByRole('button', { name: 'Revoke selected (1)' });
    expect(bulk).toHaveProperty('disabled', true);
    expect(bulk.title).toBe(REVOKE_WAITS_FOR_CONNECTION);
    fireEvent.click(bulk);
    expect(onRevokeKeys).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull();
  }, 15_000); // a dozen role queries over the table: slow in jsdom on a busy machine

  it('renders the complete run when it finishes, with Revoke offered, and asks the server nothing more', async () => {
    const { api, stream, onRevokeKey } = renderFirstLoad();
    stream.send(...started, ...firstAccounts);
    await screen.findByRole('table', { name: 'API keys (2)' }, FIRST_ROWS);

    stream.send(...rest);
    stream.end();
    expect(await screen.findByRole('table', { name: 'API keys (4)' }, FIRST_ROWS)).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(''));
    expect(screen.getByRole('region', { name: 'Audit summary' }).textContent).toMatch(/5 keys in 3 accounts · audited /);
    fireEvent.click(revokeButton());
    expect(onRevokeKey).toHaveBeenCalledWith(expect.objectContaining({ id: payoutKey.id }));
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeTruthy();

    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(api.calls).toHaveLength(1);
  });

  it('keeps the open key details across the switch to the complete run, and enables its Revoke and Accept risk', async () => {
    const { stream } = renderFirstLoad();
    stream.send(...started, ...firstAccounts);
    fireEvent.click(await screen.findByRole('button', { name: 'Show details of Payout Bot' }, FIRST_ROWS));
    const panel = screen.getByRole('dialog', { name: 'Key details: Payout Bot' });
    const revoke = within(panel).getByRole('button', { name: 'Revoke this key' });
    expect(revoke).toHaveProperty('disabled', true);
    expect(revoke.title).toBe(REVOKE_WAITS_FOR_CONNECTION);
    const acceptButtons = within(panel).getAllByRole('button', { name: /^Accept risk: / });
    expect(acceptButtons.length).toBeGreaterThan(0);
    for (const accept of acceptButtons) expect(accept).toHaveProperty('disabled', true);

    stream.send(...rest);
    stream.end();
    await screen.findByRole('table', { name: 'API keys (4)' }, FIRST_ROWS);
    const finished = within(screen.getByRole('dialog', { name: 'Key details: Payout Bot' }));
    expect(finished.getByRole('button', { name: 'Revoke this key' })).toHaveProperty('disabled', false);
    expect(finished.getAllByRole('button', { name: /^Accept risk: / })[0]).toHaveProperty('disabled', false);
  });

  it('grows the table as more accounts are read', async () => {
    const { stream } = renderFirstLoad();
    stream.send(...started, firstAccounts[0]!);
    expect(await screen.findByRole('table', { name: 'API keys (1)' }, FIRST_ROWS)).toBeTruthy();
    stream.send(firstAccounts[1]!);
    expect(await screen.findByRole('table', { name: 'API keys (2)' }, FIRST_ROWS)).toBeTruthy();
  });

  it('resumes a dropped stream after the last event it saw, and rows read again are not doubled', async () => {
    const { api, stream } = renderFirstLoad();
    stream.send(...started, ...firstAccounts);
    await screen.findByRole('table', { name: 'API keys (2)' }, FIRST_ROWS);
    stream.drop();

    await waitFor(() => expect(api.callsTo('GET', '/api/audit/events')).toHaveLength(2));
    expect(api.calls[1]!.headers['last-event-id']).toBe('run-1:4');
    expect(screen.getByRole('table', { name: 'API keys (2)' })).toBeTruthy();
    // The server may send accounts again (here: every account, treasury and gridbot2 included).
    stream.send(...rest);
    stream.end();
    expect(await screen.findByRole('table', { name: 'API keys (4)' }, FIRST_ROWS)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Show details of Payout Bot$/ })).toHaveLength(1);
  });

  it('shows the placeholder rows, not "No keys found", until the run has keys', async () => {
    const { stream } = renderFirstLoad();
    stream.send(...started);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Auditing 1 connection… 0 of 8 accounts (reading KuCoin main)'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'No keys found' })).toBeNull();
    expect(document.querySelector('.key-table.skeleton')).not.toBeNull();
  });

  it('streams the keys again when Retry reruns a failed first audit, in place of the error', async () => {
    const stream = createEventStream();
    stubApi({ 'GET /api/audit/events': [apiError(500, 'internal', 'Something went wrong on the keyaudit server.'), stream.handler] });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    fireEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' }));
    stream.send(...started, ...firstAccounts);

    expect(await screen.findByRole('table', { name: 'API keys (2)' }, FIRST_ROWS)).toBeTruthy();
    expect(screen.queryByText('The audit could not run.')).toBeNull();
    stream.send(...rest);
    stream.end();
    expect(await screen.findByRole('table', { name: 'API keys (4)' }, FIRST_ROWS)).toBeTruthy();
  });

  it('keeps the previous complete run on Refresh, with Revoke offered, while the fresh run is read', async () => {
    const secondRun = createEventStream();
    stubApi({ 'GET /api/audit/events': [streamOf(toAuditEvents(reviewRun)), secondRun.handler] });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    await screen.findByRole('table', { name: 'API keys (4)' }, FIRST_ROWS);

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    secondRun.send({ ...started[0]!, runId: 'run-2' } as AuditEvent, started[1]!, firstAccounts[0]!);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Auditing 1 connection… 1 of 8 accounts (reading KuCoin main)'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(screen.getByRole('table', { name: 'API keys (4)' })).toBeTruthy();
    expect(revokeButton()).toHaveProperty('disabled', false);
  });

  it("offers Revoke on a finished connection's keys while another connection is still read", async () => {
    const binanceKey = buildAuditedKey({ id: 'k-binance', connectionId: 'conn-2', exchange: 'binance', label: 'binance bot', account: sub('desk') });
    const run = buildAuditRun({
      connections: [
        buildConnectionResult({ accounts: [{ account: sub('treasury'), status: 'ok', error: null, keyCount: 1 }] }),
        buildConnectionResult({ connectionId: 'conn-2', exchange: 'binance', label: 'Binance desk', accounts: [{ account: sub('desk'), status: 'ok', error: null, keyCount: 1 }] }),
      ],
      keys: [payoutKey, binanceKey],
      findings: [],
    });
    const { stream } = renderFirstLoad();
    stream.send(...toAuditEvents(run, { finished: false, finishedConnections: ['conn-1'] }));

    expect(await screen.findByRole('table', { name: 'API keys (2)' }, FIRST_ROWS)).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/\(reading Binance desk\)$/));
    expect(revokeButton()).toHaveProperty('disabled', false);
    const waiting = revokeButton('binance bot (sub-account desk on Binance)');
    expect(waiting).toHaveProperty('disabled', true);
    expect(waiting.title).toBe(REVOKE_WAITS_FOR_CONNECTION);
    expect(screen.getByText('2 connections, 1 still being read')).toBeTruthy();
  });
});
