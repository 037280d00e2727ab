/** The audit service's view of a run in flight: what `partial()` and `progress()` show before the run resolves. */
import { describe, expect, it, vi } from 'vitest';
import type { AuditRun } from '@contract/audit-run.ts';
import type { AuditedKey } from '@contract/audited-key.ts';
import { ExchangeError } from '../exchanges/exchange-error.ts';
import { evaluateFindings } from '../findings/index.ts';
import { grant, TEST_NOW_MS } from '../findings/make-test-key.ts';
import type { ExchangeAdapter } from '../exchanges/exchange-adapter.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import { createAuditService } from './audit-service.ts';
import { createGatedAdapter, exchangeKey, settle, sub, testConnection } from './make-test-adapter.ts';

const risky = { ipWhitelist: null, capabilities: [grant('withdraw', 'Transfer')] };

function setup(adapters: Map<StoredConnection, ExchangeAdapter>) {
  const evaluate = vi.fn((keys: AuditedKey[]) => evaluateFindings(keys, { now: TEST_NOW_MS }));
  const service = createAuditService({
    listConnections: async () => [...adapters.keys()],
    adapterFor: (connection) => adapters.get(connection)!,
    evaluateFindings: evaluate,
    actions: { append: async () => undefined },
    now: () => TEST_NOW_MS,
  });
  return { service, evaluate };
}

const labels = (run: AuditRun | null) => run?.keys.map((key) => key.label);

describe(`${createAuditService.name} while a run is in flight`, () => {
  it('has no partial run before an audit starts or after it ends', async () => {
    const { adapter, release } = createGatedAdapter({ alpha: [exchangeKey(sub('alpha'), 'a1')] });
    const { service } = setup(new Map([[testConnection(), adapter]]));
    expect(await service.partial()).toBeNull();
    const run = service.audit();
    release('alpha');
    await run;
    expect(await service.partial()).toBeNull();
    expect(service.progress()).toEqual({ running: false, accountsDone: 1, accountsTotal: 1 });
  });

  it('shows the keys of the accounts done so far, with findings on exactly those keys', async () => {
    const { adapter, release } = createGatedAdapter({
      alpha: [exchangeKey(sub('alpha'), 'a1', risky)],
      beta: [exchangeKey(sub('beta'), 'b1', risky)],
    });
    const { service } = setup(new Map([[testConnection(), adapter]]));
    void service.audit();
    await settle();
    release('beta');
    await settle();

    const partial = await service.partial();
    expect(labels(partial)).toEqual(['master key', 'b1']);
    expect(partial!.findings).toEqual(evaluateFindings(partial!.keys, { now: TEST_NOW_MS }));
    expect(partial!.findings.map((finding) => finding.keyId)).toContain(partial!.keys[1]!.id);
    expect(partial!.connections).toEqual([expect.objectContaining({ status: 'ok', accounts: [expect.objectContaining({ account: { kind: 'master', name: 'master' } }), expect.objectContaining({ account: sub('beta') })] })]);
    expect(service.progress()).toEqual({ running: true, accountsDone: 1, accountsTotal: 2 });
  });

  it('marks a connection partial as soon as one of its accounts fails', async () => {
    const { adapter, release } = createGatedAdapter({ alpha: new ExchangeError('rate-limited', 'Slow down.'), beta: [] });
    const { service } = setup(new Map([[testConnection(), adapter]]));
    void service.audit();
    await settle();
    release('alpha');
    await settle();
    expect((await service.partial())!.connections[0]).toMatchObject({ status: 'partial', accounts: [{}, { account: sub('alpha'), status: 'failed' }] });
  });

  it('shows a finished connection with its final result while another still runs', async () => {
    const slow = createGatedAdapter({ alpha: [exchangeKey(sub('alpha'), 'a1')] });
    const broken = createGatedAdapter({});
    broken.adapter.fetchCallingKey = async () => {
      throw new ExchangeError('bad-signature', 'The secret does not match.');
    };
    const { service } = setup(new Map([[testConnection('conn-1', 'Slow'), slow.adapter], [testConnection('conn-2', 'Broken'), broken.adapter]]));
    void service.audit();
    await settle();
    const partial = await service.partial();
    expect(partial!.connections.map((connection) => [connection.label, connection.status])).toEqual([['Slow', 'ok'], ['Broken', 'failed']]);
    expect(partial!.connections[1]!.error).toMatchObject({ kind: 'bad-signature' });
  });

  it('evaluates findings once per change, however often it is asked', async () => {
    const { adapter, release } = createGatedAdapter({ alpha: [exchangeKey(sub('alpha'), 'a1')] });
    const { service, evaluate } = setup(new Map([[testConnection(), adapter]]));
    void service.audit();
    await settle();
    await Promise.all([service.partial(), service.partial()]);
    await service.partial();
    expect(evaluate).toHaveBeenCalledTimes(1);
    release('alpha');
    await settle();
    expect(evaluate).toHaveBeenCalledTimes(2); // the final run's own evaluation
  });

  it('ends in a run that is the last partial run plus the accounts that came after it', async () => {
    const { adapter, release } = createGatedAdapter({
      alpha: [exchangeKey(sub('alpha'), 'a1', risky), exchangeKey(sub('alpha'), 'a2')],
      beta: [exchangeKey(sub('beta'), 'b1', risky)],
      gamma: [exchangeKey(sub('gamma'), 'g1', risky)],
    });
    const { service } = setup(new Map([[testConnection(), adapter]]));
    const running = service.audit();
    await settle();
    release('gamma');
    release('alpha');
    await settle();
    const partial = (await service.partial())!;
    release('beta');
    const final = await running;

    expect(partial.startedAt).toBe(final.startedAt);
    expect(final.keys.filter((key) => partial.keys.some((shown) => shown.id === key.id))).toEqual(partial.keys);
    expect(final.keys.filter((key) => !partial.keys.some((shown) => shown.id === key.id)).map((key) => key.label)).toEqual(['b1']);
    const keysAfter = new Set(final.keys.filter((key) => key.label === 'b1').map((key) => key.id));
    expect(final.findings.filter((finding) => !keysAfter.has(finding.keyId))).toEqual(partial.findings);
    expect(final.connections[0]!.accounts.filter((account) => account.account.name !== 'beta')).toEqual(
      expect.arrayContaining(partial.connections[0]!.accounts),
    );
    expect(final.connections[0]!.accounts).toHaveLength(partial.connections[0]!.accounts.length + 1);
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
