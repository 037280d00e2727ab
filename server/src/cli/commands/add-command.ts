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
import type { CliContext } from '../cli-context.ts';
import type { ExchangeId } from '@contract/exchange-id.ts';
import { EXCHANGE_NAMES } from '@contract/exchanges.ts';
import { toPrintableText } from '@contract/printable-text.ts';
import { fetchTransport } from '../../exchanges/http-transport.ts';
import { createAdapterPool } from '../../workspace/adapter-pool.ts';
import { testCredentials } from '../../workspace/test-credentials.ts';
import type { CliCredentials } from '../read-credentials.ts';

const ADD_ARGS = { positionals: ['exchange'], flags: { label: 'string', 'base-url': 'string', 'no-test': 'boolean' } } as const;

export const addCommand: CliCommand = {
  args: ADD_ARGS,
  usage: '<exchange> --label <label> [--base-url <url>] [--no-test]',
  summary: 'Test a key with its exchange, then store it as a new connection (--no-test: store without asking the exchange). Credentials come as JSON on stdin, or are prompted for. Exit 1, nothing saved, when the exchange refuses the key.',
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
    if (!flags['no-test'] && !(await reportTest(ctx, exchange.data, baseUrl, credentials))) return 1;
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

/**
 * Asks the exchange what the key can do, as the dashboard does before it lets a key be saved. Says what it found;
 * false when the exchange refused (nothing is saved). A key that can do more than an audit needs is saved with a warning.
 */
async function reportTest(ctx: CliContext, exchange: ExchangeId, baseUrl: string | null, credentials: CliCredentials): Promise<boolean> {
  let result;
  try {
    result = await testCredentials(createAdapterPool({ transport: fetchTransport, now: Date.now }).adapterForUnsaved(exchange, baseUrl), credentials);
  } catch (error) {
    // adapterForUnsaved refuses a base URL outside the allowed hosts before anything is sent.
    result = { ok: false, callingKey: null, error: { kind: 'invalid-request' as const, message: error instanceof Error ? error.message : String(error), exchangeCode: null } };
  }
  const name = EXCHANGE_NAMES[exchange];
  if (!result.ok || !result.callingKey) {
    ctx.stderr(`${name} refused these credentials: ${toPrintableText(result.error?.message ?? 'no reason given', 400)}\nNothing was saved. Check the key, or save it untested with --no-test.\n`);
    return false;
  }
  const key = result.callingKey;
  const where = key.account.kind === 'master' ? 'a master account' : `sub-account "${toPrintableText(key.account.name, 64)}"`;
  const whitelist = key.ipWhitelist === null ? 'any IP' : key.ipWhitelist === 'unknown' ? `unknown (not reported by ${name})` : key.ipWhitelist.map((ip) => toPrintableText(ip, 64)).join(', ');
  ctx.stdout(`Tested with ${name}: a key of ${where} with permissions ${key.permissions.map((word) => toPrintableText(word, 64)).join(', ') || '(none listed)'}; IP whitelist: ${whitelist}.\n`);
  if (result.excess) ctx.stderr(`Warning: this key can do more than an audit needs. ${result.excess.why}\n  ${result.excess.fix}\n`);
  return true;
}
