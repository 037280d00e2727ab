/**
 * `npm start` as a process: it binds loopback only, prints a one-time link, and refuses to run on a
 * vault others can read or with the test-only fast KDF switched on.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createVault } from '../src/vault/index.ts';
import { runKeyaudit } from '../src/cli/cli-test-support.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const homes: string[] = [];
afterEach(() => homes.splice(0).forEach((home) => rmSync(home, { recursive: true, force: true })));

function newHome(): string {
  const home = mkdtempSync(path.join(os.tmpdir(), 'keyaudit-main-'));
  homes.push(home);
  return home;
}

/** Starts main.ts; resolves on its first launch link or its exit, and always stops it. */
function startMain(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, KEYAUDIT_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const ready = new Promise<{ code: number | null; url: string | null }>((resolve) => {
    child.stdout.on('data', () => {
      const url = /http:\/\/127\.0\.0\.1:\d+\/#t=[\w-]+/.exec(stdout)?.[0];
      if (url) resolve({ code: null, url });
    });
    child.on('exit', (code) => resolve({ code, url: null }));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { ready, output: () => ({ stdout, stderr }), stop: () => child.kill('SIGTERM'), pid: child.pid!, exited };
}

describe('npm start', () => {
  it('prints a one-time link and listens on 127.0.0.1 only', async () => {
    const main = startMain({ KEYAUDIT_HOME: newHome() }, ['--demo']);
    try {
      const { url } = await main.ready;
      expect(url).toMatch(/#t=[\w-]{43}$/);
      const port = Number(new URL(url!).port);
      const external = Object.values(os.networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal);
      if (external) {
        const reachable = await new Promise<boolean>((resolve) => {
          const socket = net.connect(port, external.address, () => (socket.destroy(), resolve(true)));
          socket.on('error', () => resolve(false));
        });
        expect(reachable).toBe(false);
      }
      expect(main.output().stdout).not.toMatch(/secret|passphrase=/i);
    } finally {
      main.stop();
    }
  });

  it('refuses a vault that other users can read, naming the file', async () => {
    const home = newHome();
    (await createVault(home, 'correct horse battery', { env: { NODE_ENV: 'test', KEYAUDIT_TEST_FAST_KDF: '1' } })).lock();
    chmodSync(path.join(home, 'vault.kav'), 0o644);
    const main = startMain({ KEYAUDIT_HOME: home, NODE_ENV: 'test' });
    const { code } = await main.ready;
    expect(code).toBe(1);
    expect(main.output().stderr).toContain(path.join(home, 'vault.kav'));
  });

  it('refuses any file of the data directory that other users can read, not only the vault, naming it', async () => {
    const home = newHome();
    (await createVault(home, 'correct horse battery', { env: { NODE_ENV: 'test', KEYAUDIT_TEST_FAST_KDF: '1' } })).lock();
    writeFileSync(path.join(home, 'policy.json'), '{}', { mode: 0o640 });
    chmodSync(path.join(home, 'policy.json'), 0o640);
    const main = startMain({ KEYAUDIT_HOME: home, NODE_ENV: 'test' });
    const { code } = await main.ready;
    expect(code).toBe(1);
    expect(main.output().stderr).toContain(`${path.join(home, 'policy.json')} is accessible by other users (mode 0640)`);
    expect(main.output().stderr).toContain('chmod 600');
  });

  it('writes a 0600 runtime file from which `keyaudit open` mints fresh one-time links, and removes it on exit', { timeout: 60_000 }, async () => {
    const home = newHome();
    (await createVault(home, 'correct horse battery', { env: { NODE_ENV: 'test', KEYAUDIT_TEST_FAST_KDF: '1' } })).lock();
    const main = startMain({ KEYAUDIT_HOME: home, NODE_ENV: 'test' });
    try {
      const { url } = await main.ready;
      const origin = new URL(url!).origin;
      const runtimeFile = path.join(home, `server-${main.pid}.json`);
      expect(statSync(runtimeFile).mode & 0o777).toBe(0o600);

      const opened = await runKeyaudit(['open', '--no-browser'], { home });
      expect(opened.code, opened.stderr).toBe(0);
      const link = /http:\/\/127\.0\.0\.1:\d+\/#t=(\S+)/.exec(opened.stdout)!;
      expect(link[0].startsWith(`${origin}/#t=`)).toBe(true);
      const trade = () => fetch(`${origin}/api/session`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ launchToken: link[1] }) });
      expect((await trade()).status).toBe(201);
      expect((await trade()).status).toBe(401); // once only
    } finally {
      main.stop();
    }
    await main.exited;
    expect(existsSync(path.join(home, `server-${main.pid}.json`))).toBe(false);
    const none = await runKeyaudit(['open', '--no-browser'], { home });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No keyaudit server is running');
  });

  it('refuses to start with the test-only fast KDF outside the test suite', async () => {
    const main = startMain({ KEYAUDIT_HOME: newHome(), NODE_ENV: 'production', KEYAUDIT_TEST_FAST_KDF: '1' }, ['--demo']);
    const { code } = await main.ready;
    expect(code).toBe(1);
    expect(main.output().stderr).toContain('KEYAUDIT_TEST_FAST_KDF');
  });
});
