import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SERVER_PORT = Number(process.env.E2E_PORT ?? 4318);
const SIMULATOR_PORT = SERVER_PORT + 1;

/**
 * Starts `keyaudit --demo` the way a user does, reads the one-time launch link it prints,
 * and trades it for a session the specs share. Specs then reach the simulators directly to
 * check what really happened on the "exchange".
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'keyaudit-e2e-'));
  const server = spawn('npx', ['tsx', 'server/src/main.ts', '--demo'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      KEYAUDIT_PORT: String(SERVER_PORT),
      KEYAUDIT_HOME: home,
      KEYAUDIT_DEMO_SIMULATOR_PORT: String(SIMULATOR_PORT),
      KEYAUDIT_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const launchUrl = await waitForLaunchUrl(server);
  const baseUrl = `http://127.0.0.1:${SERVER_PORT}`;
  const launchToken = new URL(launchUrl).hash.replace('#t=', '');
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ launchToken }),
  });
  if (response.status !== 201) throw new Error(`could not start an e2e session: HTTP ${response.status}`);
  const { sessionToken } = (await response.json()) as { sessionToken: string };

  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_SESSION_TOKEN = sessionToken;
  process.env.E2E_SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;

  return async () => {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
    rmSync(home, { recursive: true, force: true });
  };
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
