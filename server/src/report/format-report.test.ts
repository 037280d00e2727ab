import { describe, expect, it } from 'vitest';
import { auditReportSchema } from '@contract/audit-report.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { toAuditReport } from './to-audit-report.ts';
import { formatReport } from './format-report.ts';

const key = (overrides: Partial<AuditedKey>): AuditedKey => ({
  id: 'k1',
  connectionId: 'c_1',
  exchange: 'kucoin',
  account: { kind: 'sub', name: 'grid bot 2' },
  apiKey: '6705f5c311545b000157d3eb',
  label: 'bot',
  permissions: ['General', 'Transfer'],
  capabilities: [{ capability: 'withdraw', from: 'Transfer', isUncertain: true }],
  ipWhitelist: null,
  createdAt: '2025-01-02T00:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
  isCallingKey: false,
  revocability: { canRevoke: true, how: 'api-needs-key-passphrase', reason: 'r', manageUrl: 'https://www.kucoin.com/account/api' },
  ...overrides,
});

const run: AuditRun = {
  schemaVersion: 1,
  startedAt: '2026-11-23T10:00:00.000Z',
  finishedAt: '2026-11-23T10:00:02.000Z',
  connections: [
    {
      connectionId: 'c_1',
      exchange: 'kucoin',
      label: 'Main',
      status: 'partial',
      error: null,
      accounts: [{ account: { kind: 'sub', name: 'tax-export' }, status: 'failed', error: { kind: 'exchange-error', message: 'KuCoin had an internal error.', exchangeCode: '500000' }, keyCount: 0 }],
    },
  ],
  keys: [key({}), key({ id: 'k2', label: '=HYPERLINK("http://evil")', permissions: ['General'], capabilities: [], ipWhitelist: ['1.2.3.4'] })],
  findings: [
    { ruleId: 'withdraw-without-ip-whitelist', severity: 'critical', keyId: 'k1', title: 'Can withdraw from any IP address', why: 'why', fix: 'fix', acceptance: null },
    { ruleId: 'read-only-with-whitelist', severity: 'info', keyId: 'k2', title: 'Read-only', why: 'w', fix: 'f', acceptance: { reason: 'ok', expiresAt: '2027-01-01T00:00:00.000Z' } },
  ],
};

describe(toAuditReport.name, () => {
  const report = toAuditReport(run, new Date('2026-11-23T10:00:03Z'));

  it('produces a report that matches the published schema', () => {
    expect(auditReportSchema.parse(report)).toEqual(report);
  });

  it('counts open findings by severity and accepted ones apart', () => {
    expect(report.summary.findings).toEqual({ critical: 1, high: 0, medium: 0, low: 0, info: 0 });
    expect(report.summary.acceptedFindings).toBe(1);
    expect(report.connections[0].failedAccounts).toEqual([{ account: 'tax-export', errorKind: 'exchange-error', message: 'KuCoin had an internal error.' }]);
  });
});

describe(formatReport.name, () => {
  const report = toAuditReport(run, new Date('2026-11-23T10:00:03Z'));

  it('json round-trips through the schema', () => {
    expect(auditReportSchema.parse(JSON.parse(formatReport(report, 'json')))).toEqual(report);
  });

  it('csv has one row per key, worst first, and defuses spreadsheet formulas', () => {
    const lines = formatReport(report, 'csv').trimEnd().split('\r\n');
    expect(lines[0]).toBe('worst,exchange,account,label,apiKey,permissions,ipWhitelist,createdAt,findings,notes,couldNotSee,topFinding,capabilities,expiresAt,lastUsedAt,acceptedFindings,acceptances,owner,purpose,tags');
    expect(lines[1]).toBe('critical,kucoin,grid bot 2,bot,6705f5c311545b000157d3eb,"General,Transfer",ANY IP,2025-01-02,withdraw-without-ip-whitelist,,,Can withdraw from any IP address,withdraw?,,,,,,,');
    expect(lines[2]).toContain(',read-only-with-whitelist: ok (until 2027-01-01)');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines).toHaveLength(3);
  });

  it('carries owner, purpose and tags in every format, a formula-like owner defused in the CSV', () => {
    const annotated = toAuditReport(run, new Date('2026-11-23T10:00:03Z'), undefined, new Map([['k1', { owner: '@ana', purpose: '-DCA bot', tags: ['bot', 'prod'] }]]));
    expect(annotated.keys.find((candidate) => candidate.ref === 'k1')).toMatchObject({ owner: '@ana', purpose: '-DCA bot', tags: ['bot', 'prod'] });
    expect(annotated.keys.find((candidate) => candidate.ref === 'k2')).not.toHaveProperty('owner');
    const csv = formatReport(annotated, 'csv').trimEnd().split('\r\n');
    expect(csv[1]!.endsWith(`,'@ana,'-DCA bot,bot prod`)).toBe(true);
    expect(formatReport(annotated, 'table', { wide: true })).toMatch(/OWNER[\s\S]*@ana #bot #prod/);
    expect(formatReport(annotated, 'html')).toContain('@ana · #bot #prod · -DCA bot');
    const sarif = JSON.parse(formatReport(annotated, 'sarif')) as { runs: { results: { properties: Record<string, unknown> }[] }[] };
    expect(sarif.runs[0]!.results[0]!.properties).toMatchObject({ owner: '@ana', purpose: '-DCA bot', keyTags: ['bot', 'prod'] });
  });

  it('markdown names each open finding with where and how to fix it, and the failed account', () => {
    const md = formatReport(report, 'md');
    expect(md).toContain('**CRITICAL** Can withdraw from any IP address: kucoin / grid bot 2 / bot');
    expect(md).toContain('*Fix:* fix');
    expect(md).toContain('tax-export: KuCoin had an internal error.');
    expect(md).not.toContain('Read-only:');
  });

  it('table starts with the summary line', () => {
    expect(formatReport(report, 'table').split('\n')[0]).toBe('2 keys in 1 accounts on 1 connections; findings: 1 critical, 0 high, 0 medium, 0 low, 0 info');
  });

  describe('the terminal table', () => {
    const longRun: AuditRun = {
      ...run,
      keys: Array.from({ length: 6 }, (_, index) =>
        key({ id: `k${index}`, label: `a-bot-label-that-goes-on-and-on-${index}`, account: { kind: 'sub', name: `a-sub-account-with-a-really-long-name-${index}` }, permissions: ['General', 'Spot', 'Margin', 'Futures', 'Transfer', 'Withdraw'] }),
      ),
      findings: Array.from({ length: 6 }, (_, index) => [
        { ruleId: 'withdraw-without-ip-whitelist', severity: 'critical' as const, keyId: `k${index}`, title: 'Can withdraw from any IP address', why: 'w', fix: 'f', acceptance: null },
        { ruleId: 'stale-key', severity: 'medium' as const, keyId: `k${index}`, title: 'Older than the policy allows', why: 'w', fix: 'f', acceptance: null },
      ]).flat(),
    };
    const longReport = toAuditReport(longRun, new Date('2026-11-23T10:00:03Z'));
    const lines = (text: string) => text.trimEnd().split('\n');

    it.each([80, 120])('fits %i columns and says which columns it left out', (width) => {
      const table = formatReport(longReport, 'table', { width });
      for (const line of lines(table)) expect([...line].length, line).toBeLessThanOrEqual(width);
      expect(table).toMatch(/^RISK +EXCHANGE +ACCOUNT +LABEL +WHY/m);
      expect(table).toMatch(/Not shown at \d+ columns: .*permissions/);
    });

    it('says why each key is risky: its worst open finding, and how many more', () => {
      const table = formatReport(longReport, 'table', { width: 200 });
      expect(table).toMatch(/critical +kucoin .*Can withdraw from any IP address \(\+1\)/);
    });

    it('--wide keeps every column uncut, with whole key ids', () => {
      const table = formatReport(longReport, 'table', { width: 80, wide: true });
      expect(table).toContain('a-sub-account-with-a-really-long-name-0');
      expect(table).toContain('6705f5c311545b000157d3eb');
      expect(table).toContain('General,Spot,Margin,Futures,Transfer,Withdraw');
      expect(table).not.toContain('Not shown');
    });

    it('shows key ids masked when it is fitted, since a cut id identifies nothing', () => {
      expect(formatReport(longReport, 'table', { width: 200 })).toContain('6705…d3eb');
      expect(formatReport(longReport, 'table', { width: 200 })).not.toContain('6705f5c311545b000157d3eb');
    });
  });

  describe('the printable HTML page', () => {
    it('escapes exchange text, so a label can never become markup, a request or a script', () => {
      const hostile = toAuditReport({ ...run, keys: [key({ label: '<img src=x onerror=alert(1)><script>steal()</script>\u202e' })], findings: [] }, new Date('2026-11-23T10:00:03Z'));
      const html = formatReport(hostile, 'html');
      expect(html).not.toMatch(/<img|<script/);
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;steal()&lt;/script&gt;');
      expect(html).not.toContain('\u202e');
    });

    it('lists the open findings worst first with why and fix, the accepted ones with their reason, and a scope when filtered', () => {
      const html = formatReport(toAuditReport(run, new Date('2026-11-23T10:00:03Z'), { keyIds: new Set(['k1', 'k2']), description: 'Search: bot' }), 'html');
      expect(html).toMatch(/<span class="sev">CRITICAL<\/span> <strong>Can withdraw from any IP address<\/strong>: KuCoin \/ grid bot 2 \/ bot/);
      expect(html).toMatch(/<td>ok<\/td><td>2027-01-01<\/td>/);
      expect(html).toContain('2 of 2 keys, chosen by: Search: bot.');
      expect(html).toContain('tax-export: KuCoin had an internal error.');
    });
  });

  describe('with hostile exchange text', () => {
    const hostile = (label: string, name = 'grid bot 2') => toAuditReport({ ...run, keys: [key({ label, account: { kind: 'sub', name } })], findings: [] }, new Date('2026-11-23T10:00:03Z'));

    it.each([
      ['a leading semicolon', ';=1+1'],
      ['leading whitespace', ' =1+1'],
      ['a leading tab', '\t=1+1'],
      ['a leading line break', '\n=1+1'],
      ['a leading plus', '+1+1'],
    ])('csv defuses a cell starting with %s', (_name, label) => {
      const row = formatReport(hostile(label), 'csv').split('\r\n')[1];
      const labelCell = row.split(',')[3].replace(/^"/, '');
      expect(labelCell.startsWith("'")).toBe(true);
    });

    it('markdown renders an image, a link, raw HTML and a heading as literal text', () => {
      const md = formatReport(hostile('![x](https://evil.example/t.png) <img src=x onerror=alert(1)> [click](https://evil.example)', '# Injected'), 'md');
      expect(md).not.toMatch(/!\[x\]\(/);
      expect(md).not.toMatch(/(^|[^\\])<img/);
      expect(md).not.toMatch(/[^\\]\[click\]/);
      expect(md).not.toMatch(/^# Injected/m);
      expect(md).toContain('\\!\\[x\\]\\(https://evil.example/t.png\\)');
      expect(md).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    });

    it.each([
      ['CSI line erase', 'bot\u001b[2K'],
      ['OSC window title', 'bot\u001b]0;owned\u0007'],
      ['OSC 52 clipboard write', 'bot\u001b]52;c;cm0gLXJmIH4=\u0007'],
      ['one-byte C1 CSI', 'bot\u009b2J'],
      ['bidi override', 'bot\u202Egnp.exe'],
    ])('the terminal table carries no %s', (_name, label) => {
      const table = formatReport(hostile(label, label), 'table');
      expect(table).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
      expect(table).toContain('bot');
    });
  });

  describe('what the audit could not see, and what a key is', () => {
    const note = { gap: 'other-master-keys-not-listed', message: "KuCoin's API does not list the master account's other API keys." } as const;
    const gapRun: AuditRun = {
      ...run,
      connections: [{ ...run.connections[0]!, notes: [note] }],
      keys: [
        key({ isCallingKey: true, account: { kind: 'master', name: 'master' } }),
        key({ id: 'k2', label: 'copy bot', isThirdPartyBound: true, unreported: ['withdraw'], ipWhitelist: 'unknown', unread: ['ip-whitelist'] }),
      ],
    };
    const gapReport = toAuditReport(gapRun, new Date('2026-11-23T10:00:03Z'));

    it('json carries the notes, the key flags, and still matches the schema', () => {
      expect(auditReportSchema.parse(gapReport)).toEqual(gapReport);
      expect(gapReport.connections[0]!.notes).toEqual([note]);
      expect(gapReport.keys[1]).toMatchObject({ connectionId: 'c_1', isThirdPartyBound: true, unreported: ['withdraw'], unread: ['ip-whitelist'] });
      expect(toAuditReport(run, new Date()).connections[0]).not.toHaveProperty('notes');
    });

    it('table, markdown and csv each say it', () => {
      const table = formatReport(gapReport, 'table');
      expect(table).toMatch(/Could not see:\n {2}Main: KuCoin's API does not list/);
      expect(table).toContain('held by keyaudit');
      expect(table).toContain('unknown (read failed)');
      const unreported = formatReport(toAuditReport({ ...gapRun, keys: [key({ exchange: 'coinbase', ipWhitelist: 'unknown', unreported: ['ip-whitelist'] })] }, new Date()), 'csv');
      expect(unreported).toContain('unknown (not reported by Coinbase)');
      expect(unreported).not.toContain('ANY IP');
      const markdown = formatReport(gapReport, 'md');
      expect(markdown).toContain("  - could not see: KuCoin's API does not list the master account's other API keys.");
      expect(markdown).toContain('linked to a third party; withdraw not reported; whitelist read failed');
      const [header, ...lines] = formatReport(gapReport, 'csv').trim().split('\r\n');
      expect(header!.split(',').slice(9, 11)).toEqual(['notes', 'couldNotSee']);
      for (const line of lines) expect(line).toContain(',other-master-keys-not-listed,');
      expect(formatReport(toAuditReport(run, new Date()), 'table')).not.toContain('Could not see');
    });
  });
});
