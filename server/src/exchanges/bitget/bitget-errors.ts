import type { ExchangeErrorKind } from '@contract/exchange-error-kind.ts';
import { ExchangeError } from '../exchange-error.ts';
import type { HttpResponse } from '../http-transport.ts';

type BitgetErrorEntry = { kind: ExchangeErrorKind; message: string };

const RATE_LIMITED: BitgetErrorEntry = { kind: 'rate-limited', message: "Bitget's request limit for this key was reached; wait a moment and run the audit again." };
const CLOCK: BitgetErrorEntry = { kind: 'clock-skew', message: "Bitget refused the request's timestamp: this machine's clock is probably off; check the system clock." };
const UNKNOWN_KEY: BitgetErrorEntry = { kind: 'unknown-key', message: 'Bitget does not know this API key: it was deleted or copied wrongly.' };
const BAD_SIGNATURE: BitgetErrorEntry = { kind: 'bad-signature', message: 'Bitget rejected the request signature: the secret key is probably wrong.' };
const BAD_PASSPHRASE: BitgetErrorEntry = {
  kind: 'bad-passphrase',
  message: "Bitget refused the key's passphrase: use the passphrase chosen when this API key was created, not the login password.",
};
const SERVER_ERROR: BitgetErrorEntry = { kind: 'exchange-error', message: 'Bitget had an internal error; try again later.' };

/** 40085, said exactly: a unified trading account cannot read its key through the classic endpoint (docs/exchanges/bitget.md#calling-key). */
export const BITGET_UNIFIED_ACCOUNT_MESSAGE =
  "This Bitget account is a unified trading account (UTA): Bitget answers 40085 to the classic-account endpoint keyaudit reads a key's permissions and IP binding from, so this key could not be audited. Check it on Bitget's API management page.";

/**
 * Bitget's `code`s in keyaudit's vocabulary. Match on `code`, never on `msg`.
 * Source: https://www.bitget.com/api-doc/common/error-code, as ccxt maps it (docs/exchanges/bitget.md#errors).
 */
export const BITGET_ERRORS: Readonly<Record<string, BitgetErrorEntry>> = {
  '40001': UNKNOWN_KEY,
  '40002': BAD_SIGNATURE,
  '40003': BAD_SIGNATURE,
  '40004': CLOCK,
  '40005': CLOCK,
  '40006': UNKNOWN_KEY,
  '40008': CLOCK,
  '40009': BAD_SIGNATURE,
  '40010': BAD_SIGNATURE,
  '40011': BAD_PASSPHRASE,
  '40012': BAD_PASSPHRASE,
  '40013': { kind: 'permission-denied', message: "Bitget says this account's status is abnormal; check the account on Bitget's website." },
  '40014': { kind: 'permission-denied', message: 'This Bitget key lacks the permission needed for this request.' },
  '40015': SERVER_ERROR,
  '40018': { kind: 'ip-not-allowed', message: "This machine's IP address is not among the key's bound IP addresses." },
  '40031': { kind: 'permission-denied', message: 'Bitget says this account has been closed.' },
  '40037': UNKNOWN_KEY,
  '40085': { kind: 'invalid-request', message: BITGET_UNIFIED_ACCOUNT_MESSAGE },
  '429': RATE_LIMITED,
};

/**
 * Bitget said no to this key rather than failing: a permission, the request, the caller's IP, or a code keyaudit does not
 * know. Rate limits, clock errors and outages are not refusals: they pass.
 */
export function isBitgetRefusal(error: ExchangeError): boolean {
  if (['permission-denied', 'invalid-request', 'ip-not-allowed'].includes(error.kind)) return true;
  return error.kind === 'exchange-error' && error.exchangeCode !== null && !Object.hasOwn(BITGET_ERRORS, error.exchangeCode);
}

/** Only a short numeric code travels on as exchangeCode; anything else is upstream text. */
const CODE_PATTERN = /^\d{1,9}$/;

/** Returns `data` of a successful Bitget answer (HTTP 200 and code "00000"), otherwise throws ExchangeError in our own words. */
export function parseBitgetEnvelope(response: HttpResponse): unknown {
  const envelope = readEnvelope(response.body);
  if (envelope && envelope.code === '00000' && response.status === 200) return envelope.data;
  const code = envelope && CODE_PATTERN.test(envelope.code) && envelope.code !== '00000' ? envelope.code : null;
  const entry = (code && BITGET_ERRORS[code]) || entryForStatus(response.status, envelope !== null);
  throw new ExchangeError(entry.kind, entry.message, { exchangeCode: code });
}

function entryForStatus(status: number, isEnvelope: boolean): BitgetErrorEntry {
  if (status === 429) return RATE_LIMITED;
  if (status >= 500) return SERVER_ERROR;
  if (status === 404) return { kind: 'not-found', message: 'Bitget does not offer this endpoint (any more); keyaudit may need an update.' };
  if (isEnvelope || status >= 400) return { kind: 'exchange-error', message: 'Bitget refused the request.' };
  return { kind: 'bad-response', message: 'Bitget sent an answer keyaudit could not read.' };
}

function readEnvelope(body: string): { code: string; data: unknown } | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || !('code' in parsed)) return null;
    const { code, data } = parsed as { code: unknown; data?: unknown };
    if (typeof code !== 'string' && typeof code !== 'number') return null;
    return { code: String(code), data };
  } catch {
    return null;
  }
}
