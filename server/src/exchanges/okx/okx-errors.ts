import type { ExchangeErrorKind } from '@contract/exchange-error-kind.ts';
import { ExchangeError } from '../exchange-error.ts';
import type { HttpResponse } from '../http-transport.ts';
import { headerValue } from '../header-value.ts';

type OkxErrorEntry = { kind: ExchangeErrorKind; message: string };

const RATE_LIMITED: OkxErrorEntry = {
  kind: 'rate-limited',
  message: "OKX's request limit for this account was reached; wait a few seconds and run the audit again.",
};
const SERVER_ERROR: OkxErrorEntry = { kind: 'exchange-error', message: 'OKX had an internal error; try again later.' };
const BAD_REQUEST: OkxErrorEntry = { kind: 'invalid-request', message: 'OKX rejected a parameter of the request; keyaudit may need an update.' };
const NOT_MASTER: OkxErrorEntry = {
  kind: 'permission-denied',
  message: 'Only a master-account key can list or delete sub-account keys; this connection uses a sub-account key.',
};

/**
 * OKX v5 error codes in keyaudit's vocabulary. Match on `code`, never on `msg` (live texts differ from the docs).
 * Source: https://www.okx.com/docs-v5/en/#error-code-rest-api-public (docs/exchanges/okx.md#errors);
 * 59xxx from the same page's account section.
 */
export const OKX_ERRORS: Readonly<Record<string, OkxErrorEntry>> = {
  '1': { kind: 'exchange-error', message: 'OKX reported that the operation failed.' },
  '50000': BAD_REQUEST,
  '50001': { kind: 'exchange-error', message: 'OKX is temporarily unavailable; try again later.' },
  '50002': BAD_REQUEST,
  '50004': { kind: 'timeout', message: 'OKX timed out on this request; run the audit again.' },
  '50005': { kind: 'not-found', message: 'OKX no longer offers this endpoint; keyaudit may need an update.' },
  '50006': BAD_REQUEST,
  '50007': { kind: 'permission-denied', message: 'OKX has blocked this account.' },
  '50008': { kind: 'unknown-key', message: 'OKX does not know the account of this key.' },
  '50011': RATE_LIMITED,
  '50013': { kind: 'exchange-error', message: 'OKX is busy; try again in a minute.' },
  '50014': BAD_REQUEST,
  '50026': SERVER_ERROR,
  '50030': { kind: 'permission-denied', message: 'This key may not use the endpoint keyaudit called.' },
  '50035': {
    kind: 'permission-denied',
    message: "OKX deletes sub-account keys only through a master key bound to IP addresses; bind this connection's key to IPs on OKX, or delete the key on OKX's website.",
  },
  '50051': { kind: 'permission-denied', message: 'OKX restricts this feature in your country or region.' },
  '50100': { kind: 'permission-denied', message: 'OKX has frozen this API key; contact OKX support or create a new key.' },
  '50101': {
    kind: 'unknown-key',
    message: 'This key belongs to another OKX environment (demo trading or another regional site such as us.okx.com or eea.okx.com); check the base URL.',
  },
  '50102': { kind: 'clock-skew', message: "This machine's clock differs from OKX's by more than 30 seconds; check the system clock." },
  '50103': BAD_REQUEST,
  '50104': { kind: 'bad-passphrase', message: 'OKX received no API passphrase; add the passphrase chosen when the key was created.' },
  '50105': {
    kind: 'bad-passphrase',
    message: 'The API passphrase is wrong (it is the passphrase chosen when the key was created, not the login or trading password).',
  },
  '50106': BAD_REQUEST,
  '50107': BAD_REQUEST,
  '50110': { kind: 'ip-not-allowed', message: "This machine's IP address is not on the key's IP whitelist." },
  '50111': { kind: 'unknown-key', message: 'OKX does not know this API key: it was deleted, or it was copied wrongly.' },
  '50112': { kind: 'invalid-request', message: 'OKX rejected the format of the request timestamp; keyaudit may need an update.' },
  '50113': {
    kind: 'bad-signature',
    // sieblyio/okx-api#22: the passphrase pasted into the secret field gives exactly this (docs/exchanges/okx.md#known-problems).
    message: 'OKX rejected the request signature: the API secret is probably wrong (check that the passphrase was not entered as the secret).',
  },
  '50114': { kind: 'bad-signature', message: 'OKX rejected the authorization of this request; check the API key, secret and passphrase.' },
  '50115': BAD_REQUEST,
  '50119': { kind: 'unknown-key', message: 'OKX does not know this API key: it was deleted, or it was copied wrongly.' },
  '50120': {
    kind: 'permission-denied',
    message: 'This key lacks the permission needed (listing needs Read; deleting sub-account keys needs Trade on the master key).',
  },
  // Not the key's whitelist: OKX refuses this address (or its region) for every key.
  '50121': { kind: 'permission-denied', message: "OKX refuses requests from this machine's IP address; this is not the key's IP whitelist." },
  '51000': BAD_REQUEST,
  '59500': NOT_MASTER,
  '59506': { kind: 'not-found', message: 'That key no longer exists on OKX; nothing was deleted.' },
  '59508': { kind: 'permission-denied', message: 'OKX has suspended this sub-account.' },
  '59510': { kind: 'not-found', message: 'That sub-account no longer exists on OKX.' },
  '59604': NOT_MASTER,
};

const SUCCESS_CODE = '0';
/** Only a short numeric code may travel on as exchangeCode; anything else is upstream text. */
const CODE_PATTERN = /^\d{1,9}$/;

/**
 * Returns `data` of a successful OKX answer (HTTP 200 and code "0"), otherwise throws ExchangeError.
 * Messages are always ours: upstream text never reaches a log or the UI.
 */
export function parseOkxEnvelope(response: HttpResponse): unknown {
  const envelope = readEnvelope(response.body);
  if (envelope && envelope.code === SUCCESS_CODE && response.status === 200) return envelope.data;
  const code = envelope && CODE_PATTERN.test(envelope.code) && envelope.code !== SUCCESS_CODE ? envelope.code : null;
  const entry = (code && OKX_ERRORS[code]) || entryForStatus(response.status, code !== null);
  const retryAfterMs = entry.kind === 'rate-limited' ? readRetryAfterMs(response.headers) : null;
  throw new ExchangeError(entry.kind, entry.message, { exchangeCode: code, retryAfterMs });
}

/** For answers without a known code. Most OKX business errors come with HTTP 200, so an unknown code is an error too. */
function entryForStatus(status: number, hasErrorCode: boolean): OkxErrorEntry {
  if (status === 429) return RATE_LIMITED;
  if (status >= 500) return SERVER_ERROR;
  if (status === 404) return { kind: 'not-found', message: 'OKX does not offer this endpoint; check the base URL of this connection.' };
  if (hasErrorCode) return { kind: 'exchange-error', message: 'OKX refused the request with an error keyaudit does not know.' };
  return { kind: 'bad-response', message: 'OKX sent an answer keyaudit could not read.' };
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

/**
 * OKX documents no rate-limit headers; a standard Retry-After (seconds) is honoured if a proxy sends one.
 * Anything else leaves the wait to the client's own pacing.
 */
export function readRetryAfterMs(headers: Record<string, string>): number | null {
  const text = headerValue(headers, 'retry-after')?.trim();
  const seconds = Number(text);
  return text && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}
