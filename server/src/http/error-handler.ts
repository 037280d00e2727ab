import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { ExchangeError } from '../exchanges/exchange-error.ts';
import type { Logger } from '../logging/logger.ts';
import { HttpError } from './api-error.ts';
import { newRequestId } from './request-id.ts';

/** Exchange refusals that are the user's to fix answer 4xx; the exchange being down answers 502. */
const EXCHANGE_KIND_STATUS: Record<string, number> = {
  'key-passphrase-wrong': 400,
  'invalid-request': 400,
  'not-found': 404,
  'permission-denied': 403,
};

/**
 * Every error leaves as {error, message, requestId}: a stable code and our own words, never a
 * stack, a path, err.message of an unexpected error, or anything an exchange sent.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const requestId = newRequestId();
    const { status, code, message, headers } = describe(error);
    const log = status >= 500 ? logger.error : logger.info;
    log('request failed', { requestId, method: req.method, path: req.path, status, code, cause: status >= 500 ? String(error?.name ?? 'Error') : undefined });
    if (res.headersSent) return;
    res.status(status).set(headers).json({ error: code, message, requestId });
  };
}

function describe(error: unknown): { status: number; code: string; message: string; headers: Record<string, string> } {
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message, headers: error.headers };
  if (error instanceof ExchangeError) {
    return { status: EXCHANGE_KIND_STATUS[error.kind] ?? 502, code: error.kind, message: error.message, headers: {} };
  }
  if (error instanceof ZodError) {
    const fields = [...new Set(error.issues.map((issue) => issue.path.join('.') || 'body'))].join(', ');
    return { status: 400, code: 'invalid_input', message: `Check these fields: ${fields}.`, headers: {} };
  }
  const type = (error as { type?: string })?.type;
  if (type === 'entity.too.large') return { status: 413, code: 'payload_too_large', message: 'The request body is larger than 16 KiB.', headers: {} };
  if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON.', headers: {} };
  }
  const status = (error as { status?: number })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, code: 'bad_request', message: 'The request was not understood.', headers: {} };
  return { status: 500, code: 'internal', message: 'Something went wrong inside keyaudit. The log has the request id.', headers: {} };
}
