import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createConnectionId, toNewConnection } from '../../vault/new-connection-input.ts';
import { assertPrivateFile } from '../../vault/private-file.ts';
import { redact } from '../../secrets/redacted.ts';
import { credentialFieldsProblem } from '@contract/exchanges.ts';
import { unlockOrCreateCliVault } from '../cli-vault.ts';
import { CliError } from '../cli-errors.ts';
import { maskApiKey } from '@contract/mask-api-key.ts';
import { parseArgs } from '../parse-args.ts';
import { recordAction } from '../record-action.ts';
import type { CliCommand } from './cli-command.ts';

/** The plaintext config keyaudit used before the vault. Unknown extra fields are ignored. */
const legacyConfigSchema = z.object({
  connections: z.array(
    z.object({
      exchange: z.string(),
      label: z.string(),
      apiKey: z.string(),
      secret: z.string(),
      passphrase: z.string().optional(),
      baseUrl: z.string().nullable().optional(),
    }),
  ),
});

const IMPORT_ARGS = { positionals: ['file'], flags: {} } as const;

export const importCommand: CliCommand = {
  args: IMPORT_ARGS,
  usage: '<file>',
  summary: 'Move connections from an old plaintext config file into the vault (creating it if needed).',
  async run(args, ctx) {
    const { positionals } = parseArgs(args, IMPORT_ARGS);
    const file = positionals.file;
    await assertPrivateFile(file); // a file others could read has leaked already: make the user look at it
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      throw new CliError(`${file} is not valid JSON.`); // JSON.parse's message would quote the file
    }
    const parsed = legacyConfigSchema.safeParse(json);
    if (!parsed.success) throw new CliError(`${file} must look like {"connections": [{"exchange", "label", "apiKey", "secret", "passphrase"?, "baseUrl"?}]}.`);

    // Validate every entry before touching the vault, so a bad entry imports nothing.
    const inputs = parsed.data.connections.map((entry, index) => {
      const input = {
        id: createConnectionId(),
        exchange: entry.exchange,
        label: entry.label,
        baseUrl: entry.baseUrl ?? null,
        apiKey: entry.apiKey,
        secret: redact(entry.secret.trim()),
        ...(entry.passphrase ? { passphrase: redact(entry.passphrase) } : {}),
      };
      try {
        const normalised = toNewConnection(input, new Date().toISOString());
        // An empty "passphrase" in an old file meant none, as it did for the tool that wrote it.
        const problem = credentialFieldsProblem(normalised.exchange, { apiKey: entry.apiKey, secret: entry.secret, passphrase: entry.passphrase || undefined });
        if (problem) throw new Error(problem);
        return { ...input, exchange: normalised.exchange, label: normalised.label, apiKey: normalised.credentials.apiKey };
      } catch (error) {
        throw new CliError(`${file}, connection #${index + 1}: ${(error as Error).message} Nothing was imported.`);
      }
    });

    const { vault, log } = await unlockOrCreateCliVault(ctx);
    let imported = 0;
    for (const input of inputs) {
      const existing = (await vault.listConnections()).find((c) => c.exchange === input.exchange && c.credentials.apiKey === input.apiKey);
      const maskedKey = maskApiKey(input.apiKey);
      if (existing) {
        ctx.stderr(`Skipped ${input.exchange} key ${maskedKey}: already stored as ${existing.id}.\n`);
        continue;
      }
      const details = { connectionId: input.id, exchange: input.exchange, label: input.label, maskedKey, source: 'import' };
      await recordAction(log, { action: 'connection.add', outcome: 'ok', details }, (head) => vault.addConnection(input, { actionLogHead: head }));
      ctx.stdout(`Imported ${input.id}: ${input.exchange} "${input.label}", key ${maskedKey}.\n`);
      imported++;
    }
    ctx.stdout(
      `Imported ${imported} connection(s). ${file} still holds these secrets in plain text: delete it now, for example: shred -u '${file}'\n`,
    );
    return 0;
  },
};
