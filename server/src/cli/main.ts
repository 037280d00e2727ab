/** Entry point of `npm run keyaudit -- <command>`. */
import { createCliContext } from './cli-context.ts';
import { runCli } from './run-cli.ts';

process.exitCode = await runCli(process.argv.slice(2), createCliContext());
