// `result` payloads of the Bybit V5 endpoints keyaudit calls (bybit-exchange/docs docs/v5/user/*.mdx, market/time.mdx;
// docs/exchanges/bybit.md). Tolerant where the docs are loose: optional fields may be missing or null, unknown fields are dropped.
import { z } from 'zod';
import { ExchangeError } from '../exchange-error.ts';

const optionalText = z.string().nullish();
const idSchema = z.union([z.string(), z.number()]).transform(String);

/** GET /v5/market/time: seconds and nanoseconds, both as strings. */
export const bybitServerTimeSchema = z.object({
  timeSecond: z.string().regex(/^\d+$/),
  timeNano: z.string().regex(/^\d+$/).nullish(),
});

/** Group → permission words, e.g. { Wallet: ["AccountTransfer", "SubMemberTransfer"] }; empty groups grant nothing. */
export const bybitPermissionsSchema = z.record(z.string(), z.array(z.string()).nullish());
export type BybitPermissions = z.infer<typeof bybitPermissionsSchema>;

/** Fields both key endpoints share. */
const bybitKeyFields = {
  apiKey: z.string().min(1),
  note: optionalText,
  permissions: bybitPermissionsSchema.nullish(),
  /** "IP bound"; ["*"] means no bind. */
  ips: z.array(z.string()).nullish(),
  /** 1: personal, 2: connected to a third-party app. */
  type: z.number().int().nullish(),
  /** Remaining days; only for keys with no IP bound or after a password change. */
  deadlineDay: z.number().int().nullish(),
  /** ISO datetime; "1970-01-01T00:00:00Z" when the key does not expire. */
  expiredAt: optionalText,
  createdAt: optionalText,
};

/** GET /v5/user/query-api (docs/v5/user/apikey-info.mdx): the calling key. readOnly is 0 (read and write) or 1 (read only). */
export const bybitCallingKeySchema = z.object({
  ...bybitKeyFields,
  readOnly: z.union([z.number(), z.boolean()]).nullish(),
  userID: idSchema.nullish(),
  isMaster: z.boolean().nullish(),
  parentUid: idSchema.nullish(),
});
export type BybitCallingKey = z.infer<typeof bybitCallingKeySchema>;

/**
 * One item of GET /v5/user/sub-apikeys (docs/v5/user/list-sub-apikeys.mdx). readOnly is a boolean here,
 * and the English and zh-TW docs disagree on what `true` means (docs/exchanges/bybit.md#sub-account-keys).
 */
export const bybitSubApiKeySchema = z.object({
  ...bybitKeyFields,
  readOnly: z.union([z.boolean(), z.number()]).nullish(),
  /** 1: permanent, 2: expired, 3: within the validity period, 4: expires in less than 7 days. */
  status: z.number().int().nullish(),
  flag: optionalText,
});
export type BybitSubApiKey = z.infer<typeof bybitSubApiKeySchema>;

/** update-sub-api answers the key as changed (docs/exchanges/bybit.md#key-update); keyaudit reads it again anyway. */
export const bybitUpdatedKeySchema = z.object({ apiKey: z.string().min(1) });

export const bybitSubApiKeyPageSchema = z.object({
  result: z.array(bybitSubApiKeySchema),
  /** "" on the last page. */
  nextPageCursor: optionalText,
});

/** One item of GET /v5/user/submembers (docs/v5/user/page-subuid.mdx). */
export const bybitSubMemberSchema = z.object({
  uid: idSchema,
  username: optionalText,
  memberType: z.number().int().nullish(),
  status: z.number().int().nullish(),
  accountMode: z.number().int().nullish(),
  remark: optionalText,
});
export type BybitSubMember = z.infer<typeof bybitSubMemberSchema>;

export const bybitSubMemberPageSchema = z.object({
  subMembers: z.array(bybitSubMemberSchema),
  /** "0" means no more pages. */
  nextCursor: optionalText,
});

/** POST /v5/user/delete-sub-api and /v5/user/delete-api answer `"result": {}`. */
export const bybitEmptyResultSchema = z.object({});

/** Validates `result` of a successful answer; a shape we do not know is a bad response, reported without its content. */
export function parseBybitResult<T>(schema: z.ZodType<T>, result: unknown): T {
  const parsed = schema.safeParse(result);
  if (!parsed.success) throw new ExchangeError('bad-response', 'Bybit sent an answer in a format keyaudit does not know.');
  return parsed.data;
}
