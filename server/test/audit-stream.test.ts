/**
 * GET /api/audit/events over HTTP against the demo simulators, slowed down so a run takes a while:
 * the session check and request boundary, the event sequence, a viewer joining mid-run, a dropped
 * stream resuming without duplicates, listeners given back, and a revoke that reads one account again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiRoutes } from '@contract/api.ts';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { applyAuditEvents, applyRunDelta } from '@contract/audit-run-state.ts';
import { toAuditRun } from '@contract/audit-run-snapshot.ts';
import type { AuditRun } from '@contract/audit-run.ts';
import { fetchTransport } from '../src/exchanges/http-transport.ts';
import { KUCOIN_DEMO_KEY_PASSPHRASE } from '../src/simulator/kucoin/kucoin-demo-seed.ts';
import { startSimulator, type RunningSimulator } from '../src/simulator/create-simulator.ts';
import { createDemoWorkspace } from '../src/workspace/create-demo-workspace.ts';
import { eventually, readAuditStream, readWholeStream, type StreamedEvent } from './test-support/audit-stream.ts';
import { rawRequest, startApp, type RunningApp } from './test-support/start-app.ts';

let simulator: RunningSimulator;
let app: RunningApp;
let demo: ReturnType<typeof createDemoWorkspace>;
beforeEach(async () => {
  simulator = await startSimulator({ latencyMs: 40, rateLimits: 'relaxed' });
  demo = createDemoWorkspace({ simulator, transport: fetchTransport, now: Date.now });
  app = await startApp(demo.services);
});
afterEach(async () => {
  await app.close();
  await simulator.close();
  demo.dispose();
});

const EVENTS = apiRoutes.getAuditEvents.path;
const openStream = (headers: Record<string, string> = {}, signal?: AbortSignal) => app.api(EVENTS, { headers, signal });
const runOf = (events: StreamedEvent[]) => toAuditRun(applyAuditEvents(null, events.map((streamed) => streamed.event))!, new Date().toISOString());
const audit = () => demo.services.audits.current();

describe('GET /api/audit/events: who may read it', () => {
  it('answers 401 without the session token, and 403 to another site, before any audit starts', async () => {
    const anonymous = await fetch(app.origin + EVENTS);
    expect(anonymous.status).toBe(401);
    const crossSite = await rawRequest(app.port, { path: EVENTS, headers: { host: `127.0.0.1:${app.port}`, authorization: `Bearer ${app.sessionToken}`, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const foreignOrigin = await rawRequest(app.port, { path: EVENTS, headers: { host: `127.0.0.1:${app.port}`, authorization: `Bearer ${app.sessionToken}`, origin: 'http://127.0.0.1:1' } });
    expect(foreignOrigin.status).toBe(403);
    expect(audit().findRun('anything')).toBeNull();
    expect(simulator.journal.nextSeq).toBe(0);
  });

  it('is an uncompressed, unstored event stream whose first events arrive while the run is still going', async () => {
    const response = await openStream({ 'accept-encoding': 'gzip, br' });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    const stream = readAuditStream(response);
    const first = (await stream.next()).value as StreamedEvent;
    const firstRead = (await stream.next()).value as StreamedEvent;
    expect(first.event.type).toBe('run-started');
    expect(firstRead.event.type).toBe('account-read');
    expect(audit().findRun(first.id.split(':')[0]!)!.isOver).toBe(false);
    for await (const _rest of stream);
  });
});

describe('GET /api/audit/events: the run as events', () => {
  it('sends run-started, each account with its keys and findings, each connection finished, then run-finished', async () => {
    const [events, completed] = await Promise.all([openStream().then(readWholeStream), app.api('/api/audit').then((response) => response.json() as Promise<AuditRun>)]);
    const types = events.map((streamed) => streamed.event.type);
    expect(types[0]).toBe('run-started');
    expect(types.at(-1)).toBe('run-finished');
    const started = events[0]!.event as Extract<StreamedEvent['event'], { type: 'run-started' }>;
    expect(started.connections.map((connection) => connection.exchange).sort()).toEqual([...EXCHANGE_IDS].sort());
    for (const { connectionId } of started.connections) {
      const finishedAt = events.findIndex((streamed) => streamed.event.type === 'connection-finished' && streamed.event.connectionId === connectionId);
      const lastRead = events.findLastIndex((streamed) => streamed.event.type === 'account-read' && streamed.event.account.connectionId === connectionId);
      expect(finishedAt).toBeGreaterThan(lastRead);
    }
    // A delta per account: no key is sent twice, and together they are the run GET /api/audit answers.
    const sentKeyIds = events.flatMap((streamed) => (streamed.event.type === 'account-read' ? streamed.event.account.keys.map((key) => key.id) : []));
    expect(new Set(sentKeyIds).size).toBe(sentKeyIds.length);
    expect(runOf(events)).toEqual(completed);
    expect(events.at(-1)!.event).toMatchObject({ type: 'run-finished', summary: { keys: completed.keys.length, connections: EXCHANGE_IDS.length } });
  });

  it('gives a viewer who joins mid-run what was read so far at once, then the same live events', async () => {
    const first = readAuditStream(await openStream());
    const seenByFirst: StreamedEvent[] = [];
    for await (const streamed of first) {
      seenByFirst.push(streamed);
      if (seenByFirst.filter((seen) => seen.event.type === 'account-read').length >= 3) break;
    }
    const second = await readWholeStream(await openStream());
    for await (const streamed of readAuditStream(await openStream({ 'last-event-id': seenByFirst.at(-1)!.id }))) seenByFirst.push(streamed);

    expect(second.map((streamed) => streamed.id)).toEqual(seenByFirst.map((streamed) => streamed.id));
    expect(second.slice(0, 4).map((streamed) => streamed.event)).toEqual(seenByFirst.slice(0, 4).map((streamed) => streamed.event));
    expect(runOf(second)).toEqual(runOf(seenByFirst));
  });

  it('resumes a dropped stream after the last event it saw, without sending any event twice', async () => {
    const controller = new AbortController();
    const before: StreamedEvent[] = [];
    for await (const streamed of readAuditStream(await openStream({}, controller.signal))) {
      before.push(streamed);
      if (before.length === 4) break;
    }
    controller.abort();
    const after = await readWholeStream(await openStream({ 'last-event-id': before.at(-1)!.id }));
    const ids = [...before, ...after].map((streamed) => streamed.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.map((id) => Number(id.split(':')[1]))).toEqual(ids.map((_id, index) => index + 1));
    expect(after.at(-1)!.event.type).toBe('run-finished');
    // The same run, read again from its start after it finished: identical.
    const runId = before[0]!.id.split(':')[0];
    const replay = await readWholeStream(await openStream({ 'last-event-id': `${runId}:0` }));
    expect(replay.map((streamed) => streamed.id)).toEqual(ids);
  });

  it('starts from the current run when the id names a run that is gone, and a new run once the last one is over', async () => {
    const stale = await readWholeStream(await openStream({ 'last-event-id': 'gone-run:12' }));
    expect(stale[0]!.event.type).toBe('run-started');
    const [a, b] = await Promise.all([openStream().then(readWholeStream), openStream().then(readWholeStream)]);
    expect(a[0]!.id).toBe(b[0]!.id);
    expect(a[0]!.id).not.toBe(stale[0]!.id);
  });

  it('gives back its listener when the reader goes away mid-run', async () => {
    const controller = new AbortController();
    const stream = readAuditStream(await openStream({}, controller.signal));
    await stream.next();
    expect(audit().listenerCount).toBe(1);
    controller.abort();
    await eventually(() => audit().listenerCount === 0);
    await audit().audit();
    expect(audit().listenerCount).toBe(0);
  });
});

describe('POST /api/keys/:keyId/revoke: what changed, from one account read again', () => {
  it('holds back a key whose connection is still being read', async () => {
    for await (const { event } of readAuditStream(await openStream())) {
      if (event.type !== 'account-read' || event.account.result.account.kind !== 'master' || event.account.keys[0]!.exchange !== 'kucoin') continue;
      const response = await app.api(`/api/keys/${encodeURIComponent(event.account.keys[0]!.id)}/revoke`, { method: 'POST', json: {} });
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: 'connection-still-reading' });
      break;
    }
    await audit().audit();
  });

  it('answers with the re-read account, having listed no other account, and the run follows it', async () => {
    const events = await readWholeStream(await openStream());
    const run = runOf(events);
    const target = run.keys.find((key) => key.exchange === 'kucoin' && key.account.name === 'portfolio-tracker' && key.revocability.canRevoke)!;
    const since = simulator.journal.nextSeq;
    const requestsBefore = Object.fromEntries((['kucoin', 'okx', 'gate', 'binance', 'bybit'] as const).map((id) => [id, simulator[id].state.stats.requests]));

    const response = await app.api(`/api/keys/${encodeURIComponent(target.id)}/revoke`, { method: 'POST', json: { keyPassphrase: KUCOIN_DEMO_KEY_PASSPHRASE } });
    expect(response.status).toBe(200);
    const result = apiRoutes.revokeKey.output.parse(await response.json());

    expect(result).toMatchObject({ revoked: true, keyId: target.id, confirmation: 'gone', message: null, delta: { removedKeyIds: [target.id] } });
    expect(result.delta.accounts.map((account) => account.result.account)).toEqual([target.account]);
    expect(result.delta.accounts[0]!.keys.map((key) => key.id)).not.toContain(target.id);
    const requests = simulator.journal.since(since);
    expect(new Set(requests.map((request) => request.exchange))).toEqual(new Set(['kucoin']));
    for (const id of ['okx', 'gate', 'binance', 'bybit'] as const) expect(simulator[id].state.stats.requests).toBe(requestsBefore[id]);
    const listings = requests.filter((request) => request.method === 'GET' && request.path.startsWith('/api/v1/sub/api-key'));
    expect(listings.map((request) => request.query.subName)).toEqual(['portfolio-tracker', 'portfolio-tracker']);
    expect(requests.filter((request) => request.path.startsWith('/api/v2/sub/user'))).toEqual([]);
    expect(requests.length).toBeLessThanOrEqual(4);

    const after = toAuditRun(applyRunDelta(applyAuditEvents(null, events.map((streamed) => streamed.event))!, result.delta), run.finishedAt);
    expect(after.keys).toEqual(run.keys.filter((key) => key.id !== target.id));
    expect(after.findings).toEqual(run.findings.filter((finding) => finding.keyId !== target.id));
    const report = await (await app.api('/api/audit/report?format=json')).json();
    expect(report.keys.map((key: { apiKey: string }) => key.apiKey)).not.toContain(target.apiKey);
    expect(report.keys).toHaveLength(run.keys.length - 1);
  });
});
