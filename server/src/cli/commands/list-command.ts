import { vaultExists } from '../../vault/open-vault.ts';
import { unlockCliVault } from '../cli-vault.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';

const LIST_ARGS = { positionals: [], flags: { json: 'boolean' } } as const;

export const listCommand: CliCommand = {
  args: LIST_ARGS,
  usage: '[--json]',
  summary: 'List stored connections: id, exchange, label, masked API key. Never shows secrets.',
  async run(args, ctx) {
    const { flags } = parseArgs(args, LIST_ARGS);
    if (!vaultExists(ctx.dataDir)) {
      ctx.stderr('No vault yet. Add a connection with: keyaudit add <exchange> --label <label>\n');
      if (flags.json) ctx.stdout('[]\n');
      return 0;
    }
    const { vault } = await unlockCliVault(ctx);
    const rows = (await vault.listConnections()).map((c) => ({
      id: c.id,
      exchange: c.exchange,
      label: c.label,
      maskedKey: maskApiKey(c.credentials.apiKey),
      baseUrl: c.baseUrl,
    }));
    if (flags.json) {
      ctx.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    } else if (rows.length === 0) {
      ctx.stdout('No connections.\n');
    } else {
      ctx.stdout(formatTable([['ID', 'EXCHANGE', 'LABEL', 'KEY', 'BASE URL'], ...rows.map((r) => [r.id, r.exchange, r.label, r.maskedKey, r.baseUrl ?? '-'])]));
    }
    return 0;
  },
};

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => [...row[column]].length)));
  return rows.map((row) => row.map((cell, i) => cell + ' '.repeat(widths[i] - [...cell].length)).join('  ').trimEnd() + '\n').join('');
}
