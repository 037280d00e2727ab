import type { ExchangeErrorKind } from '@contract/exchange-error-kind.ts';
import { ExchangeError } from '../exchange-error.ts';
import type { HttpResponse } from '../http-transport.ts';
import { headerValue } from '../header-value.ts';

type BinanceErrorEntry = { kind: ExchangeErrorKind; message: string };

const SERVER_ERROR: BinanceErrorEntry = { kind: 'exchange-error', message: 'Binance had an internal error; try again later.' };
const BAD_PARAMETER: BinanceErrorEntry = { kind: 'invalid-request', message: 'Binance rejected a parameter of the request; keyaudit may need an update.' };
const RATE_LIMITED: BinanceErrorEntry = {
  kind: 'rate-limited',
  message: "Binance's request-weight limit for this account or IP was reached; wait a minute and run the audit again.",
};

/**
 * -2015 "Invalid API-key, IP, or permissions for action" is one code for three causes (docs/exchanges/binance.md#errors).
 * Before Binance has accepted the key once, the key itself cannot be the missing permission: any key may read its own
 * restrictions, so the IP whitelist (or a deleted key) is the likely cause.
 */
export const BINANCE_KEY_REJECTED: BinanceErrorEntry = {
  kind: 'ip-not-allowed',
  message:
    "Binance refused this key (code -2015). Most likely this machine's IP address is not on the key's IP whitelist; otherwise the key was deleted or copied wrongly.",
};
/** -2015 after the same key was accepted: the IP and the key are fine, so a permission is what is missing. */
export const BINANCE_PERMISSION_REJECTED: BinanceErrorEntry = {
  kind: 'permission-denied',
  message:
    "Binance accepted this key but refused this request (code -2015): the key most likely lacks the permission it needs. Sub-account keys can be listed and deleted only with a master-account key; deleting also needs 'Enable Spot & Margin Trading'.",
};

/**
 * Binance error codes in keyaudit's vocabulary. Match on `code`, never on `msg`.
 * Source: https://github.com/binance/binance-spot-api-docs/blob/master/errors.md (docs/exchanges/binance.md#errors); -8012 is UNVERIFIED (observed, not documented).
 */
export const BINANCE_ERRORS: Readonly<Record<string, BinanceErrorEntry>> = {
  '-1000': SERVER_ERROR,
  '-1001': SERVER_ERROR,
  '-1002': { kind: 'permission-denied', message: 'Binance says this key is not authorized for the request.' },
  '-1003': RATE_LIMITED,
  '-1006': SERVER_ERROR,
  '-1007': { kind: 'timeout', message: 'Binance timed out inside its own systems; try again later.' },
  '-1008': { kind: 'rate-limited', message: 'Binance is overloaded right now; try again in a few minutes.' },
  '-1016': { kind: 'not-found', message: 'Binance no longer offers this endpoint; keyaudit may need an update.' },
  '-1021': { kind: 'clock-skew', message: "This machine's clock differs too much from Binance's; check the system clock." },
  '-1022': { kind: 'bad-signature', message: 'Binance rejected the request signature: the API secret is probably wrong.' },
  '-1100': BAD_PARAMETER,
  '-1101': BAD_PARAMETER,
  '-1102': BAD_PARAMETER,
  '-1103': BAD_PARAMETER,
  '-1104': BAD_PARAMETER,
  '-1105': BAD_PARAMETER,
  '-1106': BAD_PARAMETER,
  '-1130': BAD_PARAMETER,
  '-1131': BAD_PARAMETER,
  '-2008': { kind: 'unknown-key', message: 'Binance does not know this API key: it was deleted, or it was copied wrongly.' },
  '-2014': { kind: 'unknown-key', message: "The API key is not in Binance's format: it was probably copied wrongly." },
  '-2015': BINANCE_KEY_REJECTED,
  '-8012': { kind: 'permission-denied', message: 'This Binance account has no sub-account function (it is a sub-account, or sub-accounts were never enabled).' },
};

/** Only a short negative number may travel on as exchangeCode; anything else is upstream text. */
const CODE_PATTERN = /^-?\d{1,6}$/;

/**
 * Returns the parsed JSON of a successful Binance answer (2xx, no error code), otherwise throws ExchangeError.
 * Binance has no success envelope: errors are {"code": -1121, "msg": "…"} (docs/exchanges/binance.md#errors). Upstream text never reaches the message.
 * keyWasAccepted: this key already got a successful answer, which changes what -2015 most likely means.
 */
export function parseBinanceResponse(response: HttpResponse, { keyWasAccepted = false } = {}): unknown {
  const body = readJson(response.body);
  const code = errorCodeOf(body);
  if (response.status >= 200 && response.status < 300 && body.ok && code === null) return body.value;
  const entry = code === '-2015' && keyWasAccepted ? BINANCE_PERMISSION_REJECTED : (code === null ? undefined : BINANCE_ERRORS[code]);
  const { kind, message } = entry ?? fromHttpStatus(response.status, code !== null);
  const exchangeCode = code !== null && CODE_PATTERN.test(code) ? code : null;
  const retryAfterMs = kind === 'rate-limited' ? readRetryAfterMs(response.headers) : null;
  throw new ExchangeError(kind, message, { exchangeCode, retryAfterMs });
}

function fromHttpStatus(status: number, hasCode: boolean): BinanceErrorEntry {
  if (status === 429) return RATE_LIMITED;
  if (status === 418) return { kind: 'rate-limited', message: "Binance has temporarily banned this machine's IP address for sending too many requests." };
  // "HTTP 403 return code is used when the WAF Limit (Web Application Firewall) has been violated."
  if (status === 403 && !hasCode) return { kind: 'permission-denied', message: "Binance's firewall refused the request; try again later." };
  if (status === 404) return { kind: 'not-found', message: 'Binance does not offer this endpoint (any more); keyaudit may need an update.' };
  if (status >= 500) return SERVER_ERROR;
  if (hasCode || status >= 400) return { kind: 'exchange-error', message: 'Binance refused the request.' };
  return { kind: 'bad-response', message: 'Binance sent an answer keyaudit could not read.' };
}

function readJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function errorCodeOf(body: { ok: true; value: unknown } | { ok: false }): string | null {
  if (!body.ok || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) return null;
  const { code, msg } = body.value as { code?: unknown; msg?: unknown };
  // Some SAPI endpoints answer {"code": 200} or {"code": 0} on success.
  if (typeof code === 'number' && code < 0) return String(code);
  if (typeof code === 'string' && typeof msg === 'string' && code !== '0' && code !== '200') return code;
  return null;
}

/** Retry-After: seconds to wait after a 429 or 418 (docs/exchanges/binance.md#rate-limits). */
export function readRetryAfterMs(headers: Record<string, string>): number | null {
  const text = headerValue(headers, 'retry-after')?.trim();
  const seconds = Number(text);
  return text && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : null;
}
