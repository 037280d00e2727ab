// `data` payloads of the HTX endpoints keyaudit calls (docs/exchanges/htx.md). Tolerant where the docs are loose:
// numbers may arrive as strings, optional fields may be missing or null, unknown fields are dropped.
import { z } from 'zod';
import { ExchangeError } from '../exchange-error.ts';

const id = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String);
const epochMs = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish();

/** GET /v1/common/timestamp: milliseconds. */
export const htxServerTimeSchema = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** GET /v2/user/uid: the caller's UID. */
export const htxUidSchema = id;

/** One item of GET /v2/user/api-key (docs/exchanges/htx.md#calling-key). */
export const htxApiKeySchema = z.object({
  accessKey: z.string().min(1),
  note: z.string().nullish(),
  /** Comma-separated words, e.g. "readOnly,trade". */
  permission: z.string().nullish(),
  /** Comma-separated addresses; "" is no binding; missing says nothing. */
  ipAddresses: z.string().nullish(),
  /** "API key expire in (days)"; -1 permanent. */
  validDays: z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]).nullish(),
  status: z.string().nullish(),
  createTime: epochMs,
  updateTime: epochMs,
});
export type HtxApiKey = z.infer<typeof htxApiKeySchema>;
export const htxApiKeyListSchema = z.array(htxApiKeySchema);

/** GET /v2/sub-user/user-list: data of {uid, userState}; nextId sits beside data in the envelope. */
export const htxSubUserSchema = z.object({ uid: id, userState: z.string().nullish() });
export const htxSubUserListSchema = z.array(htxSubUserSchema);

/** Validates `data` of a successful answer; a shape we do not know is a bad response, reported without its content. */
export function parseHtxData<T>(schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ExchangeError('bad-response', 'HTX sent an answer in a format keyaudit does not know.');
  return parsed.data;
}
