import { randomBytes } from 'node:crypto';
import { exchangeIdSchema } from '@contract/exchange-id.ts';
import type { Redacted } from '../secrets/redacted.ts';
import { baseUrlSchema, connectionIdSchema, connectionLabelSchema, type VaultConnection } from './vault-content.ts';
import { InvalidConnectionError } from './vault-errors.ts';

export type NewConnectionInput = {
  /** Optional: lets a caller name the connection in its action-log entry before saving. See createConnectionId. */
  id?: string;
  exchange: string;
  label: string;
  baseUrl: string | null;
  apiKey: string;
  secret: Redacted;
  passphrase?: Redacted;
};

/** 'c_' + 8 hex characters: short enough to type in the CLI, random so ids do not reveal order or count. */
export function createConnectionId(): string {
  return `c_${randomBytes(4).toString('hex')}`;
}

/** Validates and normalises; error messages name the field and never echo a value. */
export function toNewConnection(input: NewConnectionInput, nowIso: string): VaultConnection {
  const id = input.id ?? createConnectionId();
  if (!connectionIdSchema.safeParse(id).success) throw new InvalidConnectionError('Connection id must look like c_0123abcd.');
  const exchange = exchangeIdSchema.safeParse(input.exchange);
  if (!exchange.success) {
    throw new InvalidConnectionError(`Unknown exchange; expected one of: ${exchangeIdSchema.options.join(', ')}.`);
  }
  const label = parseLabel(input.label);
  if (input.baseUrl !== null && !baseUrlSchema.safeParse(input.baseUrl).success) {
    throw new InvalidConnectionError('Base URL must be an https URL, or http on 127.0.0.1/localhost.');
  }
  const apiKey = input.apiKey.trim();
  if (apiKey.length < 1 || apiKey.length > 256) throw new InvalidConnectionError('API key must be 1 to 256 characters.');
  if (/\s/.test(apiKey)) throw new InvalidConnectionError('API key must not contain whitespace.');
  const secretLength = input.secret.reveal().length;
  if (secretLength < 1 || secretLength > 512) throw new InvalidConnectionError('Secret must be 1 to 512 characters.');
  const passphraseLength = input.passphrase?.reveal().length;
  if (passphraseLength !== undefined && (passphraseLength < 1 || passphraseLength > 256)) {
    throw new InvalidConnectionError('API passphrase must be 1 to 256 characters.');
  }
  return {
    id,
    exchange: exchange.data,
    label,
    baseUrl: input.baseUrl,
    createdAt: nowIso,
    credentials: {
      apiKey,
      secret: input.secret,
      ...(input.passphrase === undefined ? {} : { passphrase: input.passphrase }),
    },
  };
}

export function parseLabel(label: string): string {
  const parsed = connectionLabelSchema.safeParse(label);
  if (!parsed.success) throw new InvalidConnectionError('Label must be 1 to 80 characters, without control characters.');
  return parsed.data;
}
