import { actionLogPath } from '../../config/data-dir.ts';
import { verifyActionLog } from '../../action-log/verify-action-log.ts';
import { vaultExists } from '../../vault/open-vault.ts';
import { unlockCliVault } from '../cli-vault.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';

export const logVerifyCommand: CliCommand = {
  usage: '[--chain-only]',
  summary: 'Check the action log hash chain and the head anchored in the vault. Exit 1 names the first bad seq.',
  async run(args, ctx) {
    const { flags } = parseArgs(args, { positionals: [], flags: { 'chain-only': 'boolean' } });
    // Unlocking also re-appends an entry lost to an interrupted save (see unlockCliVault).
    const anchored = !flags['chain-only'] && vaultExists(ctx.dataDir) ? (await unlockCliVault(ctx)).vault.actionLogHead : null;
    const verdict = await verifyActionLog(actionLogPath(ctx.dataDir), anchored);
    if (!verdict.ok) {
      ctx.stderr(`Action log damaged at seq ${verdict.firstBadSeq}: ${verdict.reason}.\n`);
      return 1;
    }
    const anchorNote = anchored ? `, head (seq ${anchored.seq}) matches the vault` : flags['chain-only'] ? ' (vault anchor not checked)' : '';
    ctx.stdout(`Action log intact: ${verdict.count} entries${anchorNote}.\n`);
    return 0;
  },
};
