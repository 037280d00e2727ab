import { LAUNCH_TOKEN_TTL_MS } from '../../http/session-authority.ts';
import { silentLogger } from '../../logging/logger.ts';
import { openInBrowser } from '../../open-in-browser.ts';
import { mintLaunchToken } from '../../runtime/minted-launch-token.ts';
import { readRuntimeFiles } from '../../runtime/runtime-file.ts';
import { CliError } from '../cli-errors.ts';
import { parseArgs } from '../parse-args.ts';
import type { CliCommand } from './cli-command.ts';

const OPEN_ARGS = { positionals: [], flags: { 'no-browser': 'boolean' } } as const;

export const openCommand: CliCommand = {
  args: OPEN_ARGS,
  usage: '[--no-browser]',
  summary: 'Print (and open, on a terminal) a fresh one-time link to the running keyaudit server, from its 0600 runtime file.',
  async run(args, ctx) {
    const { flags } = parseArgs(args, OPEN_ARGS);
    // The newest server of this data directory; its runtime file is removed when it exits cleanly.
    const [server] = await readRuntimeFiles(ctx.dataDir);
    if (!server) throw new CliError(`No keyaudit server is running for ${ctx.dataDir}. Start one with: npm start`);
    const token = mintLaunchToken(Buffer.from(server.secret, 'base64url'), Date.now() + LAUNCH_TOKEN_TTL_MS);
    const url = `http://127.0.0.1:${server.port}/#t=${token}`;
    // Straight to the terminal, never a log: the link opens the dashboard once, for 10 minutes.
    ctx.stdout(`Open this link in your browser (it works once, for 10 minutes):\n\n  ${url}\n`);
    if (!flags['no-browser'] && process.stdout.isTTY) openInBrowser(url, silentLogger);
    return 0;
  },
};
