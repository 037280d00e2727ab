import { randomBytes } from 'node:crypto';

export function newRequestId(): string {
  return randomBytes(6).toString('hex');
}
