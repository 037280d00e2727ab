/**
 * The audit service: a run told as events (what a viewer sees before the run ends, and that the end
 * equals one full evaluation), and a revoke that reads one account again instead of re-auditing.
 */
import { describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '@contract/audit-events.ts';
import { applyAuditEvents } from '@contract/audit-run-state.ts';
import { auditProgress, toAuditRun } from '@contract/audit-run-snapshot.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { byAccountThenLabel } from '@contract/key-order.ts';
import { ExchangeError } from '../exchanges/exchange-error.ts';
import { runWithRetries } from '../exchanges/run-with-retries.ts';
import { evaluateFindings } from '../findings/index.ts';
import { defaultPolicy, type Policy } from '../findings/policy.ts';
import { grant, TEST_NOW_MS } from '../findings/make-test-key.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import type { ActionEntry } from './action-recorder.ts';
import { createAuditService } from './audit-service.ts';
import { createGatedAdapter, exchangeKey, MASTER, settle, sub, testConnection } from './make-test-adapter.ts';

const risky = { ipWhitelist: null, capabilities: [grant('withdraw', 'Transfer')] };
const trading = { ipWhitelist: null, capabilities: [grant('trade-spot', 'Spot')] };
const AT = new Date(TEST_NOW_MS).toISOString();

function setup(adapters: Map<StoredConnection, ExchangeAdapter>, { policy = () => defaultPolicy }: { policy?: () => Policy } = {}) {
  const evaluate = vi.fn((keys: AuditedKey[]) => evaluateFindings(keys, { now: TEST_NOW_MS, policy: policy() }));
  const actions: ActionEntry[] = [];
  const service = createAuditService({
    listConnections: async () => [...adapters.keys()],
    adapterFor: (connection) => adapters.get(connection)!,
    evaluateFindings: evaluate,
    actions: { append: async (entry) => void actions.push(entry) },
    now: () => TEST_NOW_MS,
  });
  return { service, evaluate, actions };
}

const labels = (run: AuditRun | null) => run?.keys.map((key) => key.label);
const eventsOf = (log: { eventsAfter(seq: number): { event: AuditEvent }[] }) => log.eventsAfter(0).map((logged) => logged.event);

describe(`${createAuditService.name}: retrying one connection`, () => {
  it('reads a failed connection again on its own, and the runs held have its keys in place of the failure', async () => {
    const { adapter } = createGatedAdapter({});
    let isDown = true;
    const flaky: ExchangeAdapter = {
      ...adapter,
      fetchCallingKey: async (credentials) => {
        if (isDown) throw new ExchangeError('unreachable', 'The exchange did not answer.');
        return adapter.fetchCallingKey(credentials);
      },
    };
    const other = createGatedAdapter({});
    const { service } = setup(new Map([[testConnection(), flaky], [testConnection('conn-2', 'KuCoin two'), other.adapter]]));
    const run = await service.audit();
    expect(run.connections.map((connection) => connection.status)).toEqual(['failed', 'ok']);
    const calls = vi.spyOn(other.adapter, 'fetchCallingKey');

    isDown = false;
    const reread = await service.retryConnection('conn-1');
    expect(reread.events.map((event) => event.type)).toEqual(['account-read', 'accounts-listed', 'connection-finished']);
    const after = await service.latest();
    expect(after.connections.map((connection) => connection.status)).toEqual(['ok', 'ok']);
    expect(after.keys.filter((key) => key.connectionId === 'conn-1').map((key) => key.label)).toEqual(['master key']);
    expect(calls).not.toHaveBeenCalled();
    await expect(service.retryConnection('conn-9')).rejects.toMatchObject({ code: 'connection-not-found' });
  });
});

describe(`${createAuditService.name}: rate limits`, () => {
  it('tells that a connection waits out a rate limit, until when, and the progress names it until the connection is finished', async () => {
    const { adapter } = createGatedAdapter({});
    let waited = false;
    let resume = () => {};
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const limited: ExchangeAdapter = {
      ...adapter,
      fetchSubAccounts: () =>
        runWithRetries(
          async () => {
            if (waited) return [];
            throw new ExchangeError('rate-limited', 'Too many requests.', { retryAfterMs: 40_000 });
          },
          { isRetrySafe: true, sleep: async () => {}, random: () => 0, waitOutRateLimit: async () => ((waited = true), await resumed, true) },
        ),
    };
    const { service } = setup(new Map([[testConnection(), limited]]));
    const log = service.join();
    await settle();
    const waiting = eventsOf(log).find((event) => event.type === 'connection-waiting');
    expect(waiting).toEqual({ type: 'connection-waiting', connectionId: 'conn-1', reason: 'rate-limit', until: new Date(TEST_NOW_MS + 40_000).toISOString() });
    expect(auditProgress(log.state!).reading).toEqual([expect.objectContaining({ connectionId: 'conn-1', waiting: { reason: 'rate-limit', until: waiting!.until } })]);
    resume();
    await service.audit();
    expect(log.state!.connections[0]!.waiting).toBeNull();
  });
});

describe(`${createAuditService.name}: a run told as events`, () => {
  it('tells a run from run-started to run-finished, one account at a time; viewers share the run in flight', async () => {
    const { adapter, release } = createGatedAdapter({ alpha: [exchangeKey(sub('alpha'), 'a1')] });
    const { service } = setup(new Map([[testConnection(), adapter]]));
    const log = service.join();
    expect(service.join()).toBe(log);
    await settle();
    release('alpha');
    await service.audit();

    expect(eventsOf(log).map((event) => event.type)).toEqual(['run-started', 'account-read', 'accounts-listed', 'account-read', 'connection-finished', 'run-finished']);
    expect(log.eventsAfter(0).map((logged) => logged.id)).toEqual([1, 2, 3, 4, 5, 6].map((seq) => `${log.runId}:${seq}`));
    expect(eventsOf(log).at(-1)).toMatchObject({ type: 'run-finished', summary: { connections: 1, accounts: 2, keys: 2 } });
    expect(log.isOver).toBe(true);
    const next = service.join();
    expect(next.runId).not.toBe(log.runId);
    await service.audit();
  });

  it('shows the keys of the accounts done so far, with findings on exactly those keys', async () => {
    const { adapter, release } = createGatedAdapter({
      alpha: [exchangeKey(sub('alpha'), 'a1', risky)],
      beta: [exchangeKey(sub('beta'), 'b1', risky)],
    });
    const { service } = setup(new Map([[testConnection(), adapter]]));
    const log = service.join();
    await settle();
    release('beta');
    await settle();

    const partial = log.toRun(AT)!;
    expect(labels(partial)).toEqual(['master key', 'b1']);
    expect(partial.findings).toEqual(evaluateFindings(partial.keys, { now: TEST_NOW_MS }));
    expect(partial.findings.map((finding) => finding.keyId)).toContain(partial.keys[1]!.id);
    expect(partial.connections).toEqual([expect.objectContaining({ status: 'ok', accounts: [expect.objectContaining({ account: MASTER }), expect.objectContaining({ account: sub('beta') })] })]);
    expect(auditProgress(log.state!)).toMatchObject({ accountsRead: 2, accountsToRead: 3, reading: [{ label: 'KuCoin main' }] });
  });

  it('marks a connection partial as soon as one of its accounts fails', async () => {
    const { adapter, release } = createGatedAdapter({ alpha: new ExchangeError('rate-limited', 'Slow down.'), beta: [] });
    const { service } = setup(new Map([[testConnection(), adapter]]));
    const log = service.join();
    await settle();
    release('alpha');
    await settle();
    expect(log.toRun(AT)!.connections[0]).toMatchObject({ status: 'partial', accounts: [{}, { account: sub('alpha'), status: 'failed' }] });
  });

  it('shows a finished connection with its final result while another still runs', async () => {
    const slow = createGatedAdapter({ alpha: [exchangeKey(sub('alpha'), 'a1')] });
    const broken = createGatedAdapter({});
    broken.adapter.fetchCallingKey = async () => {
      throw new ExchangeError('bad-signature', 'The secret does not match.');
    };
    const { service } = setup(new Map([[testConnection('conn-1', 'Slow'), slow.adapter], [testConnection('conn-2', 'Broken'), broken.adapter]]));
    const log = service.join();
    await settle();
    const partial = log.toRun(AT)!;
    expect(partial.connections.map((connection) => [connection.label, connection.status])).toEqual([['Slow', 'ok'], ['Broken', 'failed']]);
    expect(partial.connections[1]!.error).toMatchObject({ kind: 'bad-signature' });
    expect(auditProgress(log.state!).reading.map((connection) => connection.label)).toEqual(['Slow']);
  });

  it('evaluates findings once per account read and once for the whole run, however often the run is read', async () => {
    const { adapter, release } = createGatedAdapter({ alpha: [exchangeKey(sub('alpha'), 'a1')] });
    const { service, evaluate } = setup(new Map([[testConnection(), adapter]]));
    const log = service.join();
    await settle();
    log.toRun(AT);
    log.toRun(AT);
    expect(evaluate).toHaveBeenCalledTimes(1); // the master account
    release('alpha');
    await service.audit();
    await service.latest();
    expect(evaluate).toHaveBeenCalledTimes(3); // alpha, then the whole run
  });

  it('ends in a run that is the run seen midway plus the accounts that came after it', async () => {
    const { adapter, release } = createGatedAdapter({
      alpha: [exchangeKey(sub('alpha'), 'a1', risky), exchangeKey(sub('alpha'), 'a2')],
      beta: [exchangeKey(sub('beta'), 'b1', risky)],
      gamma: [exchangeKey(sub('gamma'), 'g1', risky)],
    });
    const { service } = setup(new Map([[testConnection(), adapter]]));
    const log = service.join();
    await settle();
    release('gamma');
    release('alpha');
    await settle();
    const partial = log.toRun(AT)!;
    release('beta');
    const final = await service.audit();

    expect(partial.startedAt).toBe(final.startedAt);
    expect(final.keys.filter((key) => partial.keys.some((shown) => shown.id === key.id))).toEqual(partial.keys);
    expect(final.keys.filter((key) => !partial.keys.some((shown) => shown.id === key.id)).map((key) => key.label)).toEqual(['b1']);
    const keysAfter = new Set(final.keys.filter((key) => key.label === 'b1').map((key) => key.id));
    expect(final.findings.filter((finding) => !keysAfter.has(finding.keyId))).toEqual(partial.findings);
    expect(final.connections[0]!.accounts.filter((account) => account.account.name !== 'beta')).toEqual(expect.arrayContaining(partial.connections[0]!.accounts));
    expect(final.connections[0]!.accounts).toHaveLength(partial.connections[0]!.accounts.length + 1);
  });

  it('finishes in exactly the full evaluation: every key in list order, every finding worst first', async () => {
    // Two KuCoin connections with a sub-account of the same name: their keys interleave by label.
    const first = createGatedAdapter({
      shared: [exchangeKey(sub('shared'), 'm-bot', risky), exchangeKey(sub('shared'), 'a-bot')],
      zeta: [exchangeKey(sub('zeta'), 'z1', trading), exchangeKey(sub('zeta'), 'z0', { ...risky, createdAt: '2024-01-01T00:00:00.000Z' })],
    });
    const second = createGatedAdapter(
      { shared: [exchangeKey(sub('shared'), 'k-bot', trading)], alpha: [exchangeKey(sub('alpha'), 'x', { ipWhitelist: ['10.0.0.0/8'] })] },
      { masterKeys: [exchangeKey(MASTER, 'second master', { isCallingKey: true, capabilities: [grant('trade-spot', 'Spot')] })] },
    );
    const { service } = setup(new Map([[testConnection('conn-1', 'First'), first.adapter], [testConnection('conn-2', 'Second'), second.adapter]]));
    const log = service.join();
    await settle();
    for (const name of ['zeta', 'shared']) first.release(name);
    for (const name of ['shared', 'alpha']) second.release(name);
    const final = await service.audit();

    const sorted = [...final.keys].sort(byAccountThenLabel);
    expect(final.keys).toEqual(sorted);
    expect(final.keys.map((key) => key.label)).toEqual(['master key', 'second master', 'x', 'a-bot', 'k-bot', 'm-bot', 'z0', 'z1']);
    expect(final.findings).toEqual(evaluateFindings(sorted, { now: TEST_NOW_MS }));
    expect(new Set(final.findings.map((finding) => finding.severity)).size).toBeGreaterThan(2);
    // The page builds its table from the same events: it arrives at the same run.
    expect(toAuditRun(applyAuditEvents(null, eventsOf(log))!, AT)).toEqual(final);
  });

  it('sends an account again when the policy changed during the run, so the end still equals a full evaluation', async () => {
    let policy: Policy = defaultPolicy;
    const { adapter, release } = createGatedAdapter({ alpha: [exchangeKey(sub('alpha'), 'a1', risky)], beta: [exchangeKey(sub('beta'), 'b1')] });
    const { service } = setup(new Map([[testConnection(), adapter]]), { policy: () => policy });
    const log = service.join();
    await settle();
    release('alpha');
    await settle();
    const acceptance = { ruleId: 'withdraw-without-ip-whitelist' as const, apiKey: 'api-alpha-a1', exchange: 'kucoin' as const, reason: 'cold wallet bot', expiresAt: '2027-01-01' };
    policy = { ...defaultPolicy, acceptances: [acceptance] };
    release('beta');
    const final = await service.audit();

    expect(final.findings).toEqual(evaluateFindings(final.keys, { now: TEST_NOW_MS, policy }));
    expect(final.findings.find((finding) => finding.ruleId === acceptance.ruleId)?.acceptance).toMatchObject({ reason: 'cold wallet bot' });
    const alphaReads = eventsOf(log).filter((event) => event.type === 'account-read' && event.account.result.account.name === 'alpha');
    expect(alphaReads).toHaveLength(2);
    expect(toAuditRun(applyAuditEvents(null, eventsOf(log))!, AT)).toEqual(final);
  });

  it('tells a viewer why a run could not finish', async () => {
    const { adapter } = createGatedAdapter({});
    const service = createAuditService({
      listConnections: async () => [testConnection()],
      adapterFor: () => adapter,
      evaluateFindings: () => Promise.reject(new Error('disk on fire')),
      actions: { append: async () => undefined },
      now: () => TEST_NOW_MS,
    });
    const log = service.join();
    await expect(service.audit()).rejects.toThrow('disk on fire');
    expect(eventsOf(log).at(-1)).toMatchObject({ type: 'run-failed', error: 'internal' });
    expect(JSON.stringify(eventsOf(log))).not.toContain('disk on fire');
  });
});

describe(`${createAuditService.name} with a connection it cannot reach`, () => {
  it('fails that connection alone when its adapter cannot be built, and audits the others', async () => {
    const good = testConnection('conn-good', 'Good');
    const bad = testConnection('conn-bad', 'Bad base URL');
    const { adapter } = createGatedAdapter({});
    const service = createAuditService({
      listConnections: async () => [good, bad],
      adapterFor: (connection) => {
        if (connection === bad) throw new ExchangeError('invalid-request', 'The base URL must use https.');
        return adapter;
      },
      evaluateFindings: () => [],
      actions: { append: async () => undefined },
      now: () => TEST_NOW_MS,
    });
    const run = await service.audit();
    expect(run.connections.map((connection) => [connection.label, connection.status])).toEqual([['Good', 'ok'], ['Bad base URL', 'failed']]);
    expect(run.connections[1].error).toMatchObject({ kind: 'invalid-request', message: 'The base URL must use https.' });
    expect(run.keys.length).toBeGreaterThan(0);
  });
});

describe(`${createAuditService.name}: revoke reads one account again`, () => {
  async function auditedService(answers = { alpha: [exchangeKey(sub('alpha'), 'a1', risky), exchangeKey(sub('alpha'), 'a2')], beta: [exchangeKey(sub('beta'), 'b1')] }) {
    const gated = createGatedAdapter(answers);
    const setupResult = setup(new Map([[testConnection(), gated.adapter]]));
    for (const name of Object.keys(answers)) gated.release(name);
    const run = await setupResult.service.audit();
    const calls = {
      subAccountKeys: vi.spyOn(gated.adapter, 'fetchSubAccountKeys'),
      subAccounts: vi.spyOn(gated.adapter, 'fetchSubAccounts'),
      callingKey: vi.spyOn(gated.adapter, 'fetchCallingKey'),
    };
    return { ...gated, ...setupResult, run, calls, keyLabelled: (label: string) => run.keys.find((key) => key.label === label)! };
  }

  it('lists only the revoked key\'s sub-account again and applies it to the run, findings and all', async () => {
    const { service, calls, keyLabelled, actions } = await auditedService();
    const outcome = await service.revoke(keyLabelled('a1'), 'key-pass');

    expect(calls.subAccountKeys.mock.calls.map(([, account]) => account)).toEqual([sub('alpha')]);
    expect(calls.subAccounts).not.toHaveBeenCalled();
    expect(calls.callingKey).not.toHaveBeenCalled();
    expect(outcome).toMatchObject({ confirmation: 'gone', message: null, delta: { removedKeyIds: [keyLabelled('a1').id] } });
    expect(outcome.delta.accounts).toEqual([
      { connectionId: 'conn-1', result: { account: sub('alpha'), status: 'ok', error: null, keyCount: 1 }, keys: [keyLabelled('a2')], findings: evaluateFindings([keyLabelled('a2')], { now: TEST_NOW_MS }) },
    ]);
    const after = await service.latest();
    expect(labels(after)).toEqual(['master key', 'a2', 'b1']);
    expect(after.findings.some((finding) => finding.keyId === keyLabelled('a1').id)).toBe(false);
    expect(service.findKey(keyLabelled('a1').id)).toBeNull();
    expect(actions.map((entry) => entry.outcome)).toEqual(['ok']);
  });

  it('says so when the exchange still lists the key after deleting it, and keeps it on the list', async () => {
    const { adapter, service, keyLabelled, actions } = await auditedService();
    adapter.revokeKey = async () => {}; // answers "done" but deletes nothing
    const outcome = await service.revoke(keyLabelled('a1'), 'key-pass');

    expect(outcome.confirmation).toBe('still-listed');
    expect(outcome.message).toMatch(/still lists it/);
    expect(outcome.delta.removedKeyIds).toEqual([]);
    expect(labels(await service.latest())).toContain('a1');
    expect(actions.map((entry) => [entry.outcome, entry.details.errorKind])).toEqual([['ok', undefined], ['failed', 'still-listed']]);
  });

  it('takes the key off on the exchange\'s word when its account cannot be read again', async () => {
    const { adapter, service, keyLabelled } = await auditedService();
    adapter.fetchSubAccountKeys = async () => {
      throw new ExchangeError('unreachable', 'No answer.');
    };
    const outcome = await service.revoke(keyLabelled('a1'), 'key-pass');
    expect(outcome).toMatchObject({ confirmation: 'unconfirmed', delta: { accounts: [], removedKeyIds: [keyLabelled('a1').id] } });
    expect(labels(await service.latest())).toEqual(['master key', 'a2', 'b1']);
    expect((await service.latest()).connections[0]!.accounts[1]).toMatchObject({ account: sub('alpha'), keyCount: 1 });
  });

  it('reads the own account again for a calling key, and takes its refusal as unknown for proof that it is gone', async () => {
    const { adapter, service, calls, keyLabelled } = await auditedService();
    calls.callingKey.mockRejectedValueOnce(new ExchangeError('unknown-key', 'KuCoin does not know this API key.'));
    const outcome = await service.revoke(keyLabelled('master key'), undefined);
    expect(outcome.confirmation).toBe('gone');
    expect(calls.subAccountKeys).not.toHaveBeenCalled();
    expect(labels(await service.latest())).toEqual(['a1', 'a2', 'b1']);

    calls.callingKey.mockRejectedValueOnce(new ExchangeError('unreachable', 'No answer.'));
    adapter.fetchOtherMasterKeys = undefined;
    expect((await service.revoke(keyLabelled('master key'), undefined)).confirmation).toBe('unconfirmed');
  });

  it('acts only on keys of finished connections while the run goes on, and sends the re-read to every viewer', async () => {
    const done = createGatedAdapter({ alpha: [exchangeKey(sub('alpha'), 'a1', risky)] });
    const reading = createGatedAdapter({ slow: [exchangeKey(sub('slow'), 's1')] });
    const { service } = setup(new Map([[testConnection('conn-1', 'Done'), done.adapter], [testConnection('conn-2', 'Reading'), reading.adapter]]));
    const log = service.join();
    done.release('alpha');
    await settle();
    const partial = log.toRun(AT)!;
    const a1 = partial.keys.find((key) => key.label === 'a1')!;
    const readingMaster = partial.keys.find((key) => key.connectionId === 'conn-2')!;
    expect(service.findKey(a1.id)).toEqual(a1);
    expect(service.findKey(readingMaster.id)).toBeNull();
    expect(service.isKeyBeingRead(readingMaster.id)).toBe(true);

    const heard = vi.fn();
    log.subscribe(heard);
    const before = log.eventCount;
    await service.revoke(a1, 'key-pass');
    expect(log.eventsAfter(before).map((logged) => logged.event)).toEqual([expect.objectContaining({ type: 'account-read', account: expect.objectContaining({ keys: [] }) })]);
    expect(heard).toHaveBeenCalled();
    reading.release('slow');
    expect(labels(await service.audit())).not.toContain('a1');
  });
});
