/** The dashboard opens on the last recorded run, marked stale with its age, and the fresh audit streams in over it. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import type { RecordedRun } from '@contract/history.ts';
import { buildAuditedKey, buildAuditRun } from '../../../testing/fixtures.ts';
import { createEventStream, reply, stubApi } from '../../../testing/fetch-stub.ts';
import { toAuditEvents } from '../../../testing/audit-events.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { KeysPanel } from './keys-panel.tsx';

const kept = buildAuditedKey({ id: 'key-kept', label: 'kept bot' });
const revokedSince = buildAuditedKey({ id: 'key-old', label: 'old bot', apiKey: '7702b3c4d5e6f7a8b9c0d1e2' });
const newSince = buildAuditedKey({ id: 'key-new', label: 'new bot', apiKey: '8802b3c4d5e6f7a8b9c0d1e3' });

function recordedRun(hoursAgo: number): RecordedRun {
  const finishedAt = new Date(Date.now() - hoursAgo * 3600_000).toISOString();
  const run = buildAuditRun({ finishedAt, startedAt: finishedAt, keys: [kept, revokedSince] });
  return {
    summary: { runId: 7, startedAt: finishedAt, finishedAt, source: 'dashboard', connections: { ok: 1, partial: 0, failed: 0 }, keys: 2, findings: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } },
    run,
  };
}

describe('KeysPanel with a recorded run', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the recorded keys at once, marked stale with their age and not yet actionable, until the fresh audit replaces them', async () => {
    const stream = createEventStream();
    stubApi({ 'GET /api/history/runs/latest': reply(recordedRun(3)), 'GET /api/audit/events': stream.handler });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);

    const note = await screen.findByRole('note', { name: 'Stale data' });
    expect(note.textContent).toBe('Stale 2 keys as of the audit recorded 3 hours ago; the fresh audit replaces them as it reads their accounts.');
    const table = screen.getByRole('table');
    expect(within(table).getByText('old bot')).toBeTruthy();
    const oldRow = within(table).getByText('old bot').closest('tr')!;
    expect(within(oldRow).getByRole('button', { name: /^Revoke old bot/ })).toHaveProperty('disabled', true);

    const fresh = buildAuditRun({ keys: [kept, newSince] });
    stream.send(...toAuditEvents(fresh, { runId: 'fresh' }));
    stream.end();

    await waitFor(() => expect(screen.queryByText('old bot')).toBeNull());
    expect(screen.getByText('new bot')).toBeTruthy();
    expect(screen.queryByRole('note', { name: 'Stale data' })).toBeNull();
    const newRow = screen.getByText('new bot').closest('tr')!;
    expect(within(newRow).getByRole('button', { name: /^Revoke new bot/ })).toHaveProperty('disabled', false);
  });

  it('shows the fresh audit alone when nothing is recorded', async () => {
    stubApi({ 'GET /api/history/runs/latest': reply(null), 'GET /api/audit/events': createEventStream().handler });
    renderWithProviders(<KeysPanel onRevokeKey={() => {}} />);
    expect((await screen.findByRole('status')).textContent).toBe('Auditing your connections…');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('note')).toBeNull();
  });
});
