import { CLI_COMMANDS } from './cli-commands.ts';
import type { CliContext } from './cli-context.ts';
import { UsageError } from './cli-errors.ts';
import type { CliCommand } from './commands/cli-command.ts';
import { describeError, exitCodeFor } from './report-error.ts';

const HELP_WORDS: readonly string[] = ['help', '--help', '-h'];

/** Runs one command line and resolves with the exit code: 0 ok, 1 error, 2 usage. Never throws. */
export async function runCli(argv: readonly string[], ctx: CliContext, commands: Record<string, CliCommand> = CLI_COMMANDS): Promise<number> {
  const isHelp = (arg: string | undefined) => arg !== undefined && HELP_WORDS.includes(arg);
  // `keyaudit help revoke` reads as `keyaudit revoke --help`.
  if (argv[0] === 'help' && argv.length > 1) return runCli([...argv.slice(1), '--help'], ctx, commands);
  if (argv.length === 0 || isHelp(argv[0])) {
    (argv.length === 0 ? ctx.stderr : ctx.stdout)(usageText(commands));
    return argv.length === 0 ? 2 : 0;
  }
  const twoWords = `${argv[0]} ${argv[1] ?? ''}`;
  const name = twoWords in commands ? twoWords : argv[0];
  const command = commands[name];
  // Asking a command for its help runs nothing, whatever else the line holds.
  if (command && argv.slice(name.split(' ').length).some((arg) => isHelp(arg))) {
    ctx.stdout(`usage: keyaudit ${`${name} ${command.usage}`.trimEnd()}\n\n${command.summary}\n`);
    return 0;
  }
  try {
    if (!command) throw new UsageError(`Unknown command "${argv[0]}".`);
    return await command.run(argv.slice(name.split(' ').length), ctx);
  } catch (error) {
    ctx.stderr(`keyaudit: ${describeError(error)}\n`);
    if (error instanceof UsageError) {
      ctx.stderr(command ? `usage: keyaudit ${name} ${command.usage}\n` : 'Run "keyaudit help" for the list of commands.\n');
    }
    return exitCodeFor(error);
  }
}

export function usageText(commands: Record<string, CliCommand>): string {
  const lines = Object.entries(commands).map(([name, command]) => `  keyaudit ${`${name} ${command.usage}`.trimEnd()}\n      ${command.summary}`);
  return [
    'usage: npm run keyaudit -- <command>',
    '',
    ...lines,
    '',
    'Environment: KEYAUDIT_HOME (data directory, default ~/.config/keyaudit), KEYAUDIT_PASSPHRASE_FILE and',
    'KEYAUDIT_NEW_PASSPHRASE_FILE (files holding the vault passphrase, for automation; must be chmod 600).',
    '',
  ].join('\n');
}
