import type { ExchangeErrorKind } from '@contract/exchange-error-kind.ts';
import { ExchangeError } from '../exchange-error.ts';
import type { HttpResponse } from '../http-transport.ts';

type HtxErrorEntry = { kind: ExchangeErrorKind; message: string };

const RATE_LIMITED: HtxErrorEntry = { kind: 'rate-limited', message: "HTX's request limit for this key was reached; wait a moment and run the audit again." };
const SERVER_ERROR: HtxErrorEntry = { kind: 'exchange-error', message: 'HTX had an internal error; try again later.' };
const UNKNOWN_KEY: HtxErrorEntry = { kind: 'unknown-key', message: 'HTX does not know this access key: it was deleted or copied wrongly.' };
const BAD_SIGNATURE: HtxErrorEntry = { kind: 'bad-signature', message: 'HTX rejected the request signature: the secret key is probably wrong.' };

/**
 * HTX's codes in keyaudit's vocabulary: the v2 `code`s and the gateway's v1 `err-code`s.
 * Sources: https://huobiapi.github.io/docs/spot/v1/en/ ("Error Code", FAQ Q7–Q9) and ccxt (docs/exchanges/htx.md#errors).
 */
export const HTX_ERRORS: Readonly<Record<string, HtxErrorEntry>> = {
  '1002': { kind: 'permission-denied', message: 'HTX refused this key for this request: listing sub users needs a parent user\'s key with Read, and deleting their keys needs Trade.' },
  '1003': BAD_SIGNATURE,
  '2002': { kind: 'invalid-request', message: 'HTX rejected a parameter of the request.' },
  '2003': { kind: 'invalid-request', message: 'HTX says a parameter of the request is missing.' },
  '500': SERVER_ERROR,
  'login-required': UNKNOWN_KEY,
  'gateway-internal-error': SERVER_ERROR,
  'base-request-exceed-frequency-limit': RATE_LIMITED,
  'rate-too-many-requests': RATE_LIMITED,
};

/**
 * api-signature-not-valid names its reason only in err-msg: these fragments of it, matched case-insensitively, pick our
 * sentence (docs/exchanges/htx.md#errors). The text itself is never shown.
 */
const SIGNATURE_REASONS: readonly [fragment: string, entry: HtxErrorEntry][] = [
  ['incorrect access key', UNKNOWN_KEY],
  ['verification failure', BAD_SIGNATURE],
  ['submission time', { kind: 'clock-skew', message: "HTX refused the request's timestamp: this machine's clock differs from HTX's by a minute or more; check the system clock." }],
  ['no permission', { kind: 'permission-denied', message: 'This HTX key lacks the permission needed for this request.' }],
  ['ip', { kind: 'ip-not-allowed', message: "This machine's IP address is not among the key's bound IP addresses." }],
];

/** Only a short code of letters, digits and hyphens travels on as exchangeCode; anything else is upstream text. */
const CODE_PATTERN = /^[a-z0-9-]{1,64}$/i;

export type HtxAnswer = { data: unknown; /** "First record ID in next page", where the endpoint pages. */ nextId: string | null };

/** Returns `data` (and `nextId`) of a successful HTX answer (v2 code 200, or v1 status "ok"), otherwise throws ExchangeError in our own words. */
export function parseHtxEnvelope(response: HttpResponse): HtxAnswer {
  const envelope = readEnvelope(response.body);
  if (envelope?.isOk && response.status === 200) return { data: envelope.data, nextId: envelope.nextId };
  const code = envelope && envelope.code !== null && CODE_PATTERN.test(envelope.code) ? envelope.code : null;
  const entry = (code && entryFor(code, envelope?.reason ?? '')) || entryForStatus(response.status, envelope !== null);
  throw new ExchangeError(entry.kind, entry.message, { exchangeCode: code });
}

function entryFor(code: string, reason: string): HtxErrorEntry | undefined {
  if (code === 'api-signature-not-valid' || code === 'api-signature-check-failed') {
    const lower = reason.toLowerCase();
    return SIGNATURE_REASONS.find(([fragment]) => (fragment === 'ip' ? /\bip\b/.test(lower) : lower.includes(fragment)))?.[1] ?? BAD_SIGNATURE;
  }
  return HTX_ERRORS[code];
}

function entryForStatus(status: number, isEnvelope: boolean): HtxErrorEntry {
  if (status === 429) return RATE_LIMITED;
  if (status >= 500) return SERVER_ERROR;
  if (status === 404 || status === 405) return { kind: 'not-found', message: 'HTX does not offer this endpoint (any more); keyaudit may need an update.' };
  if (isEnvelope || status >= 400) return { kind: 'exchange-error', message: 'HTX refused the request.' };
  return { kind: 'bad-response', message: 'HTX sent an answer keyaudit could not read.' };
}

function readEnvelope(body: string): { isOk: boolean; code: string | null; reason: string; data: unknown; nextId: string | null } | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const record = parsed as Record<string, unknown>;
    const nextId = typeof record.nextId === 'number' || (typeof record.nextId === 'string' && /^\d+$/.test(record.nextId)) ? String(record.nextId) : null;
    if ('status' in record) {
      const code = record['err-code'];
      const reason = record['err-msg'];
      return { isOk: record.status === 'ok', code: typeof code === 'string' || typeof code === 'number' ? String(code) : null, reason: typeof reason === 'string' ? reason : '', data: record.data, nextId };
    }
    if ('code' in record && (typeof record.code === 'number' || typeof record.code === 'string')) {
      return { isOk: String(record.code) === '200', code: String(record.code), reason: '', data: record.data, nextId };
    }
    return null;
  } catch {
    return null;
  }
}
