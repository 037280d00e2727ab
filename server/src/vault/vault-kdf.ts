import { scrypt } from 'node:crypto';
import { WeakKdfRefusedError } from './vault-errors.ts';

type Env = Record<string, string | undefined>;

export type ScryptParams = { log2N: number; r: number; p: number };

/** Injectable so tests can spy on it and prove that a rejected header never reaches the KDF. */
export type DeriveKey = (passphrase: string, salt: Buffer, params: ScryptParams) => Promise<Buffer>;

export const KEY_BYTES = 32;

/** OWASP Password Storage Cheat Sheet: scrypt N=2^17 (128 MiB), r=8, p=1. */
export const PRODUCTION_SCRYPT: ScryptParams = { log2N: 17, r: 8, p: 1 };
/** Tests only: about 1 ms instead of about 0.4 s. */
export const TEST_FAST_SCRYPT: ScryptParams = { log2N: 10, r: 8, p: 1 };

/** Upper bounds stop a crafted header from making us burn memory/CPU (age: "SHOULD apply an upper limit"). */
export const SCRYPT_BOUNDS = { maxLog2N: 20, r: 8, minP: 1, maxP: 4 } as const;

export const deriveScryptKey: DeriveKey = (passphrase, salt, { log2N, r, p }) =>
  new Promise((resolve, reject) => {
    const N = 2 ** log2N;
    // Node's default maxmem is 32 MiB; scrypt needs about 128·N·r bytes (nodejs/node#21524).
    const maxmem = 128 * N * r + 64 * 2 ** 20;
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

/** True when the test-only fast KDF may be used: KEYAUDIT_TEST_FAST_KDF=1 *and* NODE_ENV=test. */
export function isFastKdfAllowed(env: Env): boolean {
  return env.NODE_ENV === 'test' && env.KEYAUDIT_TEST_FAST_KDF === '1';
}

/** Parameters for a new salt (create, change passphrase). Refuses the fast KDF outside tests. */
export function kdfParamsForNewKey(env: Env): ScryptParams {
  if (env.KEYAUDIT_TEST_FAST_KDF === '1') {
    if (!isFastKdfAllowed(env)) throw new WeakKdfRefusedError();
    return TEST_FAST_SCRYPT;
  }
  return PRODUCTION_SCRYPT;
}

/** Checked on the header before any derivation. */
export function areScryptParamsAcceptable({ log2N, r, p }: ScryptParams, env: Env): boolean {
  const minLog2N = isFastKdfAllowed(env) ? TEST_FAST_SCRYPT.log2N : PRODUCTION_SCRYPT.log2N;
  return (
    log2N >= minLog2N &&
    log2N <= SCRYPT_BOUNDS.maxLog2N &&
    r === SCRYPT_BOUNDS.r &&
    p >= SCRYPT_BOUNDS.minP &&
    p <= SCRYPT_BOUNDS.maxP
  );
}
