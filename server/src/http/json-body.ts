import express, { type Request, type RequestHandler } from 'express';
import { UserFacingError } from '../errors/user-facing-error.ts';

const MAX_DEPTH = 8;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The one route whose body may be large: the dashboard's export of the keys on screen (up to 50,000 key ids). The
 * 16 KiB parser leaves it alone; the route parses it itself, after the session check, with LARGE_BODY_LIMIT.
 */
export const isLargeBodyRoute = (req: Request) => req.method === 'POST' && req.originalUrl.split('?')[0] === '/api/audit/report';
export const LARGE_BODY_LIMIT = '8mb';

/** JSON bodies only, 16 KiB at most (`limit` for the large-body route), objects only, shallow, and no prototype-pollution keys. */
export function createJsonBodyParser({ limit = '16kb', forLargeBodyRoute = false }: { limit?: string; forLargeBodyRoute?: boolean } = {}): RequestHandler[] {
  const parse = express.json({ limit, strict: true, type: 'application/json' });
  return [
    (req, res, next) => (isLargeBodyRoute(req) === forLargeBodyRoute ? parse(req, res, next) : next()),
    (req, _res, next) => {
      if (isLargeBodyRoute(req) !== forLargeBodyRoute) return next();
      if (req.body === undefined || req.method === 'GET' || req.method === 'HEAD') return next();
      if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
        return next(new UserFacingError('invalid-json', 'The request body must be a JSON object.'));
      }
      if (!isSafeJson(req.body, 0)) return next(new UserFacingError('invalid-json', 'The request body is not acceptable JSON.'));
      next();
    },
  ];
}

function isSafeJson(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => isSafeJson(item, depth + 1));
  if (value && typeof value === 'object') {
    return Object.keys(value).every((key) => !FORBIDDEN_KEYS.has(key) && isSafeJson((value as Record<string, unknown>)[key], depth + 1));
  }
  return true;
}
