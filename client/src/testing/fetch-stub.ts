import { vi } from 'vitest';
import type { ApiErrorCode } from '@contract/api-error-code.ts';

export type RecordedCall = { method: string; path: string; headers: Record<string, string>; body: unknown };
type Reply = { status?: number; body: unknown } | Promise<{ status?: number; body: unknown }>;
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
    };
    const routeKey = `${call.method} ${call.path}`;
    const handlers = routes[routeKey];
    if (!handlers) throw new Error(`Unexpected request in test: ${routeKey}`);
    const previousCalls = calls.filter((earlier) => `${earlier.method} ${earlier.path}` === routeKey).length;
    calls.push(call);
    const handler = Array.isArray(handlers) ? handlers[Math.min(previousCalls, handlers.length - 1)]! : handlers;
    const reply = await handler(call);
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
