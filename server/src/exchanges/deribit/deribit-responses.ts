import { z } from 'zod';
import { ExchangeError } from '../exchange-error.ts';

/**
 * One item of private/list_api_keys (docs/exchanges/deribit.md#calling-key). Deribit's example also carries
 * `client_secret`: it is deliberately not declared here, so zod drops it and no secret of another key travels further.
 */
export const deribitApiKeySchema = z.object({
  id: z.number().int(),
  client_id: z.string(),
  name: z.string().nullish(),
  /** Space-separated scope words, e.g. "account:read trade:read_write wallet:none". */
  max_scope: z.string(),
  enabled: z.boolean().nullish(),
  default: z.boolean().nullish(),
  /** "The timestamp": Deribit's schema calls it creation or last modification time. */
  timestamp: z.number().nullish(),
  enabled_features: z.array(z.string()).nullish(),
  /** Absent from the docs' own example: a missing list says nothing about the whitelist. */
  ip_whitelist: z.array(z.string()).nullish(),
});
export type DeribitApiKey = z.infer<typeof deribitApiKeySchema>;
export const deribitApiKeyListSchema = z.array(deribitApiKeySchema);

/** One item of private/get_subaccounts: the main account itself (type "main") and each sub-account. */
export const deribitSubAccountSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  type: z.string(),
});
export const deribitSubAccountListSchema = z.array(deribitSubAccountSchema);

/** public/get_time: the server's clock in milliseconds. */
export const deribitServerTimeSchema = z.number();

/** private/remove_api_key answers "ok". */
export const deribitOkSchema = z.literal('ok');

/** Parses a JSON-RPC `result`; a shape the docs do not describe is a bad response, never a guess. */
export function parseDeribitResult<T>(schema: z.ZodType<T>, result: unknown): T {
  const parsed = schema.safeParse(result);
  if (!parsed.success) throw new ExchangeError('bad-response', 'Deribit sent an answer keyaudit could not read.');
  return parsed.data;
}
