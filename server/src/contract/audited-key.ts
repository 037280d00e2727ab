import { z } from 'zod';
import { exchangeIdSchema } from './exchange-id.ts';
import { grantedCapabilitySchema } from './capability.ts';

export const accountRefSchema = z.object({
  kind: z.enum(['master', 'sub']),
  /** "master" for the master account, otherwise the exchange's sub-account name. */
  name: z.string(),
});
export type AccountRef = z.infer<typeof accountRefSchema>;

export const REVOKE_METHODS = ['api', 'api-needs-key-passphrase', 'website-only'] as const;

export const revocabilitySchema = z.object({
  canRevoke: z.boolean(),
  how: z.enum(REVOKE_METHODS),
  /** Plain words: why this key can or cannot be revoked from here. */
  reason: z.string(),
  /** The exchange's API management page, for keys that can only be revoked there. */
  manageUrl: z.string(),
  /**
   * Revoking deletes the key this connection itself signs with (Bybit can delete the calling
   * master key): the connection stops working, so the UI asks for a second, explicit confirmation.
   */
  revokesOwnConnection: z.boolean().optional(),
});
export type Revocability = z.infer<typeof revocabilitySchema>;

/**
 * Whether keyaudit can switch this key off (not delete it) through the exchange's API, where the exchange table says
 * some key can be (ExchangeApiAbilities.disableKeys); absent on every other exchange's keys.
 */
export const disablabilitySchema = z.object({
  canDisable: z.boolean(),
  /** Plain words: why this key can or cannot be disabled from here. */
  reason: z.string(),
});
export type Disablability = z.infer<typeof disablabilitySchema>;

/**
 * null: the exchange accepts this key from any IP.
 * 'unknown': the exchange does not say.
 */
export const ipWhitelistSchema = z.union([z.array(z.string()), z.null(), z.literal('unknown')]);
export type IpWhitelist = z.infer<typeof ipWhitelistSchema>;

/** One API key as an exchange reported it, normalized. What an adapter returns. */
export const exchangeKeySchema = z.object({
  exchange: exchangeIdSchema,
  account: accountRefSchema,
  /** Public identifier of the key. Masked ("abcd…wxyz") when it is the connection's own key. */
  apiKey: z.string(),
  label: z.string(),
  /** Permission words exactly as the exchange reported them. */
  permissions: z.array(z.string()),
  capabilities: z.array(grantedCapabilitySchema),
  ipWhitelist: ipWhitelistSchema,
  createdAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  /** The key of the connection itself: the one keyaudit signs with. */
  isCallingKey: z.boolean(),
  revocability: revocabilitySchema,
  /** Present where the exchange's API can disable keys (exchanges.ts, disableKeys): whether this one can be. */
  disablability: disablabilitySchema.optional(),
  /**
   * The exchange reports the key switched off (Deribit's enabled=false): it cannot be used now, but still exists and
   * can be switched on again, so its findings stand. Absent where the exchange does not say, or the key is on.
   */
  isDisabled: z.boolean().optional(),
  /**
   * When the exchange reported this key, if earlier than the audit run: some listings are
   * served from a cache because the exchange meters them heavily (Binance sub-account keys).
   */
  observedAt: z.iso.datetime().nullable().optional(),
  /** Bound to a third-party application (Bybit type 2, Binance status 3); null when the exchange does not say. */
  isThirdPartyBound: z.boolean().nullable().optional(),
  /** What the exchange does not report for this key (Binance never reports whether a sub-account key can withdraw). */
  unreported: z.array(z.enum(['withdraw', 'ip-whitelist'])).optional(),
  /**
   * What keyaudit asked the exchange about this key and got no answer for (a Binance IP-restriction read that failed):
   * the value shown is unknown, never a guess. Unlike `unreported`, the exchange would say it on another try.
   */
  unread: z.array(z.enum(['ip-whitelist'])).optional(),
  /**
   * The exchange listed this key without its full public identifier (OKX's "******", Gate's "c5dc…*****"), or with one
   * it shares with another key of the same account: `apiKey` shows what the exchange sent and cannot address the key,
   * so keyaudit cannot revoke it and tells keys apart by where and when they were found (server/src/audit/key-id.ts).
   */
  isApiKeyMasked: z.boolean().optional(),
});
export type ExchangeKey = z.infer<typeof exchangeKeySchema>;

/** A key found by an audit run: an exchange key plus where it was found. */
export const auditedKeySchema = exchangeKeySchema.extend({
  /** Opaque, stable across runs: the handle the UI uses to act on a key. */
  id: z.string(),
  connectionId: z.string(),
});
export type AuditedKey = z.infer<typeof auditedKeySchema>;
