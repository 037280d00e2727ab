import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redact } from '../secrets/redacted.ts';
import type { NewConnectionInput } from './new-connection-input.ts';
import type { DeriveKey } from './vault-kdf.ts';

/** Test-only helpers shared by the vault, action-log and CLI tests. */

export const FAST_KDF_ENV = { NODE_ENV: 'test', KEYAUDIT_TEST_FAST_KDF: '1' } as const;
export const PASSPHRASE = 'correct horse battery staple';
export const CANARY_SECRET = 'KA_CANARY_SECRET_6f1d2c9e8b7a';
export const CANARY_API_PASSPHRASE = 'KA_CANARY_PASSPHRASE_41c7';
export const CANARY_API_KEY = 'KAKEY0123456789ABCDEF5678';

export function canaryConnection(overrides: Partial<NewConnectionInput> = {}): NewConnectionInput {
  return {
    exchange: 'kucoin',
    label: 'main account',
    baseUrl: null,
    apiKey: CANARY_API_KEY,
    secret: redact(CANARY_SECRET),
    passphrase: redact(CANARY_API_PASSPHRASE),
    ...overrides,
  };
}

/** A stand-in for scrypt: fast and deterministic, so a test can build a vault with production header params. */
export const fakeDeriveKey: DeriveKey = async (passphrase, salt) =>
  createHash('sha256').update(passphrase.normalize('NFC')).update(salt).digest();

export async function makeTempDir(): Promise<{ root: string; dataDir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'keyaudit-test-'));
  return { root, dataDir: join(root, 'data'), cleanup: () => rm(root, { recursive: true, force: true }) };
}

export async function fingerprint(path: string): Promise<{ sha256: string; mtimeMs: number }> {
  const bytes = await readFile(path);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), mtimeMs: (await stat(path)).mtimeMs };
}
