// Raw answers of the Binance endpoints keyaudit calls (docs/exchanges/binance.md).
// Tolerant where the docs are loose: optional fields may be missing or null; unknown permission flags are kept.
import { z } from 'zod';
import { ExchangeError } from '../exchange-error.ts';

/** Binance writes the same flag as a boolean in one answer and as "true" in another (docs/exchanges/binance.md#sub-account-keys): normalise both. */
const flexibleBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')]);
const optionalTimestampMs = z.number().nullish();

/** GET /api/v3/time (docs/exchanges/binance.md#server-time). */
export const binanceServerTimeSchema = z.object({ serverTime: z.number().int().positive() });

/**
 * GET /sapi/v1/account/apiRestrictions (docs/exchanges/binance.md#calling-key): permission booleans, `ipRestrict` and `createTime`.
 * Loose: new flags appear over time (enableFixApiTrade did), and an unknown flag that is true must still show.
 */
export const binanceApiRestrictionsSchema = z.looseObject({
  ipRestrict: flexibleBoolean,
  createTime: optionalTimestampMs,
  /** Only in older answers (ccxt/php-binance-api PR #467); treat as optional. */
  tradingAuthorityExpirationTime: optionalTimestampMs,
});
export type BinanceApiRestrictions = z.infer<typeof binanceApiRestrictionsSchema>;

/** One item of GET /sapi/v1/sub-account/list ("Query Sub-account List (For Master Account)"). */
export const binanceSubAccountSchema = z.object({
  email: z.string().min(1),
  subUserId: z.union([z.number(), z.string()]).nullish(),
  remark: z.string().nullish(),
  isFreeze: z.boolean().nullish(),
  createTime: optionalTimestampMs,
  /** Binance's key deletion does not support asset-management sub-accounts (docs/exchanges/binance.md#key-deletion). */
  isAssetManagementSubAccount: z.boolean().nullish(),
});
export const binanceSubAccountListSchema = z.object({ subAccounts: z.array(binanceSubAccountSchema) });
export type BinanceSubAccountList = z.infer<typeof binanceSubAccountListSchema>;

/**
 * IP restriction `status`: 1 unrestricted, 2 trusted IPs, 3 "third-party IP restriction", with `thirdPartyName`
 * (docs/exchanges/binance.md#permissions). Documented on key creation; read wherever an answer carries them.
 */
const ipRestrictionStatusSchema = z.union([z.number(), z.string()]).nullish();

/**
 * One key of GET /sapi/v1/sub-account/subAccountApi (docs/exchanges/binance.md#sub-account-keys): `apikey` in lower case,
 * as the SDK fixture spells it. Loose: flags this schema does not name (canFixApiTrading, and later ones) are kept.
 */
export const binanceSubAccountApiKeySchema = z.looseObject({
  email: z.string().nullish(),
  apiName: z.string().nullish(),
  apikey: z.string().min(1),
  canTrade: flexibleBoolean.nullish(),
  canMarginLoanRepay: flexibleBoolean.nullish(),
  canFuturesTrade: flexibleBoolean.nullish(),
  canUniversalTransfer: flexibleBoolean.nullish(),
  canVanillaOptions: flexibleBoolean.nullish(),
  /** UNVERIFIED semantics (docs/exchanges/binance.md#unverified): read as the creation time. */
  timestamp: optionalTimestampMs,
  status: ipRestrictionStatusSchema,
  thirdPartyName: z.string().nullish(),
});
export type BinanceSubAccountApiKey = z.infer<typeof binanceSubAccountApiKeySchema>;

/**
 * The page itself. The SDK renamed `list` to `rows` on 2026-07-29 (binance-connector-js sub-account CHANGELOG 15.0.0,
 * docs/exchanges/binance.md#sub-account-keys): accept either.
 */
export const binanceSubAccountApiKeyPageSchema = z
  .object({
    total: z.number().int().nonnegative().nullish(),
    rows: z.array(binanceSubAccountApiKeySchema).nullish(),
    list: z.array(binanceSubAccountApiKeySchema).nullish(),
  })
  .transform(({ total, rows, list }) => {
    const keys = rows ?? list ?? [];
    return { total: total ?? keys.length, keys };
  });
export type BinanceSubAccountApiKeyPage = z.infer<typeof binanceSubAccountApiKeyPageSchema>;

/** GET /sapi/v1/sub-account/subAccountApi/ipRestriction (docs/exchanges/binance.md#sub-account-keys); `ipRestrict` arrives as the string "true". */
export const binanceIpRestrictionSchema = z.object({
  ipRestrict: flexibleBoolean,
  ipList: z.array(z.string()).nullish(),
  updateTime: optionalTimestampMs,
  apiKey: z.string().nullish(),
  status: ipRestrictionStatusSchema,
  thirdPartyName: z.string().nullish(),
});
export type BinanceIpRestriction = z.infer<typeof binanceIpRestrictionSchema>;

/** The IP endpoints of a key update answer the list as it now is, `{status?, ipList, updateTime, apiKey}` (docs/exchanges/binance.md#key-update). */
export const binanceIpListAnswerSchema = z.looseObject({ ipList: z.array(z.string()).nullish() });
/** The permission update answers the flags as they now are (docs/exchanges/binance.md#key-update). */
export const binancePermissionAnswerSchema = z.looseObject({});

/** DELETE /sapi/v1/sub-account/subAccountApi answers `{}` (docs/exchanges/binance.md#key-deletion). */
export const binanceDeletedKeySchema = z.object({});

/** Validates a successful answer; a shape we do not know is a bad response, reported without its content. */
export function parseBinanceData<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new ExchangeError('bad-response', 'Binance sent an answer in a format keyaudit does not know.');
  return result.data;
}
