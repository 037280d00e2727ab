// `data` payloads of the Bitget endpoints keyaudit calls (docs/exchanges/bitget.md). Tolerant where the docs are loose:
// optional fields may be missing or null, unknown fields are dropped.
import { z } from 'zod';
import { ExchangeError } from '../exchange-error.ts';

/** GET /api/v2/public/time: milliseconds as a string. */
export const bitgetServerTimeSchema = z.object({ serverTime: z.union([z.string().regex(/^\d+$/), z.number()]).transform(Number) });

/** GET /api/v2/spot/account/info: the calling key's permissions and bound IPs (docs/exchanges/bitget.md#calling-key). */
export const bitgetAccountInfoSchema = z.object({
  userId: z.union([z.string(), z.number()]).transform(String).nullish(),
  authorities: z.array(z.string()),
  /** One string, comma-separated; missing says nothing. */
  ips: z.string().nullish(),
});
export type BitgetAccountInfo = z.infer<typeof bitgetAccountInfoSchema>;

/** Validates `data` of a successful answer; a shape we do not know is a bad response, reported without its content. */
export function parseBitgetData<T>(schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ExchangeError('bad-response', 'Bitget sent an answer in a format keyaudit does not know.');
  return parsed.data;
}
