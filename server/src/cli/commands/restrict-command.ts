import { z } from 'zod';
import { EXCHANGE_IDS } from '@contract/exchange-id.ts';
import { exchangeInfo } from '@contract/exchanges.ts';
import { planRestriction, RESTRICT_DROPS, type RestrictDrop, type RestrictKeyState, type RestrictRequest } from '@contract/restriction-plan.ts';
import { toPrintableText } from '@contract/printable-text.ts';
import { ExchangeError } from '../../exchanges/exchange-error.ts';
import { CliError, UsageError } from '../cli-errors.ts';
import { openCliWorkspace } from '../open-cli-workspace.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';

const passphraseJsonSchema = z.object({ passphrase: z.string().min(1).max(256) }).strict();
const KEY_PASSPHRASE_EXCHANGES = EXCHANGE_IDS.filter((id) => exchangeInfo(id).api.restrict.needsKeyPassphrase).map((id) => exchangeInfo(id).name);
/** The exchange changed the key, but the re-read shows something other than what was asked. */
const EXIT_DIFFERS = 4;

const list = (value: string | boolean | undefined) =>
  typeof value === 'string' ? value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '') : undefined;
const isDrop = (word: string): word is RestrictDrop => (RESTRICT_DROPS as readonly string[]).includes(word);

/** "spot, margin | 1.2.3.4" in the exchange's words; exchange text made printable. */
function describeState(state: RestrictKeyState): string {
  const ips = Array.isArray(state.ipWhitelist) ? state.ipWhitelist.join(', ') : state.ipWhitelist === null ? 'any IP' : 'unknown';
  return toPrintableText(`permissions ${state.permissions.join(', ') || '(none)'}; IPs ${ips}`, 1_000);
}

const RESTRICT_ARGS = { positionals: ['apiKey'], flags: { ips: 'string', drop: 'string', 'dry-run': 'boolean', demo: 'boolean' } } as const;

export const restrictCommand: CliCommand = {
  args: RESTRICT_ARGS,
  usage: `<apiKey> [--ips <ip>[,<ip>…]] [--drop ${RESTRICT_DROPS.join('|')}[,…]] [--dry-run] [--demo]`,
  summary:
    `Narrow one key instead of revoking it: bind it to IPs, drop permissions. Prints before → after; --dry-run sends nothing. ` +
    `Exit 0 when the exchange confirmed and the key reads back as asked, 4 when it reads back otherwise, 1 when refused. ` +
    `A key passphrase (${KEY_PASSPHRASE_EXCHANGES.join(', ')}) is read from stdin as {"passphrase": "…"}.`,
  async run(args, ctx) {
    const { positionals, flags } = parseArgs(args, RESTRICT_ARGS);
    const ips = list(flags.ips);
    const drops = list(flags.drop);
    if (!ips && !drops) throw new UsageError('Name --ips or --drop (or both).');
    const unknownDrop = drops?.find((word) => !isDrop(word));
    if (unknownDrop !== undefined) throw new UsageError(`--drop takes ${RESTRICT_DROPS.join(', ')}; not "${unknownDrop}".`);
    const request: RestrictRequest = { ...(ips ? { ips } : {}), ...(drops ? { drop: drops.filter(isDrop) } : {}) };

    const { services, close } = await openCliWorkspace(ctx, { demo: flags.demo === true });
    try {
      const audit = services.audits.current();
      const matches = (await audit.audit()).keys.filter((key) => key.apiKey === positionals.apiKey);
      if (matches.length === 0) throw new CliError('No key with that API key was found in any connection.');
      if (matches.length > 1 && !matches.some((key) => key.isApiKeyMasked)) {
        throw new CliError('That API key appears in more than one connection; remove the duplicate connection first.');
      }
      const [key] = matches;
      const info = exchangeInfo(key.exchange);
      const planned = planRestriction(key, request, info);
      if (!planned.ok) {
        await audit.logRestrictRefused(key, planned.reason);
        throw new UsageError(`${planned.reason} ${info.manageKeysUrl}`);
      }
      const { plan } = planned;
      ctx.stdout(`${key.label} (${info.name}, ${key.account.kind === 'master' ? 'master account' : `sub-account ${key.account.name}`})\n`);
      ctx.stdout(`  before: ${describeState(plan.before)}\n  after:  ${describeState(plan.after)}\n`);
      for (const sentence of plan.forcedAlong) ctx.stdout(`  note: ${sentence}\n`);
      if (flags['dry-run'] === true) {
        ctx.stdout('Dry run: nothing was sent.\n');
        return 0;
      }

      let keyPassphrase: string | undefined;
      if (info.api.restrict.needsKeyPassphrase) {
        if (ctx.stdinIsTerminal) keyPassphrase = await ctx.prompt("This key's own API passphrase (not shown): ", { hidden: true });
        else {
          try {
            keyPassphrase = passphraseJsonSchema.parse(JSON.parse(await ctx.readStdin(4096))).passphrase;
          } catch {
            throw new CliError(`${info.name} needs the key's own passphrase: pipe {"passphrase": "…"} on stdin.`);
          }
        }
      }
      let outcome;
      try {
        outcome = await audit.restrict(key, plan, keyPassphrase);
      } catch (error) {
        if (error instanceof ExchangeError) throw new CliError(`Not restricted: ${error.message}`);
        throw error;
      }
      if (outcome.confirmation === 'differs') {
        if (outcome.reported) ctx.stdout(`  now:    ${describeState(outcome.reported)}\n`);
        throw new CliError(`Restricted, but ${outcome.message}`, EXIT_DIFFERS);
      }
      const check = outcome.confirmation === 'as-asked' ? ' and reads back as asked' : `; ${outcome.message}`;
      ctx.stdout(`Restricted. ${info.name} confirmed the change${check}.\n`);
      return 0;
    } finally {
      await close();
    }
  },
};
