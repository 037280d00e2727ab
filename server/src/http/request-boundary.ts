import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UserFacingError } from '../errors/user-facing-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD']);
const HOSTILE_FETCH_SITES = new Set(['cross-site', 'same-site']);
const HOSTILE_API_DESTS = new Set(['script', 'style', 'image', 'iframe', 'object', 'embed', 'document', 'frame']);

/**
 * The first gate of every request, before static files, auth or routing.
 * Host must be exactly ours: a DNS-rebinding page's same-origin GET carries no Origin,
 * so only the Host check catches it (docs/security-model.md#host-allowlist). Origin, when present,
 * must equal "http://" + Host exactly: any other local port is an attacker (docs/security-model.md#origin-check).
 */
export function createRequestBoundary(getPort: () => number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.url.startsWith('/') || req.url.includes('#')) return next(new UserFacingError('bad-request', 'Malformed request target.'));
    if (countHostHeaders(req.rawHeaders) !== 1) return next(new UserFacingError('bad-request', 'Exactly one Host header is required.'));

    const host = (req.headers.host ?? '').toLowerCase();
    const port = getPort();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return next(new UserFacingError('forbidden-host', 'This server only answers requests addressed to itself.'));
    }
    if (req.method === 'OPTIONS') return next(new UserFacingError('method-not-allowed', 'Cross-origin requests are not allowed.'));

    const fetchSite = req.headers['sec-fetch-site'];
    if (typeof fetchSite === 'string' && HOSTILE_FETCH_SITES.has(fetchSite.toLowerCase())) {
      return next(new UserFacingError('forbidden-origin', 'Requests from other sites are not allowed.'));
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      return next(new UserFacingError('forbidden-origin', 'Requests from other sites are not allowed.'));
    }
    if (!SAFE_METHODS.has(req.method) && origin === undefined) {
      return next(new UserFacingError('forbidden-origin', 'State-changing requests must come from the keyaudit page.'));
    }
    // Express matches routes case-insensitively, so /API/... would reach the API: the checks below must see it
    // too, and the one spelling we serve is the lower-case one.
    const lowerPath = req.path.toLowerCase();
    if (lowerPath === '/api' || lowerPath.startsWith('/api/')) {
      res.setHeader('Vary', 'Origin, Sec-Fetch-Site');
      res.setHeader('Cache-Control', 'no-store');
      const mode = String(req.headers['sec-fetch-mode'] ?? '').toLowerCase();
      const dest = String(req.headers['sec-fetch-dest'] ?? '').toLowerCase();
      if (mode === 'no-cors' || HOSTILE_API_DESTS.has(dest)) {
        return next(new UserFacingError('forbidden-origin', 'The API answers only the keyaudit page.'));
      }
      // A body-less DELETE carries nothing to parse, and DELETE always needs a preflight we never grant.
      const isBodylessDelete = req.method === 'DELETE' && !hasBody(req);
      if (!SAFE_METHODS.has(req.method) && !isBodylessDelete && !req.is('application/json')) {
        return next(new UserFacingError('unsupported-media-type', 'Send JSON (Content-Type: application/json).'));
      }
      if (!req.path.startsWith('/api')) return next(new UserFacingError('not-found', 'No such API route.'));
    }
    next();
  };
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function countHostHeaders(rawHeaders: string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === 'host') count++;
  return count;
}
