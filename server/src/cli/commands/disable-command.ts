import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { ExchangeError } from '../../exchanges/exchange-error.ts';
import { CliError } from '../cli-errors.ts';
import { openCliWorkspace } from '../open-cli-workspace.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';

/** The exchanges whose API can switch a key off (the exchange table's disableKeys), named in --help. */
const DISABLING_EXCHANGES = EXCHANGE_IDS.filter((id) => exchangeInfo(id).api.disableKeys !== 'none').map((id) => exchangeInfo(id).name);

const DISABLE_ARGS = { positionals: ['apiKey'], flags: { demo: 'boolean' } } as const;

/** `keyaudit disable`: revoke's gentler sibling, through the same audit service, checks and action log as the dashboard. */
export const disableCommand: CliCommand = {
  args: DISABLE_ARGS,
  usage: '<apiKey> [--demo]',
  summary: `Disable one key (it stops working at once, but stays and can be enabled again on the exchange) where the exchange's API can (${DISABLING_EXCHANGES.join(', ')}), through the dashboard's code path and action log.`,
  async run(args, ctx) {
    const { positionals, flags } = parseArgs(args, DISABLE_ARGS);
    const { services, close } = await openCliWorkspace(ctx, { demo: flags.demo === true });
    try {
      const audit = services.audits.current();
      const matches = (await audit.audit()).keys.filter((key) => key.apiKey === positionals.apiKey);
      if (matches.length === 0) throw new CliError('No key with that API key was found in any connection.');
      if (matches.length > 1) throw new CliError('That API key appears in more than one connection; remove the duplicate connection first.');
      const [key] = matches;
      const info = exchangeInfo(key.exchange);
      if (info.api.disableKeys === 'none' || !key.disablability) {
        throw new CliError(`${info.name}'s API cannot disable keys; delete or change this key on ${info.name}'s API page: ${info.manageKeysUrl}`);
      }
      if (!key.disablability.canDisable || key.isDisabled || key.isCallingKey) throw new CliError(`${key.disablability.reason} ${info.manageKeysUrl}`);
      let outcome;
      try {
        outcome = await audit.disable(key);
      } catch (error) {
        if (error instanceof ExchangeError) throw new CliError(`Not disabled: ${error.message}`);
        throw error;
      }
      if (outcome.confirmation === 'differs') throw new CliError(`Not confirmed: ${outcome.message}`);
      const account = key.account.kind === 'master' ? 'master account' : `sub-account ${key.account.name}`;
      const check = outcome.confirmation === 'disabled' ? ' and lists it as disabled' : `; ${outcome.message}`;
      ctx.stdout(`Disabled ${key.label} (${key.exchange}, ${account}). ${info.name} confirmed it${check}. It can be enabled again on ${info.name}'s API page.\n`);
      return 0;
    } finally {
      await close();
    }
  },
};
