import { z } from 'zod';
import { ExchangeError } from '../exchange-error.ts';

/**
 * GET /api/v3/brokerage/key_permissions (docs/exchanges/coinbase.md#calling-key): what the calling key may do, and the
 * portfolio it is bound to. A missing flag is not a false one: the schema requires all four.
 */
export const coinbaseKeyPermissionsSchema = z.object({
  can_view: z.boolean(),
  can_trade: z.boolean(),
  can_transfer: z.boolean(),
  can_receive: z.boolean().nullish(),
  portfolio_uuid: z.string().nullish(),
  portfolio_type: z.string().nullish(),
});
export type CoinbaseKeyPermissions = z.infer<typeof coinbaseKeyPermissionsSchema>;

/** GET /api/v3/brokerage/time: numbers as strings. */
export const coinbaseServerTimeSchema = z.object({ epochMillis: z.string().regex(/^\d{1,16}$/) });

export function parseCoinbaseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ExchangeError('bad-response', 'Coinbase sent an answer keyaudit could not read.');
  return parsed.data;
}
