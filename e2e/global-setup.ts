import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KUCOIN_DEMO_SUB_CONNECTION } from '../server/src/simulator/kucoin/kucoin-demo-seed.ts';

const SERVER_PORT = Number(process.env.E2E_PORT ?? 4318);
const SIMULATOR_PORT = SERVER_PORT + 1;
const LIVE_PORT = SERVER_PORT + 2;
const SLOW_PORT = SERVER_PORT + 3;
const SLOW_SIMULATOR_PORT = SERVER_PORT + 4;
/**
 * Each simulated exchange answer of the slow demo waits this long: its audit takes about ten times as
 * many seconds, long enough to watch it stream in even on a busy machine.
 */
const SLOW_DEMO_LATENCY_MS = 2_000;
export const E2E_VAULT_PASSPHRASE = 'e2e vault passphrase';

/**
 * Starts `keyaudit --demo` the way a user does, reads the one-time launch link it prints,
 * and trades it for a session the demo specs share. Specs then reach the simulators directly
 * to check what really happened on the "exchange".
 * Also starts a second keyaudit on a vault (made with the CLI, pointed at the same simulators)
 * and leaves its launch link unused, for the live-mode journey; and a third, slow demo (every
 * simulator answer delayed) whose audit lasts long enough to watch it stream in.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'keyaudit-e2e-'));
  const server = startServer(['--demo'], { NODE_ENV: 'production', KEYAUDIT_PORT: String(SERVER_PORT), KEYAUDIT_HOME: home, KEYAUDIT_DEMO_SIMULATOR_PORT: String(SIMULATOR_PORT) });
  const slowHome = mkdtempSync(path.join(os.tmpdir(), 'keyaudit-e2e-slow-'));
  const slow = startServer(['--demo'], {
    NODE_ENV: 'production', KEYAUDIT_PORT: String(SLOW_PORT), KEYAUDIT_HOME: slowHome,
    KEYAUDIT_DEMO_SIMULATOR_PORT: String(SLOW_SIMULATOR_PORT), KEYAUDIT_DEMO_LATENCY_MS: String(SLOW_DEMO_LATENCY_MS),
  });
  const baseUrl = `http://127.0.0.1:${SERVER_PORT}`;
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_SESSION_TOKEN = await startSession(baseUrl, await waitForLaunchUrl(server));
  process.env.E2E_SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
  const slowBaseUrl = `http://127.0.0.1:${SLOW_PORT}`;
  process.env.E2E_SLOW_BASE_URL = slowBaseUrl;
  process.env.E2E_SLOW_SESSION_TOKEN = await startSession(slowBaseUrl, await waitForLaunchUrl(slow));
  process.env.E2E_SLOW_SIMULATOR_URL = `http://127.0.0.1:${SLOW_SIMULATOR_PORT}`;

  const liveHome = mkdtempSync(path.join(os.tmpdir(), 'keyaudit-e2e-live-'));
  // The fast test KDF is honoured only under NODE_ENV=test; the vault code refuses it otherwise.
  const liveEnv = { NODE_ENV: 'test', KEYAUDIT_TEST_FAST_KDF: '1', KEYAUDIT_HOME: liveHome };
  const passphraseFile = path.join(liveHome, '..', `${path.basename(liveHome)}.pass`);
  writeFileSync(passphraseFile, E2E_VAULT_PASSPHRASE, { mode: 0o600 });
  await runCli(['add', 'kucoin', '--label', 'Treasury sub-account', '--base-url', `${process.env.E2E_SIMULATOR_URL}/kucoin`], JSON.stringify({
    apiKey: KUCOIN_DEMO_SUB_CONNECTION.apiKey, secret: KUCOIN_DEMO_SUB_CONNECTION.secret, passphrase: KUCOIN_DEMO_SUB_CONNECTION.passphrase,
  }), { ...liveEnv, KEYAUDIT_PASSPHRASE_FILE: passphraseFile });
  const live = startServer([], { ...liveEnv, KEYAUDIT_PORT: String(LIVE_PORT) });
  process.env.E2E_LIVE_LAUNCH_URL = await waitForLaunchUrl(live);
  // Where the live server's 0600 runtime file is: specs mint fresh one-time links from it, as `keyaudit open` does.
  process.env.E2E_LIVE_HOME = liveHome;

  return async () => {
    for (const child of [server, live, slow]) if (child.pid) process.kill(-child.pid, 'SIGTERM');
    rmSync(home, { recursive: true, force: true });
    rmSync(slowHome, { recursive: true, force: true });
    rmSync(liveHome, { recursive: true, force: true });
    rmSync(passphraseFile, { force: true });
  };
}

/** Trades the launch link's one-time token for a session the specs share. */
async function startSession(baseUrl: string, launchUrl: string): Promise<string> {
  const launchToken = new URL(launchUrl).hash.replace('#t=', '');
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ launchToken }),
  });
  if (response.status !== 201) throw new Error(`could not start an e2e session: HTTP ${response.status}`);
  return ((await response.json()) as { sessionToken: string }).sessionToken;
}

function startServer(args: string[], env: Record<string, string>): ChildProcess {
  return spawn('npx', ['tsx', 'server/src/main.ts', ...args], {
    // The suite audits far more often than a person would: a large simulated quota keeps KuCoin's
    // pacing (tested in the adapter's own tests) from waiting for the next 30 s window here.
    env: { ...process.env, KEYAUDIT_LOG_LEVEL: 'warn', KEYAUDIT_SIMULATOR_RATE_LIMITS: 'relaxed', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
}

function runCli(args: string[], stdin: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'server/src/cli/main.ts', ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.stdin!.end(stdin);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`keyaudit ${args[0]} failed (${code}): ${stderr}`))));
  });
}

function waitForLaunchUrl(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server printed no launch link within 60 s:\n${output}`)), 60_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/http:\/\/127\.0\.0\.1:\d+\/#t=[A-Za-z0-9_-]+/);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}
