import { ZodError } from 'zod';
import { toKeyAnnotation, type KeyAnnotation } from '@contract/key-annotation.ts';
import { toPrintableText } from '@contract/printable-text.ts';
import { annotateKey } from '../../key-annotations/key-annotations-service.ts';
import { joinKeyAnnotations } from '../../key-annotations/key-annotation-scope.ts';
import { CliError, UsageError } from '../cli-errors.ts';
import { openCliWorkspace } from '../open-cli-workspace.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';

const ANNOTATE_ARGS = { positionals: ['apiKey'], flags: { owner: 'string', purpose: 'string', tags: 'string', clear: 'boolean', demo: 'boolean' } } as const;

/** "owner ana; tags #bot #prod; purpose 3Commas DCA bot", printable only (the user's own words, but reaching a terminal). */
export function describeAnnotation(annotation: KeyAnnotation | null): string {
  if (annotation === null) return 'no owner, purpose or tags';
  const parts = [
    annotation.owner && `owner ${annotation.owner}`,
    annotation.tags.length > 0 && `tags ${annotation.tags.map((tag) => `#${tag}`).join(' ')}`,
    annotation.purpose && `purpose ${annotation.purpose}`,
  ].filter((part): part is string => Boolean(part));
  return toPrintableText(parts.join('; ') || 'no owner, purpose or tags', 400);
}

export const annotateCommand: CliCommand = {
  args: ANNOTATE_ARGS,
  usage: '<apiKey> [--owner <name>] [--purpose <text>] [--tags <tag>[,<tag>…]] [--clear] [--demo]',
  summary:
    'Say who uses a key and what for: owner, purpose and tags, kept in the vault. Flags not given keep their value; an empty value ("") clears that field, --clear all three. Without flags, prints them.',
  async run(args, ctx) {
    const { positionals, flags } = parseArgs(args, ANNOTATE_ARGS);
    const edits = (['owner', 'purpose', 'tags'] as const).filter((name) => typeof flags[name] === 'string');
    if (flags.clear === true && edits.length > 0) throw new UsageError('--clear removes owner, purpose and tags: give it alone.');
    const { services, close } = await openCliWorkspace(ctx, { demo: flags.demo === true });
    try {
      const keys = (await services.audits.current().audit()).keys;
      const matches = keys.filter((key) => key.apiKey === positionals.apiKey);
      if (matches.length === 0) throw new CliError('No key with that API key was found in any connection.');
      if (matches.some((key) => key.isApiKeyMasked)) throw new CliError('The exchange lists that key masked, so its API key names no single key: annotate it in the dashboard (its detail panel).');
      if (matches.length > 1) throw new CliError('That API key appears in more than one connection; remove the duplicate connection first.');
      const [key] = matches;
      const current = joinKeyAnnotations([key], await services.annotations.list()).get(key.id) ?? null;
      const account = key.account.kind === 'master' ? 'master account' : `sub-account ${toPrintableText(key.account.name, 64)}`;
      const name = `${toPrintableText(key.label, 80)} (${key.exchange}, ${account})`;
      if (flags.clear !== true && edits.length === 0) {
        ctx.stdout(`${name}: ${describeAnnotation(current)}.\n`);
        return 0;
      }
      let next: KeyAnnotation;
      try {
        next = toKeyAnnotation(flags.clear === true ? {} : {
          owner: typeof flags.owner === 'string' ? flags.owner : current?.owner,
          purpose: typeof flags.purpose === 'string' ? flags.purpose : current?.purpose,
          tags: typeof flags.tags === 'string' ? flags.tags.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '') : current?.tags,
        });
      } catch (error) {
        if (error instanceof ZodError) throw new UsageError(error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`).join('; ') + '.');
        throw error;
      }
      const stored = await annotateKey({ annotations: services.annotations, actions: services.actionLog }, key, next);
      ctx.stdout(`${name}: ${describeAnnotation(stored)}.\n`);
      return 0;
    } finally {
      await close();
    }
  },
};
