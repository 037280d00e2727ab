/**
 * The only error an unlock attempt produces, whatever went wrong: wrong passphrase, bad tag,
 * truncation, unknown magic/version/KDF, out-of-range parameters, oversized file.
 * One class and one message, so the answer is no oracle for which check failed (docs/security-model.md#one-unlock-error).
 */
export class UnlockFailedError extends Error {
  constructor() {
    super('Wrong passphrase or damaged vault.');
    this.name = 'UnlockFailedError';
  }
}

/** A vault, backup, log or data directory that other users could read or write, or that someone else owns. */
export class InsecureFileError extends Error {
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path} ${problem}`);
    this.name = 'InsecureFileError';
    this.path = path;
  }
}

/** A weak, test-only KDF was requested outside NODE_ENV=test. */
export class WeakKdfRefusedError extends Error {
  constructor() {
    super('KEYAUDIT_TEST_FAST_KDF is honoured only when NODE_ENV=test; refusing to create a weakly protected vault.');
    this.name = 'WeakKdfRefusedError';
  }
}

export class VaultExistsError extends Error {
  constructor(path: string) {
    super(`A vault already exists at ${path}.`);
    this.name = 'VaultExistsError';
  }
}

export class NoVaultError extends Error {
  constructor(path: string) {
    super(`No vault at ${path}.`);
    this.name = 'NoVaultError';
  }
}

export class ConnectionNotFoundError extends Error {
  constructor(id: string) {
    super(`No connection with id ${JSON.stringify(id)}.`);
    this.name = 'ConnectionNotFoundError';
  }
}

/** The Vault object was locked (key wiped); unlock again to use it. */
export class VaultLockedError extends Error {
  constructor() {
    super('The vault is locked.');
    this.name = 'VaultLockedError';
  }
}

/** Input to addConnection/renameConnection that the vault will not store. The message names the field, never its value. */
export class InvalidConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidConnectionError';
  }
}

export class WeakPassphraseError extends Error {
  constructor(minLength: number) {
    super(`The vault passphrase must be at least ${minLength} characters long.`);
    this.name = 'WeakPassphraseError';
  }
}

/** Optimistic concurrency: the file on disk is not the one this Vault read or last wrote. */
export class VaultChangedError extends Error {
  constructor(path: string) {
    super(`${path} changed on disk since it was unlocked (another keyaudit process, or damage); nothing was saved. Unlock again.`);
    this.name = 'VaultChangedError';
  }
}
