import { readFile } from 'node:fs/promises';
import { assertPrivateFile } from '../vault/private-file.ts';
import { assertPassphraseStrength } from '../vault/passphrase-policy.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-errors.ts';

/**
 * The vault passphrase: from the file named by KEYAUDIT_PASSPHRASE_FILE (automation; the file must
 * be private, like an ssh key), else a no-echo prompt. Never from argv or a plain env var (docs/security-model.md#passphrase-handling).
 */
export async function readVaultPassphrase(ctx: CliContext): Promise<string> {
  const file = ctx.env.KEYAUDIT_PASSPHRASE_FILE;
  return file ? readPassphraseFile(file) : ctx.prompt('Vault passphrase: ', { hidden: true });
}

/**
 * A new passphrase (new vault or `passwd`): from `fileVariable` when set, else asked twice.
 * The strength check runs before the confirmation is asked for.
 */
export async function readNewPassphrase(ctx: CliContext, fileVariable: 'KEYAUDIT_PASSPHRASE_FILE' | 'KEYAUDIT_NEW_PASSPHRASE_FILE'): Promise<string> {
  const file = ctx.env[fileVariable];
  if (file) {
    const passphrase = await readPassphraseFile(file);
    assertPassphraseStrength(passphrase);
    return passphrase;
  }
  const passphrase = await ctx.prompt('New vault passphrase: ', { hidden: true });
  assertPassphraseStrength(passphrase);
  if ((await ctx.prompt('Repeat the new passphrase: ', { hidden: true })) !== passphrase) {
    throw new CliError('The two passphrases differ; nothing was changed.');
  }
  return passphrase;
}

async function readPassphraseFile(path: string): Promise<string> {
  await assertPrivateFile(path);
  const passphrase = (await readFile(path, 'utf8')).replace(/[\r\n]+$/, '');
  if (passphrase === '') throw new CliError(`The passphrase file ${path} is empty.`);
  return passphrase;
}
