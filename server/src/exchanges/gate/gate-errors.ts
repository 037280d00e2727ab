import type { ExchangeErrorKind } from '@contract/exchange-error-kind.ts';
import { ExchangeError } from '../exchange-error.ts';
import type { HttpResponse } from '../http-transport.ts';
import { headerValue } from '../header-value.ts';

type GateErrorEntry = { kind: ExchangeErrorKind; message: string };

const RATE_LIMITED: GateErrorEntry = {
  kind: 'rate-limited',
  message: "Gate's request limit for this account was reached; wait a few seconds and run the audit again.",
};
const SERVER_ERROR: GateErrorEntry = { kind: 'exchange-error', message: 'Gate had an internal error; try again later.' };
const INVALID_REQUEST: GateErrorEntry = { kind: 'invalid-request', message: 'Gate rejected the request as malformed; keyaudit may need an update.' };

/**
 * Gate error labels in keyaudit's vocabulary. Match on `label`, never on `message` (Gate: "Error handling mechanism
 * with this field is highly NOT recommended"). https://www.gate.com/docs/developers/apiv4/en#label-list
 * (docs/exchanges/gate.md#errors); auth labels come with HTTP 401.
 */
export const GATE_ERRORS: Readonly<Record<string, GateErrorEntry>> = {
  INVALID_CREDENTIALS: {
    kind: 'unknown-key',
    message: 'Gate did not accept these credentials: the API key is unknown to Gate, or it was copied incompletely.',
  },
  INVALID_KEY: { kind: 'unknown-key', message: 'Gate does not know this API key: it was deleted, or it was copied wrongly.' },
  IP_FORBIDDEN: {
    kind: 'ip-not-allowed',
    // gateio/gateapi-go#3: only happens when the key has a whitelist and the public egress IP is not on it (docs/exchanges/gate.md#known-problems).
    message: "This machine's public IP address is not on the key's IP whitelist (Gate checks the address your network uses to reach it).",
  },
  READ_ONLY: { kind: 'permission-denied', message: 'This key is read-only on Gate; deleting keys needs a read-write main-account key.' },
  INVALID_SIGNATURE: { kind: 'bad-signature', message: 'Gate rejected the request signature: the API secret is probably wrong.' },
  MISSING_REQUIRED_HEADER: { kind: 'invalid-request', message: 'Gate says an authentication header is missing; keyaudit may need an update.' },
  REQUEST_EXPIRED: { kind: 'clock-skew', message: "This machine's clock differs from Gate's by more than 60 seconds; check the system clock." },
  ACCOUNT_LOCKED: { kind: 'permission-denied', message: 'This Gate account is locked.' },
  FORBIDDEN: {
    kind: 'permission-denied',
    message: 'Gate denied this key the request (listing sub-accounts and their keys needs a main-account key).',
  },
  SUB_ACCOUNT_NOT_FOUND: { kind: 'not-found', message: 'Gate does not know that sub-account (any more).' },
  SUB_ACCOUNT_LOCKED: { kind: 'permission-denied', message: 'That Gate sub-account is locked.' },
  TOO_MANY_REQUESTS: RATE_LIMITED,
  NOT_FOUND: { kind: 'not-found', message: 'Gate does not offer this endpoint (any more); keyaudit may need an update.' },
  INVALID_PARAM_VALUE: INVALID_REQUEST,
  INVALID_PROTOCOL: INVALID_REQUEST,
  INVALID_ARGUMENT: INVALID_REQUEST,
  INVALID_REQUEST_BODY: INVALID_REQUEST,
  MISSING_REQUIRED_PARAM: INVALID_REQUEST,
  BAD_REQUEST: INVALID_REQUEST,
  INVALID_CONTENT_TYPE: INVALID_REQUEST,
  NOT_ACCEPTABLE: INVALID_REQUEST,
  METHOD_NOT_ALLOWED: INVALID_REQUEST,
  INTERNAL: SERVER_ERROR,
  SERVER_ERROR,
  INTERNAL_SERVER_ERROR: SERVER_ERROR,
  TOO_BUSY: { kind: 'exchange-error', message: 'Gate is too busy at the moment; try again later.' },
};

/** Only a short upper-case label may travel on as exchangeCode; anything else is upstream text. */
const LABEL_PATTERN = /^[A-Z][A-Z0-9_]{1,63}$/;

export type GateParseOptions = {
  /** Gate's clock (ms) when the answer came; turns the rate-limit reset timestamp into retryAfterMs. */
  serverNowMs?: number;
};

/**
 * Returns the parsed JSON of a successful Gate answer (2xx; null for 204 No Content), otherwise throws ExchangeError.
 * Gate answers errors with a non-2xx status and {"label", "message"}. Messages are always ours.
 */
export function parseGateResponse(response: HttpResponse, options: GateParseOptions = {}): unknown {
  const json = readJson(response.body);
  if (response.status >= 200 && response.status < 300) {
    if (response.status === 204) return null;
    if (json.ok) return json.value;
    throw new ExchangeError('bad-response', 'Gate sent an answer keyaudit could not read.');
  }
  const label = json.ok ? readLabel(json.value) : null;
  const entry = (label && GATE_ERRORS[label]) || entryForStatus(response.status, json.ok);
  const resetAtMs = readGateResetAtMs(response.headers);
  const retryAfterMs =
    entry.kind === 'rate-limited' && resetAtMs !== null && options.serverNowMs !== undefined ? Math.max(0, resetAtMs - options.serverNowMs) : null;
  throw new ExchangeError(entry.kind, entry.message, { exchangeCode: label, retryAfterMs });
}

function entryForStatus(status: number, isJson: boolean): GateErrorEntry {
  if (status === 429) return RATE_LIMITED;
  if (status >= 500) return SERVER_ERROR;
  if (status === 401) return { kind: 'bad-signature', message: 'Gate did not accept the API key and secret of this connection; check both.' };
  if (status === 403) return { kind: 'permission-denied', message: 'Gate denied this key the request.' };
  if (status === 404) return { kind: 'not-found', message: 'Gate found nothing at this address; check the base URL of this connection.' };
  if (isJson && status >= 400) return { kind: 'exchange-error', message: 'Gate refused the request.' };
  return { kind: 'bad-response', message: 'Gate sent an answer keyaudit could not read.' };
}

function readJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

function readLabel(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('label' in value)) return null;
  const label = (value as { label: unknown }).label;
  return typeof label === 'string' && LABEL_PATTERN.test(label) ? label : null;
}

/**
 * X-Gate-RateLimit-Reset-Timestamp: "when your request limit resets if you have exceeded your rate_limit. Otherwise,
 * this is just the current timestamp" (docs/exchanges/gate.md#rate-limits). Its unit is not documented: seconds are read
 * as seconds, values beyond 1e12 as milliseconds. Returns epoch milliseconds on Gate's clock.
 */
export function readGateResetAtMs(headers: Record<string, string>): number | null {
  const text = headerValue(headers, 'x-gate-ratelimit-reset-timestamp')?.trim();
  const value = Number(text);
  if (!text || !Number.isFinite(value) || value <= 0) return null;
  return value < 1e12 ? value * 1000 : value;
}
