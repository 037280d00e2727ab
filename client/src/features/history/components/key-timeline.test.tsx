import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import type { KeyTimeline } from '@contract/history.ts';
import { apiError, reply, stubApi } from '../../../testing/fetch-stub.ts';
import { renderWithProviders } from '../../../testing/render-with-providers.tsx';
import { KeyTimelineSection } from './key-timeline.tsx';

const timeline: KeyTimeline = {
  keyId: 'key/1',
  firstSeen: { runId: 1, finishedAt: '2026-11-01T10:00:00.000Z' },
  lastSeen: { runId: 4, finishedAt: '2026-11-22T10:00:00.000Z' },
  events: [
    {
      runId: 3,
      at: '2026-11-15T10:00:00.000Z',
      change: {
        kind: 'permissions-changed',
        severity: 'high',
        exchange: 'kucoin',
        connectionId: 'conn-1',
        account: { kind: 'sub', name: 'alpha' },
        apiKey: '6601…c0d1',
        label: 'bot',
        keyId: 'key/1',
        summary: 'Key "bot" (6601…c0d1) on sub-account alpha on KuCoin gained withdraw.',
        before: ['General'],
        after: ['General', 'Withdrawal'],
        capabilitiesGained: ['withdraw'],
        capabilitiesLost: [],
      },
    },
  ],
};

describe(KeyTimelineSection.name, () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists first seen (as the age when there is no creation date), every change, and last seen, in order', async () => {
    stubApi({ 'GET /api/history/keys/key%2F1/timeline': reply({ timeline }) });
    renderWithProviders(<KeyTimelineSection keyId="key/1" hasCreationDate={false} />);
    const items = (await screen.findAllByRole('listitem')).map((item) => item.textContent);
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^First seen Nov 1, 2026.*the exchange reports no creation date, so this is its age as keyaudit knows it\.$/);
    expect(items[1]).toMatch(/^Nov 15, 2026.* High Permissions changed: gained withdraw; General → General, Withdrawal$/);
    expect(items[2]).toMatch(/^Last seen Nov 22, 2026/);
    expect(screen.getByRole('heading', { name: 'History' })).toBeTruthy();
  });

  it('says when a key is not recorded yet, and when history is unavailable', async () => {
    stubApi({ 'GET /api/history/keys/key-2/timeline': reply({ timeline: null }), 'GET /api/history/keys/key-3/timeline': apiError(409, 'history-unavailable', 'History is unavailable: damaged.') });
    renderWithProviders(<KeyTimelineSection keyId="key-2" hasCreationDate />);
    expect(await screen.findByText(/Not in the history yet/)).toBeTruthy();
    cleanup();
    renderWithProviders(<KeyTimelineSection keyId="key-3" hasCreationDate />);
    expect(await screen.findByText('History is unavailable: damaged.')).toBeTruthy();
  });
});
