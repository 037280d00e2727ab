import { UserFacingError } from '../errors/user-facing-error.ts';

/** The key is not in the latest completed audit (revoked meanwhile, or the page is older than the run). */
export class KeyNotFoundError extends UserFacingError {
  constructor() {
    super('key-not-found', 'That key is not in the latest audit. Refresh and try again.');
    this.name = 'KeyNotFoundError';
  }
}

/** The exchange's API cannot revoke this key; `reason` is the audit's own sentence saying why. */
export class NotRevocableError extends UserFacingError {
  constructor(reason: string) {
    super('not-revocable', reason);
    this.name = 'NotRevocableError';
  }
}

/** The exchange's API cannot disable this key, or it is disabled already; `reason` says which, in plain words. */
export class NotDisablableError extends UserFacingError {
  constructor(reason: string) {
    super('not-disablable', reason);
    this.name = 'NotDisablableError';
  }
}

/** The exchange deletes or changes this key only with the key's own API passphrase (KuCoin). */
export class KeyPassphraseRequiredError extends UserFacingError {
  constructor(action: 'revoke' | 'restrict' = 'revoke') {
    super('key-passphrase-required', `Enter this key's own API passphrase to ${action} it.`);
    this.name = 'KeyPassphraseRequiredError';
  }
}

/** The key's connection is still being read by the audit in flight; its keys become actionable when it finishes. */
export class ConnectionStillReadingError extends UserFacingError {
  constructor() {
    super('connection-still-reading', "This key's connection is still being read. Try again when it is done.");
    this.name = 'ConnectionStillReadingError';
  }
}

/** The restriction planner refused before anything was sent; `reason` is its sentence (restriction-plan.ts). */
export class RestrictRefusedError extends UserFacingError {
  constructor(reason: string) {
    super('restrict-refused', reason);
    this.name = 'RestrictRefusedError';
  }
}
