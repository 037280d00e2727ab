import { exchangeIdSchema } from '@contract/exchange-id.ts';
import { createConnectionId, parseLabel } from '../../vault/new-connection-input.ts';
import { baseUrlSchema } from '../../vault/vault-content.ts';
import { unlockOrCreateCliVault } from '../cli-vault.ts';
import { UsageError } from '../cli-errors.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { parseArgs } from '../parse-args.ts';
import { readCredentials } from '../read-credentials.ts';
import { recordAction } from '../record-action.ts';
import type { CliCommand } from './cli-command.ts';

const ADD_ARGS = { positionals: ['exchange'], flags: { label: 'string', 'base-url': 'string' } } as const;

export const addCommand: CliCommand = {
  args: ADD_ARGS,
  usage: '<exchange> --label <label> [--base-url <url>]',
  summary: 'Store a new connection. Credentials come as JSON on stdin, or are prompted for.',
  async run(args, ctx) {
    const { positionals, flags } = parseArgs(args, ADD_ARGS);
    const exchange = exchangeIdSchema.safeParse(positionals.exchange);
    if (!exchange.success) throw new UsageError(`Unknown exchange; expected one of: ${exchangeIdSchema.options.join(', ')}.`);
    if (typeof flags.label !== 'string') throw new UsageError('--label is required.');
    const label = parseLabel(flags.label);
    const baseUrl = typeof flags['base-url'] === 'string' ? flags['base-url'] : null;
    if (baseUrl !== null && !baseUrlSchema.safeParse(baseUrl).success) {
      throw new UsageError('--base-url must be an https URL, or http on 127.0.0.1/localhost.');
    }

    // Piped JSON is read (and checked) before a vault is created; prompts come after the unlock,
    // so nobody types a secret only to mistype the vault passphrase afterwards.
    let credentials = ctx.stdinIsTerminal ? undefined : await readCredentials(ctx, exchange.data);
    const { vault, log } = await unlockOrCreateCliVault(ctx);
    credentials ??= await readCredentials(ctx, exchange.data);
    const id = createConnectionId();
    const maskedKey = maskApiKey(credentials.apiKey);
    const connection = await recordAction(
      log,
      { action: 'connection.add', outcome: 'ok', details: { connectionId: id, exchange: exchange.data, label, maskedKey } },
      (head) => vault.addConnection({ id, exchange: exchange.data, label, baseUrl, ...credentials }, { actionLogHead: head }),
    );
    ctx.stdout(`Added ${connection.id}: ${connection.exchange} "${connection.label}", key ${maskedKey}.\n`);
    return 0;
  },
};
