import { z } from 'zod';
import { EXCHANGE_ERROR_KINDS } from './exchange-error-kind.ts';

/**
 * Every `error` code the API sends, kebab-case like the exchange error kinds it includes (an
 * exchange's refusal of a revoke reaches the user under its kind). A closed set, so the client
 * matches codes type-safely and the server maps each one to a status.
 */
export const API_ERROR_CODES = [
  // The request boundary and the session.
  'unauthorized',
  'too-many-attempts',
  'forbidden-host',
  'forbidden-origin',
  'method-not-allowed',
  'unsupported-media-type',
  'payload-too-large',
  'invalid-json',
  'bad-request',
  'invalid-input',
  // The vault.
  'no-vault',
  'vault-exists',
  'vault-locked',
  'unlock-failed',
  'reauth-required',
  'weak-passphrase',
  'weak-kdf-refused',
  'vault-changed',
  'vault-reopen-required',
  'insecure-file',
  // Connections, keys, findings and the action log.
  'demo-mode',
  'connection-not-found',
  'duplicate-connection',
  'key-not-found',
  'connection-still-reading',
  'not-revocable',
  'not-disablable',
  'key-passphrase-required',
  'restrict-refused',
  'invalid-policy',
  'acceptance-not-found',
  'action-log-damaged',
  // The audit history.
  'history-unavailable',
  'run-not-found',
  // Alerts.
  'alert-channel-not-found',
  // Local files.
  'data-dir-busy',
  'unsafe-output-path',
  // An exchange's answer, by kind ('not-found' doubles as "no such API route").
  ...EXCHANGE_ERROR_KINDS,
  // A bug: the only code that answers 500.
  'internal',
] as const;
export const apiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;
