import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'r.';

/**
 * A launch token minted outside the server by whoever can read its 0600 runtime file (`keyaudit open`): a nonce and
 * an expiry, signed with the file's secret. The server accepts each nonce once, before the expiry.
 */
export function mintLaunchToken(secret: Buffer, expiresAtMs: number): string {
  const body = `${randomBytes(16).toString('base64url')}.${expiresAtMs.toString(36)}`;
  return `${PREFIX}${body}.${sign(secret, body)}`;
}

/** The token's nonce and expiry when its signature checks out, else null. Expiry and reuse are the caller's to check. */
export function readMintedLaunchToken(secret: Buffer, token: string): { nonce: string; expiresAtMs: number } | null {
  if (!token.startsWith(PREFIX)) return null;
  const [nonce, expiry, signature] = token.slice(PREFIX.length).split('.');
  if (!nonce || !expiry || !signature || !/^[0-9a-z]{1,12}$/.test(expiry)) return null;
  const expected = Buffer.from(sign(secret, `${nonce}.${expiry}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { nonce, expiresAtMs: parseInt(expiry, 36) };
}

function sign(secret: Buffer, body: string): string {
  return createHmac('sha256', secret).update(`keyaudit launch token v1\n${body}`).digest('base64url');
}
