import { z } from 'zod';
import { exchangeIdSchema } from '@contract/exchange-id.ts';
import { actionLogHeadSchema } from '../action-log/action-log-head.ts';
import { redact, type Redacted, type SecretScope } from '../secrets/redacted.ts';
import type { StoredConnection } from '../secrets/stored-connection.ts';
import { alertChannelConfigSchema, type AlertChannelKind } from '../alerts/alert-channel.ts';
import { accountRefSchema } from '@contract/audited-key.ts';
import { keyAnnotationSchema } from '@contract/key-annotation.ts';

/** http is only for a simulator or mirror on this machine; signed requests to the internet go over https. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const baseUrlSchema = z.url({ protocol: /^https?$/ }).refine(
  (value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
  },
  { message: 'base URL must be https, or http on 127.0.0.1/localhost' },
);

export const connectionLabelSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^\p{Cc}]*$/u, 'label must not contain control characters');

export const connectionIdSchema = z.string().regex(/^c_[0-9a-f]{8}$/);

/** One connection as stored inside the encrypted plaintext. This is the only place secrets are plain strings. */
export const connectionRecordSchema = z
  .object({
    id: connectionIdSchema,
    exchange: exchangeIdSchema,
    label: connectionLabelSchema,
    baseUrl: baseUrlSchema.nullable(),
    apiKey: z.string().min(1).max(256),
    secret: z.string().min(1).max(512),
    passphrase: z.string().min(1).max(256).optional(),
    createdAt: z.iso.datetime(),
  })
  .strict();
export type ConnectionRecord = z.infer<typeof connectionRecordSchema>;

export const alertChannelIdSchema = z.string().regex(/^ch_[0-9a-f]{8}$/);

/** One alert channel as stored inside the encrypted plaintext: its URLs and tokens are secrets, like a connection's. */
export const alertChannelRecordSchema = z
  .object({
    id: alertChannelIdSchema,
    label: connectionLabelSchema,
    createdAt: z.iso.datetime(),
    config: alertChannelConfigSchema,
  })
  .strict();
export type AlertChannelRecord = z.infer<typeof alertChannelRecordSchema>;

/**
 * Owner, purpose and tags of one key (`key-annotations/`), with what says which key it is: the acceptance scope of
 * policy-acceptance.ts (exchange, connection, account, apiKey; the keyId where the exchange masked the apiKey).
 */
export const keyAnnotationRecordSchema = keyAnnotationSchema
  .extend({
    exchange: exchangeIdSchema,
    connectionId: connectionIdSchema,
    account: accountRefSchema.strict(),
    apiKey: z.string().max(256),
    /** The audit's id of the key (audit/key-id.ts): what names a masked key. */
    keyId: z.string().min(1).max(64),
    isApiKeyMasked: z.literal(true).optional(),
    updatedAt: z.iso.datetime(),
  })
  .strict();
export type KeyAnnotationRecord = z.infer<typeof keyAnnotationRecordSchema>;

export const vaultContentSchema = z
  .object({
    v: z.literal(1),
    /** Incremented by every save; lets a reader tell two versions of the same vault apart. */
    generation: z.number().int().min(1),
    connections: z.array(connectionRecordSchema),
    actionLogHead: actionLogHeadSchema.nullable(),
    /**
     * The action log's MAC key (base64), derived once from the vault key and kept here so `passwd` does not orphan
     * the MACs already written. Absent in vaults from before log MACs: derived from the current key then.
     */
    actionLogKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/).optional(),
    /** The random key of the audit history (history.sqlite), base64; created on first use, so older vaults lack it. */
    historyKey: z.base64().refine((value) => Buffer.from(value, 'base64').length === 32).optional(),
    /** Where `keyaudit watch` sends alerts (`keyaudit notify`); absent in vaults from before alerts, which means none. */
    alertChannels: z.array(alertChannelRecordSchema).optional(),
    /** Owner, purpose and tags per key (`keyaudit annotate`, the detail panel); absent in older vaults, which means none. */
    keyAnnotations: z.array(keyAnnotationRecordSchema).max(100_000).optional(),
  })
  .strict();
export type VaultContent = z.infer<typeof vaultContentSchema>;

/** A connection as the vault hands it out: secrets wrapped in Redacted. */
export type VaultConnection = StoredConnection & { createdAt: string };

/** `scope` is the unlock the secrets belong to: locking the vault wipes them. */
export function toVaultConnection(record: ConnectionRecord, scope?: SecretScope): VaultConnection {
  return {
    id: record.id,
    exchange: record.exchange,
    label: record.label,
    baseUrl: record.baseUrl,
    createdAt: record.createdAt,
    credentials: {
      apiKey: record.apiKey,
      secret: redact(record.secret, scope),
      ...(record.passphrase === undefined ? {} : { passphrase: redact(record.passphrase, scope) }),
    },
  };
}

export function toConnectionRecord(connection: VaultConnection): ConnectionRecord {
  const { credentials } = connection;
  return {
    id: connection.id,
    exchange: connection.exchange,
    label: connection.label,
    baseUrl: connection.baseUrl,
    apiKey: credentials.apiKey,
    secret: credentials.secret.reveal(),
    ...(credentials.passphrase === undefined ? {} : { passphrase: credentials.passphrase.reveal() }),
    createdAt: connection.createdAt,
  };
}

/**
 * An alert channel as the vault hands it out: what may be shown in the clear, and its settings (URLs, tokens)
 * as one Redacted JSON text, so printing or logging the channel shows "[redacted]" and locking wipes it.
 */
export type StoredAlertChannel = { id: string; kind: AlertChannelKind; label: string; createdAt: string; config: Redacted };

export function toStoredAlertChannel(record: AlertChannelRecord, scope?: SecretScope): StoredAlertChannel {
  return { id: record.id, kind: record.config.kind, label: record.label, createdAt: record.createdAt, config: redact(JSON.stringify(record.config), scope) };
}

export function toAlertChannelRecord(channel: StoredAlertChannel): AlertChannelRecord {
  return { id: channel.id, label: channel.label, createdAt: channel.createdAt, config: alertChannelConfigSchema.parse(JSON.parse(channel.config.reveal())) };
}
