import type { z } from 'zod';
import { apiErrorSchema } from '@contract/api.ts';
import type { ApiErrorCode } from '@contract/api-error-code.ts';
import { readSessionToken } from './session-store.ts';
import { noteSessionRequest } from './session-activity.ts';

/** The shape of one entry of `apiRoutes` in @contract/api.ts. */
export type ApiRoute = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  input?: z.ZodType;
  /** The query string's schema, for GET routes that take one. */
  query?: z.ZodType;
  output: z.ZodType;
};

/** ':keyId' segments of a route path, as a union of names. */
type PathParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

type ParamsOption<R extends ApiRoute> = [PathParamNames<R['path']>] extends [never]
  ? { params?: undefined }
  : { params: Record<PathParamNames<R['path']>, string> };

type BodyOption<R extends ApiRoute> = R extends { input: z.ZodType }
  ? { body: z.input<R['input']> }
  : { body?: undefined };

type QueryOption<R extends ApiRoute> = R extends { query: z.ZodType } ? { query?: z.input<R['query']> } : { query?: undefined };

export type CallApiOptions<R extends ApiRoute> = ParamsOption<R> & BodyOption<R> & QueryOption<R>;

/** A failed API call, in the server's words: `{ error, message, requestId }`. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly requestId: string | null;

  constructor(status: number, code: ApiErrorCode, message: string, requestId: string | null) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

/**
 * Calls one route of the contract: fills `:params`, sends the session token and a JSON body,
 * and parses the answer with the route's output schema. Throws ApiRequestError; shows nothing.
 */
export async function callApi<R extends ApiRoute>(
  route: R,
  ...[options]: object extends CallApiOptions<R> ? [CallApiOptions<R>?] : [CallApiOptions<R>]
): Promise<z.output<R['output']>> {
  const url = fillPathParams(route.path, options?.params ?? {}) + toQueryString(options?.query);
  const headers = authorizedHeaders('application/json');
  const hasBody = options?.body !== undefined;
  if (hasBody) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(url, {
      method: route.method,
      headers,
      body: hasBody ? JSON.stringify(options.body) : undefined,
    });
  } catch {
    throw new ApiRequestError(0, 'unreachable', 'Could not reach the keyaudit server. Is it still running?', null);
  }

  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiRequestError(response.status, payload);
  const parsed = route.output.safeParse(payload);
  if (!parsed.success) {
    throw new ApiRequestError(
      response.status,
      'bad-response',
      'The server sent an answer this page does not understand. Reload the page; if it persists, the server and page versions differ.',
      null,
    );
  }
  return parsed.data as z.output<R['output']>;
}

/**
 * Downloads a file answer (a report) with the session token, which a plain link could not send.
 * Errors arrive as JSON like any other call's and throw the same ApiRequestError.
 */
export async function fetchApiFile(pathWithQuery: string, { json }: { json?: unknown } = {}): Promise<{ blob: Blob; filename: string | null }> {
  let response: Response;
  try {
    const headers = authorizedHeaders('*/*');
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    response = await fetch(pathWithQuery, { method: json === undefined ? 'GET' : 'POST', headers, body: json === undefined ? undefined : JSON.stringify(json) });
  } catch {
    throw new ApiRequestError(0, 'unreachable', 'Could not reach the keyaudit server. Is it still running?', null);
  }
  if (!response.ok) throw toApiRequestError(response.status, await response.json().catch(() => undefined));
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), filename };
}

/**
 * Opens a server-sent-events stream with the session token in its header (EventSource could carry it
 * only in the URL, where it would reach history and logs). `lastEventId` resumes after that event.
 * Resolves once the server answered; a refusal arrives as JSON and throws ApiRequestError.
 */
export async function openApiStream(path: string, { lastEventId, signal }: { lastEventId?: string | null; signal?: AbortSignal } = {}): Promise<ReadableStream<Uint8Array>> {
  const headers = authorizedHeaders('text/event-stream');
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  let response: Response;
  try {
    response = await fetch(path, { method: 'GET', headers, signal, cache: 'no-store' });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(0, 'unreachable', 'Could not reach the keyaudit server. Is it still running?', null);
  }
  if (!response.ok) throw toApiRequestError(response.status, await response.json().catch(() => undefined));
  if (!response.body) throw new ApiRequestError(response.status, 'bad-response', 'The server sent no stream.', null);
  return response.body;
}

function authorizedHeaders(accept: string): Record<string, string> {
  const headers: Record<string, string> = { Accept: accept };
  const token = readSessionToken();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
    noteSessionRequest(); // the server's idle timer restarts with this request
  }
  return headers;
}

/** `?a=1&b=2` of the defined values; '' when there are none. */
function toQueryString(query: object | undefined): string {
  const entries = Object.entries(query ?? {}).filter(([, value]) => value !== undefined && value !== null);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([name, value]) => [name, String(value)]))}`;
}

function fillPathParams(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(value);
  });
}

function toApiRequestError(status: number, payload: unknown): ApiRequestError {
  const body = apiErrorSchema.safeParse(payload);
  if (!body.success) return new ApiRequestError(status, 'bad-response', `The keyaudit server answered with HTTP ${status}.`, null);
  const { error, message, requestId } = body.data;
  // An unexpected error is found in the server log by its request id, so the id is part of what is shown.
  return new ApiRequestError(status, error, error === 'internal' ? `${message} (request id ${requestId})` : message, requestId);
}
