import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyDeadlines } from '../findings/exchange-key-rules.ts';
import { evaluateFindings } from '../findings/evaluate-findings.ts';
import { grant, makeKey, TEST_NOW_MS } from '../findings/make-test-key.ts';
import { historyAccessOf } from './memory-history-store.ts';
import { makeRun, runKey, testHistoryKey } from './history-test-support.ts';
import { keyauditLastUse, keyUsesOfRun } from './key-usage.ts';
import { openSqliteHistory } from './sqlite-history-store.ts';

const DAY_MS = 86_400_000;
const FULL_API_KEY = 'KA_CANARY_okx_calling_key_0001';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => Promise.all(cleanups.splice(0).map((cleanup) => cleanup())));

describe('the usage ledger', () => {
  it('records a run\'s signed calls per calling key in one batch, by keyed fingerprint only; the newest successful use is what counts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyaudit-usage-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const store = openSqliteHistory({ location: join(dir, 'history.sqlite'), historyKey: testHistoryKey() });
    const ok = makeRun([runKey(1)], { at: '2026-06-01T00:00:00.000Z' });
    const failed = makeRun([runKey(1)], { at: '2026-06-02T00:00:00.000Z', failedConnections: ['c_00000001'] });
    const apiKeyOf = (connectionId: string) => (connectionId === 'c_00000001' ? FULL_API_KEY : undefined);
    expect(keyUsesOfRun(ok, apiKeyOf)).toEqual([{ exchange: 'kucoin', apiKey: FULL_API_KEY, at: ok.finishedAt, endpointClass: 'read-keys', result: 'ok' }]);
    store.recordKeyUses(keyUsesOfRun(ok, apiKeyOf));
    store.recordKeyUses(keyUsesOfRun(failed, apiKeyOf));
    expect(store.lastKeyUse('kucoin', FULL_API_KEY)).toBe(ok.finishedAt); // the failed read is not a use
    store.recordKeyUses([{ exchange: 'kucoin', apiKey: FULL_API_KEY, at: '2026-06-03T00:00:00.000Z', endpointClass: 'revoke', result: 'ok' }]);
    expect(store.lastKeyUse('kucoin', FULL_API_KEY)).toBe('2026-06-03T00:00:00.000Z');
    expect(store.lastKeyUse('okx', FULL_API_KEY)).toBeNull();

    const lookup = keyauditLastUse(historyAccessOf(store, 'file'), apiKeyOf);
    expect(lookup(runKey(1, { isCallingKey: true }))).toBe('2026-06-03T00:00:00.000Z');
    expect(lookup(runKey(1, { isCallingKey: false }))).toBeNull(); // keyaudit never signs with a listed key
    store.close();
    const file = await readFile(join(dir, 'history.sqlite'));
    expect(file.includes(Buffer.from(FULL_API_KEY))).toBe(false);
  });

  it('restarts an inactivity rule\'s clock at keyaudit\'s own last use when it is newer than what the exchange reports', () => {
    // OKX reports no last use: the 14-day inactivity rule has no date until keyaudit has used the key.
    const okxTrader = makeKey({ exchange: 'okx', permissions: ['Trade'], capabilities: [grant('read'), grant('trade-spot', 'Trade')], ipWhitelist: null, isCallingKey: true });
    expect(keyDeadlines(okxTrader)[0]).toMatchObject({ dueAt: null, basis: 'unknown' });
    const usedAt = new Date(TEST_NOW_MS - 10 * DAY_MS).toISOString();
    expect(keyDeadlines(okxTrader, usedAt)[0]).toMatchObject({ dueAt: new Date(TEST_NOW_MS + 4 * DAY_MS).toISOString(), basis: 'last-used' });
    // KuCoin reports a last use: the newer of the two wins, either way round.
    const kucoinTrader = makeKey({ permissions: ['General', 'Spot'], capabilities: [grant('read', 'General'), grant('trade-spot', 'Spot')], ipWhitelist: null, lastUsedAt: new Date(TEST_NOW_MS - 20 * DAY_MS).toISOString() });
    expect(keyDeadlines(kucoinTrader, usedAt)[0]!.dueAt).toBe(new Date(TEST_NOW_MS + 20 * DAY_MS).toISOString());
    expect(keyDeadlines(kucoinTrader, new Date(TEST_NOW_MS - 25 * DAY_MS).toISOString())[0]!.dueAt).toBe(new Date(TEST_NOW_MS + 10 * DAY_MS).toISOString());
    // and the findings use it: exchange-may-delete gets a date, expires-soon fires within 14 days
    const findings = evaluateFindings([okxTrader], { now: TEST_NOW_MS, keyauditLastUsedAt: () => usedAt });
    expect(findings.find((finding) => finding.ruleId === 'exchange-may-delete')?.deadline?.dueAt).toBe(new Date(TEST_NOW_MS + 4 * DAY_MS).toISOString());
    expect(findings.some((finding) => finding.ruleId === 'expires-soon')).toBe(true);
    expect(evaluateFindings([okxTrader], { now: TEST_NOW_MS }).some((finding) => finding.ruleId === 'expires-soon')).toBe(false);
  });
});
