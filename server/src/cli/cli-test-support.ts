import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAST_KDF_ENV } from '../vault/vault-test-support.ts';
import type { CliContext } from './cli-context.ts';

/** Test-only helpers for the CLI tests. */

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export type CliRun = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Spawns the real CLI (as `npm run keyaudit` does, minus npm) with the given home and passphrase file. */
export function runKeyaudit(
  args: string[],
  options: { home: string; passphraseFile?: string; stdin?: string; env?: Record<string, string>; detached?: boolean; onSpawn?: (child: ChildProcess) => void },
): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, ...FAST_KDF_ENV, KEYAUDIT_HOME: options.home, ...options.env };
  delete env.KEYAUDIT_PASSPHRASE_FILE;
  delete env.KEYAUDIT_NEW_PASSPHRASE_FILE;
  if (options.passphraseFile) env.KEYAUDIT_PASSPHRASE_FILE = options.passphraseFile;
  Object.assign(env, options.env);
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    // detached = new session without a controlling terminal, so /dev/tty cannot be opened.
    detached: options.detached ?? false,
  });
  options.onSpawn?.(child);
  child.stdin.end(options.stdin ?? '');
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

export async function writePrivateFile(dir: string, name: string, content: string, mode = 0o600): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content, { mode });
  return path;
}

/** An in-process context: prompts answered from a list, output captured. */
export function fakeCliContext(options: { dataDir: string; env?: Record<string, string>; answers?: string[]; stdin?: string }) {
  const out = { stdout: '', stderr: '', prompts: [] as { question: string; hidden: boolean }[] };
  const answers = [...(options.answers ?? [])];
  const ctx: CliContext = {
    env: { NODE_ENV: 'test', KEYAUDIT_TEST_FAST_KDF: '1', ...options.env },
    dataDir: options.dataDir,
    stdinIsTerminal: options.stdin === undefined,
    readStdin: async () => options.stdin ?? '',
    stdout: (text) => { out.stdout += text; },
    stderr: (text) => { out.stderr += text; },
    prompt: async (question, { hidden }) => {
      out.prompts.push({ question, hidden });
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected prompt: ${question}`);
      return answer;
    },
  };
  return { ctx, out };
}
