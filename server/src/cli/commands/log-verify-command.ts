import { actionLogPath } from '../../config/data-dir.ts';
import { verifyActionLog, type ActionLogVerdict } from '../../action-log/verify-action-log.ts';
import { vaultExists } from '../../vault/open-vault.ts';
import { unlockCliVault } from '../cli-vault.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';

const LOG_VERIFY_ARGS = { positionals: [], flags: { 'chain-only': 'boolean' } } as const;

export const logVerifyCommand: CliCommand = {
  args: LOG_VERIFY_ARGS,
  usage: '[--chain-only]',
  summary: 'Check the action log: hash chain, every MAC and the head anchored in the vault (the last two need the passphrase). Exit 1 names the first bad seq.',
  async run(args, ctx) {
    const { flags } = parseArgs(args, LOG_VERIFY_ARGS);
    // Unlocking also re-appends an entry lost to an interrupted save (see unlockCliVault).
    const vault = !flags['chain-only'] && vaultExists(ctx.dataDir) ? (await unlockCliVault(ctx)).vault : null;
    try {
      const anchored = vault?.actionLogHead ?? null;
      const verdict = await verifyActionLog(actionLogPath(ctx.dataDir), anchored, vault ? () => vault.actionLogMacKey() : undefined);
      if (!verdict.ok) {
        ctx.stderr(`Action log damaged at seq ${verdict.firstBadSeq}: ${verdict.reason}.\n`);
        return 1;
      }
      ctx.stdout(describeVerdict(verdict, anchored));
      return 0;
    } finally {
      vault?.lock();
    }
  },
};

/** Says plainly what was proven, and what was not (docs/security-model.md#log-verification). */
function describeVerdict(verdict: Extract<ActionLogVerdict, { ok: true }>, anchored: { seq: number } | null): string {
  const out: string[] = [];
  if (verdict.macs === 'checked') {
    const anchorNote = anchored ? `, head (seq ${anchored.seq}) matches the vault` : '';
    out.push(`Action log intact: ${verdict.count} entries, hash chain and every MAC check out${anchorNote}.`);
    if (verdict.unauthenticated.length > 0) {
      out.push(
        `Unauthenticated (no MAC: written before log MACs, or while the vault was locked): seq ${formatSeqs(verdict.unauthenticated)}. ` +
          'Those before an authenticated entry are fixed by its hash chain; any after the last one are not.',
      );
    }
  } else {
    out.push(`Hash chain intact: ${verdict.count} entries.`);
    out.push(
      'Not checked without the vault passphrase: the MACs and the head anchored in the vault. Someone who can write ' +
        'this file could have rewritten it and recomputed the chain; run `keyaudit log verify` without --chain-only to exclude that.',
    );
  }
  if (verdict.head) out.push(`Head: seq ${verdict.head.seq} sha256 ${verdict.head.hash} (write it down off this machine to compare later).`);
  return `${out.join('\n')}\n`;
}

/** "1-3, 7" from [1, 2, 3, 7]. */
function formatSeqs(seqs: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < seqs.length; ) {
    let j = i;
    while (j + 1 < seqs.length && seqs[j + 1] === seqs[j] + 1) j++;
    ranges.push(i === j ? `${seqs[i]}` : `${seqs[i]}-${seqs[j]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}
