import { describe, expect, it } from 'vitest';
import type { AuditedConnection } from '@contract/audit-events.ts';
import { describeAuditStatus } from './describe-audit-status.ts';

const connection = (label: string): AuditedConnection & { waiting: null } => ({ connectionId: label, exchange: 'kucoin', label, waiting: null });
const NOW = Date.parse('2026-03-01T12:00:00Z');

describe(describeAuditStatus.name, () => {
  it('says it is auditing before anything is known, then counts connections and accounts', () => {
    expect(describeAuditStatus({ connectionCount: undefined, progress: null, isShowingPartial: false, nowMs: NOW })).toBe('Auditing your connections…');
    expect(describeAuditStatus({ connectionCount: 1, progress: { accountsRead: 3, accountsToRead: 8, reading: [connection('KuCoin main')] }, isShowingPartial: false, nowMs: NOW })).toBe(
      'Auditing 1 connection… 3 of 8 accounts (reading KuCoin main)',
    );
  });

  it('names the connections still being read, at most three of them', () => {
    const reading = ['KuCoin main', 'Bybit ops', 'OKX', 'Gate', 'Binance'].map(connection);
    expect(describeAuditStatus({ connectionCount: 5, progress: { accountsRead: 1, accountsToRead: 9, reading: reading.slice(0, 2) }, isShowingPartial: true, nowMs: NOW })).toBe(
      'Still auditing — 1 of 9 accounts, showing what is found so far (reading KuCoin main and Bybit ops)',
    );
    expect(describeAuditStatus({ connectionCount: 5, progress: { accountsRead: 1, accountsToRead: 9, reading }, isShowingPartial: true, nowMs: NOW })).toBe(
      'Still auditing — 1 of 9 accounts, showing what is found so far (reading KuCoin main, Bybit ops, OKX and 2 more)',
    );
  });

  it('says which connection waits out a rate limit, and for how long, until the wait is over', () => {
    const binance = { connectionId: 'b', exchange: 'binance' as const, label: 'Binance main', waiting: { reason: 'rate-limit' as const, until: new Date(NOW + 38_000).toISOString() } };
    const progress = { accountsRead: 2, accountsToRead: 9, reading: [connection('KuCoin main'), binance] };
    expect(describeAuditStatus({ connectionCount: 2, progress, isShowingPartial: true, nowMs: NOW })).toBe(
      "Still auditing — 2 of 9 accounts, showing what is found so far (reading KuCoin main; waiting out Binance's rate limit for Binance main, 40 s)",
    );
    expect(describeAuditStatus({ connectionCount: 2, progress, isShowingPartial: true, nowMs: NOW + 39_000 })).toBe(
      'Still auditing — 2 of 9 accounts, showing what is found so far (reading KuCoin main and Binance main)',
    );
    const unknownEnd = { ...binance, waiting: { reason: 'rate-limit' as const, until: null } };
    expect(describeAuditStatus({ connectionCount: 1, progress: { ...progress, reading: [unknownEnd] }, isShowingPartial: false, nowMs: NOW })).toBe(
      "Auditing 1 connection… 2 of 9 accounts (waiting out Binance's rate limit for Binance main)",
    );
  });
});
