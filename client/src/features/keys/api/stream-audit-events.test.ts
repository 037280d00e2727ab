/** Reading the audit stream: events checked against the contract, a dropped stream resumed after its last event. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { AuditEvent } from '@contract/audit-events.ts';
import { toAuditRun } from '@contract/audit-run-snapshot.ts';
import { ApiRequestError } from '../../../lib/api-client.ts';
import { toAuditEvents } from '../../../testing/audit-events.ts';
import { apiError, createEventStream, stubApi } from '../../../testing/fetch-stub.ts';
import { reviewRun } from '../../../testing/review-fixtures.ts';
import { auditQueryOptions } from './get-audit.ts';
import type { AuditView } from './audit-view.ts';
import { RESUME_DELAYS_MS, streamAuditEvents } from './stream-audit-events.ts';

const noWait = () => Promise.resolve();
const events = toAuditEvents(reviewRun);

async function collect(stream: AsyncGenerator<AuditEvent>): Promise<AuditEvent[]> {
  const seen: AuditEvent[] = [];
  for await (const event of stream) seen.push(event);
  return seen;
}

describe(streamAuditEvents.name, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads to run-finished, and after a drop asks to resume after the last event it saw', async () => {
    const stream = createEventStream();
    const api = stubApi({ 'GET /api/audit/events': stream.handler });
    const reading = collect(streamAuditEvents({ wait: async () => {
      stream.send(...events.slice(3));
      stream.end();
    } }));
    stream.send(...events.slice(0, 3));
    await vi.waitFor(() => expect(api.calls).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    stream.drop();

    expect(await reading).toEqual(events);
    expect(api.calls.map((call) => call.headers['last-event-id'])).toEqual([undefined, 'run-1:3']);
  });

  it('gives up after its last resume, and ends on run-failed, on a refusal and on an event it cannot read', async () => {
    stubApi({ 'GET /api/audit/events': () => ({ stream: new ReadableStream({ start: (controller) => controller.close() }) }) });
    await expect(collect(streamAuditEvents({ wait: noWait }))).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('kept dropping') });

    const failed = createEventStream();
    stubApi({ 'GET /api/audit/events': failed.handler });
    failed.send(events[0]!, { type: 'run-failed', error: 'invalid-policy', message: 'The policy file is not valid.' });
    await expect(collect(streamAuditEvents({ wait: noWait }))).rejects.toMatchObject({ code: 'invalid-policy', message: 'The policy file is not valid.' });

    stubApi({ 'GET /api/audit/events': apiError(401, 'unauthorized', 'Session token missing or invalid.') });
    await expect(collect(streamAuditEvents({ wait: noWait }))).rejects.toMatchObject({ status: 401 });

    const garbled = createEventStream();
    stubApi({ 'GET /api/audit/events': garbled.handler });
    garbled.send({ type: 'run-started', runId: 'r', startedAt: 'yesterday', connections: [] } as unknown as AuditEvent);
    const error = await collect(streamAuditEvents({ wait: noWait })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code: 'bad-response' });
    expect(RESUME_DELAYS_MS.length).toBeGreaterThan(2);
  });
});

describe('the audit query', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('builds its one cache entry from the stream, to the run the server completed', async () => {
    const stream = createEventStream();
    stubApi({ 'GET /api/audit/events': stream.handler });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const fetching = client.fetchQuery(auditQueryOptions());
    stream.send(...events.slice(0, 2));
    await vi.waitFor(() => expect(client.getQueryData<AuditView>(auditQueryOptions().queryKey)?.live?.connections).toHaveLength(1));
    stream.send(...events.slice(2));
    stream.end();
    const view = await fetching;
    const built = toAuditRun(view.live!, reviewRun.finishedAt);
    expect(built.keys.map((key) => key.id).sort()).toEqual(reviewRun.keys.map((key) => key.id).sort());
    expect(view.live!.finishedAt).toBe(reviewRun.finishedAt);
    expect(client.getQueryCache().getAll()).toHaveLength(1);
  });
});
