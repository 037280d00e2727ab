import express, { type RequestHandler } from 'express';
import { UserFacingError } from '../errors/user-facing-error.ts';

const MAX_DEPTH = 8;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON bodies only, 16 KiB at most, objects only, shallow, and no prototype-pollution keys. */
export function createJsonBodyParser(): RequestHandler[] {
  return [
    express.json({ limit: '16kb', strict: true, type: 'application/json' }),
    (req, _res, next) => {
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
