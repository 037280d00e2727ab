import { unlockCliVault } from '../cli-vault.ts';
import { parseArgs } from '../parse-args.ts';
import { readNewPassphrase } from '../passphrases.ts';
import { recordAction } from '../record-action.ts';
import type { CliCommand } from './cli-command.ts';

const PASSWD_ARGS = { positionals: [], flags: {} } as const;

export const passwdCommand: CliCommand = {
  args: PASSWD_ARGS,
  usage: '',
  summary: 'Change the vault passphrase (new passphrase from KEYAUDIT_NEW_PASSPHRASE_FILE, or asked twice).',
  async run(args, ctx) {
    parseArgs(args, PASSWD_ARGS);
    const { vault, log } = await unlockCliVault(ctx);
    const newPassphrase = await readNewPassphrase(ctx, 'KEYAUDIT_NEW_PASSPHRASE_FILE');
    await recordAction(log, { action: 'vault.passwd', outcome: 'ok', details: {} }, (head) =>
      vault.changePassphrase(newPassphrase, { actionLogHead: head }),
    );
    ctx.stdout('Vault passphrase changed. Its backup (vault.kav.bak) was rewritten too: the old passphrase opens neither.\n');
    return 0;
  },
};
