import { WeakPassphraseError } from './vault-errors.ts';

/** The vault is only as strong as its passphrase; scrypt slows guessing, it cannot fix "1234". */
export const MIN_PASSPHRASE_LENGTH = 8;

export function assertPassphraseStrength(passphrase: string): void {
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) throw new WeakPassphraseError(MIN_PASSPHRASE_LENGTH);
}
