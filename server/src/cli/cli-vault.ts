import { join } from 'node:path';
import { actionLogPath, VAULT_FILE_NAME } from '../config/data-dir.ts';
import { createActionLog, type ActionLog } from '../action-log/action-log.ts';
import { recoverActionLog } from '../action-log/recover-action-log.ts';
import { verifyActionLog } from '../action-log/verify-action-log.ts';
import { createVault, openVault, vaultExists } from '../vault/open-vault.ts';
import { VaultExistsError } from '../vault/vault-errors.ts';
import { actionLogAnchorOf, type Vault } from '../vault/vault.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-errors.ts';
import { readNewPassphrase, readVaultPassphrase } from './passphrases.ts';

export type UnlockedCliVault = { vault: Vault; log: ActionLog };

/**
 * Unlocks the vault, then brings the action log in line with the head anchored in it: re-appends
 * the last entry if a save was interrupted before the append (docs/security-model.md#anchor-and-recovery), and warns (without
 * blocking the command) when the log fails verification.
 */
export async function unlockCliVault(ctx: CliContext): Promise<UnlockedCliVault> {
  if (!vaultExists(ctx.dataDir)) {
    throw new CliError(`No vault at ${join(ctx.dataDir, VAULT_FILE_NAME)}. Add a connection first: keyaudit add <exchange> --label <label>`);
  }
  const vault = await openVault(ctx.dataDir, await readVaultPassphrase(ctx), { env: ctx.env });
  const log = createActionLog(actionLogPath(ctx.dataDir), { env: ctx.env, anchor: () => actionLogAnchorOf(vault) });
  if ((await recoverActionLog(log.path, vault.actionLogHead)) === 'recovered') {
    ctx.stderr('Recovered the last action-log entry of an interrupted save.\n');
  }
  const verdict = await verifyActionLog(log.path, vault.actionLogHead, () => vault.actionLogMacKey());
  if (!verdict.ok) {
    ctx.stderr(`Warning: the action log fails verification at seq ${verdict.firstBadSeq} (${verdict.reason}). Run: keyaudit log verify\n`);
  }
  return { vault, log };
}

/** Unlocks the vault, or creates one (asking for a new passphrase twice) when there is none yet. */
export async function unlockOrCreateCliVault(ctx: CliContext): Promise<UnlockedCliVault> {
  if (vaultExists(ctx.dataDir)) return unlockCliVault(ctx);
  ctx.stderr(`No vault yet: creating one at ${join(ctx.dataDir, VAULT_FILE_NAME)}.\n`);
  const passphrase = await readNewPassphrase(ctx, 'KEYAUDIT_PASSPHRASE_FILE');
  try {
    const vault = await createVault(ctx.dataDir, passphrase, { env: ctx.env });
    return { vault, log: createActionLog(actionLogPath(ctx.dataDir), { env: ctx.env, anchor: () => actionLogAnchorOf(vault) }) };
  } catch (error) {
    // Another keyaudit process created it a moment ago: use that one.
    if (error instanceof VaultExistsError) return unlockCliVault(ctx);
    throw error;
  }
}
