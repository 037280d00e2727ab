import { UsageError } from './cli-errors.ts';

export type ArgSpec<P extends string, F extends string> = {
  positionals: readonly P[];
  /** Flags that take a value (`--label x` or `--label=x`) or none (boolean). */
  flags: Record<F, 'string' | 'boolean'>;
};

export type ParsedArgs<P extends string, F extends string> = {
  positionals: Record<P, string>;
  flags: Partial<Record<F, string | boolean>>;
};

/** Anything that looks like a credential flag: refused with an explanation rather than "unknown flag". */
const SECRET_FLAG = /secret|pass|key|token|cred/i;

/** A deliberately small parser: exact positionals, declared flags only, `--` ends flags. */
export function parseArgs<P extends string, F extends string>(args: readonly string[], spec: ArgSpec<P, F>): ParsedArgs<P, F> {
  const positionals: string[] = [];
  const flags: Partial<Record<F, string | boolean>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg.length > 1) throw new UsageError(`Unknown option ${arg}.`);
      positionals.push(arg);
      continue;
    }
    const [name, inlineValue] = splitFlag(arg.slice(2));
    if (!(name in spec.flags)) {
      if (SECRET_FLAG.test(name)) {
        throw new UsageError('Secrets are never accepted as arguments (they would land in shell history and `ps`). Pipe credential JSON on stdin or answer the prompts.');
      }
      throw new UsageError(`Unknown option --${name}.`);
    }
    const flag = name as F;
    if (spec.flags[flag] === 'boolean') {
      if (inlineValue !== undefined) throw new UsageError(`--${name} takes no value.`);
      flags[flag] = true;
      continue;
    }
    const value = inlineValue ?? args[++i];
    if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`);
    flags[flag] = value;
  }
  if (positionals.length !== spec.positionals.length) {
    throw new UsageError(positionals.length < spec.positionals.length ? `Missing <${spec.positionals[positionals.length]}>.` : 'Too many arguments.');
  }
  const named = Object.fromEntries(spec.positionals.map((p, i) => [p, positionals[i]])) as Record<P, string>;
  return { positionals: named, flags };
}

function splitFlag(text: string): [string, string | undefined] {
  const equals = text.indexOf('=');
  return equals === -1 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)];
}
