// `result` of POST /0/private/GetApiKeyInfo (docs/exchanges/kraken.md#calling-key). Tolerant where the docs are loose:
// timestamps may be numbers or numeric strings, optional fields may be missing or null, unknown fields are dropped.
import { z } from 'zod';
import { ExchangeError } from '../exchange-error.ts';

/** Unix seconds, as a number or a numeric string; anything else is no date. */
const unixSeconds = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === '' ? null : Number(value)))
  .transform((value) => (value !== null && Number.isFinite(value) ? value : null));

export const krakenApiKeyInfoSchema = z.object({
  apiKeyName: z.string().nullish(),
  apiKey: z.string().min(1),
  permissions: z.array(z.string()),
  /** "empty if not restricted"; missing says nothing. */
  ipAllowlist: z.array(z.string()).nullish(),
  /** "0 if not set". */
  validUntil: unixSeconds,
  createdTime: unixSeconds,
  modifiedTime: unixSeconds,
  /** "null if never used". */
  lastUsed: unixSeconds,
  nonceWindow: z.union([z.number(), z.string()]).nullish(),
});
export type KrakenApiKeyInfo = z.infer<typeof krakenApiKeyInfoSchema>;

/** Validates `result` of a successful answer; a shape we do not know is a bad response, reported without its content. */
export function parseKrakenResult<T>(schema: z.ZodType<T>, result: unknown): T {
  const parsed = schema.safeParse(result);
  if (!parsed.success) throw new ExchangeError('bad-response', 'Kraken sent an answer in a format keyaudit does not know.');
  return parsed.data;
}
