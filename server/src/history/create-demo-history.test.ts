import { describe, expect, it } from 'vitest';
import { createDemoHistory } from './create-demo-history.ts';
import { changesBetween } from './changes-between.ts';
import { buildKey, buildRun, SPOT, WITHDRAW } from './history-test-fixtures.ts';

const read = buildKey().capabilities;
const keys = [
  buildKey({ id: 'calling', account: { kind: 'master', name: 'master' }, isCallingKey: true }),
  buildKey({ id: 'bot', apiKey: 'bot0000000000001', permissions: ['General', WITHDRAW.word], capabilities: [...read, WITHDRAW.granted] }),
  buildKey({ id: 'payout', apiKey: 'payout0000000001', ipWhitelist: null, permissions: ['General', WITHDRAW.word], capabilities: [...read, WITHDRAW.granted] }),
  buildKey({ id: 'trader', apiKey: 'trader0000000001', permissions: ['General', SPOT.word], capabilities: [...read, SPOT.granted] }),
  buildKey({ id: 'tax', apiKey: 'tax0000000000001', label: 'tax' }),
];

describe(createDemoHistory.name, () => {
  it('gives the first recorded run a past in which a key gained withdraw, one disappeared, a whitelist went and a key appeared', () => {
    const history = createDemoHistory();
    expect(history.status()).toEqual({ state: 'available', storage: 'memory', runs: 0 });
    const summary = history.store().recordRun(buildRun({ keys, finishedAt: '2026-12-01T10:00:00.000Z' }), 'dashboard');
    expect(summary.runId).toBe(4);
    const store = history.store();
    expect(store.listRuns().map((run) => [run.source, run.finishedAt.slice(0, 10)])).toEqual([
      ['dashboard', '2026-12-01'],
      ['demo-seed', '2026-11-24'],
      ['demo-seed', '2026-11-17'],
      ['demo-seed', '2026-11-10'],
    ]);
    const kindsOf = (from: number, to: number) => changesBetween(store, { from, to })!.changes.filter((change) => !change.kind.startsWith('finding')).map((change) => [change.kind, change.keyId]);
    expect(kindsOf(1, 2)).toEqual([]);
    expect(kindsOf(2, 3)).toEqual([
      ['permissions-changed', 'bot'],
      ['key-removed', expect.stringContaining('retired')],
    ]);
    expect(kindsOf(3, 4)).toEqual([
      ['ip-whitelist-changed', 'payout'],
      ['key-added', 'trader'],
    ]);
    // Later runs are recorded as they are.
    expect(store.recordRun(buildRun({ keys }), 'dashboard').runId).toBe(5);
  });

  it('records a run alone when it has too few keys for that story', () => {
    const history = createDemoHistory();
    history.store().recordRun(buildRun(), 'dashboard');
    expect(history.store().listRuns()).toHaveLength(1);
  });
});
