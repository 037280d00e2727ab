/** The first audit streams in: keys found so far show with Revoke held back, then the complete run takes over. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AuditRun } from '@contract/audit-run.ts';
import { buildAuditRun, buildConnectionResult } from '../../../testing/fixtures.ts';
import { apiError, reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { gridKey, payoutKey, reviewRun } from '../../../testing/review-fixtures.ts';
import { KeysPanel, REVOKE_WAITS_FOR_AUDIT } from './keys-panel.tsx';

const partialRun = buildAuditRun({
  connections: [buildConnectionResult({ accounts: [{ account: { kind: 'sub', name: 'treasury' }, status: 'ok', error: null, keyCount: 2 }] })],
  keys: [payoutKey, gridKey],
  findings: reviewRun.findings.filter((finding) => finding.keyId === payoutKey.id || finding.keyId === gridKey.id),
});
const POLL_WAIT = { timeout: 2000 };

/** The first GET /api/audit stays open until `finish` is called with the complete run. */
function renderFirstLoad(partials: Array<AuditRun | null>, progress = { running: true, accountsDone: 3, accountsTotal: 8 }) {
  let finish: (run: AuditRun) => void = () => {};
  const api = stubApi({
    'GET /api/audit': () => new Promise((resolve) => (finish = (run) => resolve({ body: run }))),
    'GET /api/audit/partial': partials.map((partial) => reply(partial)),
    'GET /api/audit/progress': reply(progress),
  });
  const onRevokeKey = vi.fn();
  const onRevokeKeys = vi.fn();
  renderWithProviders(<KeysPanel onRevokeKey={onRevokeKey} onRevokeKeys={onRevokeKeys} />);
  return { api, onRevokeKey, onRevokeKeys, finish: (run: AuditRun) => finish(run) };
}

const revokeButton = (name = 'Payout Bot (sub-account treasury on KuCoin)') => screen.getByRole('button', { name: `Revoke ${name}` });

describe('KeysPanel while the first audit runs', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('shows the keys found so far, says the audit is still running, and holds Revoke back with the reason', async () => {
    const { onRevokeKey, onRevokeKeys } = renderFirstLoad([partialRun]);

    expect(await screen.findByRole('table', { name: 'API keys (2)' })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Still auditing — 3 of 8 accounts, showing what is found so far'));
    expect(screen.getByRole('region', { name: 'Audit summary' }).textContent).toContain('2 keys in 1 account so far · audit still running');
    expect(screen.getByRole('region', { name: 'API keys table' })).toBeTruthy();
    // A connection is not called OK before its last account has answered.
    const connections = within(screen.getByRole('list', { name: 'Connection status' }));
    expect(connections.getByText('Reading…')).toBeTruthy();
    expect(connections.queryByText('OK')).toBeNull();

    const revoke = revokeButton();
    expect(revoke).toHaveProperty('disabled', true);
    expect(revoke.title).toBe(REVOKE_WAITS_FOR_AUDIT);
    fireEvent.click(revoke);
    expect(onRevokeKey).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Select all that can withdraw without a whitelist' }));
    const bulk = screen.getByRole('button', { name: 'Revoke selected (1)' });
    expect(bulk).toHaveProperty('disabled', true);
    expect(bulk.title).toBe(REVOKE_WAITS_FOR_AUDIT);
    fireEvent.click(bulk);
    expect(onRevokeKeys).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).toBeNull();
  });

  it('renders the complete run when it arrives, with Revoke offered, and stops asking for partial runs', async () => {
    const { api, finish, onRevokeKey } = renderFirstLoad([partialRun]);
    await screen.findByRole('table', { name: 'API keys (2)' });

    finish(reviewRun);
    expect(await screen.findByRole('table', { name: 'API keys (4)' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.getByRole('region', { name: 'Audit summary' }).textContent).toMatch(/5 keys in 3 accounts · audited /);
    fireEvent.click(revokeButton());
    expect(onRevokeKey).toHaveBeenCalledWith(expect.objectContaining({ id: payoutKey.id }));

    const polls = api.callsTo('GET', '/api/audit/partial').length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(api.callsTo('GET', '/api/audit/partial')).toHaveLength(polls);
  });

  it('keeps the open key details across the switch to the complete run, and enables its Revoke and Accept risk', async () => {
    const { finish } = renderFirstLoad([partialRun]);
    fireEvent.click(await screen.findByRole('button', { name: 'Show details of Payout Bot' }));
    const panel = screen.getByRole('dialog', { name: 'Key details: Payout Bot' });
    const revoke = within(panel).getByRole('button', { name: 'Revoke this key' });
    expect(revoke).toHaveProperty('disabled', true);
    expect(revoke.title).toBe(REVOKE_WAITS_FOR_AUDIT);
    const acceptButtons = within(panel).getAllByRole('button', { name: /^Accept risk: / });
    expect(acceptButtons.length).toBeGreaterThan(0);
    for (const accept of acceptButtons) expect(accept).toHaveProperty('disabled', true);

    finish(reviewRun);
    await screen.findByRole('table', { name: 'API keys (4)' });
    const finished = within(screen.getByRole('dialog', { name: 'Key details: Payout Bot' }));
    expect(finished.getByRole('button', { name: 'Revoke this key' })).toHaveProperty('disabled', false);
    expect(finished.getAllByRole('button', { name: /^Accept risk: / })[0]).toHaveProperty('disabled', false);
  });

  it('grows the table as more accounts finish', async () => {
    const firstKeyOnly = buildAuditRun({ ...partialRun, keys: [payoutKey] });
    renderFirstLoad([firstKeyOnly, partialRun]);
    expect(await screen.findByRole('table', { name: 'API keys (1)' })).toBeTruthy();
    expect(await screen.findByRole('table', { name: 'API keys (2)' }, POLL_WAIT)).toBeTruthy();
  });

  it('keeps the last rows while the finished run is on its way, when the server has no partial run any more', async () => {
    const { api } = renderFirstLoad([partialRun, null]);
    await screen.findByRole('table', { name: 'API keys (2)' });
    await waitFor(() => expect(api.callsTo('GET', '/api/audit/partial').length).toBeGreaterThanOrEqual(3), POLL_WAIT);
    expect(screen.getByRole('table', { name: 'API keys (2)' })).toBeTruthy();
  });

  it('shows the placeholder rows, not "No keys found", until a partial run has keys', async () => {
    renderFirstLoad([null, buildAuditRun({ keys: [], findings: [] })], { running: true, accountsDone: 0, accountsTotal: 0 });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Auditing your connections…'));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'No keys found' })).toBeNull();
    expect(document.querySelector('.key-table.skeleton')).not.toBeNull();
  });

  it('streams the keys again when Retry reruns a failed first audit, in place of the error', async () => {
    let finishRetry: (value: { body: unknown }) => void = () => {};
    stubApi({
      'GET /api/audit': [apiError(500, 'internal', 'Something went wrong on the keyaudit server.'), () => new Promise((resolve) => (finishRetry = resolve))],
      'GET /api/audit/partial': reply(partialRun),
      'GET /api/audit/progress': reply({ running: true, accountsDone: 3, accountsTotal: 8 }),
    });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    fireEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByRole('table', { name: 'API keys (2)' }, POLL_WAIT)).toBeTruthy();
    expect(screen.queryByText('The audit could not run.')).toBeNull();
    finishRetry({ body: reviewRun });
    expect(await screen.findByRole('table', { name: 'API keys (4)' })).toBeTruthy();
  });

  it('keeps the previous complete run on Refresh, without asking for partial runs', async () => {
    let finishSecondRun: (value: { body: unknown }) => void = () => {};
    const api = stubApi({
      'GET /api/audit': [reply(reviewRun), () => new Promise((resolve) => (finishSecondRun = resolve))],
      'GET /api/audit/partial': reply(partialRun),
      'GET /api/audit/progress': reply({ running: true, accountsDone: 3, accountsTotal: 8 }),
    });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    await screen.findByRole('table', { name: 'API keys (4)' });
    const pollsBefore = api.callsTo('GET', '/api/audit/partial').length;

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Auditing 1 connection… 3 of 8 accounts'));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(screen.getByRole('table', { name: 'API keys (4)' })).toBeTruthy();
    expect(revokeButton()).toHaveProperty('disabled', false);
    expect(api.callsTo('GET', '/api/audit/partial')).toHaveLength(pollsBefore);
    finishSecondRun({ body: reviewRun });
  });
});
