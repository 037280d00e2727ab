import type { ApiErrorCode } from '@contract/api-error-code.ts';

/**
 * The status each error code answers with. Everything the user can cause or fix is a 4xx; an
 * exchange that is down or garbled is a 502; only a bug ('internal') is a 500. A Record, so a
 * new code does not compile until it has a status here.
 */
export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  'unauthorized': 401,
  'too-many-attempts': 429,
  'forbidden-host': 403,
  'forbidden-origin': 403,
  'method-not-allowed': 405,
  'unsupported-media-type': 415,
  'payload-too-large': 413,
  'invalid-json': 400,
  'bad-request': 400,
  'invalid-input': 400,
  'no-vault': 409,
  'vault-exists': 409,
  'vault-locked': 423,
  // 401 like a bad session, but the client knows this code and keeps the session (client/src/lib/session.ts).
  'unlock-failed': 401,
  'reauth-required': 403,
  'weak-passphrase': 400,
  'weak-kdf-refused': 409,
  'vault-changed': 409,
  // Locked like vault-locked: the page asks for the passphrase again.
  'vault-reopen-required': 423,
  'insecure-file': 409,
  'demo-mode': 409,
  'connection-not-found': 404,
  'duplicate-connection': 409,
  'key-not-found': 404,
  'acceptance-not-found': 404,
  'connection-still-reading': 409,
  'not-revocable': 409,
  'not-disablable': 409,
  'key-passphrase-required': 400,
  'restrict-refused': 409,
  'invalid-policy': 409,
  'action-log-damaged': 409,
  // History that cannot be read is a state of this machine the user can fix (or ignore); audits go on.
  'history-unavailable': 409,
  'run-not-found': 404,
  'alert-channel-not-found': 404,
  'data-dir-busy': 409,
  'unsafe-output-path': 400,
  // The exchange refused: a credential, an IP whitelist, a permission or a request to fix.
  'bad-signature': 400,
  'bad-passphrase': 400,
  'key-passphrase-wrong': 400,
  'unknown-key': 400,
  'clock-skew': 400,
  'ip-not-allowed': 403,
  'permission-denied': 403,
  'rate-limited': 429,
  'not-found': 404,
  'invalid-request': 400,
  // The exchange could not be reached, or answered in a way nobody can act on.
  'unreachable': 502,
  'timeout': 502,
  'bad-response': 502,
  'exchange-error': 502,
  'internal': 500,
};
