import type { ExchangeErrorKind } from '@contract/exchange-error-kind.ts';
import { ExchangeError } from '../exchange-error.ts';
import { headerValue } from '../header-value.ts';
import type { HttpResponse } from '../http-transport.ts';

type CoinbaseErrorEntry = { kind: ExchangeErrorKind; message: string };

/**
 * Coinbase answers an authentication failure with HTTP 401 and no code that tells its causes apart: a key name and
 * private key that do not belong together, a deleted key, an expired JWT, or (unverified) a caller outside the key's IP
 * allowlist (docs/exchanges/coinbase.md#errors). The message names them all.
 */
export const COINBASE_UNAUTHORIZED: CoinbaseErrorEntry = {
  kind: 'bad-signature',
  message:
    "Coinbase refused the key (HTTP 401): the key name and private key do not belong together, the key was deleted, this machine's IP address is not on the key's IP allowlist, or this machine's clock is off.",
};

/** The `error` words of Coinbase's error bodies (docs/exchanges/coinbase.md#errors). Match on `error`, never on `message`. */
export const COINBASE_ERRORS: Readonly<Record<string, CoinbaseErrorEntry>> = {
  PERMISSION_DENIED: { kind: 'permission-denied', message: "This key lacks the permission needed: reading its own permissions needs Coinbase's View permission." },
  invalid_scope: { kind: 'permission-denied', message: "This key lacks the permission needed: reading its own permissions needs Coinbase's View permission." },
  unauthorized: COINBASE_UNAUTHORIZED,
  UNAUTHENTICATED: COINBASE_UNAUTHORIZED,
  authentication_error: COINBASE_UNAUTHORIZED,
  rate_limit_exceeded: { kind: 'rate-limited', message: "Coinbase's request limit for this key was reached; wait a moment and run the audit again." },
  NOT_FOUND: { kind: 'not-found', message: 'Coinbase does not offer this endpoint (any more); keyaudit may need an update.' },
};

const SERVER_ERROR: CoinbaseErrorEntry = { kind: 'exchange-error', message: 'Coinbase had an internal error; try again later.' };
const CODE_PATTERN = /^[A-Za-z_]{1,40}$/;

/**
 * Returns the body of a successful answer (HTTP 200, JSON), otherwise throws ExchangeError. Messages are always ours:
 * Coinbase's `message` and `error_details` never reach a log or the UI.
 */
export function parseCoinbaseResponse(response: HttpResponse): unknown {
  const body = readJson(response.body);
  if (response.status === 200 && body !== undefined) return body;
  const word = typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : null;
  const code = word && CODE_PATTERN.test(word) ? word : null;
  const entry = (code && COINBASE_ERRORS[code]) || entryForStatus(response.status);
  const retryAfterMs = entry.kind === 'rate-limited' ? readRetryAfterMs(response.headers) : null;
  throw new ExchangeError(entry.kind, entry.message, { exchangeCode: code ?? (response.status >= 400 ? String(response.status) : null), retryAfterMs });
}

function entryForStatus(status: number): CoinbaseErrorEntry {
  if (status === 401) return COINBASE_UNAUTHORIZED;
  if (status === 403) return COINBASE_ERRORS.PERMISSION_DENIED!;
  if (status === 404) return COINBASE_ERRORS.NOT_FOUND!;
  if (status === 429) return COINBASE_ERRORS.rate_limit_exceeded!;
  if (status >= 500) return SERVER_ERROR;
  if (status >= 400) return { kind: 'exchange-error', message: 'Coinbase refused the request.' };
  return { kind: 'bad-response', message: 'Coinbase sent an answer keyaudit could not read.' };
}

/** x-ratelimit-reset: seconds until the limit resets, where Coinbase sends it (the official SDK reads these headers). */
function readRetryAfterMs(headers: Record<string, string>): number | null {
  const seconds = Number(headerValue(headers, 'x-ratelimit-reset') ?? headerValue(headers, 'retry-after'));
  return Number.isFinite(seconds) && seconds >= 0 && seconds < 3600 ? seconds * 1000 : null;
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
