import { apiRoutes } from '@contract/api.ts';
import { auditEventSchema, type AuditEvent } from '@contract/audit-events.ts';
import { ApiRequestError, openApiStream } from '../../../lib/api-client.ts';
import { readServerSentEvents } from '../../../lib/read-server-sent-events.ts';

/** Waits before each attempt to resume a dropped stream; after the last one the audit is reported lost. */
export const RESUME_DELAYS_MS = [200, 500, 1_000, 2_000, 4_000];

type StreamOptions = { signal?: AbortSignal; wait?: (ms: number) => Promise<void> };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The audit's events, each checked against the contract, until run-finished: the run in flight (or a
 * fresh one) from its first event. A stream that drops is opened again with the last event's id and
 * continues after it; the server answers a run it no longer holds with the current run from its start,
 * which applies cleanly because applying events is idempotent. run-failed, a refusal (401, 423) and an
 * answer that does not parse end it with ApiRequestError.
 */
export async function* streamAuditEvents({ signal, wait = pause }: StreamOptions = {}): AsyncGenerator<AuditEvent> {
  let lastEventId: string | null = null;
  let attempt = 0;
  for (;;) {
    try {
      const body = await openApiStream(apiRoutes.getAuditEvents.path, { lastEventId, signal });
      for await (const message of readServerSentEvents(body)) {
        const event = parseEvent(message.data);
        lastEventId = message.id ?? lastEventId;
        attempt = 0;
        yield event;
        if (event.type === 'run-finished') return;
        if (event.type === 'run-failed') throw new ApiRequestError(500, event.error, event.message, null);
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      const isDrop = !(error instanceof ApiRequestError) || error.code === 'unreachable';
      if (!isDrop) throw error;
    }
    if (attempt >= RESUME_DELAYS_MS.length) {
      throw new ApiRequestError(0, 'unreachable', 'The connection to the keyaudit server kept dropping during the audit. Is it still running?', null);
    }
    await wait(RESUME_DELAYS_MS[attempt++]);
  }
}

function parseEvent(data: string): AuditEvent {
  const badEvent = () =>
    new ApiRequestError(200, 'bad-response', 'The server sent an audit event this page does not understand. Reload the page; if it persists, the server and page versions differ.', null);
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    throw badEvent();
  }
  const parsed = auditEventSchema.safeParse(json);
  if (!parsed.success) throw badEvent();
  return parsed.data;
}
