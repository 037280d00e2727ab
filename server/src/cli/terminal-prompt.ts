import { openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { CliError } from './cli-errors.ts';

/**
 * Reads one line from /dev/tty in raw mode, echoing nothing when hidden. Uses the controlling
 * terminal rather than stdin, so `cat creds.json | keyaudit add …` can still ask for the vault passphrase.
 */
export async function promptOnTerminal(question: string, { hidden }: { hidden: boolean }): Promise<string> {
  let input: ReadStream;
  let output: WriteStream;
  try {
    input = new ReadStream(openSync('/dev/tty', 'r'));
    output = new WriteStream(openSync('/dev/tty', 'w'));
  } catch {
    throw new CliError('No terminal to ask on. For automation, set KEYAUDIT_PASSPHRASE_FILE to a file only you can read (chmod 600).');
  }
  output.write(question);
  input.setRawMode(true);
  return new Promise<string>((resolve, reject) => {
    let value = '';
    const finish = (outcome: () => void) => {
      input.setRawMode(false);
      input.off('data', onData);
      input.destroy();
      output.end('\n');
      outcome();
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(() => resolve(value));
        if (char === '\u0003' || (char === '\u0004' && value === '')) return finish(() => reject(new CliError('Cancelled.', 130)));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char === '\u0015') value = ''; // Ctrl-U clears the line
        else if (char >= ' ') {
          value += char;
          if (!hidden) output.write(char);
        }
      }
    };
    input.on('data', onData);
  });
}
