import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import type { Finding } from '@contract/finding.ts';
import type { HistoryStore } from './history-store.ts';

const DAY_MS = 86_400_000;
/** Days before the demo's first audit at which the invented past was audited: about three weeks, oldest first. */
const SEED_DAYS_AGO = [23, 21, 18, 16, 14, 11, 9, 7, 4, 2, 1];
/** The run (index into SEED_DAYS_AGO) in which one connection could not be reached; the next one recovered. */
const FAILED_RUN = 5;
/** A documentation address (RFC 5737 TEST-NET-3): the whitelist the demo key had before it was removed. */
const PAST_WHITELIST = ['203.0.113.7'];

type Evaluate = (keys: AuditedKey[], nowMs: number) => Finding[];

/**
 * The demo's plausible past, made from its own first audit so the Changes view has something to show on first
 * start: in the runs before it, one key could not withdraw yet, one still had an IP whitelist, one key did not
 * exist yet and one that is gone now still did, and one connection failed once and recovered. Recorded with
 * source 'demo-seed' before the first real run; the changes it explains are all between its last run and that one.
 */
export function seedDemoHistory(store: HistoryStore, present: AuditRun, evaluate: Evaluate): void {
  const candidates = present.keys.filter((key) => !key.isCallingKey);
  const gainedWithdraw = candidates.find((key) => key.capabilities.some((grant) => grant.capability === 'withdraw'));
  const lostWhitelist = candidates.find((key) => key !== gainedWithdraw && key.ipWhitelist === null);
  const appeared = [...candidates]
    .filter((key) => key !== gainedWithdraw && key !== lostWhitelist)
    .sort((a, b) => Date.parse(b.createdAt ?? '') - Date.parse(a.createdAt ?? ''))[0];
  const template = candidates.find((key) => key !== gainedWithdraw && key !== lostWhitelist && key !== appeared && key.account.kind === 'sub');
  const disappeared: AuditedKey | undefined = template && {
    ...template,
    id: `${template.id.slice(0, 14)}retired`,
    apiKey: `${template.apiKey.slice(0, 8)}0000retired`,
    label: 'old-rebalancer',
    createdAt: new Date(Date.parse(present.startedAt) - 200 * DAY_MS).toISOString(),
  };

  const pastKeys: AuditedKey[] = [];
  for (const key of present.keys) {
    if (key === appeared) continue;
    if (key === gainedWithdraw) {
      const withdrawWords = new Set(key.capabilities.filter((grant) => grant.capability === 'withdraw').map((grant) => grant.from));
      pastKeys.push({ ...key, capabilities: key.capabilities.filter((grant) => grant.capability !== 'withdraw'), permissions: key.permissions.filter((word) => !withdrawWords.has(word)) });
    } else if (key === lostWhitelist) {
      pastKeys.push({ ...key, ipWhitelist: PAST_WHITELIST });
    } else {
      pastKeys.push(key);
      if (key === template && disappeared) pastKeys.push(disappeared);
    }
  }
  const failing = present.connections.find((connection) => connection.status === 'ok' && connection.connectionId !== gainedWithdraw?.connectionId && connection.connectionId !== lostWhitelist?.connectionId);

  const presentMs = Date.parse(present.startedAt);
  SEED_DAYS_AGO.forEach((daysAgo, index) => {
    const startedMs = presentMs - daysAgo * DAY_MS - (index % 3) * 3_600_000;
    const failed = index === FAILED_RUN && failing !== undefined;
    const keys = failed ? pastKeys.filter((key) => key.connectionId !== failing.connectionId) : pastKeys;
    const connections = present.connections.map((connection) => {
      if (failed && connection === failing) {
        return { ...connection, status: 'failed' as const, accounts: [], error: { kind: 'unreachable' as const, message: 'The exchange could not be reached.', exchangeCode: null } };
      }
      return {
        ...connection,
        accounts: connection.accounts.map((account) => ({
          ...account,
          keyCount: keys.filter((key) => key.connectionId === connection.connectionId && key.account.kind === account.account.kind && key.account.name === account.account.name).length,
        })),
      };
    });
    store.recordRun(
      {
        ...present,
        startedAt: new Date(startedMs).toISOString(),
        finishedAt: new Date(startedMs + Date.parse(present.finishedAt) - presentMs).toISOString(),
        connections,
        keys,
        findings: evaluate(keys, startedMs),
      },
      'demo-seed',
    );
  });
}
