import type { ExchangeErrorKind } from '@contract/exchange-error-kind.ts';
import { ExchangeError } from '../exchange-error.ts';
import type { HttpResponse } from '../http-transport.ts';

type DeribitErrorEntry = { kind: ExchangeErrorKind; message: string };

const TFA_REQUIRED: DeribitErrorEntry = {
  kind: 'permission-denied',
  message: "Deribit asks for two-factor (TFA) confirmation before this call on this account, and keyaudit cannot give it: do it on Deribit's API page instead.",
};
const RATE_LIMITED: DeribitErrorEntry = {
  kind: 'rate-limited',
  message: "Deribit's request credits for this account ran out; wait a moment and run the audit again.",
};
const SERVER_ERROR: DeribitErrorEntry = { kind: 'exchange-error', message: 'Deribit could not process the request right now; try again later.' };

/**
 * Deribit JSON-RPC error codes in keyaudit's vocabulary. Match on `error.code`, never on `error.message`.
 * Source: https://docs.deribit.com/articles/errors and ccxt's deribit exception table (docs/exchanges/deribit.md#errors).
 */
export const DERIBIT_ERRORS: Readonly<Record<string, DeribitErrorEntry>> = {
  '10000': { kind: 'bad-signature', message: 'Deribit did not accept the request signature: check the Client Secret.' },
  '10028': RATE_LIMITED,
  '10040': SERVER_ERROR,
  '11029': { kind: 'invalid-request', message: 'Deribit rejected a parameter of the request.' },
  '-32602': { kind: 'invalid-request', message: 'Deribit rejected a parameter of the request.' },
  '-32601': { kind: 'not-found', message: 'Deribit does not offer this method (any more); keyaudit may need an update.' },
  '13002': { kind: 'permission-denied', message: 'Deribit has blocked this account; check it on Deribit\'s website.' },
  '13003': TFA_REQUIRED,
  '13004': {
    kind: 'unknown-key',
    message: 'Deribit does not accept this Client ID and Client Secret: the key was deleted or disabled, copied wrongly, or belongs to the other Deribit environment (test.deribit.com keys do not work on www.deribit.com).',
  },
  '13009': {
    kind: 'bad-signature',
    message: "Deribit refused the request's authorization: the Client Secret is probably wrong, or this machine's clock is off.",
  },
  '13012': { kind: 'permission-denied', message: 'Deribit does not allow this call from a sub-account; connect a main-account key.' },
  '13021': {
    kind: 'permission-denied',
    message: "This key's scope does not allow the call: listing keys needs account:read, deleting them account:read_write.",
  },
  '13025': { kind: 'exchange-error', message: 'Deribit has switched this method off for now; try again later.' },
};

/**
 * A refusal Deribit sends as 13021 "forbidden" with a `data.reason` naming the IP: how Deribit reports a caller outside
 * a key's whitelist is not documented (docs/exchanges/deribit.md#unverified); the reason word is read, never copied.
 */
const IP_REASON = /\bip\b|ip_|whitelist/i;
const IP_NOT_ALLOWED: DeribitErrorEntry = { kind: 'ip-not-allowed', message: "This machine's IP address is not on the key's IP whitelist." };

/** Only a short numeric code may travel on as exchangeCode; anything else is upstream text. */
const CODE_PATTERN = /^-?\d{1,9}$/;

type Envelope = { result?: unknown; error?: { code: string; reason: string } };

/**
 * Returns `result` of a successful JSON-RPC answer, otherwise throws ExchangeError. Messages are always ours:
 * upstream text never reaches a log or the UI. A result asking for security-key (TFA) confirmation is a refusal too;
 * `tfaRefusal` is the sentence a call says then, in place of the general one (what to do instead, and where).
 */
export function parseDeribitResponse(response: HttpResponse, options: { tfaRefusal?: string } = {}): unknown {
  const tfaRequired = options.tfaRefusal ? { ...TFA_REQUIRED, message: options.tfaRefusal } : TFA_REQUIRED;
  const envelope = readEnvelope(response.body);
  if (envelope && !envelope.error && 'result' in envelope && response.status === 200) {
    if (isSecurityKeyChallenge(envelope.result)) throw new ExchangeError(tfaRequired.kind, tfaRequired.message, { exchangeCode: null });
    return envelope.result;
  }
  const code = envelope?.error && CODE_PATTERN.test(envelope.error.code) ? envelope.error.code : null;
  const entry = code === '13021' && IP_REASON.test(envelope?.error?.reason ?? '')
    ? IP_NOT_ALLOWED
    : code === '13003' ? tfaRequired : (code && DERIBIT_ERRORS[code]) || entryForStatus(response.status, envelope !== null);
  throw new ExchangeError(entry.kind, entry.message, { exchangeCode: code });
}

/** "security_key_authorization_required": true with a challenge (https://docs.deribit.com/articles/security-keys). */
function isSecurityKeyChallenge(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as Record<string, unknown>).security_key_authorization_required === true;
}

function entryForStatus(status: number, isEnvelope: boolean): DeribitErrorEntry {
  if (status === 429) return RATE_LIMITED;
  if (status >= 500) return SERVER_ERROR;
  if (isEnvelope && status >= 400) return { kind: 'exchange-error', message: 'Deribit refused the request.' };
  return { kind: 'bad-response', message: 'Deribit sent an answer keyaudit could not read.' };
}

function readEnvelope(body: string): Envelope | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || (parsed as { jsonrpc?: unknown }).jsonrpc !== '2.0') return null;
    const { error } = parsed as { error?: unknown };
    if (error === undefined) return parsed as Envelope;
    if (typeof error !== 'object' || error === null) return { error: { code: '', reason: '' } };
    const { code, data } = error as { code?: unknown; data?: unknown };
    const reason = typeof data === 'object' && data !== null && typeof (data as { reason?: unknown }).reason === 'string' ? (data as { reason: string }).reason : '';
    return { error: { code: typeof code === 'number' || typeof code === 'string' ? String(code) : '', reason } };
  } catch {
    return null;
  }
}
