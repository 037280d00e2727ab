import { vi } from 'vitest';
import type { ApiErrorCode } from '@contract/api-error-code.ts';
import type { AuditEvent } from '@contract/audit-events.ts';
import { toAuditEventId } from '@contract/audit-events.ts';

export type RecordedCall = { method: string; path: string; headers: Record<string, string>; body: unknown; signal?: AbortSignal };
/** A JSON answer, or (with `stream`) a text/event-stream. */
type Answer = { status?: number; body?: unknown; stream?: ReadableStream<Uint8Array> };
type Reply = Answer | Promise<Answer>;
type Handler = (call: RecordedCall) => Reply;

/**
 * A fake server at the fetch boundary: routes are "METHOD /path" → handler (or a queue of handlers,
 * used in order, the last one repeating). Every call is recorded for assertions.
 */
export function stubApi(routes: Record<string, Handler | Handler[]>) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://127.0.0.1:7420');
    const call: RecordedCall = {
      method: init.method ?? 'GET',
      path: url.pathname,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? undefined,
    };
    const routeKey = `${call.method} ${call.path}`;
    const handlers = routes[routeKey];
    if (!handlers) throw new Error(`Unexpected request in test: ${routeKey}`);
    const previousCalls = calls.filter((earlier) => `${earlier.method} ${earlier.path}` === routeKey).length;
    calls.push(call);
    const handler = Array.isArray(handlers) ? handlers[Math.min(previousCalls, handlers.length - 1)]! : handlers;
    const reply = await handler(call);
    if (reply.stream) return new Response(reply.stream, { status: reply.status ?? 200, headers: { 'content-type': 'text/event-stream' } });
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    calls,
    callsTo: (method: string, path: string) => calls.filter((call) => call.method === method && call.path === path),
  };
}

export const reply = (body: unknown, status = 200) => () => ({ status, body });

/** An error answer as the server sends it; the code must be one the contract knows. */
export function apiError(status: number, error: ApiErrorCode, message: string) {
  return reply({ error, message, requestId: 'req-test' }, status);
}

/**
 * An audit stream the test drives: `send` writes events (ids numbered per run, as the server does),
 * `end` closes the stream, `drop` breaks it as a lost connection would. Each request to the handler
 * opens a new stream; `streams` counts them.
 */
export function createEventStream() {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let runId = 'run-1';
  let seq = 0;
  let streams = 0;
  const backlog: string[] = [];
  const write = (frame: string) => (controller ? controller.enqueue(encoder.encode(frame)) : backlog.push(frame));
  return {
    handler: (call: RecordedCall): Answer => {
      streams += 1;
      const stream = new ReadableStream<Uint8Array>({
        start(opened) {
          controller = opened;
          for (const frame of backlog.splice(0)) opened.enqueue(encoder.encode(frame));
        },
      });
      call.signal?.addEventListener('abort', () => controller?.error(new DOMException('aborted', 'AbortError')));
      return { stream };
    },
    send(...events: AuditEvent[]) {
      for (const event of events) {
        if (event.type === 'run-started') (runId = event.runId), (seq = 0);
        write(`id: ${toAuditEventId(runId, ++seq)}\ndata: ${JSON.stringify(event)}\n\n`);
      }
    },
    end() {
      controller?.close();
      controller = null;
    },
    drop() {
      controller?.error(new TypeError('network error'));
      controller = null;
    },
    get streams() {
      return streams;
    },
  };
}

/** A handler answering with the whole stream of `events` at once, then ending it. */
export function streamOf(events: AuditEvent[]): Handler {
  return (call) => {
    const stream = createEventStream();
    const answer = stream.handler(call);
    stream.send(...events);
    stream.end();
    return answer;
  };
}
