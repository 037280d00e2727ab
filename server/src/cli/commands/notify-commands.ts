import { ALERT_CHANNEL_FIELDS, alertChannelKindSchema, type AlertChannelKind, type AlertChannelSummary } from '@contract/alert-channels.ts';
import { toPrintableText } from '@contract/printable-text.ts';
import type { CliContext } from '../cli-context.ts';
import { CliError, UsageError } from '../cli-errors.ts';
import { openCliWorkspace } from '../open-cli-workspace.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';

const KINDS = alertChannelKindSchema.options.join('|');
const MAX_STDIN_BYTES = 16 * 1024;

/**
 * A URL or token typed as an argument lands in shell history and `ps` for every user of the machine to read:
 * refused before anything else happens, whatever position it is in.
 */
const LOOKS_SECRET = /^[a-z][a-z0-9+.-]*:\/\/|^\d{5,20}:[A-Za-z0-9_-]{20,}|^tk_[A-Za-z0-9]{8,}|hooks\.slack\.com|discord(app)?\.com\/api\/webhooks/i;
function refuseSecretArguments(args: readonly string[]): void {
  if (args.some((arg) => LOOKS_SECRET.test(arg.replace(/^--[a-z-]+=/, '')))) {
    throw new UsageError('Channel URLs and tokens are secrets and are never taken as arguments (they would land in shell history and `ps`). Pipe them as JSON on stdin, or answer the prompts.');
  }
}

function jsonShape(kind: AlertChannelKind): string {
  return `{${ALERT_CHANNEL_FIELDS[kind].map(({ field, optional }) => `"${field}": "…"${optional ? ' (optional)' : ''}`).join(', ')}}`;
}

/** Piped JSON: an object of strings (or null) under the kind's fields. Neither JSON.parse's message nor a value is quoted back. */
async function readPipedSettings(ctx: CliContext, kind: AlertChannelKind): Promise<Record<string, string | null>> {
  const hint = `Channel settings on stdin must be JSON: ${jsonShape(kind)}.`;
  const text = await ctx.readStdin(MAX_STDIN_BYTES).catch(() => {
    throw new CliError(`Channel settings on stdin are larger than ${MAX_STDIN_BYTES / 1024} KiB.`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(hint);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || Object.values(json).some((value) => value !== null && typeof value !== 'string')) throw new CliError(hint);
  return json as Record<string, string | null>;
}

/** One no-echo prompt per secret field (a URL, a token), echoed for the rest; optional ones may be left empty. */
async function promptSettings(ctx: CliContext, kind: AlertChannelKind): Promise<Record<string, string | null>> {
  const answers: Record<string, string | null> = {};
  for (const { field, label, secret, optional, hint } of ALERT_CHANNEL_FIELDS[kind]) {
    answers[field] = await ctx.prompt(`${hint}\n${label}${secret ? ' (not shown)' : ''}${optional ? ' [optional]' : ''}: `, { hidden: secret });
  }
  return answers;
}

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
export function describeLastDelivery(channel: AlertChannelSummary): string {
  const last = channel.lastDelivery;
  if (last === null) return 'never sent';
  const what = last.event === 'test' ? 'test ' : '';
  return last.ok ? `${what}delivered ${when(last.at)}` : `${what}FAILED ${when(last.at)}: ${last.reason ?? 'unknown'}`;
}

const NOTIFY_ADD_ARGS = { positionals: ['kind'], flags: { label: 'string' } } as const;

export const notifyAddCommand: CliCommand = {
  args: NOTIFY_ADD_ARGS,
  usage: `<${KINDS}> --label <label>`,
  summary: 'Add an alert channel for `keyaudit watch`. Its URL and token are secrets kept in the vault: give them as JSON on stdin, or answer the no-echo prompts; never as arguments.',
  async run(args, ctx) {
    refuseSecretArguments(args);
    const { positionals, flags } = parseArgs(args, NOTIFY_ADD_ARGS);
    const kind = alertChannelKindSchema.safeParse(positionals.kind);
    if (!kind.success) throw new UsageError(`Unknown channel kind; expected one of: ${alertChannelKindSchema.options.join(', ')}.`);
    if (typeof flags.label !== 'string') throw new UsageError('--label is required.');
    // Piped settings are read before the unlock, prompts after it (as `keyaudit add` does).
    let settings = ctx.stdinIsTerminal ? undefined : await readPipedSettings(ctx, kind.data);
    const { services, close } = await openCliWorkspace(ctx, { demo: false });
    try {
      settings ??= await promptSettings(ctx, kind.data);
      const added = await services.alerts.add({ kind: kind.data, label: flags.label, config: settings });
      ctx.stdout(`Added ${added.id}: ${added.kind} "${toPrintableText(added.label, 80)}" (${added.description}). Try it: keyaudit notify test ${added.id}\n`);
      return 0;
    } finally {
      await close();
    }
  },
};

const NOTIFY_LIST_ARGS = { positionals: [], flags: { format: 'string' } } as const;

export const notifyListCommand: CliCommand = {
  args: NOTIFY_LIST_ARGS,
  usage: '[--format table|json]',
  summary: 'List the alert channels: id, kind, label, where it points (never its URL or token), and its last delivery.',
  async run(args, ctx) {
    const { flags } = parseArgs(args, NOTIFY_LIST_ARGS);
    const format = flags.format ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError('--format must be one of table, json.');
    const { services, close } = await openCliWorkspace(ctx, { demo: false });
    try {
      const channels = await services.alerts.list();
      if (format === 'json') ctx.stdout(`${JSON.stringify(channels, null, 2)}\n`);
      else if (channels.length === 0) ctx.stdout(`No alert channels yet. Add one: keyaudit notify add <${KINDS}> --label <label>\n`);
      else {
        for (const channel of channels) {
          ctx.stdout(`${channel.id}  ${channel.kind.padEnd(8)}  ${toPrintableText(channel.label, 40).padEnd(20)}  ${channel.description}  ${describeLastDelivery(channel)}\n`);
        }
      }
      return 0;
    } finally {
      await close();
    }
  },
};

const NOTIFY_REMOVE_ARGS = { positionals: ['id'], flags: {} } as const;

export const notifyRemoveCommand: CliCommand = {
  args: NOTIFY_REMOVE_ARGS,
  usage: '<id>',
  summary: 'Remove an alert channel: its URL and token are gone from the vault and its backup.',
  async run(args, ctx) {
    const { positionals } = parseArgs(args, NOTIFY_REMOVE_ARGS);
    const { services, close } = await openCliWorkspace(ctx, { demo: false });
    try {
      const removed = await services.alerts.remove(positionals.id);
      ctx.stdout(`Removed ${removed.id} (${removed.kind} "${toPrintableText(removed.label, 80)}"). The webhook or bot itself still exists at the service: delete it there if nothing else uses it.\n`);
      return 0;
    } finally {
      await close();
    }
  },
};

const NOTIFY_TEST_ARGS = { positionals: ['id'], flags: {} } as const;

export const notifyTestCommand: CliCommand = {
  args: NOTIFY_TEST_ARGS,
  usage: '<id>',
  summary: 'Send a test message to an alert channel. Exit 0 when the service accepted it (2xx), 1 otherwise; prints the status, never the URL.',
  async run(args, ctx) {
    const { positionals } = parseArgs(args, NOTIFY_TEST_ARGS);
    const { services, close } = await openCliWorkspace(ctx, { demo: false });
    try {
      const delivery = await services.alerts.test(positionals.id);
      const attempts = `${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'}`;
      if (delivery.ok) ctx.stdout(`Test message to ${positionals.id} delivered: ${delivery.reason} (${attempts}).\n`);
      else ctx.stderr(`Test message to ${positionals.id} NOT delivered: ${delivery.reason}.\n`);
      return delivery.ok ? 0 : 1;
    } finally {
      await close();
    }
  },
};
