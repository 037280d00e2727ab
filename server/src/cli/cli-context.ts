import { isatty } from 'node:tty';
import { resolveDataDir } from '../config/data-dir.ts';
import { promptOnTerminal } from './terminal-prompt.ts';

type Env = Record<string, string | undefined>;

/** Everything a command touches outside the vault, injectable so commands can be driven in-process. */
export type CliContext = {
  env: Env;
  /** $KEYAUDIT_HOME or ~/.config/keyaudit. */
  dataDir: string;
  /** True when stdin is a terminal; otherwise `add` reads credential JSON from it. */
  stdinIsTerminal: boolean;
  readStdin: (maxBytes: number) => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The terminal's width when stdout is one; undefined when it is piped (tables are then not cut). */
  terminalColumns?: number;
  /** Where a long command shows its progress, when stderr is a terminal (never into a pipe or a log file). */
  progress?: { columns: number; show: (line: string) => void; clear: () => void };
  /** Asks on the controlling terminal (not stdin, which may carry JSON); hidden = no echo. */
  prompt: (question: string, options: { hidden: boolean }) => Promise<string>;
};

export function createCliContext(env: Env = process.env): CliContext {
  return {
    env,
    dataDir: resolveDataDir(env),
    stdinIsTerminal: isatty(0),
    terminalColumns: process.stdout.isTTY ? process.stdout.columns : undefined,
    progress: process.stderr.isTTY ? terminalProgress(process.stderr) : undefined,
    readStdin,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    prompt: promptOnTerminal,
  };
}

async function readStdin(maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw new RangeError(`stdin is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Rewrites one line in place (carriage return, erase line): a status line, not a log. */
function terminalProgress(stream: NodeJS.WriteStream): NonNullable<CliContext['progress']> {
  let shown = false;
  return {
    get columns() {
      return Math.max(20, (stream.columns ?? 80) - 1);
    },
    show(line) {
      stream.write(`\r\u001b[2K${line}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
