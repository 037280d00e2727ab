import { z } from 'zod';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { ExchangeError } from '../../exchanges/exchange-error.ts';
import { CliError } from '../cli-errors.ts';
import { openCliWorkspace } from '../open-cli-workspace.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';

const passphraseJsonSchema = z.object({ passphrase: z.string().min(1).max(256) }).strict();
const KEY_PASSPHRASE_EXCHANGES = EXCHANGE_IDS.filter((id) => exchangeInfo(id).api.revokeSubKeys === 'api-needs-key-passphrase').map((id) => exchangeInfo(id).name);

const REVOKE_ARGS = { positionals: ['apiKey'], flags: { demo: 'boolean' } } as const;

export const revokeCommand: CliCommand = {
  args: REVOKE_ARGS,
  usage: '<apiKey> [--demo]',
  summary: `Revoke one key through the dashboard's code path and action log. A key passphrase (${KEY_PASSPHRASE_EXCHANGES.join(', ')}) is read from stdin as {"passphrase": "…"}.`,
  async run(args, ctx) {
    const { positionals, flags } = parseArgs(args, REVOKE_ARGS);
    const { services, close } = await openCliWorkspace(ctx, { demo: flags.demo === true });
    try {
      const audit = services.audits.current();
      const matches = (await audit.audit()).keys.filter((key) => key.apiKey === positionals.apiKey);
      if (matches.length === 0) throw new CliError('No key with that API key was found in any connection.');
      // A masked apiKey ("******") names no key: it may match several, and the exchange cannot be asked to delete it.
      const masked = matches.find((key) => key.isApiKeyMasked);
      if (masked) throw new CliError(`${masked.revocability.reason} ${masked.revocability.manageUrl}`);
      if (matches.length > 1) throw new CliError('That API key appears in more than one connection; remove the duplicate connection first.');
      const [key] = matches;
      if (!key.revocability.canRevoke) throw new CliError(`${key.revocability.reason} ${key.revocability.manageUrl}`);

      let keyPassphrase: string | undefined;
      if (key.revocability.how === 'api-needs-key-passphrase') {
        if (ctx.stdinIsTerminal) keyPassphrase = await ctx.prompt("This key's own API passphrase (not shown): ", { hidden: true });
        else {
          let parsed: z.infer<typeof passphraseJsonSchema> | null = null;
          try {
            parsed = passphraseJsonSchema.parse(JSON.parse(await ctx.readStdin(4096)));
          } catch {
            throw new CliError("This exchange needs the key's own passphrase: pipe {\"passphrase\": \"…\"} on stdin.");
          }
          keyPassphrase = parsed.passphrase;
        }
      }
      let outcome;
      try {
        outcome = await audit.revoke(key, keyPassphrase);
      } catch (error) {
        if (error instanceof ExchangeError) throw new CliError(`Not revoked: ${error.message}`);
        throw error;
      }
      if (outcome.confirmation === 'still-listed') throw new CliError(`Not revoked: ${outcome.message}`);
      const account = key.account.kind === 'master' ? 'master account' : `sub-account ${key.account.name}`;
      const check = outcome.confirmation === 'gone' ? ' and no longer lists it' : `; ${outcome.message}`;
      ctx.stdout(`Revoked ${key.label} (${key.exchange}, ${account}). The exchange confirmed the deletion${check}.\n`);
      return 0;
    } finally {
      await close();
    }
  },
};
