import { ConnectionNotFoundError } from '../../vault/vault-errors.ts';
import { parseLabel } from '../../vault/new-connection-input.ts';
import { unlockCliVault } from '../cli-vault.ts';
import { UsageError } from '../cli-errors.ts';
import { parseArgs } from '../parse-args.ts';
import { recordAction } from '../record-action.ts';
import type { CliCommand } from './cli-command.ts';

const RENAME_ARGS = { positionals: ['id'], flags: { label: 'string' } } as const;

export const renameCommand: CliCommand = {
  args: RENAME_ARGS,
  usage: '<id> --label <label>',
  summary: 'Change the label of a connection.',
  async run(args, ctx) {
    const { positionals, flags } = parseArgs(args, RENAME_ARGS);
    if (typeof flags.label !== 'string') throw new UsageError('--label is required.');
    const label = parseLabel(flags.label);
    const { vault, log } = await unlockCliVault(ctx);
    const connection = vault.getConnection(positionals.id);
    if (!connection) throw new ConnectionNotFoundError(positionals.id);
    const details = { connectionId: connection.id, from: connection.label, to: label };
    await recordAction(log, { action: 'connection.rename', outcome: 'ok', details }, (head) =>
      vault.renameConnection(connection.id, label, { actionLogHead: head }),
    );
    ctx.stdout(`Renamed ${connection.id} to "${label}".\n`);
    return 0;
  },
};
