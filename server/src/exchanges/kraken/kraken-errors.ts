import type { ExchangeErrorKind } from '@contract/exchange-error-kind.ts';
import { ExchangeError } from '../exchange-error.ts';
import type { HttpResponse } from '../http-transport.ts';

type KrakenErrorEntry = { kind: ExchangeErrorKind; message: string; retryAfterMs?: number };

const RATE_LIMITED: KrakenErrorEntry = {
  kind: 'rate-limited',
  message: "Kraken's call counter for this key is full; wait a moment and run the audit again.",
};
const UNAVAILABLE: KrakenErrorEntry = { kind: 'exchange-error', message: 'Kraken is unavailable or busy; try again later.' };
/** "Typically a few minutes" (docs/exchanges/kraken.md#errors): longer than an audit should wait. */
const LOCKOUT_MS = 300_000;

/**
 * Kraken's error strings in keyaudit's vocabulary, matched whole. Kraken's text never reaches a message.
 * Sources: https://docs.kraken.com/exchange/guides/general/errors, https://support.kraken.com/articles/360001491786-api-error-messages
 * (docs/exchanges/kraken.md#errors).
 */
export const KRAKEN_ERRORS: Readonly<Record<string, KrakenErrorEntry>> = {
  'EAPI:Invalid key': {
    kind: 'unknown-key',
    message: 'Kraken does not know this API key: it was deleted or copied wrongly (Kraken Futures keys do not work on the Spot API).',
  },
  'EAPI:Invalid signature': { kind: 'bad-signature', message: 'Kraken rejected the request signature: the private key is probably wrong.' },
  'EAPI:Invalid nonce': {
    kind: 'clock-skew',
    message: "Kraken refused the request's nonce: another program using this key sent a higher one, or this machine's clock went back. Raise the key's nonce window on Kraken, or give keyaudit a key of its own.",
  },
  'EGeneral:Permission denied': { kind: 'permission-denied', message: 'This Kraken key lacks the permission needed for this request.' },
  'EAPI:Rate limit exceeded': RATE_LIMITED,
  'EGeneral:Too many requests': RATE_LIMITED,
  'EGeneral:Temporary lockout': {
    kind: 'rate-limited',
    message: 'Kraken has locked this key out for a few minutes after too many failed requests; wait, then run the audit again.',
    retryAfterMs: LOCKOUT_MS,
  },
  'EGeneral:Invalid arguments': { kind: 'invalid-request', message: 'Kraken rejected a parameter of the request.' },
  'EAPI:Bad request': { kind: 'invalid-request', message: 'Kraken rejected the request as malformed.' },
  'EAPI:Feature disabled': { kind: 'not-found', message: 'Kraken has disabled this endpoint; keyaudit may need an update.' },
  'EService:Unavailable': UNAVAILABLE,
  'EService:Busy': UNAVAILABLE,
  'EGeneral:Internal error': { kind: 'exchange-error', message: 'Kraken had an internal error; try again later.' },
};

/** "Severity Category:Message": only a known category travels on as exchangeCode, never the free text after it. */
const CATEGORY = /^E(General|API|Query|Order|Trade|Funding|Service|Auth)(?=:)/;

/**
 * Returns `result` of a successful Kraken answer (HTTP 200 and an empty `error` list), otherwise throws ExchangeError.
 * Warnings ("W…") do not fail a call. Messages are always ours.
 */
export function parseKrakenEnvelope(response: HttpResponse): unknown {
  const envelope = readEnvelope(response.body);
  const errors = envelope?.errors.filter((text) => text.startsWith('E')) ?? [];
  if (envelope && errors.length === 0 && response.status === 200) return envelope.result;
  const known = errors.find((text) => KRAKEN_ERRORS[text]);
  if (known) {
    const entry = KRAKEN_ERRORS[known]!;
    throw new ExchangeError(entry.kind, entry.message, { exchangeCode: known, retryAfterMs: entry.retryAfterMs ?? null });
  }
  const category = errors.map((text) => CATEGORY.exec(text)?.[0]).find((prefix) => prefix !== undefined) ?? null;
  const entry = entryForStatus(response.status, errors.length > 0, category);
  throw new ExchangeError(entry.kind, entry.message, { exchangeCode: category });
}

function entryForStatus(status: number, hasErrors: boolean, category: string | null): KrakenErrorEntry {
  if (status === 429) return RATE_LIMITED;
  if (status >= 500 || category === 'EService') return UNAVAILABLE;
  if (hasErrors) return { kind: 'exchange-error', message: 'Kraken refused the request.' };
  if (status === 404) return KRAKEN_ERRORS['EAPI:Feature disabled']!;
  if (status >= 400) return { kind: 'exchange-error', message: `Kraken refused the request (HTTP ${status}).` };
  return { kind: 'bad-response', message: 'Kraken sent an answer keyaudit could not read.' };
}

function readEnvelope(body: string): { errors: string[]; result: unknown } | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || !('error' in parsed)) return null;
    const { error, result } = parsed as { error: unknown; result?: unknown };
    if (!Array.isArray(error)) return null;
    return { errors: error.filter((item): item is string => typeof item === 'string'), result };
  } catch {
    return null;
  }
}
