import type { CliContext } from '../cli-context.ts';
import type { ArgSpec } from '../parse-args.ts';

/** One CLI command. Register it with one line in ../cli-commands.ts. */
export type CliCommand = {
  /** What run() parses: declared here so the README's command lines can be checked against it (server/test/readme-commands.test.ts). */
  args: ArgSpec<string, string>;
  /** Arguments after the command name, e.g. '<exchange> --label <label> [--base-url <url>]'. */
  usage: string;
  summary: string;
  /** Resolves with the exit code; throws UsageError (exit 2) or any other error (exit 1). */
  run(args: readonly string[], ctx: CliContext): Promise<number>;
};
