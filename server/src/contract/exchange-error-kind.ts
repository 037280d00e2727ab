import { z } from 'zod';

/** Why a call to an exchange failed, in the audit's vocabulary rather than the exchange's codes. */
export const EXCHANGE_ERROR_KINDS = [
  'bad-signature',
  'bad-passphrase',
  'key-passphrase-wrong',
  'unknown-key',
  'clock-skew',
  'ip-not-allowed',
  'permission-denied',
  'rate-limited',
  'unreachable',
  'timeout',
  'bad-response',
  'not-found',
  'invalid-request',
  'exchange-error',
] as const;
export const exchangeErrorKindSchema = z.enum(EXCHANGE_ERROR_KINDS);
export type ExchangeErrorKind = z.infer<typeof exchangeErrorKindSchema>;

/** A failure as the UI shows it: a kind to branch on and a sentence a person can act on. */
export const failureSchema = z.object({
  kind: exchangeErrorKindSchema,
  message: z.string(),
  /** The exchange's own error code, when it sent one (e.g. KuCoin "400006"). */
  exchangeCode: z.string().nullable(),
});
export type Failure = z.infer<typeof failureSchema>;
