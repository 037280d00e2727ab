import type { ErrorRequestHandler } from 'express';
import type { ApiErrorCode } from '@contract/api-error-code.ts';
import { toUserFacingError } from '../errors/to-user-facing-error.ts';
import type { Logger } from '../logging/logger.ts';
import { TooManyAttemptsError } from './api-error.ts';
import { HTTP_STATUS } from './http-status.ts';
import { newRequestId } from './request-id.ts';

export type ErrorAnswer = { status: number; code: ApiErrorCode; message: string; headers: Record<string, string> };

/** The client shows the request id beside this sentence, so the log line can be found. */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong inside keyaudit; the server log has the details under this request id.';

/**
 * Every error leaves as {error, message, requestId}: a stable code and our own words, never a
 * stack, a path, err.message of an unexpected error, or anything an exchange sent.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const requestId = newRequestId();
    const { status, code, message, headers } = toErrorAnswer(error);
    const log = status >= 500 ? logger.error : logger.info;
    log('request failed', { requestId, method: req.method, path: req.path, status, code, cause: status >= 500 ? String(error?.name ?? 'Error') : undefined });
    if (res.headersSent) return;
    res.status(status).set(headers).json({ error: code, message, requestId });
  };
}

export function toErrorAnswer(error: unknown): ErrorAnswer {
  const userError = toUserFacingError(error);
  if (userError) {
    const headers: Record<string, string> = userError instanceof TooManyAttemptsError ? { 'Retry-After': String(userError.retryAfterSeconds) } : {};
    return { status: HTTP_STATUS[userError.code], code: userError.code, message: userError.message, headers };
  }
  // What Express and its body parser throw for a request they could not read.
  const type = (error as { type?: string })?.type;
  if (type === 'entity.too.large') return { status: 413, code: 'payload-too-large', message: 'The request body is larger than 16 KiB.', headers: {} };
  if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status: 400, code: 'invalid-json', message: 'The request body is not valid JSON.', headers: {} };
  }
  const status = (error as { status?: number })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, code: 'bad-request', message: 'The request was not understood.', headers: {} };
  return { status: 500, code: 'internal', message: INTERNAL_ERROR_MESSAGE, headers: {} };
}
