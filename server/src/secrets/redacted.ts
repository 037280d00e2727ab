import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { UserFacingError } from '../errors/user-facing-error.ts';

const REDACTED = '[redacted]';

/** The secret was wiped when the vault locked; unlock again to use it. */
export class SecretWipedError extends UserFacingError {
  constructor() {
    super('vault-locked', 'The vault locked while this was running, and its secrets were wiped. Unlock the vault again.');
    this.name = 'SecretWipedError';
  }
}

/**
 * Holds a secret so that printing, JSON-encoding, string interpolation or util.inspect of it (or of any object
 * holding it, such as an error) yields "[redacted]".
 *
 * Between uses the secret is never in memory as such: it is kept XOR-masked with a random pad of its own length,
 * in Buffers that `wipe()` zeroes (as KeePassXC protects entries in memory). A JS string cannot be wiped, so the
 * plaintext exists only for the moment a signer uses it: prefer `withBytes`, which zeroes its copy after.
 */
export class Redacted {
  readonly #masked: Buffer;
  readonly #pad: Buffer;
  #isWiped = false;

  constructor(value: string, scope?: SecretScope) {
    const bytes = Buffer.from(value, 'utf8');
    this.#pad = randomBytes(bytes.length);
    this.#masked = Buffer.alloc(bytes.length);
    for (let i = 0; i < bytes.length; i++) this.#masked[i] = bytes[i] ^ this.#pad[i];
    bytes.fill(0);
    scope?.track(this);
  }

  /** Runs `use` with the secret's bytes, then zeroes them. The HMAC signers take their key this way. */
  withBytes<T>(use: (bytes: Buffer) => T): T {
    if (this.#isWiped) throw new SecretWipedError();
    const bytes = Buffer.alloc(this.#masked.length);
    for (let i = 0; i < bytes.length; i++) bytes[i] = this.#masked[i] ^ this.#pad[i];
    try {
      return use(bytes);
    } finally {
      bytes.fill(0);
    }
  }

  /** The secret as a string, for the places that must send it as text (a passphrase header). */
  reveal(): string {
    return this.withBytes((bytes) => bytes.toString('utf8'));
  }

  /** Zeroes the secret for good; later uses throw SecretWipedError. */
  wipe(): void {
    this.#masked.fill(0);
    this.#pad.fill(0);
    this.#isWiped = true;
  }

  get isWiped(): boolean {
    return this.#isWiped;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

export function redact(value: string, scope?: SecretScope): Redacted {
  return new Redacted(value, scope);
}

/** The secrets of one unlock: locking the vault wipes them all, wherever references to them remain. */
export type SecretScope = ReturnType<typeof createSecretScope>;

export function createSecretScope() {
  const secrets = new Set<Redacted>();
  return {
    track(secret: Redacted) {
      secrets.add(secret);
    },
    wipeAll() {
      for (const secret of secrets) secret.wipe();
      secrets.clear();
    },
  };
}
