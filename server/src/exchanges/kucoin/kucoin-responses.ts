// Raw `data` payloads of the KuCoin endpoints keyaudit calls (docs/exchanges/kucoin.md, from KuCoin's OpenAPI spec).
// Tolerant where the docs are loose: optional fields may be missing or null, unknown fields are dropped.
import { z } from 'zod';
import { ExchangeError } from '../exchange-error.ts';

const optionalText = z.string().nullish();
const uidSchema = z.union([z.number(), z.string()]);

/** GET /api/v1/timestamp: server time in milliseconds (docs/exchanges/kucoin.md#server-time). */
export const kucoinServerTimeSchema = z.number().int().positive();

/** GET /api/v1/user/api-key (docs/exchanges/kucoin.md#calling-key) and each item of GET /api/v1/sub/api-key. */
export const kucoinApiKeySchema = z.object({
  apiKey: z.string().min(1),
  remark: optionalText,
  apiVersion: z.number().int().nullish(),
  /** Comma-separated words, e.g. "General,Spot" or "General, Trade". */
  permission: optionalText,
  /** Comma-separated; "" or missing means any IP. May be masked ("203.**.154"). */
  ipWhitelist: optionalText,
  createdAt: z.number().nullish(),
  uid: uidSchema.nullish(),
  isMaster: z.boolean().nullish(),
  /** "There is no such param for the master account." */
  subName: optionalText,
});
export type KucoinApiKey = z.infer<typeof kucoinApiKeySchema>;

export const kucoinApiKeyListSchema = z.array(kucoinApiKeySchema);

/** One item of GET /api/v2/sub/user. Keyed by subName: userId may be null for robot sub-accounts (docs/exchanges/kucoin.md#sub-accounts). */
export const kucoinSubAccountSchema = z.object({
  subName: z.string().min(1),
  uid: uidSchema.nullish(),
  userId: optionalText,
  status: z.number().nullish(),
  type: z.number().nullish(),
  access: optionalText,
  createdAt: z.number().nullish(),
  remarks: optionalText,
});
export type KucoinSubAccount = z.infer<typeof kucoinSubAccountSchema>;

export const kucoinSubAccountPageSchema = z.object({
  currentPage: z.number().int(),
  pageSize: z.number().int(),
  totalNum: z.number().int(),
  totalPage: z.number().int(),
  items: z.array(kucoinSubAccountSchema),
});
export type KucoinSubAccountPage = z.infer<typeof kucoinSubAccountPageSchema>;

/** DELETE /api/v1/sub/api-key (docs/exchanges/kucoin.md#key-deletion). */
/** The update answers `{subName, apiKey, permission, ipWhitelist?}` (docs/exchanges/kucoin.md#key-update); keyaudit reads the key again anyway. */
export const kucoinUpdatedKeySchema = z.object({ apiKey: z.string() });
export const kucoinDeletedKeySchema = z.object({ subName: z.string(), apiKey: z.string() });
export type KucoinDeletedKey = z.infer<typeof kucoinDeletedKeySchema>;

/** Validates `data` of a successful answer; a shape we do not know is a bad response, reported without its content. */
export function parseKucoinData<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new ExchangeError('bad-response', 'KuCoin sent an answer in a format keyaudit does not know.');
  return result.data;
}
