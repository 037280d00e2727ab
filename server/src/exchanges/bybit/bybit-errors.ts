import type { ExchangeErrorKind } from '@contract/exchange-error-kind.ts';
import { ExchangeError } from '../exchange-error.ts';
import type { HttpResponse } from '../http-transport.ts';
import { headerValue } from '../header-value.ts';

type BybitErrorEntry = { kind: ExchangeErrorKind; message: string; retryAfterMs?: number };

const RATE_LIMITED: BybitErrorEntry = {
  kind: 'rate-limited',
  message: "Bybit's request limit for this key was reached; wait a moment and run the audit again.",
};
const SERVER_ERROR: BybitErrorEntry = { kind: 'exchange-error', message: 'Bybit had an internal error; try again later.' };
const EXPIRED: BybitErrorEntry = {
  kind: 'unknown-key',
  message: 'This Bybit API key has expired (Bybit expires keys without an IP whitelist after 90 days); create a new key.',
};
/** Wallet words that let a master key manage sub-accounts (tips of docs/v5/user/*.mdx). */
const MANAGE_PERMISSIONS = 'Account Transfer, Subaccount Transfer or Withdrawal';

/**
 * Bybit V5 retCodes in keyaudit's vocabulary. Match on `retCode`, never on `retMsg`.
 * Source: https://bybit-exchange.github.io/docs/v5/error ("UTA" and "User" tables; docs/exchanges/bybit.md#errors).
 */
export const BYBIT_ERRORS: Readonly<Record<string, BybitErrorEntry>> = {
  '-1': { kind: 'clock-skew', message: "Bybit says the request expired: this machine's clock is probably off; check the system clock." },
  '10000': { kind: 'timeout', message: 'Bybit timed out answering; try again later.' },
  '10001': { kind: 'invalid-request', message: 'Bybit rejected a parameter of the request.' },
  '10002': {
    kind: 'clock-skew',
    message: "This machine's clock differs from Bybit's by more than the 5-second receive window; check the system clock.",
  },
  '10003': {
    kind: 'unknown-key',
    message:
      'Bybit does not know this API key: it was deleted or copied wrongly, or it belongs to another Bybit site (testnet, demo trading, or a regional site such as Bybit EU).',
  },
  '10004': { kind: 'bad-signature', message: 'Bybit rejected the request signature: the API secret is probably wrong.' },
  '10005': {
    kind: 'permission-denied',
    message: `This key lacks the permission needed: listing sub-accounts and deleting keys need a master-account key with ${MANAGE_PERMISSIONS} permission.`,
  },
  '10006': RATE_LIMITED,
  '10007': { kind: 'permission-denied', message: "Bybit could not authenticate this key's account; check on Bybit's website that the account and key are active." },
  '10008': { kind: 'permission-denied', message: 'Bybit has banned this account from the operation; check the account mode on Bybit.' },
  '10009': { kind: 'permission-denied', message: 'Bybit restricts API access from the region this machine is in.' },
  '10010': {
    kind: 'ip-not-allowed',
    // docs/exchanges/bybit.md#known-problems: keys bound to a third-party app (Bybit EU) fail with 10010 even without an IP list of their own.
    message: "This machine's IP address is not among the key's bound IP addresses (a key bound to a third-party app accepts only that app's addresses).",
  },
  '10016': SERVER_ERROR,
  '10017': { kind: 'not-found', message: 'Bybit does not offer this endpoint (any more); keyaudit may need an update.' },
  '10024': { kind: 'permission-denied', message: "Bybit's compliance rules refused this request." },
  '10027': { kind: 'permission-denied', message: 'Bybit has banned transactions for this account.' },
  '20096': { kind: 'permission-denied', message: 'Bybit requires identity verification (KYC) on this account first.' },
  '33004': EXPIRED,
  '-2015': EXPIRED,
  '500010': { kind: 'not-found', message: 'That sub-account does not belong to the master account of this key.' },
};

/** Only a short numeric code may travel on as exchangeCode; anything else is upstream text. */
const CODE_PATTERN = /^-?\d{1,9}$/;
/** "terminate all HTTP sessions and wait for at least 10 minutes" (docs/v5/rate-limit/rate-limit.mdx). */
const IP_BAN_MS = 600_000;

/**
 * Returns `result` of a successful Bybit answer (HTTP 200 and retCode 0), otherwise throws ExchangeError.
 * Messages are always ours: upstream text (retMsg may echo the signed string) never reaches a log or the UI.
 */
export function parseBybitEnvelope(response: HttpResponse): unknown {
  const envelope = readEnvelope(response.body);
  if (envelope && envelope.retCode === '0' && response.status === 200) return envelope.result;
  const code = envelope && CODE_PATTERN.test(envelope.retCode) && envelope.retCode !== '0' ? envelope.retCode : null;
  const entry = (code && BYBIT_ERRORS[code]) || entryForStatus(response.status, envelope !== null);
  const retryAfterMs = entry.retryAfterMs ?? (entry.kind === 'rate-limited' && envelope ? readRetryAfterMs(response.headers, envelope.timeMs) : null);
  throw new ExchangeError(entry.kind, entry.message, { exchangeCode: code, retryAfterMs });
}

function entryForStatus(status: number, isEnvelope: boolean): BybitErrorEntry {
  if (status === 429) return RATE_LIMITED;
  if (status >= 500) return SERVER_ERROR;
  if (!isEnvelope && status === 401) {
    return { kind: 'unknown-key', message: 'Bybit refused the key (HTTP 401): check that it was created on this Bybit site and copied whole.' };
  }
  if (!isEnvelope && status === 403) {
    // docs/v5/error.mdx: "1. IP rate limit breached; 2. … empty json body; 3. You are using U.S IP".
    const message = "Bybit refused this machine (HTTP 403): its IP sent too many requests (Bybit lifts that block after about 10 minutes), or it is in a region Bybit does not serve.";
    return { kind: 'rate-limited', message, retryAfterMs: IP_BAN_MS };
  }
  if (!isEnvelope && status === 404) return BYBIT_ERRORS['10017']!;
  if (isEnvelope && status >= 400) return { kind: 'exchange-error', message: 'Bybit refused the request.' };
  return { kind: 'bad-response', message: 'Bybit sent an answer keyaudit could not read.' };
}

function readEnvelope(body: string): { retCode: string; result: unknown; timeMs: number | null } | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || !('retCode' in parsed)) return null;
    const { retCode, result, time } = parsed as { retCode: unknown; result?: unknown; time?: unknown };
    if (typeof retCode !== 'string' && typeof retCode !== 'number') return null;
    return { retCode: String(retCode), result, timeMs: typeof time === 'number' && Number.isFinite(time) ? time : null };
  } catch {
    return null;
  }
}

/**
 * X-Bapi-Limit-Reset-Timestamp is Bybit's clock, like the envelope's `time`: their difference is the wait,
 * whatever this machine's clock says (docs/v5/rate-limit/rate-limit.mdx).
 */
export function readRetryAfterMs(headers: Record<string, string>, serverNowMs: number | null): number | null {
  const resetMs = Number(headerValue(headers, 'x-bapi-limit-reset-timestamp'));
  if (serverNowMs === null || !Number.isFinite(resetMs) || resetMs <= 0) return null;
  return Math.max(0, resetMs - serverNowMs);
}
