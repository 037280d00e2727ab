import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { ConnectionNotFoundError } from '../../vault/vault-errors.ts';
import { unlockCliVault } from '../cli-vault.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { parseArgs } from '../parse-args.ts';
import { recordAction } from '../record-action.ts';
import type { CliCommand } from './cli-command.ts';

const REMOVE_ARGS = { positionals: ['id'], flags: {} } as const;

export const removeCommand: CliCommand = {
  args: REMOVE_ARGS,
  usage: '<id>',
  summary: 'Forget a connection. The key itself stays valid on the exchange.',
  async run(args, ctx) {
    const { positionals } = parseArgs(args, REMOVE_ARGS);
    const { vault, log } = await unlockCliVault(ctx);
    const connection = vault.getConnection(positionals.id);
    if (!connection) throw new ConnectionNotFoundError(positionals.id);
    const details = {
      connectionId: connection.id,
      exchange: connection.exchange,
      label: connection.label,
      maskedKey: maskApiKey(connection.credentials.apiKey),
    };
    await recordAction(log, { action: 'connection.remove', outcome: 'ok', details }, (head) =>
      vault.removeConnection(connection.id, { actionLogHead: head }),
    );
    ctx.stdout(
      `Removed ${connection.id} ("${connection.label}"); its secret is gone from the vault and its backup. ` +
        `The key ${details.maskedKey} still works on ${EXCHANGE_NAMES[connection.exchange]}: revoke it there if nothing else uses it.\n`,
    );
    return 0;
  },
};
