import type { ExchangeErrorKind } from '@contract/exchange-error-kind.ts';
import { ExchangeError } from '../exchange-error.ts';
import type { HttpResponse } from '../http-transport.ts';
import { headerValue } from '../header-value.ts';

type KucoinErrorEntry = { kind: ExchangeErrorKind; message: string };

const RATE_LIMITED: KucoinErrorEntry = {
  kind: 'rate-limited',
  message: "KuCoin's request limit for this account was reached; wait a minute and run the audit again.",
};
const SERVER_ERROR: KucoinErrorEntry = {
  kind: 'exchange-error',
  message: 'KuCoin had an internal error; try again later.',
};

/**
 * KuCoin error codes in keyaudit's vocabulary. Match on `code`, never on `msg` (live messages differ from the docs).
 * Gateway codes: https://www.kucoin.com/docs-new/error-code/websocket ("GATEWAY ERROR CODE");
 * system codes: the retired docs' error table (docs/exchanges/kucoin.md#errors).
 */
export const KUCOIN_ERRORS: Readonly<Record<string, KucoinErrorEntry>> = {
  '400001': { kind: 'invalid-request', message: 'KuCoin rejected the request as incomplete; check the base URL of this connection.' },
  '400002': { kind: 'clock-skew', message: "This machine's clock differs from KuCoin's by more than 5 seconds; check the system clock." },
  '400003': { kind: 'unknown-key', message: 'KuCoin does not know this API key: it was deleted, or it was copied wrongly.' },
  '400004': {
    kind: 'bad-passphrase',
    // KC-API-PASSPHRASE is an HMAC keyed by the secret: a wrong secret fails here too.
    message:
      'The API passphrase is wrong (it is the passphrase chosen when the key was created, not the login or trading password). If it is right, check the API secret.',
  },
  '400005': { kind: 'bad-signature', message: 'KuCoin rejected the request signature: the API secret is probably wrong.' },
  '400006': { kind: 'ip-not-allowed', message: "This machine's IP address is not on the key's IP whitelist." },
  '400007': {
    kind: 'permission-denied',
    message: 'This key lacks the permission needed (listing sub-accounts and their keys needs a master-account key with General permission).',
  },
  '400008': { kind: 'invalid-request', message: 'KuCoin no longer accepts V1 or V2 API keys here; create a V3 key and connect with it.' },
  '400009': { kind: 'invalid-request', message: "KuCoin rejected the key version keyaudit sent; check the key's version on KuCoin's API page." },
  '400010': { kind: 'permission-denied', message: 'KuCoin denied this account access to the request.' },
  '400011': { kind: 'permission-denied', message: "KuCoin asks for a session verification; log in on KuCoin's website, then try again." },
  '400012': { kind: 'permission-denied', message: "KuCoin's session verification timed out; log in on KuCoin's website, then try again." },
  '400100': { kind: 'invalid-request', message: 'KuCoin rejected a parameter of the request.' },
  '400301': { kind: 'permission-denied', message: 'KuCoin restricts this operation in your region.' },
  '404000': { kind: 'not-found', message: 'KuCoin does not offer this endpoint (any more); keyaudit may need an update.' },
  '411100': { kind: 'permission-denied', message: 'This KuCoin account is frozen.' },
  '415000': { kind: 'invalid-request', message: 'KuCoin rejected the content type of the request.' },
  '429000': RATE_LIMITED,
  '200002': RATE_LIMITED,
  '500000': SERVER_ERROR,
};

const SUCCESS_CODE = '200000';
/** Only a short numeric code may travel on as exchangeCode; anything else is upstream text. */
const CODE_PATTERN = /^\d{1,9}$/;

/**
 * Returns `data` of a successful KuCoin answer (HTTP 200 and code "200000"), otherwise throws ExchangeError.
 * Messages are always ours: upstream text never reaches a log or the UI.
 */
export function parseKucoinEnvelope(response: HttpResponse): unknown {
  const envelope = readEnvelope(response.body);
  const retryAfterMs = readRetryAfterMs(response.headers);
  if (envelope && envelope.code === SUCCESS_CODE && response.status === 200) return envelope.data;
  const code = envelope && CODE_PATTERN.test(envelope.code) && envelope.code !== SUCCESS_CODE ? envelope.code : null;
  const entry = (code && KUCOIN_ERRORS[code]) || entryForStatus(response.status, envelope !== null);
  return throwError(entry, code, entry.kind === 'rate-limited' ? retryAfterMs : null);
}

function throwError(entry: KucoinErrorEntry, exchangeCode: string | null, retryAfterMs: number | null): never {
  throw new ExchangeError(entry.kind, entry.message, { exchangeCode, retryAfterMs });
}

function entryForStatus(status: number, isEnvelope: boolean): KucoinErrorEntry {
  if (status === 429) return RATE_LIMITED;
  if (status >= 500) return SERVER_ERROR;
  if (isEnvelope && status >= 400) return { kind: 'exchange-error', message: 'KuCoin refused the request.' };
  return { kind: 'bad-response', message: 'KuCoin sent an answer keyaudit could not read.' };
}

function readEnvelope(body: string): { code: string; data: unknown } | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || !('code' in parsed)) return null;
    const code = (parsed as { code: unknown }).code;
    if (typeof code !== 'string' && typeof code !== 'number') return null;
    return { code: String(code), data: (parsed as { data?: unknown }).data };
  } catch {
    return null;
  }
}

/** gw-ratelimit-reset: "resource pool quota reset countdown (milliseconds)" (docs/exchanges/kucoin.md#rate-limits). */
export function readRetryAfterMs(headers: Record<string, string>): number | null {
  const text = headerValue(headers, 'gw-ratelimit-reset')?.trim();
  const value = Number(text);
  return text && Number.isFinite(value) && value >= 0 ? value : null;
}
