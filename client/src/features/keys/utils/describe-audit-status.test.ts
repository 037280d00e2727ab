import { describe, expect, it } from 'vitest';
import type { AuditedConnection } from '@contract/audit-events.ts';
import { describeAuditStatus } from './describe-audit-status.ts';

const connection = (label: string): AuditedConnection => ({ connectionId: label, exchange: 'kucoin', label });

describe(describeAuditStatus.name, () => {
  it('says it is auditing before anything is known, then counts connections and accounts', () => {
    expect(describeAuditStatus({ connectionCount: undefined, progress: null, isShowingPartial: false })).toBe('Auditing your connections…');
    expect(describeAuditStatus({ connectionCount: 1, progress: { accountsRead: 3, accountsToRead: 8, reading: [connection('KuCoin main')] }, isShowingPartial: false })).toBe(
      'Auditing 1 connection… 3 of 8 accounts (reading KuCoin main)',
    );
  });

  it('names the connections still being read, at most three of them', () => {
    const reading = ['KuCoin main', 'Bybit ops', 'OKX', 'Gate', 'Binance'].map(connection);
    expect(describeAuditStatus({ connectionCount: 5, progress: { accountsRead: 1, accountsToRead: 9, reading: reading.slice(0, 2) }, isShowingPartial: true })).toBe(
      'Still auditing — 1 of 9 accounts, showing what is found so far (reading KuCoin main and Bybit ops)',
    );
    expect(describeAuditStatus({ connectionCount: 5, progress: { accountsRead: 1, accountsToRead: 9, reading }, isShowingPartial: true })).toBe(
      'Still auditing — 1 of 9 accounts, showing what is found so far (reading KuCoin main, Bybit ops, OKX and 2 more)',
    );
  });
});
