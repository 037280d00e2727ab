import type { ExchangeId } from '@contract/exchange-id.ts';
import { CREDENTIAL_FIELDS, credentialFieldsOf, credentialFieldsProblem, type CredentialField } from '@contract/exchanges.ts';
import { redact, type Redacted } from '../secrets/redacted.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-errors.ts';

export type CliCredentials = { apiKey: string; secret: Redacted; passphrase?: Redacted };

/** '{"apiKey": "…", "secret": "…"}' with exactly the exchange's fields, for error messages. */
function jsonShape(exchange: ExchangeId): string {
  return `{${credentialFieldsOf(exchange).map(({ field }) => `"${field}": "…"`).join(', ')}}`;
}

/**
 * Piped JSON must be an object of strings under exactly the exchange's credential fields. JSON.parse's message
 * quotes the input, and so might a schema's: neither is reported, only the expected shape.
 */
function parseCredentialJson(text: string, exchange: ExchangeId): Partial<Record<CredentialField, string>> {
  const hint = `Credential JSON on stdin must be ${jsonShape(exchange)}.`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(hint);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new CliError(hint);
  const entries = Object.entries(json);
  if (entries.some(([name, value]) => !(CREDENTIAL_FIELDS as readonly string[]).includes(name) || typeof value !== 'string')) throw new CliError(hint);
  return Object.fromEntries(entries) as Partial<Record<CredentialField, string>>;
}

/** One prompt per field of the exchange table, with its label and hint; secret fields without echo. */
async function promptCredentials(ctx: CliContext, exchange: ExchangeId): Promise<Partial<Record<CredentialField, string>>> {
  const answers: Partial<Record<CredentialField, string>> = {};
  for (const { field, label, hint, isSecret } of credentialFieldsOf(exchange)) {
    const question = `${hint ? `${hint}\n` : ''}${label}${isSecret ? ' (not shown)' : ''}: `;
    answers[field] = await ctx.prompt(question, { hidden: isSecret });
  }
  return answers;
}

/** From stdin as JSON when it is piped, else prompted. Exactly the exchange's credential fields, or a CliError. */
export async function readCredentials(ctx: CliContext, exchange: ExchangeId): Promise<CliCredentials> {
  const raw = ctx.stdinIsTerminal
    ? await promptCredentials(ctx, exchange)
    : parseCredentialJson(await ctx.readStdin(16 * 1024).catch(() => { throw new CliError('Credential JSON on stdin is larger than 16 KiB.'); }), exchange);
  const problem = credentialFieldsProblem(exchange, raw);
  if (problem) throw new CliError(problem);
  return {
    apiKey: raw.apiKey!.trim(),
    secret: redact(raw.secret!.trim()),
    ...(raw.passphrase === undefined ? {} : { passphrase: redact(raw.passphrase) }),
  };
}
