// Raw `data` payloads of the OKX v5 endpoints keyaudit calls (docs/exchanges/okx.md).
// Every OKX `data` is an array. Tolerant where the docs are loose: optional fields may be missing,
// unknown fields are dropped; numbers arrive as strings ("ts": "1597026383085").
import { z } from 'zod';
import { ExchangeError } from '../exchange-error.ts';

const optionalText = z.string().nullish();
/** A millisecond timestamp sent as a string. */
const timestampText = z.string().regex(/^\d{1,16}$/);

/** GET /api/v5/public/time → [{ "ts": "1597026383085" }] (docs/exchanges/okx.md#server-time). */
export const okxServerTimeSchema = z.array(z.object({ ts: timestampText })).min(1);

/** GET /api/v5/account/config, the one item of `data` (docs/exchanges/okx.md#calling-key): what the calling key may do. */
export const okxAccountConfigSchema = z.object({
  uid: z.string().min(1),
  /** Equal to uid for a master account; a sub-account reports its master's uid. */
  mainUid: optionalText,
  /** "read_only,withdraw,trade". */
  perm: optionalText,
  /** Comma-separated; "" when the key is bound to no IP. */
  ip: optionalText,
  /** The calling key's note. */
  label: optionalText,
  /** 0 main, 1 standard sub, 2 managed trading sub, 5/9/12 custody subs. */
  type: optionalText,
});
export type OkxAccountConfig = z.infer<typeof okxAccountConfigSchema>;
export const okxAccountConfigListSchema = z.array(okxAccountConfigSchema).min(1);

/** One item of GET /api/v5/users/subaccount/list (docs/exchanges/okx.md#sub-accounts). */
export const okxSubAccountSchema = z.object({
  subAcct: z.string().min(1),
  /** Creation time: also the cursor of `after`. */
  ts: timestampText,
  uid: optionalText,
  label: optionalText,
  type: optionalText,
  enable: z.boolean().nullish(),
});
export type OkxSubAccount = z.infer<typeof okxSubAccountSchema>;
export const okxSubAccountListSchema = z.array(okxSubAccountSchema);

/** One item of GET /api/v5/users/subaccount/apikey (docs/exchanges/okx.md#sub-account-keys). */
export const okxSubAccountApiKeySchema = z.object({
  apiKey: z.string().min(1),
  label: optionalText,
  /** "read_only,trade"; the modify-apikey answer says "read" instead of "read_only". */
  perm: optionalText,
  ip: optionalText,
  /** Creation time. */
  ts: z.string().nullish(),
});
export type OkxSubAccountApiKey = z.infer<typeof okxSubAccountApiKeySchema>;
export const okxSubAccountApiKeyListSchema = z.array(okxSubAccountApiKeySchema);

/** POST /api/v5/users/subaccount/delete-apikey → [{ "subAcct": "test00001" }] (docs/exchanges/okx.md#key-deletion). */
export const okxDeletedApiKeySchema = z.array(z.object({ subAcct: z.string() })).min(1);
/** modify-apikey answers the key as it now is (docs/exchanges/okx.md#key-update); keyaudit re-reads it anyway. */
export const okxModifiedApiKeySchema = z.array(z.object({ subAcct: z.string(), apiKey: z.string() })).min(1);

/** Validates `data` of a successful answer; a shape we do not know is a bad response, reported without its content. */
export function parseOkxData<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new ExchangeError('bad-response', 'OKX sent an answer in a format keyaudit does not know.');
  return result.data;
}
