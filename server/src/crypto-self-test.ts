import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

/**
 * Runs before the server starts (docs/security-model.md#crypto-self-test): the production KDF must work with
 * its memory limit, and AES-GCM must refuse a truncated tag. Either failing means this Node would
 * protect the vault less than promised, so keyaudit refuses to run on it.
 */
export async function runCryptoSelfTest(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.KEYAUDIT_TEST_FAST_KDF && env.NODE_ENV !== 'test') {
    throw new Error('KEYAUDIT_TEST_FAST_KDF weakens the vault and is for the test suite only (NODE_ENV=test). Unset it.');
  }
  await new Promise<void>((resolve, reject) =>
    scrypt('self-test', randomBytes(32), 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 2 ** 20 }, (error) => (error ? reject(error) : resolve())),
  );
  const key = randomBytes(32);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
  const sealed = Buffer.concat([cipher.update('self-test'), cipher.final()]);
  const shortTag = cipher.getAuthTag().subarray(0, 4);
  let acceptedShortTag = true;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
    decipher.setAuthTag(shortTag);
    decipher.update(sealed);
    decipher.final();
  } catch {
    acceptedShortTag = false;
  }
  if (acceptedShortTag) throw new Error('this Node accepts truncated AES-GCM tags; refusing to hold secrets with it.');
}
