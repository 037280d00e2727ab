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

const idString = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]).transform(String);

/**
 * GET /api/v2/user/virtual-subaccount-list: one page of virtual sub-accounts and the cursor for the next
 * (docs/exchanges/bitget.md#sub-accounts). The example answers `endId` as a number, the field table as a string.
 */
export const bitgetVirtualSubAccountPageSchema = z.object({
  endId: z.union([z.string(), z.number()]).transform(String).nullish(),
  subAccountList: z.array(z.object({
    subAccountUid: idString,
    subAccountName: z.string().nullish(),
    /** normal, freeze or del. */
    status: z.string().nullish(),
  })).nullish().transform((list) => list ?? []),
});
export type BitgetVirtualSubAccountPage = z.infer<typeof bitgetVirtualSubAccountPageSchema>;

/**
 * GET /api/v2/user/virtual-subaccount-apikey-list: every key of one virtual sub-account (docs/exchanges/bitget.md#sub-account-keys).
 * `ipList` is a list in the example and "String" in one field table: both are read; missing says nothing.
 */
export const bitgetVirtualSubAccountApiKeySchema = z.object({
  subAccountUid: idString.nullish(),
  subAccountApiKey: z.string().min(1),
  label: z.string().nullish(),
  /** Required: a key whose permissions are not reported is a bad response (its account fails visibly), never a key with none. */
  permList: z.array(z.string()),
  ipList: z.union([z.array(z.string()), z.string()]).nullish(),
});
export type BitgetVirtualSubAccountApiKey = z.infer<typeof bitgetVirtualSubAccountApiKeySchema>;
export const bitgetVirtualSubAccountApiKeyListSchema = z.array(bitgetVirtualSubAccountApiKeySchema).nullish().transform((keys) => keys ?? []);

/** Validates `data` of a successful answer; a shape we do not know is a bad response, reported without its content. */
export function parseBitgetData<T>(schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ExchangeError('bad-response', 'Bitget sent an answer in a format keyaudit does not know.');
  return parsed.data;
}
