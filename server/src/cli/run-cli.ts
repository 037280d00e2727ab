import { CLI_COMMANDS } from './cli-commands.ts';
import type { CliContext } from './cli-context.ts';
import { UsageError } from './cli-errors.ts';
import type { CliCommand } from './commands/cli-command.ts';
import { describeError, exitCodeFor } from './report-error.ts';

/** Runs one command line and resolves with the exit code: 0 ok, 1 error, 2 usage. Never throws. */
export async function runCli(argv: readonly string[], ctx: CliContext, commands: Record<string, CliCommand> = CLI_COMMANDS): Promise<number> {
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0])) {
    (argv.length === 0 ? ctx.stderr : ctx.stdout)(usageText(commands));
    return argv.length === 0 ? 2 : 0;
  }
  const twoWords = `${argv[0]} ${argv[1] ?? ''}`;
  const name = twoWords in commands ? twoWords : argv[0];
  const command = commands[name];
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
