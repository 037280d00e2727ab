import { z } from 'zod';
import { EXCHANGE_NAMES, type ExchangeId } from '@contract/exchange-id.ts';
import { redact, type Redacted } from '../secrets/redacted.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-errors.ts';

/** Exchanges whose API keys carry a passphrase of their own (docs/exchanges/kucoin.md#signing, docs/exchanges/okx.md#signing). */
export const EXCHANGES_WITH_KEY_PASSPHRASE: readonly ExchangeId[] = ['kucoin', 'okx'];

export const credentialJsonSchema = z
  .object({ apiKey: z.string(), secret: z.string(), passphrase: z.string().optional() })
  .strict();

export type CliCredentials = { apiKey: string; secret: Redacted; passphrase?: Redacted };

const CREDENTIAL_JSON_HINT = 'Credential JSON on stdin must be {"apiKey": "…", "secret": "…", "passphrase": "…"} (passphrase only for KuCoin and OKX).';

/** From stdin as JSON when it is piped, else prompted (secret and passphrase without echo). */
export async function readCredentials(ctx: CliContext, exchange: ExchangeId): Promise<CliCredentials> {
  const needsPassphrase = EXCHANGES_WITH_KEY_PASSPHRASE.includes(exchange);
  let raw: { apiKey: string; secret: string; passphrase?: string };
  if (!ctx.stdinIsTerminal) {
    // JSON.parse's message quotes the input, and zod may too: report neither, only the hint.
    const text = await ctx.readStdin(16 * 1024).catch(() => { throw new CliError('Credential JSON on stdin is larger than 16 KiB.'); });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CliError(CREDENTIAL_JSON_HINT);
    }
    const parsed = credentialJsonSchema.safeParse(json);
    if (!parsed.success) throw new CliError(CREDENTIAL_JSON_HINT);
    raw = parsed.data;
  } else {
    raw = {
      apiKey: await ctx.prompt('API key: ', { hidden: false }),
      secret: await ctx.prompt('API secret (not shown): ', { hidden: true }),
      ...(needsPassphrase ? { passphrase: await ctx.prompt('API passphrase (not shown): ', { hidden: true }) } : {}),
    };
  }
  const name = EXCHANGE_NAMES[exchange];
  if (needsPassphrase && !raw.passphrase) throw new CliError(`${name} API keys have a passphrase: include "passphrase".`);
  if (!needsPassphrase && raw.passphrase !== undefined) throw new CliError(`${name} API keys have no passphrase: leave "passphrase" out.`);
  return {
    apiKey: raw.apiKey.trim(),
    secret: redact(raw.secret.trim()),
    ...(raw.passphrase === undefined ? {} : { passphrase: redact(raw.passphrase) }),
  };
}
