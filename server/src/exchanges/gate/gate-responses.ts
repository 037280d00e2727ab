// Raw payloads of the Gate API v4 endpoints keyaudit calls (docs/exchanges/gate.md, from Gate's docs).
// Tolerant where the docs are loose: optional fields may be missing or null, unknown fields are dropped.
import { z } from 'zod';
import { ExchangeError } from '../exchange-error.ts';

/**
 * "All time related fields are unix timestamp in seconds ... int64, number or string" (Gate docs, "Time");
 * main_keys documents its times as strings but shows integers.
 */
const secondsSchema = z.union([z.number(), z.string()]).nullish();
const userIdSchema = z.union([z.number().int(), z.string().regex(/^\d{1,20}$/)]);
const ipListSchema = z.array(z.string()).nullish();

/** GET /spot/time (docs/exchanges/gate.md#server-time): server time in milliseconds. */
export const gateServerTimeSchema = z.object({ server_time: z.number().int().positive() });

/** GET /account/detail (docs/exchanges/gate.md#calling-key): the calling key, without a permission list. */
export const gateAccountDetailSchema = z.object({
  user_id: userIdSchema.nullish(),
  ip_whitelist: ipListSchema,
  currency_pairs: z.array(z.string()).nullish(),
  key: z.object({ mode: z.number().nullish() }).nullish(),
  tier: z.number().nullish(),
});
export type GateAccountDetail = z.infer<typeof gateAccountDetailSchema>;

export const gatePermSchema = z.object({ name: z.string().min(1), read_only: z.boolean().nullish() });
export type GatePerm = z.infer<typeof gatePermSchema>;

/**
 * One item of GET /account/main_keys (docs/exchanges/gate.md#main-account-keys) or GET /sub_accounts/{user_id}/keys. The main-keys schema declares
 * `key` as an object {mode} while its example shows a masked string ("c5dcfbf1f3a7*****"): both are accepted.
 * The docs spell the update time both `updated_at` and `update_at`.
 */
export const gateApiKeySchema = z.object({
  key: z.union([z.string(), z.object({}).loose()]).nullish(),
  // A string in the docs; `Array<string>` in the SDK's AccountKeyInfo (docs/exchanges/gate.md#main-account-keys).
  name: z.union([z.string(), z.array(z.string()).transform((parts) => parts.join(' '))]).nullish(),
  user_id: userIdSchema.nullish(),
  mode: z.number().nullish(),
  perms: z.array(gatePermSchema).nullish(),
  ip_whitelist: ipListSchema,
  currency_pairs: z.array(z.string()).nullish(),
  /** Main keys: 1 normal, 2 locked, 3 frozen; sub keys: 1 normal, 2 frozen, 3 locked (the two schemas disagree). */
  state: z.number().nullish(),
  created_at: secondsSchema,
  updated_at: secondsSchema,
  update_at: secondsSchema,
  last_access: secondsSchema,
});
export type GateApiKey = z.infer<typeof gateApiKeySchema>;

export const gateApiKeyListSchema = z.array(gateApiKeySchema);

/**
 * GET /account/main_keys (docs/exchanges/gate.md#main-account-keys): a list in the docs' example, one object
 * (AccountKeyInfo) in the response schema and the official SDKs. An object must carry `perms`: without them it would
 * read as a key that can do nothing, which is exactly the answer an audit must not invent.
 */
export const gateMainKeysSchema = z.union([
  gateApiKeyListSchema.transform((keys) => ({ keys, isSingleRecord: false })),
  gateApiKeySchema.extend({ perms: z.array(gatePermSchema) }).transform((key) => ({ keys: [key], isSingleRecord: true })),
]);
export type GateMainKeys = z.infer<typeof gateMainKeysSchema>;

/** One item of GET /sub_accounts (docs/exchanges/gate.md#sub-accounts). */
export const gateSubAccountSchema = z.object({
  user_id: userIdSchema,
  login_name: z.string().nullish(),
  remark: z.string().nullish(),
  /** 1 normal, 2 locked. */
  state: z.number().nullish(),
  /** 1 regular sub-account, 3 cross-margin sub-account. */
  type: z.number().nullish(),
  create_time: secondsSchema,
});
export type GateSubAccount = z.infer<typeof gateSubAccountSchema>;

export const gateSubAccountListSchema = z.array(gateSubAccountSchema);

/** Validates a successful answer; a shape we do not know is a bad response, reported without its content. */
export function parseGateData<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new ExchangeError('bad-response', 'Gate sent an answer in a format keyaudit does not know.');
  return result.data;
}
