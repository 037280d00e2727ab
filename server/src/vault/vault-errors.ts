import { UserFacingError } from '../errors/user-facing-error.ts';

/**
 * The only error an unlock attempt produces, whatever went wrong: wrong passphrase, bad tag,
 * truncation, unknown magic/version/KDF, out-of-range parameters, oversized file.
 * One class and one message, so the answer is no oracle for which check failed (docs/security-model.md#one-unlock-error).
 */
export class UnlockFailedError extends UserFacingError {
  constructor() {
    super('unlock-failed', 'Wrong passphrase or damaged vault.');
    this.name = 'UnlockFailedError';
  }
}

/** A vault, backup, log or data directory that other users could read or write, or that someone else owns. */
export class InsecureFileError extends UserFacingError {
  readonly path: string;

  constructor(path: string, problem: string) {
    super('insecure-file', 'A file keyaudit keeps private can be read or changed by other users, or belongs to someone else; keyaudit refuses to use it.', {
      localDetail: `${path} ${problem}`,
    });
    this.name = 'InsecureFileError';
    this.path = path;
  }
}

/** A weak, test-only KDF was requested outside NODE_ENV=test. */
export class WeakKdfRefusedError extends UserFacingError {
  constructor() {
    super('weak-kdf-refused', 'KEYAUDIT_TEST_FAST_KDF is honoured only when NODE_ENV=test; refusing to create a weakly protected vault.');
    this.name = 'WeakKdfRefusedError';
  }
}

export class VaultExistsError extends UserFacingError {
  constructor(path: string) {
    super('vault-exists', 'A vault already exists.', { localDetail: path });
    this.name = 'VaultExistsError';
  }
}

/** There is no vault file: in the demo, or when it was removed while keyaudit ran. */
export class NoVaultError extends UserFacingError {
  constructor(path: string | null = null) {
    super('no-vault', 'There is no vault. Add a connection with `keyaudit add` to create one.', { localDetail: path });
    this.name = 'NoVaultError';
  }
}

/** Connection ids are ours (c_ and 8 hex characters); anything else is not echoed back. */
const CONNECTION_ID = /^c_[0-9a-f]{8}$/;

export class ConnectionNotFoundError extends UserFacingError {
  constructor(id: string) {
    super('connection-not-found', CONNECTION_ID.test(id) ? `No connection with id ${JSON.stringify(id)}.` : 'No connection with that id.');
    this.name = 'ConnectionNotFoundError';
  }
}

/** The same exchange and API key as a stored connection. */
export class DuplicateConnectionError extends UserFacingError {
  constructor(existingId: string) {
    super('duplicate-connection', `This key is already stored as connection ${existingId}.`);
    this.name = 'DuplicateConnectionError';
  }
}

/** The vault is locked (its key wiped); unlock it again to use it. */
export class VaultLockedError extends UserFacingError {
  constructor() {
    super('vault-locked', 'The vault is locked. Unlock it first.');
    this.name = 'VaultLockedError';
  }
}

/** Input to addConnection/renameConnection that the vault will not store. The message names the field, never its value. */
export class InvalidConnectionError extends UserFacingError {
  constructor(message: string) {
    super('invalid-input', message);
    this.name = 'InvalidConnectionError';
  }
}

export class WeakPassphraseError extends UserFacingError {
  constructor(minLength: number) {
    super('weak-passphrase', `The vault passphrase must be at least ${minLength} characters long.`);
    this.name = 'WeakPassphraseError';
  }
}

/**
 * Why the key held in memory no longer opens the vault file: `rekeyed` — it was sealed under a new salt, as
 * `keyaudit passwd` does (or the file was replaced by another vault); `unreadable` — same salt, but it no longer
 * decrypts or parses (damage), or it is gone.
 */
export type VaultChangeKind = 'rekeyed' | 'unreadable';

/** Optimistic concurrency: the file on disk is not the one this Vault read or last wrote. */
export class VaultChangedError extends UserFacingError {
  readonly kind: VaultChangeKind;

  constructor(path: string, kind: VaultChangeKind = 'unreadable') {
    super('vault-changed', 'The vault changed on disk since it was unlocked (another keyaudit process, or damage); nothing was saved. Unlock it again.', {
      localDetail: path,
    });
    this.name = 'VaultChangedError';
    this.kind = kind;
  }
}

/**
 * The dashboard locked the vault because the key it held no longer opens the file another keyaudit process saved:
 * the user must enter the passphrase again (the new one after `keyaudit passwd`). Nothing was saved.
 */
export class VaultReopenRequiredError extends UserFacingError {
  readonly kind: VaultChangeKind;

  constructor(kind: VaultChangeKind) {
    super(
      'vault-reopen-required',
      kind === 'rekeyed'
        ? "The vault's passphrase was changed in a terminal (keyaudit passwd): enter the new passphrase. Nothing was saved."
        : 'The vault file was changed outside the dashboard and can no longer be read with the key in memory: enter the passphrase again. Nothing was saved.',
    );
    this.name = 'VaultReopenRequiredError';
    this.kind = kind;
  }
}
